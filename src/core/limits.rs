/*!
Hard limits that keep a hostile or broken file from exhausting memory.

Each limit comes with a message that says what was kept, so the user knows
what happened to their file rather than seeing a frozen tab.
*/

/// Largest single file (or ZIP) we accept, in bytes.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;
/// Most data rows read from one table; the rest are reported, not read.
pub const MAX_ROWS: usize = 1_000_000;
/// Longest field kept; longer ones are cut and the row is reported.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;
/// Most entries a ZIP may list.
pub const MAX_ZIP_ENTRIES: usize = 20_000;
/// Most bytes one ZIP entry may inflate to. LinkedIn caps a network at
/// 30,000 connections (about 5 MB), so this is generous.
pub const MAX_ZIP_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes inflated from one ZIP, across every entry we read.
pub const MAX_ZIP_INFLATED_BYTES: u64 = 512 * 1024 * 1024;
