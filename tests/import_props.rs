//! Property tests: the import never panics on arbitrary bytes, and any
//! well-formed network written by a real CSV writer reads back exactly.

use proptest::prelude::*;
use referral_radar::core::model::Records;
use referral_radar::core::{import_file, FileKind, ImportOptions};

fn check_invariants(bytes: &[u8]) {
    let f = import_file("any.csv", bytes, &ImportOptions::default());
    assert_eq!(f.rows, f.records.len());
    let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64 + 2;
    for p in &f.problems {
        if let Some(row) = p.row {
            // UTF-16 halves the byte count per line, never the other way.
            assert!(
                row <= lines,
                "row {row} beyond {lines} lines: {}",
                p.message
            );
        }
        assert!(!p.message.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check_invariants(&bytes);
    }

    #[test]
    fn arbitrary_zip_like_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        check_invariants(&bytes);
    }

    #[test]
    fn csv_shaped_noise_never_panics(text in r#"(First Name|Last Name|Company|Connected On|Q1|Q1_NPS_GROUP|score|"|,|;|\t|\r|\n| |a|9|10|07 Feb 2026|1/8/18, 6:14 PM|Notes:|Grand Totals|\{"ImportId":1\}){0,200}"#) {
        check_invariants(text.as_bytes());
    }
}

#[derive(Debug, Clone)]
struct Person {
    first: String,
    last: String,
    company: String,
    title: String,
    day: u32,
}

fn name() -> impl Strategy<Value = String> {
    // Letters from several scripts, inner spaces, quotes and delimiters:
    // everything a real CSV writer has to quote.
    r#"[A-Za-zÀ-ÿ一-龥А-я][A-Za-zÀ-ÿ一-龥А-я ,;"'&.\-]{0,20}[A-Za-z]"#
}

fn person() -> impl Strategy<Value = Person> {
    (name(), name(), name(), name(), 1u32..=28).prop_map(|(first, last, company, title, day)| {
        Person {
            first,
            last,
            company,
            title,
            day,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn written_networks_read_back_exactly(
        people in proptest::collection::vec(person(), 1..40),
        delimiter in prop_oneof![Just(b','), Just(b';'), Just(b'\t')],
        preamble in any::<bool>(),
        bom in any::<bool>(),
        crlf in any::<bool>(),
        blanks in 0usize..4,
    ) {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        if preamble {
            out.extend_from_slice(b"Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n");
        }
        {
            let mut w = csv::WriterBuilder::new()
                .delimiter(delimiter)
                .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
                .from_writer(&mut out);
            w.write_record(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]).unwrap();
            for (i, p) in people.iter().enumerate() {
                let date = format!("{:02} Feb 2026", p.day);
                w.write_record([p.first.as_str(), &p.last, "", "", &p.company, &p.title, &date]).unwrap();
                if i < blanks {
                    w.write_record(["", "", "", "", "", "", "01 Jan 2026"]).unwrap();
                }
            }
            w.flush().unwrap();
        }
        let f = import_file("Connections.csv", &out, &ImportOptions::default());
        prop_assert_eq!(f.kind, FileKind::Connections);
        prop_assert_eq!(f.rows, people.len());
        prop_assert_eq!(f.skipped, blanks.min(people.len()));
        prop_assert!(f.problems.is_empty(), "{:?}", f.problems);
        let Records::Connections(rows) = &f.records else { panic!("not connections") };
        let rows = rows.to_vec();
        for (got, want) in rows.iter().zip(&people) {
            prop_assert_eq!(&got.first_name, want.first.trim());
            prop_assert_eq!(&got.last_name, want.last.trim());
            prop_assert_eq!(&got.company, want.company.trim());
            prop_assert_eq!(&got.title, want.title.trim());
            prop_assert_eq!(got.connected_on.unwrap().day(), want.day);
        }
    }
}

/// The app reads ZIPs with its own small reader: every archive the `zip`
/// crate writes (entries stored or deflated, in folders, among others,
/// with comments) reads back as the same files do on their own.
mod zip_oracle {
    use std::io::Write;

    use proptest::prelude::*;
    use referral_radar::core::{import_file, ImportOptions};

    fn archive(entries: &[(String, Vec<u8>, bool)], comment: &str) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            for (name, data, deflate) in entries {
                let method = if *deflate {
                    zip::CompressionMethod::Deflated
                } else {
                    zip::CompressionMethod::Stored
                };
                let opts = zip::write::SimpleFileOptions::default().compression_method(method);
                z.start_file(name.as_str(), opts).unwrap();
                z.write_all(data).unwrap();
            }
            z.set_comment(comment).unwrap();
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn archives_read_back_as_their_files(
            rows in proptest::collection::vec(("[A-Za-zÀ-ÿ]{1,12}", "[A-Za-z ]{0,16}", 1u32..28), 1..40),
            folder in "(Export/|Basic_LinkedInDataExport_01-01-2026/|)",
            others in proptest::collection::vec(("[a-z]{1,8}\\.(csv|txt|bin)", proptest::collection::vec(any::<u8>(), 0..300), any::<bool>()), 0..4),
            deflate in any::<bool>(),
            comment in "[ -~]{0,40}",
            first in "[A-Z][a-z]{1,8}",
        ) {
            let mut csv = String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
            for (name, company, day) in &rows {
                csv.push_str(&format!("{name},Lind,,,{company},CFO,{day:02} Feb 2026\n"));
            }
            let profile = format!("First Name,Last Name,Headline\n{first},Berg,CEO\n");
            let mut entries: Vec<(String, Vec<u8>, bool)> = others;
            entries.push((format!("{folder}Profile.csv"), profile.into_bytes(), deflate));
            entries.push((format!("{folder}Connections.csv"), csv.clone().into_bytes(), !deflate));
            let bytes = archive(&entries, &comment);
            let zipped = import_file("Basic_LinkedInDataExport_01-01-2026.zip", &bytes, &ImportOptions::default());
            let plain = import_file("Connections.csv", csv.as_bytes(), &ImportOptions::default());
            prop_assert!(zipped.problems.is_empty(), "{:?}", zipped.problems);
            prop_assert_eq!(&zipped.records, &plain.records);
            prop_assert_eq!(zipped.owner, Some(format!("{first} Berg")));
        }

        #[test]
        fn any_damage_is_a_problem_not_a_panic(
            cut in 0usize..2000,
            flip in 0usize..2000,
            bits in 1u8..=255,
        ) {
            let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lind,,,Globex,CFO,07 Feb 2026\n";
            let mut bytes = archive(&[("Connections.csv".into(), csv.as_bytes().to_vec(), true)], "");
            let at = flip % bytes.len();
            bytes[at] ^= bits;
            bytes.truncate(bytes.len() - cut % bytes.len());
            let f = import_file("x.zip", &bytes, &ImportOptions::default());
            prop_assert_eq!(f.rows, f.records.len());
        }
    }
}
