//! The whole import of a LinkedIn ZIP: the fuzzer's bytes become the
//! Connections.csv and Profile.csv inside a real archive (so inflation and
//! entry lookup run every time), and raw bytes are also fed as a ZIP.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use referral_radar::core::{import_file, ImportOptions};

fuzz_target!(|data: &[u8]| {
    // As raw bytes claiming to be a ZIP.
    let mut raw = b"PK\x03\x04".to_vec();
    raw.extend_from_slice(data);
    let _ = import_file("raw.zip", &raw, &ImportOptions::default());

    // As the contents of a well-formed archive.
    let split = data.first().map_or(0, |b| *b as usize).min(data.len());
    let (profile, connections) = data.split_at(split);
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.start_file("Export/Profile.csv", opts).unwrap();
        z.write_all(profile).unwrap();
        z.start_file("Export/Connections.csv", opts).unwrap();
        z.write_all(connections).unwrap();
        z.finish().unwrap();
    }
    let f = import_file("Basic_LinkedInDataExport_01-01-2026.zip", buf.get_ref(), &ImportOptions::default());
    assert_eq!(f.rows, f.records.len());
});
