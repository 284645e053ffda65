//! Every export format users drop, one fixture each (tests/fixtures/),
//! pinned by exact counts and field values.

use referral_radar::core::columns::Role;
use referral_radar::core::model::{AccountRole, Records};
use referral_radar::core::text::Encoding;
use referral_radar::core::{import_file, FileKind, ImportOptions, ImportedFile};

fn fixture(path: &str) -> ImportedFile {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    let name = path.rsplit('/').next().unwrap();
    import_file(name, &bytes, &ImportOptions::default())
}

/// (kind, rows kept, rows skipped, problems)
fn counts(f: &ImportedFile) -> (FileKind, usize, usize, usize) {
    (f.kind, f.rows, f.skipped, f.problems.len())
}

fn role_of(f: &ImportedFile, header: &str) -> Option<Role> {
    f.columns
        .iter()
        .find(|c| c.header == header)
        .and_then(|c| c.role)
}

// ---------------------------------------------------------------- networks

#[test]
fn excel_resave_semicolon_reordered_spanish_months() {
    let f = fixture("connections/excel_resave_semicolon_es.csv");
    assert_eq!(
        counts(&f),
        (FileKind::Connections, 5, 1, 1),
        "{:?}",
        f.problems
    );
    assert_eq!(f.delimiter.as_deref(), Some("semicolon"));
    let Records::Connections(c) = &f.records else {
        panic!()
    };
    let c = c.to_vec();
    assert_eq!(c[0].full_name(), "Ana Ruiz");
    assert_eq!(c[0].company, "Grupo Bimbo S.A.B. de C.V.");
    assert_eq!(c[0].connected_on.unwrap().to_string(), "2009-10-30");
    assert_eq!(c[1].connected_on.unwrap().to_string(), "2021-01-15");
    assert_eq!(c[2].company, "Iberdrola; Renovables");
    assert_eq!(c[2].connected_on.unwrap().to_string(), "2022-09-09");
    assert_eq!(c[3].connected_on.unwrap().to_string(), "2023-04-01");
    // An unreadable date is a problem on its row, and the row is kept.
    assert_eq!(c[4].connected_on, None);
    assert_eq!(f.problems[0].row, Some(7));
    assert!(f.problems[0].message.contains("\"fecha rara\""));
}

#[test]
fn excel_unicode_text_is_utf16le_tab_separated() {
    let f = fixture("connections/excel_unicode_text_utf16le.txt");
    assert_eq!(counts(&f), (FileKind::Connections, 3, 0, 0));
    assert_eq!(f.encoding, Some(Encoding::Utf16Le));
    assert_eq!(f.delimiter.as_deref(), Some("tab"));
    let Records::Connections(c) = &f.records else {
        panic!()
    };
    let c = c.to_vec();
    assert_eq!(c[0].title, "Directeur général");
    assert_eq!(c[1].full_name(), "Gérard Lefèvre");
    assert_eq!(c[1].email.as_deref(), Some("gerard@example.fr"));
    assert_eq!(c[2].connected_on.unwrap().to_string(), "2019-02-28");
}

#[test]
fn windows_1252_is_read_and_said() {
    let f = fixture("connections/excel_windows1252.csv");
    assert_eq!(counts(&f), (FileKind::Connections, 2, 0, 0));
    assert_eq!(f.encoding, Some(Encoding::Windows1252));
    assert!(f.notes.iter().any(|n| n.contains("Windows-1252")));
    let Records::Connections(c) = &f.records else {
        panic!()
    };
    let c = c.to_vec();
    assert_eq!(c[0].full_name(), "Zoë Müller");
    assert_eq!(c[0].company, "Café Crème SARL");
    assert_eq!(c[1].title, "\u{201C}Director\u{201D} Comercial");
    assert_eq!(c[1].company, "Niño & Hijos");
}

