//! Files that are not what we expect get a clear message naming the file
//! and what was expected, never a panic.

use referral_radar::core::{import_file, FileKind, ImportOptions};

fn import(name: &str, bytes: &[u8]) -> referral_radar::core::ImportedFile {
    import_file(name, bytes, &ImportOptions::default())
}

#[test]
fn empty_file_says_it_is_empty() {
    for bytes in [&b""[..], b"\n\n", b"\xEF\xBB\xBF"] {
        let f = import("Connections.csv", bytes);
        assert_eq!((f.kind, f.rows), (FileKind::Unknown, 0));
        assert_eq!(f.problems.len(), 1);
        assert!(
            f.problems[0]
                .message
                .starts_with("Connections.csv is empty"),
            "{}",
            f.problems[0].message
        );
        assert!(f.problems[0].message.contains("Expected a CSV"));
    }
}

#[test]
fn png_renamed_csv_is_named_for_what_it_is() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";
    let f = import("photo.csv", png);
    assert_eq!(f.kind, FileKind::Unknown);
    assert_eq!(f.problems[0].message, "photo.csv looks like a PNG image, not a CSV/TSV text file. Expected a CSV export, a TSV, or LinkedIn's data-export ZIP.");
}

#[test]
fn text_without_a_recognisable_header() {
    let f = import(
        "notes.csv",
        b"lorem ipsum, dolor sit\namet consectetur, adipiscing\nsed do, eiusmod\n",
    );
    assert_eq!(f.kind, FileKind::Unknown);
    assert_eq!(f.rows, 0);
    assert!(
        f.problems[0]
            .message
            .starts_with("notes.csv has no recognisable header row"),
        "{}",
        f.problems[0].message
    );
}

#[test]
fn broken_zip_is_reported() {
    let f = import(
        "Basic_LinkedInDataExport_01-02-2026.zip",
        b"PK\x03\x04this is not really a zip",
    );
    assert_eq!(f.kind, FileKind::Unknown);
    assert!(
        f.problems[0].message.contains("not a readable ZIP"),
        "{}",
        f.problems[0].message
    );
}
