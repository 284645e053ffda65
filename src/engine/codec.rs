/*!
An import moved between workers: the reader worker imports a file and
hands the engine the result as one transferable byte buffer.

Connections are most of the bytes, and [`Connections`] is already two
buffers (the rows' text and each row's spans in it), so they go as those
(little-endian), which decode with two copies and a check of the spans
instead of millions of allocations. Everything else about the file
(summary, columns, problems, and the rows of the smaller kinds) goes as
JSON.

```text
u32 JSON length │ JSON (ImportedFile without connection rows, import ms)
u32 row count (u32::MAX: the rows are in the JSON) │ u32 text length │ text
per row: u32 start │ 7 × u32 field ends │ u8 fields present │ i64 day (i64::MIN: none)
```

Plain data, bytes in and values out; compiled and tested natively.
*/

use serde::{Deserialize, Serialize};

use crate::core::import::ImportedFile;
use crate::core::model::{Connections, Records};

const NONE: u32 = u32::MAX;

#[derive(Serialize, Deserialize)]
struct Head {
    imported: ImportedFile,
    import_ms: f64,
}

/// The import and its time, as bytes for [`decode`].
pub fn encode(mut imported: ImportedFile, import_ms: f64) -> Vec<u8> {
    let rows = match &mut imported.records {
        Records::Connections(rows) => Some(std::mem::take(rows)),
        _ => None,
    };
    // `to_string`/`from_str`, the same serde_json entry points as the rest
    // of the app: a second reader type would copy every decoder in the wasm.
    let json = serde_json::to_string(&Head {
        imported,
        import_ms,
    })
    .expect("an import serialises");
    let parts = rows.as_ref().map(Connections::to_parts);
    let size = parts
        .as_ref()
        .map_or(0, |(text, rows)| 8 + text.len() + rows.len() * ROW);
    let mut out = Vec::with_capacity(8 + json.len() + size);
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(json.as_bytes());
    match parts {
        None => out.extend_from_slice(&NONE.to_le_bytes()),
        Some((text, rows)) => {
            out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
            out.extend_from_slice(&(text.len() as u32).to_le_bytes());
            out.extend_from_slice(text.as_bytes());
            for (start, ends, present, day) in rows {
                out.extend_from_slice(&start.to_le_bytes());
                for end in ends {
                    out.extend_from_slice(&end.to_le_bytes());
                }
                out.push(present);
                out.extend_from_slice(&day.to_le_bytes());
            }
        }
    }
    out
}

/// Bytes per row: start, seven ends, present, day.
const ROW: usize = 4 + 7 * 4 + 1 + 8;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|end| *end <= self.bytes.len())
            .ok_or("the import's bytes end early")?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// The import [`encode`] wrote, or what is wrong with the bytes.
pub fn decode(bytes: &[u8]) -> Result<(ImportedFile, f64), String> {
    let mut r = Reader { bytes, at: 0 };
    let n = r.u32()? as usize;
    let json = std::str::from_utf8(r.take(n)?).map_err(|e| e.to_string())?;
    let head: Head = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut imported = head.imported;
    let count = r.u32()?;
    if count != NONE {
        let text_len = r.u32()? as usize;
        let text = std::str::from_utf8(r.take(text_len)?)
            .map_err(|_| "the import's text is not UTF-8".to_string())?
            .to_string();
        let table = r.take((count as usize).checked_mul(ROW).ok_or("too many rows")?)?;
        let rows = table.chunks_exact(ROW).map(|b| {
            let mut ends = [0u32; 7];
            for (i, e) in ends.iter_mut().enumerate() {
                *e = u32_at(b, 4 + 4 * i);
            }
            let d = &b[33..41];
            let day = i64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]);
            (u32_at(b, 0), ends, b[32], day)
        });
        imported.records = Records::Connections(Connections::from_parts(text, rows)?);
    }
    if r.at != bytes.len() {
        return Err("the import has bytes left over".to_string());
    }
    Ok((imported, head.import_ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::Date;
    use crate::core::import::{import_file, ImportOptions};
    use crate::core::model::Connection;

    fn fixture(path: &str) -> ImportedFile {
        let bytes = std::fs::read(format!(
            "{}/tests/fixtures/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture");
        import_file(path, &bytes, &ImportOptions::default())
    }

    #[test]
    fn imports_of_every_kind_come_back_equal() {
        for path in [
            "connections/linkedin_2026_preamble_url.csv",
            "connections/linkedin_2018_no_preamble.csv",
            "connections/excel_resave_semicolon_es.csv",
            "zip/Basic_LinkedInDataExport_02-07-2026.zip",
            "nps/delighted.csv",
            "accounts/hubspot_companies.csv",
        ] {
            let f = fixture(path);
            let (back, ms) = decode(&encode(f.clone(), 41.5)).expect(path);
            assert_eq!(back, f, "{path}");
            assert_eq!(ms, 41.5);
        }
    }

    #[test]
    fn every_field_shape_survives() {
        let rows = vec![
            Connection {
                first_name: "Zoë".into(),
                last_name: "O\"Neil, 한국".into(),
                url: Some("https://www.linkedin.com/in/zoe".into()),
                other_url: None,
                email: Some("".into()),
                company: "The \"Best\" Widgets Co 🚀".into(),
                title: String::new(),
                connected_on: Date::new(1970, 1, 1),
            },
            Connection {
                connected_on: Date::new(1899, 12, 31),
                other_url: Some("https://www.linkedin.com/in/ACoAAB".into()),
                ..Connection::default()
            },
            Connection::default(),
        ];
        let f = ImportedFile {
            file: "x.csv".into(),
            records: Records::Connections(rows.into()),
            ..ImportedFile::default()
        };
        assert_eq!(decode(&encode(f.clone(), 0.0)).unwrap().0, f);
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        let f = fixture("connections/linkedin_2026_preamble_url.csv");
        let bytes = encode(f, 1.0);
        for cut in [0, 3, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
        let json_len = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
        let rows_at = 4 + json_len;
        // A row count far beyond the bytes.
        let mut lying = bytes.clone();
        lying[rows_at..rows_at + 4].copy_from_slice(&0x7fff_ffffu32.to_le_bytes());
        assert!(decode(&lying).is_err());
        // Spans that do not fit the text: every byte of the first row's
        // spans changed in turn is refused or reads back the same.
        let count = u32::from_le_bytes(bytes[rows_at..rows_at + 4].try_into().unwrap()) as usize;
        let text_len =
            u32::from_le_bytes(bytes[rows_at + 4..rows_at + 8].try_into().unwrap()) as usize;
        let table = rows_at + 8 + text_len;
        assert_eq!(bytes.len(), table + count * ROW);
        let good = decode(&bytes).unwrap();
        for i in table..table + ROW {
            let mut bad = bytes.clone();
            bad[i] ^= 0x41;
            if let Ok(back) = decode(&bad) {
                // Only which fields are there and the date can change
                // without breaking a span.
                assert!(i >= table + 32, "byte {i} changed and still decoded");
                assert_ne!(back, good);
            }
        }
    }
}