#[test]
fn bom_crlf_country_subdomain_and_opaque_urls() {
    let f = fixture("connections/linkedin_bom_crlf.csv");
    assert_eq!(counts(&f), (FileKind::Connections, 3, 0, 0));
    assert_eq!(f.encoding, Some(Encoding::Utf8Bom));
    let Records::Connections(c) = &f.records else {
        panic!()
    };
    let c = c.to_vec();
    assert_eq!(
        c[0].url.as_deref(),
        Some("https://www.linkedin.com/in/ingrid-berg")
    );
    assert_eq!(
        c[1].url.as_deref(),
        Some("https://www.linkedin.com/in/jonas-weber")
    );
    // An opaque member id has no canonical form but is kept as written.
    assert_eq!(c[2].url, None);
    assert_eq!(
        c[2].other_url.as_deref(),
        Some("https://www.linkedin.com/in/ACwAAAB1c2VyMTIzNDU2Nzg5")
    );
}

#[test]
fn utf16be_with_bom() {
    let f = fixture("hostile/utf16be_with_bom.csv");
    assert_eq!(counts(&f), (FileKind::Connections, 2, 0, 0));
    assert_eq!(f.encoding, Some(Encoding::Utf16Be));
    let Records::Connections(c) = &f.records else {
        panic!()
    };
    let c = c.to_vec();
    assert_eq!(c[0].full_name(), "Åsa Öberg");
    assert_eq!(c[1].title, "Chief Product Officer");
}

#[test]
fn unterminated_quote_loses_one_row_not_the_file() {
    let f = fixture("hostile/unterminated_quote.csv");
    assert_eq!(counts(&f), (FileKind::Connections, 3, 1, 1));
    assert_eq!(f.problems[0].row, Some(3));
    let Records::Connections(c) = &f.records else {
        panic!()
    };
    let c = c.to_vec();
    let names: Vec<String> = c.iter().map(|c| c.full_name()).collect();
    assert_eq!(names, ["Ann Lee", "Cat Moss", "Dan Reed"]);
}

// ---------------------------------------------------------------- ZIPs

#[test]
fn basic_export_zip_names_owner_and_employer() {
    let f = fixture("zip/Basic_LinkedInDataExport_02-07-2026.zip");
    assert_eq!(
        counts(&f),
        (FileKind::Connections, 8, 2, 0),
        "{:?}",
        f.problems
    );
    assert_eq!(f.owner.as_deref(), Some("Maya Lindqvist"));
    assert_eq!(f.owner_company.as_deref(), Some("Northwind Traders"));
    let Records::Connections(c) = &f.records else {
        panic!()
    };
    let c = c.to_vec();
    assert_eq!(c[0].full_name(), "Layla Moreau");
}

#[test]
fn complete_export_zip_with_folder_lower_case_and_odd_files() {
    let f = fixture("zip/Complete_LinkedInDataExport_11-30-2026.zip");
    assert_eq!(
        counts(&f),
        (FileKind::Connections, 5, 1, 0),
        "{:?}",
        f.problems
    );
    // PROFILE.CSV in capitals, connections.csv in lower case, under a folder;
    // a UTF-16 Invitations.csv and a binary file alongside do not matter.
    assert_eq!(f.owner.as_deref(), Some("Tobias Achterberg"));
    assert_eq!(f.owner_company, None);
}

#[test]
fn zip_without_connections_says_what_to_request() {
    let f = fixture("zip/no_connections.zip");
    assert_eq!(counts(&f), (FileKind::Unknown, 0, 0, 1));
    assert!(f.problems[0].message.contains("has no Connections.csv"));
}

#[test]
fn zip_bomb_is_refused_within_the_limit() {
    let f = fixture("hostile/bomb_LinkedInDataExport.zip");
    assert_eq!(counts(&f), (FileKind::Unknown, 0, 0, 1));
    assert!(
        f.problems[0].message.contains("inflates past 64.0 MB"),
        "{}",
        f.problems[0].message
    );
}

#[test]
fn zip_with_lying_sizes_is_refused() {
    let f = fixture("hostile/lying_sizes.zip");
    assert_eq!(counts(&f), (FileKind::Unknown, 0, 0, 1));
    assert!(
        f.problems[0]
            .message
            .starts_with("Connections.csv in lying_sizes.zip"),
        "{}",
        f.problems[0].message
    );
}

