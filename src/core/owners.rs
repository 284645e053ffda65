/*!
Whose network is this? A LinkedIn `Connections.csv` does not say; the ZIP's
`Profile.csv` does, and otherwise users name files after people
(`ana_Connections.csv`). The guess is matched to the NPS respondents, and
the user can always choose.
*/

use super::company::fold;
use super::import::ImportedFile;
use super::model::{FileKind, NpsResponse, Records};

/// Every NPS response in `files`, in file order (the people a network's
/// owner is matched against).
pub fn responses<'a>(files: impl IntoIterator<Item = &'a ImportedFile>) -> Vec<&'a NpsResponse> {
    files
        .into_iter()
        .flat_map(|f| match &f.records {
            Records::Nps(rows) => rows.as_slice(),
            _ => &[],
        })
        .collect()
}

/// How the ranking names a promoter: the email, else the name.
pub fn respondent_key(r: &NpsResponse) -> String {
    r.email.clone().unwrap_or_else(|| r.name.clone())
}

/// The NPS respondents as (key, label) for owner choices, sorted by label,
/// each key once.
pub fn respondents<'a>(
    responses: impl IntoIterator<Item = &'a NpsResponse>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in responses {
        let key = respondent_key(r);
        if key.is_empty() || !seen.insert(key.clone()) {
            continue;
        }
        let label = if r.name.is_empty() {
            key.clone()
        } else {
            format!("{} — {} ({})", r.name, r.company, r.score)
        };
        out.push((key, label));
    }
    // Keys are unique, so the order is total.
    super::order::sort_by(&mut out, |a, b| {
        (a.1.to_lowercase(), &a.0).cmp(&(b.1.to_lowercase(), &b.0))
    });
    out
}

/// Whose network `file` is: the user's `chosen` owner, else the name the
/// file carries (a LinkedIn ZIP's Profile.csv) matched to a respondent,
/// else a guess from the file name. `None` for files that are not networks.
pub fn owner_of(
    file: &ImportedFile,
    chosen: Option<&str>,
    responses: &[&NpsResponse],
) -> Option<String> {
    if file.kind != FileKind::Connections {
        return None;
    }
    if let Some(o) = chosen.filter(|o| !o.is_empty()) {
        return Some(o.to_string());
    }
    if let Some(name) = &file.owner {
        let n = fold(name);
        return Some(
            responses
                .iter()
                .find(|r| fold(&r.name) == n)
                .map_or_else(|| name.clone(), |r| respondent_key(r)),
        );
    }
    let people: Vec<(String, String, String)> = responses
        .iter()
        .map(|r| {
            (
                respondent_key(r),
                r.name.clone(),
                r.email.clone().unwrap_or_default(),
            )
        })
        .collect();
    guess_owner_from_file_name(&file.file, &people)
}

/// `ana_Connections.csv` → the one respondent whose first name, last name
/// or email name is a word of the file name. `respondents` are
/// (key, full name, email); `None` unless exactly one matches.
pub fn guess_owner_from_file_name(
    file: &str,
    respondents: &[(String, String, String)],
) -> Option<String> {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let words: Vec<String> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(fold)
        .filter(|w| {
            !matches!(
                w.as_str(),
                "connections"
                    | "linkedin"
                    | "export"
                    | "csv"
                    | "basic"
                    | "complete"
                    | "linkedindataexport"
                    | "network"
            )
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut hits: Vec<&String> = respondents
        .iter()
        .filter(|(_, name, email)| {
            let mut parts: Vec<String> = name.split_whitespace().map(fold).collect();
            if let Some(local) = email.split('@').next().filter(|l| !l.is_empty()) {
                parts.extend(local.split(['.', '_', '-']).map(fold));
                parts.push(fold(local));
            }
            words.iter().any(|w| parts.iter().any(|p| p == w))
        })
        .map(|(key, _, _)| key)
        .collect();
    super::order::sort_by(&mut hits, |a, b| a.cmp(b));
    hits.dedup();
    if hits.len() == 1 {
        Some(hits[0].clone())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_from_file_name() {
        let r = vec![
            (
                "ana@x.com".to_string(),
                "Ana Ruiz".to_string(),
                "ana@x.com".to_string(),
            ),
            (
                "ben@y.com".to_string(),
                "Ben Okafor".to_string(),
                "ben@y.com".to_string(),
            ),
            (
                "Chloé Martin".to_string(),
                "Chloé Martin".to_string(),
                String::new(),
            ),
        ];
        assert_eq!(
            guess_owner_from_file_name("ana_Connections.csv", &r),
            Some("ana@x.com".into())
        );
        assert_eq!(
            guess_owner_from_file_name("Connections - okafor.csv", &r),
            Some("ben@y.com".into())
        );
        assert_eq!(
            guess_owner_from_file_name("chloe-connections.csv", &r),
            Some("Chloé Martin".into())
        );
        assert_eq!(guess_owner_from_file_name("Connections.csv", &r), None);
        // Two people match: no guess.
        let r2 = vec![
            r[0].clone(),
            ("ana@z.com".into(), "Ana Lopez".into(), "ana@z.com".into()),
        ];
        assert_eq!(guess_owner_from_file_name("ana.csv", &r2), None);
    }

    fn response(name: &str, email: Option<&str>, score: u8) -> NpsResponse {
        NpsResponse {
            name: name.into(),
            email: email.map(str::to_string),
            company: "Initech".into(),
            score,
            ..NpsResponse::default()
        }
    }

    #[test]
    fn owner_is_chosen_then_named_then_guessed() {
        let ana = response("Ana Ruiz", Some("ana@x.com"), 10);
        let ben = response("Ben Okafor", None, 9);
        let people = [&ana, &ben];
        let mut f = ImportedFile {
            file: "ana_Connections.csv".into(),
            kind: FileKind::Connections,
            ..ImportedFile::default()
        };
        assert_eq!(owner_of(&f, None, &people).as_deref(), Some("ana@x.com"));
        assert_eq!(
            owner_of(&f, Some("Ben Okafor"), &people).as_deref(),
            Some("Ben Okafor")
        );
        // An empty choice is no choice.
        assert_eq!(
            owner_of(&f, Some(""), &people).as_deref(),
            Some("ana@x.com")
        );
        // The profile name wins over the file name, matched without accents or case.
        f.owner = Some("ben okafor".into());
        assert_eq!(owner_of(&f, None, &people).as_deref(), Some("Ben Okafor"));
        f.owner = Some("Zoe Park".into());
        assert_eq!(owner_of(&f, None, &people).as_deref(), Some("Zoe Park"));
        f.kind = FileKind::Nps;
        assert_eq!(owner_of(&f, Some("ana@x.com"), &people), None);
    }

    #[test]
    fn respondents_once_each_sorted_by_label() {
        let a = response("Zed Ames", Some("z@x.com"), 9);
        let b = response("Ana Ruiz", None, 6);
        let again = response("Zed Ames", Some("z@x.com"), 10);
        let nameless = response("", None, 10);
        let r = respondents([&a, &b, &again, &nameless]);
        assert_eq!(
            r,
            vec![
                ("Ana Ruiz".to_string(), "Ana Ruiz — Initech (6)".to_string()),
                ("z@x.com".to_string(), "Zed Ames — Initech (9)".to_string()),
            ]
        );
    }
}
