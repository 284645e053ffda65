/*!
Text to rows: find the delimiter and the header row, then walk the records
with their line numbers.

Real exports do not start with their header: LinkedIn puts a `Notes:`
preamble first, Salesforce appends a footer, Excel re-saves use `;` or tab.
[`Table::sniff`] tries each delimiter on the first records and takes the
record that looks most like a header (scored by [`super::columns`]).

[`Table::for_each_row`] then streams the records after the header through
one reused `csv::StringRecord`, so a 30,000-row network costs one pass and
no per-row allocation beyond what the caller keeps. It never stops at a bad
row: over-long fields, an unterminated quote and the row limit become
[`Problem`]s and reading goes on where it can.
*/

use csv::{ReaderBuilder, StringRecord};

use super::limits::{MAX_FIELD_BYTES, MAX_ROWS};
use super::model::Problem;

/// How many records at the top of a file may precede the header.
const HEADER_SEARCH_RECORDS: usize = 40;
/// How much text the header search looks at.
const HEADER_SEARCH_BYTES: usize = 256 * 1024;

/// A delimited table: where its header is and how to read its rows.
#[derive(Clone, Debug)]
pub struct Table<'t> {
    text: &'t str,
    pub delimiter: u8,
    /// Header cells, trimmed.
    pub header: Vec<String>,
    /// 1-based line of the header row.
    pub header_line: u64,
    /// How strongly the header row was recognised (0: not at all).
    pub header_score: u32,
    /// Byte offset where data rows start.
    data_start: usize,
    /// 1-based line number at `data_start`.
    data_line: u64,
}

/// What the row callback tells the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

fn reader(delimiter: u8, bytes: &[u8]) -> csv::Reader<&[u8]> {
    reader_quoting(delimiter, bytes, true)
}

fn reader_quoting(delimiter: u8, bytes: &[u8], quoting: bool) -> csv::Reader<&[u8]> {
    ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(quoting)
        .from_reader(bytes)
}