#[test]
fn zip_with_too_many_entries_is_refused_before_inflating() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for i in 0..20_001 {
            z.start_file(format!("f{i}"), opts).unwrap();
        }
        z.start_file("Connections.csv", opts).unwrap();
        z.write_all(b"First Name,Last Name,Company,Position,Connected On\nA,B,C,D,07 Feb 2026\n")
            .unwrap();
        z.finish().unwrap();
    }
    let f = import_file("many.zip", buf.get_ref(), &ImportOptions::default());
    assert_eq!(counts(&f), (FileKind::Unknown, 0, 0, 1));
    assert!(
        f.problems[0].message.contains("lists 20002 entries"),
        "{}",
        f.problems[0].message
    );
}

// ---------------------------------------------------------------- lead lists

#[test]
fn phantombuster_sales_navigator_export() {
    let f = fixture("leads/phantombuster_sales_navigator.csv");
    assert_eq!(counts(&f), (FileKind::Leads, 4, 0, 0));
    assert_eq!(role_of(&f, "defaultProfileUrl"), Some(Role::ProfileUrl));
    assert_eq!(role_of(&f, "linkedInProfileUrl"), None);
    assert_eq!(
        role_of(&f, "sharedConnectionsCount"),
        Some(Role::MutualConnections)
    );
    let Records::Leads(l) = &f.records else {
        panic!()
    };
    assert_eq!(
        l[0].url.as_deref(),
        Some("https://www.linkedin.com/in/layla-moreau-3b2a1")
    );
    assert_eq!((l[0].mutual_connections, l[0].degree), (Some(41), Some(2)));
    assert_eq!(l[2].mutual_connections, None);
    assert_eq!(l[2].title, "VP Sales, North America");
    assert_eq!((l[3].degree, l[3].mutual_connections), (None, Some(0)));
}

#[test]
fn apollo_people_export() {
    let f = fixture("leads/apollo_people.csv");
    assert_eq!(counts(&f), (FileKind::Leads, 3, 1, 0));
    let Records::Leads(l) = &f.records else {
        panic!()
    };
    assert_eq!(
        l[0].url.as_deref(),
        Some("https://www.linkedin.com/in/wen-xu-ceo")
    );
    assert_eq!(l[0].seniority.as_deref(), Some("c_suite"));
    assert_eq!(l[0].email.as_deref(), Some("wen.xu@globex.example"));
    assert_eq!(l[0].company, "Globex Corporation");
    assert_eq!(l[1].email, None);
    assert_eq!(l[2].title, "Sales Development Representative");
}

// ---------------------------------------------------------------- NPS

#[test]
fn qualtrics_three_header_rows() {
    let f = fixture("nps/qualtrics.csv");
    assert_eq!(counts(&f), (FileKind::Nps, 4, 1, 1), "{:?}", f.problems);
    assert_eq!(role_of(&f, "Q1"), Some(Role::Score));
    assert_eq!(role_of(&f, "Q1_NPS_GROUP"), Some(Role::NpsGroup));
    let Records::Nps(r) = &f.records else {
        panic!()
    };
    assert_eq!(r.iter().map(|r| r.score).collect::<Vec<_>>(), [10, 9, 7, 3]);
    assert_eq!(r[0].name, "Amara Okafor");
    assert_eq!(r[0].email.as_deref(), Some("amara.okafor@acme.example"));
    assert_eq!(r[0].company, "Acme Logistics");
    assert_eq!(r[0].title, "Chief Operating Officer");
    assert_eq!(r[0].responded_on.unwrap().to_string(), "2026-10-01");
    assert_eq!((r[0].row, r[3].row), (4, 7));
    assert_eq!(
        r[3].comment,
        "Support was slow\nand the reports broke twice"
    );
    // The unanswered response is dropped with its reason and row.
    assert_eq!(f.problems[0].row, Some(9));
    assert!(f.problems[0].message.starts_with("no score"));
}

#[test]
fn surveymonkey_two_header_rows() {
    let f = fixture("nps/surveymonkey.csv");
    assert_eq!(counts(&f), (FileKind::Nps, 3, 1, 1), "{:?}", f.problems);
    let Records::Nps(r) = &f.records else {
        panic!()
    };
    assert_eq!(r.iter().map(|r| r.score).collect::<Vec<_>>(), [10, 6, 9]);
    assert_eq!(r[0].name, "Kenji Mori");
    assert_eq!(r[0].comment, "The certification program is excellent");
    assert_eq!(r[1].responded_on.unwrap().to_string(), "2026-10-06");
    assert_eq!(f.problems[0].row, Some(6));
    assert!(f.problems[0].message.contains("\"N/A\""));
}

