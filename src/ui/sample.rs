//! The built-in sample: synthetic people in real export shapes, so the app
//! can be tried with no files of the user's.

pub const FILES: &[(&str, &[u8])] = &[
    ("Connections.csv", include_bytes!("../sample/Connections.csv")),
];