fn head_of(text: &str) -> &str {
    if text.len() <= HEADER_SEARCH_BYTES {
        return text;
    }
    let mut end = HEADER_SEARCH_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl<'t> Table<'t> {
    /// Find the delimiter and header row. `score` rates one header cell
    /// (0 = unknown). With no recognised header at all, the first non-empty
    /// record is taken as the header and `header_score` is 0.
    pub fn sniff(text: &'t str, score: impl Fn(&str) -> u32) -> Table<'t> {
        let head = head_of(text);
        // (score, fields, consistent) of the best candidate, and the candidate.
        let mut best: Option<((u32, usize, usize), Table<'t>)> = None;
        for delimiter in [b',', b';', b'\t'] {
            let mut rdr = reader(delimiter, head.as_bytes());
            let mut record = StringRecord::new();
            let mut candidates: Vec<(u32, usize, u64, usize, Vec<String>)> = Vec::new();
            let mut widths: Vec<usize> = Vec::new();
            for _ in 0..HEADER_SEARCH_RECORDS {
                match rdr.read_record(&mut record) {
                    Ok(true) => {}
                    _ => break,
                }
                let line = record.position().map_or(1, |p| true_line(&head[p.byte() as usize..], p.line()));
                let next = rdr.position().byte() as usize;
                let cells: Vec<String> = record.iter().map(|c| clean_header(c)).collect();
                let non_empty = cells.iter().filter(|c| !c.is_empty()).count();
                widths.push(non_empty);
                if non_empty == 0 {
                    continue;
                }
                let s: u32 = cells.iter().map(|c| score(c)).sum();
                candidates.push((s, non_empty, line, next, cells));
            }
            // With a recognised header anywhere, only recognised rows compete;
            // without one, only the first record can stand in for it.
            let top = candidates.iter().map(|c| c.0).max().unwrap_or(0);
            for (i, (s, fields, line, next, cells)) in candidates.into_iter().enumerate() {
                if (top > 0 && s == 0) || (top == 0 && i > 0) {
                    continue;
                }
                // Rows after a real header have about as many fields.
                let consistent = widths.iter().skip(i + 1).filter(|w| **w + 1 >= fields && **w > 0).count();
                let key = (s, if s == 0 { consistent.min(5) * 1000 + fields } else { fields }, consistent);
                if best.as_ref().is_none_or(|(k, _)| key > *k) {
                    let data_line = count_newlines(&text[..next.min(text.len())]) as u64 + 1;
                    best = Some((
                        key,
                        Table {
                            text,
                            delimiter,
                            header: cells,
                            header_line: line,
                            header_score: s,
                            data_start: next.min(text.len()),
                            data_line,
                        },
                    ));
                }
            }
        }
        best.map(|(_, t)| t).unwrap_or(Table {
            text,
            delimiter: b',',
            header: Vec::new(),
            header_line: 1,
            header_score: 0,
            data_start: text.len(),
            data_line: 1,
        })
    }

    /// The delimiter as a readable name.
    pub fn delimiter_name(&self) -> &'static str {
        match self.delimiter {
            b';' => "semicolon",
            b'\t' => "tab",
            _ => "comma",
        }
    }

    /// A table that treats the header row as data too (headerless lists).
    pub fn with_header_as_data(mut self) -> Table<'t> {
        let start = line_start_byte(self.text, self.header_line);
        self.data_start = start;
        self.data_line = self.header_line;
        self
    }

    /// Walk the data rows. `f` gets the line number where each record
    /// starts and the record. Problems with the rows themselves (too long,
    /// unterminated quote, too many rows) are pushed to `problems`; such rows
    /// never reach `f`.
    pub fn for_each_row(
        &self,
        problems: &mut Vec<Problem>,
        mut f: impl FnMut(u64, &StringRecord) -> Flow,
    ) {
        let mut start = self.data_start;
        let mut start_line = self.data_line;
        let mut rows = 0usize;
        let mut record = StringRecord::new();
        // After a second unterminated quote the rest is read without quote
        // handling: re-reading after every stray quote would be quadratic.
        let mut quoting = true;
        let mut unterminated = 0;
        'segments: while start < self.text.len() {
            let segment = &self.text[start..];
            let mut rdr = reader_quoting(self.delimiter, segment.as_bytes(), quoting);
            loop {
                match rdr.read_record(&mut record) {
                    Ok(true) => {}
                    Ok(false) => break 'segments,
                    Err(e) => {
                        let line = e.position().map_or(start_line, |p| start_line + p.line() - 1);
                        problems.push(Problem::row(line, format!("unreadable row: {e}")));
                        continue;
                    }
                }
                let pos = record.position().cloned().unwrap_or_else(csv::Position::new);
                // csv places a record after blank lines at the first blank
                // line; the record really starts after them.
                let raw_start = (pos.byte() as usize).min(segment.len());
                let lead = segment[raw_start..].bytes().take_while(|b| *b == b'\n' || *b == b'\r').count();
                let rec_start = raw_start + lead;
                let line = start_line + pos.line() - 1 + count_newlines(&segment[raw_start..rec_start]) as u64;
                let at_eof = rdr.is_done() || rdr.position().byte() as usize >= segment.len();
                if quoting && at_eof && ends_inside_quotes(&segment[rec_start..], self.delimiter) {
                    // The quote never closes: csv read the rest of the file as
                    // one field. Skip this line and resume on the next one.
                    let rest = &segment[rec_start..];
                    let Some(nl) = rest.find('\n') else {
                        problems.push(Problem::row(line, "a quote opened on this row is never closed; the row was skipped"));
                        break 'segments;
                    };
                    let swallowed = count_newlines(rest);
                    unterminated += 1;
                    let resumed = if unterminated == 1 {
                        "reading resumed on the next line"
                    } else {
                        quoting = false;
                        "quotes are unbalanced again, so the rest of the file was read without quote handling"
                    };
                    problems.push(Problem::row(
                        line,
                        format!(
                            "a quote opened on this row is never closed (it would swallow the {swallowed} lines after it); the row was skipped and {resumed}"
                        ),
                    ));
                    start += rec_start + nl + 1;
                    start_line = line + 1;
                    continue 'segments;
                }
                if let Some((i, len)) = record.iter().enumerate().map(|(i, c)| (i, c.len())).find(|(_, l)| *l > MAX_FIELD_BYTES) {
                    problems.push(Problem::row(
                        line,
                        format!(
                            "field {} is {} long (the limit is {}); the row was skipped",
                            i + 1,
                            human_bytes(len),
                            human_bytes(MAX_FIELD_BYTES)
                        ),
                    ));
                    continue;
                }
                if rows == MAX_ROWS {
                    problems.push(Problem::row(
                        line,
                        format!("the file has more than {MAX_ROWS} rows; only the first {MAX_ROWS} were read"),
                    ));
                    break 'segments;
                }
                rows += 1;
                if f(line, &record) == Flow::Stop {
                    break 'segments;
                }
            }
        }
    }
}