#[test]
fn typeform_token_html_header_submit_date() {
    let f = fixture("nps/typeform.csv");
    assert_eq!(counts(&f), (FileKind::Nps, 3, 1, 1));
    assert_eq!(
        f.columns[1].header,
        "How likely is it that you would recommend Northwind to a colleague?"
    );
    assert_eq!(role_of(&f, "Submit Date (UTC)"), Some(Role::RespondedOn));
    let Records::Nps(r) = &f.records else {
        panic!()
    };
    assert_eq!(
        r[0].email.as_deref(),
        Some("olga.ivanova@gringotts.example")
    );
    assert_eq!(r[0].responded_on.unwrap().to_string(), "2024-10-05");
    assert_eq!(r[2].score, 0);
    assert_eq!(r[2].comment, "Nobody answers the phone, \"ever\"");
}

#[test]
fn google_forms_timestamps_and_certification_date() {
    let f = fixture("nps/google_forms.csv");
    assert_eq!(counts(&f), (FileKind::Nps, 3, 0, 0), "{:?}", f.problems);
    let Records::Nps(r) = &f.records else {
        panic!()
    };
    assert_eq!(r[0].name, "Rosa Diaz");
    assert_eq!(r[0].responded_on.unwrap().to_string(), "2026-01-01");
    assert_eq!(r[0].event_on.unwrap().to_string(), "2025-12-15");
    assert_eq!(r[1].responded_on.unwrap().to_string(), "2026-09-20");
    assert_eq!(r[1].event_on.unwrap().to_string(), "2026-09-18");
    assert_eq!(r[2].responded_on.unwrap().to_string(), "2026-09-27");
}

#[test]
fn delighted_with_project_dates() {
    let f = fixture("nps/delighted.csv");
    assert_eq!(counts(&f), (FileKind::Nps, 3, 0, 0), "{:?}", f.problems);
    let Records::Nps(r) = &f.records else {
        panic!()
    };
    assert_eq!(r[0].name, "Uma King");
    assert_eq!(r[0].title, "CTO");
    assert_eq!(r[0].responded_on.unwrap().to_string(), "2026-11-20");
    assert_eq!(r[0].project_start.unwrap().to_string(), "2026-09-01");
    assert_eq!(r[0].project_end.unwrap().to_string(), "2027-02-28");
    assert_eq!(r[2].score, 2);
}

#[test]
fn generic_nps_found_by_its_values() {
    let f = fixture("nps/generic_by_content.csv");
    assert_eq!(counts(&f), (FileKind::Nps, 4, 0, 0));
    assert_eq!(role_of(&f, "Rating given"), Some(Role::Score));
    let Records::Nps(r) = &f.records else {
        panic!()
    };
    assert_eq!(r.iter().map(|r| r.score).collect::<Vec<_>>(), [10, 9, 4, 8]);
}

// ---------------------------------------------------------------- accounts

#[test]
fn hubspot_companies_with_tiers() {
    let f = fixture("accounts/hubspot_companies.csv");
    assert_eq!(
        counts(&f),
        (FileKind::Accounts, 4, 1, 2),
        "{:?}",
        f.problems
    );
    assert_eq!(f.account_role, Some(AccountRole::Target));
    let Records::Accounts(a) = &f.records else {
        panic!()
    };
    assert_eq!(a[0].name, "Globex Corporation");
    assert_eq!(
        (a[0].domain.as_deref(), a[0].tier),
        (Some("globex.example"), Some(1))
    );
    assert_eq!((a[1].name.as_str(), a[1].tier), ("Initech, LLC.", Some(2)));
    // No domain column value: the website fills in.
    assert_eq!(a[2].domain, None);
    assert_eq!(a[2].tier, Some(1));
    assert_eq!(a[3].tier, None);
    assert!(f.problems[1].message.contains("tier \"gold\""));
}

