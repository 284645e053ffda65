/*!
Bytes to text: byte-order marks, UTF-16, and the Windows-1252 fallback.

Valid UTF-8 without a BOM — by far the most common case — is borrowed, not
copied, so a 5 MB network is not duplicated just to be read.

The three conversions are written by hand on top of `std` rather than
taken from `encoding_rs`: that crate dispatches over every encoding it
knows, so linking it pulls its CJK tables (about 200 KB) into the wasm
bundle. UTF-16 is `char::decode_utf16`; Windows-1252 is Latin-1 plus the
32-entry table below, exactly as the WHATWG Encoding Standard defines it.
*/

use std::borrow::Cow;

/// Which encoding the bytes were read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Why bytes could not be read as text at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary(&'static str),
}

/// Recognise common binary formats by their magic numbers, so the message
/// can say what the file really is.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\xd0\xcf\x11\xe0", "an old Excel/Office file (.xls)"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"\0asm", "a WebAssembly module"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// Decode `bytes` to text. UTF-8 is borrowed; everything else is converted.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), NotText> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NotText::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if rest.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(NotText::Empty);
        }
        return Ok(match std::str::from_utf8(rest) {
            Ok(s) => (Cow::Borrowed(s), Encoding::Utf8Bom),
            Err(_) => (String::from_utf8_lossy(rest), Encoding::Utf8Bom),
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return non_empty(utf16(rest, u16::from_le_bytes), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return non_empty(utf16(rest, u16::from_be_bytes), Encoding::Utf16Be);
    }
    if let Some(what) = binary_kind(bytes) {
        return Err(NotText::Binary(what));
    }
    // UTF-16 without a BOM: every other byte of ASCII text is zero.
    let head = &bytes[..bytes.len().min(4096)];
    let zeros_even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let zeros_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let half = head.len() / 2;
    if half >= 4 && zeros_odd * 10 >= half * 8 && zeros_even * 10 < half {
        return non_empty(utf16(bytes, u16::from_le_bytes), Encoding::Utf16Le);
    }
    if half >= 4 && zeros_even * 10 >= half * 8 && zeros_odd * 10 < half {
        return non_empty(utf16(bytes, u16::from_be_bytes), Encoding::Utf16Be);
    }
    // Other NUL bytes, or many control bytes, mean this is no text file.
    let controls = head
        .iter()
        .filter(|b| matches!(**b, 0..=8 | 14..=26 | 28..=31))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err(NotText::Binary("a binary file"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((Cow::Borrowed(s), Encoding::Utf8)),
        Err(_) => Ok((Cow::Owned(windows_1252(bytes)), Encoding::Windows1252)),
    }
}

/// UTF-16 code units to text; unpaired surrogates (and an odd last byte)
/// become U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Cow<'static, str> {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
    }
    Cow::Owned(text)
}

/// Windows-1252 as the WHATWG Encoding Standard defines it: Latin-1, but
/// 0x80–0x9F map to these (the five unassigned bytes to the C1 controls).
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

fn non_empty(text: Cow<'_, str>, enc: Encoding) -> Result<(Cow<'_, str>, Encoding), NotText> {
    if text.trim().is_empty() {
        Err(NotText::Empty)
    } else {
        Ok((text, enc))
    }
}

/// `str::trim`, with a fast path for the usual cell that has nothing to
/// trim. `str::trim` decodes chars from both ends to test the Unicode
/// whitespace property; the import trims every cell it keeps, so this
/// checks one byte at each end first: a printable ASCII byte is neither
/// whitespace nor part of a multi-byte char that might be.
#[inline(always)]
pub fn trim(s: &str) -> &str {
    // `char::is_whitespace` in ASCII is tab, LF, VT, FF, CR and space, all
    // at or below b' '; other control bytes just take the slow path.
    let plain = |b: u8| b > b' ' && b < 0x80;
    match s.as_bytes() {
        [first, .., last] if plain(*first) && plain(*last) => s,
        [only] if plain(*only) => s,
        _ => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed() {
        let (text, enc) = decode("a,b\nc,d\n".as_bytes()).unwrap();
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(enc, Encoding::Utf8);
    }

    #[test]
    fn bom_is_removed() {
        let (text, enc) = decode(b"\xEF\xBB\xBFFirst Name\n").unwrap();
        assert_eq!(text, "First Name\n");
        assert_eq!(enc, Encoding::Utf8Bom);
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë,1\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Zoë,1\n".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(
            decode(&le).unwrap(),
            (Cow::from("Zoë,1\n"), Encoding::Utf16Le)
        );
        assert_eq!(
            decode(&be).unwrap(),
            (Cow::from("Zoë,1\n"), Encoding::Utf16Be)
        );
    }

    #[test]
    fn utf16le_without_bom_is_sniffed() {
        let le: Vec<u8> = "Name,Score\nAda,10\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&le).unwrap().1, Encoding::Utf16Le);
    }

    #[test]
    fn windows_1252_fallback() {
        let (text, enc) = decode(b"Company\nCaf\xe9 M\xfcller\n").unwrap();
        assert_eq!(text, "Company\nCafé Müller\n");
        let (text, _) = decode(b"Name\n\x93Quoted\x94 \x80 100\n").unwrap();
        assert_eq!(text, "Name\n\u{201C}Quoted\u{201D} \u{20AC} 100\n");
        assert_eq!(enc, Encoding::Windows1252);
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(NotText::Empty));
        assert_eq!(decode(b" \r\n\t"), Err(NotText::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF\r\n"), Err(NotText::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(NotText::Binary("a PNG image"))
        );
        assert_eq!(
            decode(b"ab\0\x01\x02\x03cd\0"),
            Err(NotText::Binary("a binary file"))
        );
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "\u{a0}a\u{3000}",
            "a\u{85}",
            "\x01a\x7f",
            "é",
            " é\t",
            "a b",
            "\u{2028}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
}
