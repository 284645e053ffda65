/*!
LinkedIn's data-export ZIP, read as LinkedIn sends it.

`Basic_LinkedInDataExport_MM-DD-YYYY.zip` or `Complete_…` holds
`Connections.csv` (the network), `Profile.csv` (whose network it is) and
`Positions.csv` (their employers), at the root or under a folder, in any
letter case. Only those entries are inflated; every other entry is left
alone, so an odd unrelated file never fails the archive.

Hostile archives are bounded: the entry count is checked before anything is
inflated, and every entry is read through a limit on the bytes it actually
inflates to (not the size its header claims), with a budget shared across
the archive. A ZIP bomb or a lying header ends in a clear problem, not an
exhausted tab.

The archive is read by [`Zip`] below rather than the `zip` crate: reading
the central directory, one entry's local header and inflating it
(`miniz_oxide`, with a limit on the output; CRC-32 by `crc32fast`) is all
this needs, and the crate's general reader (ZIP64, encryption, every extra
field) cost about 10 KB of the app's 400 KB gzip budget. Tests hold it to
archives the `zip` crate writes, and the fuzz target feeds it raw bytes.
*/

use super::import::{import_text, ImportOptions, ImportedFile};
use super::limits::{MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_INFLATED_BYTES};
use super::model::{FileKind, Problem};
use super::table::{human_bytes, Flow, Row, Table};
use super::text::decode;

/// Import a LinkedIn data-export ZIP: its `Connections.csv`, with the owner
/// named from `Profile.csv` and their employer from `Positions.csv`.
pub fn import_zip(file: &str, bytes: &[u8], options: &ImportOptions) -> ImportedFile {
    let mut out = ImportedFile {
        file: file.to_string(),
        ..Default::default()
    };
    let zip = match Zip::new(bytes) {
        Ok(z) => z,
        Err(e) => {
            out.problems.push(Problem::file(format!(
                "{file} is not a readable ZIP archive ({e}). Expected LinkedIn's data export (Basic_ or Complete_LinkedInDataExport_….zip)."
            )));
            return out;
        }
    };
    if zip.len() > MAX_ZIP_ENTRIES {
        out.problems.push(Problem::file(format!(
            "{file} lists {} entries; the limit is {MAX_ZIP_ENTRIES}. LinkedIn's export has a few dozen, so nothing was read.",
            zip.len()
        )));
        return out;
    }
    let find = |zip: &Zip, want: &str| -> Option<usize> {
        (0..zip.len()).find(|&i| {
            let n = zip.name(i);
            let base = n.rsplit(['/', '\\']).next().unwrap_or(&n);
            base.eq_ignore_ascii_case(want) && !n.starts_with("__MACOSX")
        })
    };
    let connections = find(&zip, "Connections.csv");
    let profile = find(&zip, "Profile.csv");
    let positions = find(&zip, "Positions.csv");

    let mut budget = MAX_ZIP_INFLATED_BYTES;
    let Some(connections) = connections else {
        out.problems.push(Problem::file(format!(
            "{file} has no Connections.csv. Expected LinkedIn's data export (Basic_ or Complete_LinkedInDataExport_….zip); request it with \"Connections\" ticked."
        )));
        return out;
    };
    let entry_name = zip.name(connections).into_owned();
    let data = match inflate(&zip, connections, &mut budget) {
        Ok(d) => d,
        Err(msg) => {
            out.problems
                .push(Problem::file(format!("{entry_name} in {file}: {msg}")));
            return out;
        }
    };
    let mut result = match decode(&data) {
        Ok((text, enc)) => import_text(file, &text, enc, options),
        Err(_) => {
            out.problems.push(Problem::file(format!(
                "{entry_name} in {file} is empty or not text."
            )));
            return out;
        }
    };
    result
        .notes
        .insert(0, format!("Read {entry_name} from the archive."));

    if let Some(i) = profile {
        match inflate(&zip, i, &mut budget) {
            Ok(d) => {
                result.owner = first_row_value(&d, |t, rec| {
                    let get = |name: &str| {
                        t.header
                            .iter()
                            .position(|h| h.eq_ignore_ascii_case(name))
                            .and_then(|c| rec.get(c))
                            .map(str::trim)
                    };
                    let name = super::model::join_name(
                        get("First Name").unwrap_or(""),
                        get("Last Name").unwrap_or(""),
                    );
                    Some(name).filter(|n| !n.is_empty())
                })
            }
            Err(msg) => result.notes.push(format!(
                "Profile.csv could not be read ({msg}); choose the owner by hand."
            )),
        }
    }
    if let Some(i) = positions {
        if let Ok(d) = inflate(&zip, i, &mut budget) {
            result.owner_company = first_row_value(&d, |t, rec| {
                let get = |name: &str| {
                    t.header
                        .iter()
                        .position(|h| h.eq_ignore_ascii_case(name))
                        .and_then(|c| rec.get(c))
                        .map(str::trim)
                };
                let finished = get("Finished On").unwrap_or("");
                let company = get("Company Name").unwrap_or("");
                (finished.is_empty() && !company.is_empty()).then(|| company.to_string())
            });
        }
    }
    if result.kind != FileKind::Connections && options.kind.is_none() {
        result.problems.push(Problem::file(format!(
            "{entry_name} in {file} does not look like LinkedIn connections."
        )));
    }
    result
}