#[test]
fn salesforce_report_footer_and_totals_are_dropped() {
    let f = fixture("accounts/salesforce_customers_report.csv");
    assert_eq!(counts(&f), (FileKind::Accounts, 3, 4, 0));
    assert_eq!(f.account_role, Some(AccountRole::Customer));
    let Records::Accounts(a) = &f.records else {
        panic!()
    };
    let names: Vec<&str> = a.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        ["Acme Logistics", "Initrode GmbH", "Vehement Capital"]
    );
}

#[test]
fn apollo_accounts() {
    let f = fixture("accounts/apollo_accounts.csv");
    assert_eq!(counts(&f), (FileKind::Accounts, 2, 0, 0));
    let Records::Accounts(a) = &f.records else {
        panic!()
    };
    assert_eq!(a[0].name, "Stark Industries");
    assert_eq!(a[0].domain.as_deref(), Some("stark.example"));
    assert_eq!(a[1].domain.as_deref(), Some("wayne.example"));
}

#[test]
fn plain_list_of_names_and_domains() {
    let f = fixture("accounts/competitors.txt");
    assert_eq!(counts(&f), (FileKind::Accounts, 3, 0, 0));
    assert_eq!(f.account_role, Some(AccountRole::Competitor));
    let Records::Accounts(a) = &f.records else {
        panic!()
    };
    assert_eq!(a[0].domain.as_deref(), Some("northwind-rival.example"));
    assert_eq!(a[1].name, "Contoso Analytics");
    assert_eq!(a[2].domain.as_deref(), Some("fabrikam.example"));
}

#[test]
fn opportunity_report_is_guessed_as_opportunities() {
    let f = fixture("accounts/opportunities_pipeline.csv");
    assert_eq!(counts(&f), (FileKind::Accounts, 2, 0, 0));
    assert_eq!(f.account_role, Some(AccountRole::Opportunity));
    let Records::Accounts(a) = &f.records else {
        panic!()
    };
    assert_eq!(a[0].name, "Globex Corporation");
}

// ---------------------------------------------------------------- overrides

#[test]
fn the_user_can_override_kind_roles_and_account_role() {
    let path = format!(
        "{}/tests/fixtures/nps/generic_by_content.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).unwrap();
    // Read the same file as an account list of competitors, by the "Client" column.
    let options = ImportOptions {
        kind: Some(FileKind::Accounts),
        roles: Some(vec![Some(Role::Company), None, None, None]),
        account_role: Some(AccountRole::Competitor),
    };
    let f = import_file("generic_by_content.csv", &bytes, &options);
    assert_eq!(counts(&f), (FileKind::Accounts, 4, 0, 0));
    assert_eq!(f.account_role, Some(AccountRole::Competitor));
    let Records::Accounts(a) = &f.records else {
        panic!()
    };
    assert_eq!(a[1].name, "Pied Piper");
    // Or as NPS with the score taken from another column: non-scores are dropped, with reasons.
    let options = ImportOptions {
        kind: Some(FileKind::Nps),
        roles: Some(vec![
            Some(Role::Company),
            Some(Role::FullName),
            None,
            Some(Role::Score),
        ]),
        account_role: None,
    };
    let f = import_file("generic_by_content.csv", &bytes, &options);
    assert_eq!(counts(&f), (FileKind::Nps, 0, 4, 4));
}

/// tests/fixtures/expected.json (read by the in-browser and end-to-end
/// tests) agrees with the native import of every fixture.
#[test]
fn expected_json_matches_every_fixture() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/expected.json")).unwrap())
            .unwrap();
    let expected = expected.as_object().unwrap();
    for (path, want) in expected {
        let f = fixture(path);
        assert_eq!(f.kind.as_str(), want["kind"], "{path}");
        assert_eq!(f.rows as u64, want["rows"], "{path}");
        assert_eq!(f.skipped as u64, want["skipped"], "{path}");
        assert_eq!(f.problems.len() as u64, want["problems"], "{path}");
        assert_eq!(f.owner.as_deref(), want["owner"].as_str(), "{path}");
    }
    assert!(expected.len() >= 29);
}
