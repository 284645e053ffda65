/*!
Whose network is this? A LinkedIn `Connections.csv` does not say; the ZIP's
`Profile.csv` does, and otherwise users name files after people
(`ana_Connections.csv`). The guess is matched to the NPS respondents, and
the user can always choose.
*/

use super::company::fold;

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
    hits.sort();
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
}