/// Inflate one entry, counting what it really inflates to.
fn inflate(zip: &Zip, index: usize, budget: &mut u64) -> Result<Vec<u8>, String> {
    let limit = (*budget).min(MAX_ZIP_ENTRY_BYTES);
    let data = zip.read(index, limit as usize)?;
    *budget -= data.len() as u64;
    Ok(data)
}

/// One entry of the central directory.
struct Entry {
    name_at: usize,
    name_len: usize,
    utf8: bool,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: usize,
    size: usize,
    local: usize,
}

/// A ZIP archive's central directory, read from its bytes.
struct Zip<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Zip<'a> {
    /// Find the end record, check the entry count, read the directory.
    fn new(bytes: &'a [u8]) -> Result<Zip<'a>, String> {
        const END: u32 = 0x0605_4b50;
        const ENTRY: u32 = 0x0201_4b50;
        // The end record is 22 bytes and a comment of up to 64 KB.
        let earliest = bytes.len().saturating_sub(22 + 0xffff);
        let end = (earliest..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| u32_at(bytes, i) == Some(END))
            .ok_or("no end of central directory")?;
        let mut count = u16_at(bytes, end + 10).ok_or("short end record")? as usize;
        let mut dir_at = u32_at(bytes, end + 16).ok_or("short end record")? as usize;
        if count == 0xffff || dir_at == 0xffff_ffff {
            // ZIP64 (more than 65,535 entries, or 4 GB): its own end record,
            // found through the locator just before the classic one.
            let zip64 = end
                .checked_sub(20)
                .filter(|&l| u32_at(bytes, l) == Some(0x0706_4b50))
                .and_then(|l| Some(u32_at(bytes, l + 8)? as usize))
                .filter(|&at| u32_at(bytes, at) == Some(0x0606_4b50))
                .ok_or("a damaged ZIP64 end record")?;
            let wide = |off: usize| {
                u32_at(bytes, zip64 + off)
                    .zip(u32_at(bytes, zip64 + off + 4))
                    .filter(|(_, high)| *high == 0)
                    .map(|(low, _)| low as usize)
                    .ok_or("a damaged ZIP64 end record")
            };
            count = wide(32)?;
            dir_at = wide(48)?;
        }
        if count > MAX_ZIP_ENTRIES {
            // Refused by the caller, before any entry is read.
            return Ok(Zip {
                bytes,
                entries: (0..count)
                    .map(|_| Entry {
                        name_at: 0,
                        name_len: 0,
                        utf8: true,
                        flags: 0,
                        method: 0,
                        crc: 0,
                        compressed: 0,
                        size: 0,
                        local: 0,
                    })
                    .collect(),
            });
        }
        let mut entries = Vec::with_capacity(count);
        let mut at = dir_at;
        for _ in 0..count {
            let field =
                |off: usize| u32_at(bytes, at + off).ok_or("the central directory is cut short");
            let half = |off: usize| {
                u16_at(bytes, at + off)
                    .map(usize::from)
                    .ok_or("the central directory is cut short")
            };
            if field(0)? != ENTRY {
                return Err("the central directory is damaged".into());
            }
            let flags = half(8)? as u16;
            let (name_len, extra_len, comment_len) = (half(28)?, half(30)?, half(32)?);
            if bytes.len() < at + 46 + name_len {
                return Err("the central directory is cut short".into());
            }
            let (compressed, size, local) = (field(20)?, field(24)?, field(42)?);
            if [compressed, size, local].contains(&0xffff_ffff) {
                return Err("an entry is stored as ZIP64, which LinkedIn does not send".into());
            }
            entries.push(Entry {
                name_at: at + 46,
                name_len,
                utf8: flags & 0x800 != 0,
                flags,
                method: half(10)? as u16,
                crc: field(16)?,
                compressed: compressed as usize,
                size: size as usize,
                local: local as usize,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Zip { bytes, entries })
    }

    fn len(&self) -> usize {
        self.entries.len()
    }

    /// Entry `i`'s name (UTF-8, else read as Latin-1: LinkedIn's are ASCII).
    fn name(&self, i: usize) -> std::borrow::Cow<'a, str> {
        let e = &self.entries[i];
        let raw = &self.bytes[e.name_at..e.name_at + e.name_len];
        match std::str::from_utf8(raw) {
            Ok(s) => s.into(),
            Err(_) if !e.utf8 => raw.iter().map(|&b| b as char).collect::<String>().into(),
            Err(_) => String::from_utf8_lossy(raw),
        }
    }

    /// Entry `i`'s contents, refused if they inflate past `limit` bytes
    /// (counted as they inflate) or do not match their checksum and size.
    fn read(&self, i: usize, limit: usize) -> Result<Vec<u8>, String> {
        const LOCAL: u32 = 0x0403_4b50;
        let e = &self.entries[i];
        let damaged = |why: &str| format!("is damaged ({why})");
        if e.flags & 1 != 0 {
            return Err("is encrypted, which LinkedIn's export never is".into());
        }
        if u32_at(self.bytes, e.local) != Some(LOCAL) {
            return Err(damaged("no local header"));
        }
        let name_len = u16_at(self.bytes, e.local + 26).ok_or_else(|| damaged("cut short"))?;
        let extra_len = u16_at(self.bytes, e.local + 28).ok_or_else(|| damaged("cut short"))?;
        let start = e.local + 30 + name_len as usize + extra_len as usize;
        let raw = self
            .bytes
            .get(start..start.saturating_add(e.compressed))
            .ok_or_else(|| damaged("cut short"))?;
        let data = match e.method {
            0 if raw.len() > limit => return Err(too_big(limit)),
            0 => raw.to_vec(),
            8 => {
                // One byte past the limit tells that it was crossed.
                match miniz_oxide::inflate::decompress_to_vec_with_limit(raw, limit + 1) {
                    Ok(d) if d.len() > limit => return Err(too_big(limit)),
                    Ok(d) => d,
                    Err(err) if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                        return Err(too_big(limit))
                    }
                    Err(_) => return Err(damaged("the compressed data is broken")),
                }
            }
            m => {
                return Err(format!(
                    "is compressed with method {m}, which is not read here"
                ))
            }
        };
        if data.len() != e.size || crc32fast::hash(&data) != e.crc {
            return Err(damaged("its size or checksum does not match"));
        }
        Ok(data)
    }
}

fn too_big(limit: usize) -> String {
    format!(
        "inflates past {} (a ZIP bomb, or a damaged archive); refused",
        human_bytes(limit)
    )
}

/// The first data row's value according to `pick`, from a small CSV.
fn first_row_value(bytes: &[u8], pick: impl Fn(&Table, &Row) -> Option<String>) -> Option<String> {
    let (text, _) = decode(bytes).ok()?;
    let table = Table::sniff(&text, super::columns::header_score);
    let mut found = None;
    let mut ignore = Vec::new();
    table.for_each_row(&mut ignore, |_, rec| {
        found = pick(&table, rec);
        if found.is_some() {
            Flow::Stop
        } else {
            Flow::Continue
        }
    });
    found
}
