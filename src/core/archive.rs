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
*/

use std::io::{Cursor, Read};

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
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
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
    let find = |zip: &zip::ZipArchive<Cursor<&[u8]>>, want: &str| -> Option<usize> {
        (0..zip.len()).find(|&i| {
            zip.name_for_index(i).and_then(Result::ok).is_some_and(|n| {
                let base = n.rsplit(['/', '\\']).next().unwrap_or(&n);
                base.eq_ignore_ascii_case(want) && !n.starts_with("__MACOSX")
            })
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
    let entry_name = zip
        .name_for_index(connections)
        .and_then(Result::ok)
        .map_or_else(|| "Connections.csv".to_string(), |n| n.to_string());
    let data = match inflate(&mut zip, connections, &mut budget) {
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
        match inflate(&mut zip, i, &mut budget) {
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
        if let Ok(d) = inflate(&mut zip, i, &mut budget) {
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
fn inflate(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    budget: &mut u64,
) -> Result<Vec<u8>, String> {
    let entry = zip
        .by_index(index)
        .map_err(|e| format!("cannot be read ({e})"))?;
    let limit = (*budget).min(MAX_ZIP_ENTRY_BYTES);
    let mut data = Vec::new();
    // Read one byte past the limit to know it was crossed; never trust the
    // declared size for the allocation.
    let mut limited = entry.take(limit + 1);
    if let Err(e) = limited.read_to_end(&mut data) {
        return Err(format!("is damaged ({e})"));
    }
    if data.len() as u64 > limit {
        return Err(format!(
            "inflates past {} (a ZIP bomb, or a damaged archive); refused",
            human_bytes(limit as usize)
        ));
    }
    *budget -= data.len() as u64;
    Ok(data)
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