/// Trim a header cell: spaces, a stray BOM, quotes, HTML tags (Typeform).
pub fn clean_header(cell: &str) -> String {
    let cell = cell.trim().trim_start_matches('\u{feff}').trim();
    if !cell.contains('<') {
        return cell.to_string();
    }
    let mut out = String::with_capacity(cell.len());
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// csv reports a record after blank lines at the first blank line; the
/// user's row number is where the record's text starts.
fn true_line(from_record: &str, line: u64) -> u64 {
    line + from_record
        .bytes()
        .take_while(|b| *b == b'\n' || *b == b'\r')
        .filter(|b| *b == b'\n')
        .count() as u64
}

/// Whether CSV text ends inside a quoted field, by the rules csv applies: a
/// quote opens a field only at its start, `""` inside is a literal quote, and
/// a quote in the middle of an unquoted field (`5'10"`) is just a character.
fn ends_inside_quotes(s: &str, delimiter: u8) -> bool {
    let mut quoted = false;
    let mut field_start = true;
    let mut bytes = s.bytes().peekable();
    while let Some(b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && field_start {
            quoted = true;
            field_start = false;
        } else {
            field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
    }
    quoted
}

fn count_newlines(s: &str) -> usize {
    s.bytes().filter(|b| *b == b'\n').count()
}

/// Byte offset where 1-based `line` starts.
fn line_start_byte(text: &str, line: u64) -> usize {
    if line <= 1 {
        return 0;
    }
    let mut seen = 1;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            seen += 1;
            if seen == line {
                return i + 1;
            }
        }
    }
    text.len()
}

