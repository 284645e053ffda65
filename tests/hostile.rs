//! Hostile and oversized input: each gets a clear message, nothing panics,
//! and everything that could be kept is kept.

use std::io::Write;
use std::time::Instant;

use referral_radar::core::model::Records;
use referral_radar::core::{import_file, FileKind, ImportOptions};

const HEADER: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

#[test]
fn a_10_mb_single_field_costs_one_row() {
    let mut text = String::from(HEADER);
    text.push_str("Ann,Lee,,,Globex,CEO,07 Feb 2026\n");
    text.push_str("Bob,");
    text.push_str(&"x".repeat(10 * 1024 * 1024));
    text.push_str(",,,Initech,CTO,06 Feb 2026\n");
    text.push_str("Cat,Moss,,,Hooli,CFO,05 Feb 2026\n");
    let f = import_file(
        "Connections.csv",
        text.as_bytes(),
        &ImportOptions::default(),
    );
    assert_eq!(
        (f.kind, f.rows, f.skipped, f.problems.len()),
        (FileKind::Connections, 2, 1, 1)
    );
    assert_eq!(f.problems[0].row, Some(3));
    assert_eq!(
        f.problems[0].message,
        "field 2 is 10.0 MB long (the limit is 64 KB); the row was skipped"
    );
}

#[test]
fn two_hundred_thousand_rows_are_all_read() {
    let mut text = String::with_capacity(200_000 * 80);
    text.push_str(HEADER);
    for i in 0..200_000 {
        text.push_str(&format!("First{i},Last{i},https://www.linkedin.com/in/p{i},,\"Company {}, Inc.\",Title {i},07 Feb 2026\n", i % 5000));
    }
    let start = Instant::now();
    let f = import_file(
        "Connections.csv",
        text.as_bytes(),
        &ImportOptions::default(),
    );
    let took = start.elapsed();
    assert_eq!((f.rows, f.skipped, f.problems.len()), (200_000, 0, 0));
    let Records::Connections(c) = &f.records else {
        panic!()
    };
    let c = c.to_vec();
    assert_eq!(c[199_999].company, "Company 4999, Inc.");
    assert_eq!(
        c[199_999].url.as_deref(),
        Some("https://www.linkedin.com/in/p199999")
    );
    eprintln!(
        "200,000 rows ({:.1} MB) imported in {took:?} (debug build)",
        text.len() as f64 / 1e6
    );
}

#[test]
fn a_zip_with_100_000_entries_is_refused_before_inflating() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        z.start_file("Connections.csv", opts).unwrap();
        z.write_all(HEADER.as_bytes()).unwrap();
        for i in 1..100_000 {
            z.start_file(format!("junk/{i}"), opts).unwrap();
        }
        z.finish().unwrap();
    }
    let f = import_file(
        "LinkedInDataExport.zip",
        buf.get_ref(),
        &ImportOptions::default(),
    );
    assert_eq!(
        (f.kind, f.rows, f.problems.len()),
        (FileKind::Unknown, 0, 1)
    );
    assert!(
        f.problems[0]
            .message
            .contains("lists 100000 entries; the limit is 20000"),
        "{}",
        f.problems[0].message
    );
}

#[test]
fn markup_in_cells_is_kept_as_plain_text() {
    let text = format!(
        "{HEADER}\"<img src=x onerror=alert(1)>\",\"\"\"><script>alert(1)</script>\",javascript:alert(1),,=HYPERLINK(\"x\"),@SUM(A1),07 Feb 2026\n"
    );
    let f = import_file(
        "Connections.csv",
        text.as_bytes(),
        &ImportOptions::default(),
    );
    let Records::Connections(c) = &f.records else {
        panic!()
    };
    let c = c.to_vec();
    assert_eq!(c[0].first_name, "<img src=x onerror=alert(1)>");
    assert_eq!(c[0].last_name, "\"><script>alert(1)</script>");
    // A javascript: URL is never a profile URL; it is kept only as text.
    assert_eq!(c[0].url, None);
    assert_eq!(c[0].other_url.as_deref(), Some("javascript:alert(1)"));
    assert_eq!(c[0].company, "=HYPERLINK(\"x\")");
}

#[test]
fn oversized_file_is_refused_with_its_size() {
    let big = vec![b'a'; referral_radar::core::limits::MAX_FILE_BYTES + 1];
    let f = import_file("huge.csv", &big, &ImportOptions::default());
    assert_eq!(f.problems.len(), 1);
    assert!(
        f.problems[0]
            .message
            .starts_with("huge.csv is 200.0 MB; the limit is 200.0 MB"),
        "{}",
        f.problems[0].message
    );
}