pub fn human_bytes(n: usize) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
    } else if n >= 1024 {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(cell: &str) -> u32 {
        ["first name", "last name", "company", "position", "connected on", "url"]
            .contains(&cell.to_lowercase().as_str()) as u32
    }

    fn rows(t: &Table) -> (Vec<(u64, Vec<String>)>, Vec<Problem>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        t.for_each_row(&mut problems, |line, r| {
            out.push((line, r.iter().map(String::from).collect()));
            Flow::Continue
        });
        (out, problems)
    }

    #[test]
    fn finds_header_after_preamble() {
        let text = "Notes:\n\"When exporting, some emails are missing, see https://x\"\n\nFirst Name,Last Name,URL,Company\nAda,Lovelace,,\"Analytical, Ltd\"\n";
        let t = Table::sniff(text, known);
        assert_eq!(t.delimiter, b',');
        assert_eq!(t.header_line, 4);
        assert_eq!(t.header, ["First Name", "Last Name", "URL", "Company"]);
        let (r, p) = rows(&t);
        assert!(p.is_empty());
        assert_eq!(r, [(5, vec!["Ada".into(), "Lovelace".into(), "".into(), "Analytical, Ltd".into()])]);
    }

    #[test]
    fn semicolon_and_tab() {
        for (text, d) in [
            ("First Name;Last Name;Company\nA;B;C,D\n", b';'),
            ("First Name\tLast Name\tCompany\nA\tB\tC;D\n", b'\t'),
        ] {
            let t = Table::sniff(text, known);
            assert_eq!(t.delimiter, d);
            assert_eq!(rows(&t).0[0].1.len(), 3);
        }
    }

    #[test]
    fn multi_line_fields_keep_their_start_line() {
        let text = "First Name,Company\r\n\"Ada\",\"Line one\r\nline two\"\r\nBob,Globex\r\n";
        let t = Table::sniff(text, known);
        let (r, _) = rows(&t);
        assert_eq!(r[0].0, 2);
        assert_eq!(r[0].1[1], "Line one\r\nline two");
        assert_eq!(r[1].0, 4);
    }

    #[test]
    fn unterminated_quote_skips_one_row_and_resumes() {
        let text = "First Name,Company\nAda,Initech\nBob,\"Globex\nCid,Hooli\nDee,Umbrella\n";
        let t = Table::sniff(text, known);
        let (r, p) = rows(&t);
        let names: Vec<&str> = r.iter().map(|(_, f)| f[0].as_str()).collect();
        assert_eq!(names, ["Ada", "Cid", "Dee"]);
        assert_eq!(r[1].0, 4);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].row, Some(3));
        assert!(p[0].message.contains("never closed"), "{}", p[0].message);
    }

    #[test]
    fn an_early_unterminated_quote_costs_one_row_of_a_big_file() {
        let mut text = String::from("First Name,Company\n\"Ann,Globex\n");
        for i in 0..20_000 {
            text.push_str(&format!("Bob{i},Initech\n"));
        }
        let t = Table::sniff(&text, known);
        let (r, p) = rows(&t);
        assert_eq!(p.len(), 1, "{:?}", &p[..p.len().min(3)]);
        assert_eq!(p[0].row, Some(2));
        assert_eq!(r.len(), 20_000);
        assert_eq!(r[0].0, 3);
    }

    #[test]
    fn quotes_inside_unquoted_fields_are_characters() {
        let text = "First Name,Company\nAnn,Globex 5'10\"\nBob,\"Initech, \"\"Inc\"\"\"\n";
        let t = Table::sniff(text, known);
        let (r, p) = rows(&t);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(r[0].1[1], "Globex 5'10\"");
        assert_eq!(r[1].1[1], "Initech, \"Inc\"");
        assert!(ends_inside_quotes("a,\"b\nc", b','));
        assert!(!ends_inside_quotes("a,b\"c", b','));
        assert!(!ends_inside_quotes("\"a\"\"b\",c", b','));
    }

    #[test]
    fn over_long_field_is_reported_not_kept() {
        let big = "x".repeat(MAX_FIELD_BYTES + 1);
        let text = format!("First Name,Company\nAda,{big}\nBob,Globex\n");
        let t = Table::sniff(&text, known);
        let (r, p) = rows(&t);
        assert_eq!(r.len(), 1);
        assert_eq!(p[0].row, Some(2));
        assert!(p[0].message.contains("field 2"));
    }

    #[test]
    fn headerless_text_takes_first_record() {
        let t = Table::sniff("globex.com\ninitech.com\n", known);
        assert_eq!(t.header_score, 0);
        assert_eq!(t.header, ["globex.com"]);
        let t = t.with_header_as_data();
        assert_eq!(rows(&t).0.len(), 2);
    }

    #[test]
    fn html_in_headers_is_dropped() {
        assert_eq!(clean_header(" <strong>How likely</strong> are you "), "How likely are you");
    }
}
