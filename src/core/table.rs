/*!
Text to rows: find the delimiter and the header row, then walk the records
with their line numbers.

Real exports do not start with their header: LinkedIn puts a `Notes:`
preamble first, Salesforce appends a footer, Excel re-saves use `;` or tab.
[`Table::sniff`] tries each delimiter on the first records and takes the
record that looks most like a header (scored by [`super::columns`]).

[`Table::for_each_row`] then streams the records after the header as
[`Row`]s whose fields borrow the text itself (only a field that needs
unescaping is copied, into one reused buffer), so a 30,000-row network
costs one pass and no per-row allocation beyond what the caller keeps. The
record rules are the `csv` crate's, reimplemented here on `&str` for speed
(see [`Row`]; a property test checks the two agree). It never stops at a
bad row: over-long fields, an unterminated quote and the row limit become
[`Problem`]s and reading goes on where it can.
*/

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

impl Table<'_> {
    /// Bytes of text the table was read from.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }
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
            let mut rdr = Records::new(head, delimiter, true);
            let mut candidates: Vec<(u32, usize, u64, usize, Vec<String>)> = Vec::new();
            let mut widths: Vec<usize> = Vec::new();
            for _ in 0..HEADER_SEARCH_RECORDS {
                let Some(at) = rdr.next() else { break };
                let line = at.line;
                let next = rdr.position();
                let cells: Vec<String> = rdr.row().iter().map(clean_header).collect();
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
                let consistent = widths
                    .iter()
                    .skip(i + 1)
                    .filter(|w| **w + 1 >= fields && **w > 0)
                    .count();
                let key = (
                    s,
                    if s == 0 {
                        consistent.min(5) * 1000 + fields
                    } else {
                        fields
                    },
                    consistent,
                );
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

    /// Bytes from the first data row to the end of the text.
    pub fn data_len(&self) -> usize {
        self.text.len() - self.data_start
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
        mut f: impl FnMut(u64, &Row<'_>) -> Flow,
    ) {
        let mut start = self.data_start;
        let mut start_line = self.data_line;
        let mut rows = 0usize;
        // After a second unterminated quote the rest is read without quote
        // handling: re-reading after every stray quote would be quadratic.
        let mut quoting = true;
        let mut unterminated = 0;
        'segments: while start < self.text.len() {
            let segment = &self.text[start..];
            let mut rdr = Records::new(segment, self.delimiter, quoting);
            rdr.line = start_line;
            while let Some(RecordAt {
                start: rec_start,
                line,
            }) = rdr.next()
            {
                let at_eof = rdr.position() >= segment.len();
                // Only the last record can end inside quotes, so this scan
                // runs once per file, not once per row.
                if quoting && at_eof && ends_inside_quotes(&segment[rec_start..], self.delimiter) {
                    // The quote never closes: the rest of the file was read as
                    // one field. Skip this line and resume on the next one.
                    let rest = &segment[rec_start..];
                    let Some(nl) = rest.find('\n') else {
                        problems.push(Problem::row(
                            line,
                            "a quote opened on this row is never closed; the row was skipped",
                        ));
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
                let (i, len) = rdr.longest;
                if len > MAX_FIELD_BYTES {
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
                if f(line, &rdr.row()) == Flow::Stop {
                    break 'segments;
                }
            }
            break;
        }
    }
}

/// Where one field's text lives: in the file itself (almost always), or in
/// the reader's scratch buffer when it had to be unescaped (`""` inside a
/// quoted field, or text after a closing quote).
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    scratch: bool,
}

/// One record: its fields, borrowed from the file text where possible.
///
/// Why not `csv::StringRecord`: csv copies every field into the record's
/// own buffer and then validates that buffer as UTF-8, once per row. The
/// text is already a `&str` and fields only ever split at ASCII bytes, so
/// every field is a valid `&str` slice of it; only the rare field that
/// needs unescaping is copied (into a scratch buffer reused for every row).
#[derive(Clone, Copy)]
pub struct Row<'r> {
    text: &'r str,
    scratch: &'r str,
    spans: &'r [Span],
}

impl<'r> Row<'r> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Field `i`, untrimmed.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<&'r str> {
        self.spans.get(i).map(|s| self.field(*s))
    }

    /// Every field, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'r str> + '_ {
        self.spans.iter().map(|s| self.field(*s))
    }

    #[inline(always)]
    fn field(&self, s: Span) -> &'r str {
        let src = if s.scratch { self.scratch } else { self.text };
        // Spans always fall on ASCII bytes (delimiters, quotes, line ends)
        // or the ends of the text, so this never misses a char boundary.
        src.get(s.start..s.end).unwrap_or("")
    }
}

impl std::fmt::Debug for Row<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A CSV record reader over text, with exactly the rules the `csv` crate
/// applies with `flexible(true)`, `has_headers(false)` and its default
/// terminator, quote and double-quote settings (a property test below
/// compares the two on random text):
///
/// * `\r`, `\n` and `\r\n` end a record; blank lines are skipped;
/// * a quote opens a quoted field only at the start of a field; inside it
///   `""` is one quote; text after the closing quote joins the field; a quote
///   in the middle of an unquoted field is just a character;
/// * a quoted field still open at the end of the text ends there;
/// * with `quoting` off, quotes are plain characters everywhere.
///
/// It hands out each record as a [`Row`] borrowing the text, and tracks the
/// line each record starts on as it goes, so nothing is counted twice.
struct Records<'t> {
    text: &'t str,
    delimiter: u8,
    quoting: bool,
    /// Next byte to read.
    pos: usize,
    /// 1-based line number at `pos`.
    line: u64,
    spans: Vec<Span>,
    scratch: String,
    /// Longest field of the current record, in bytes.
    longest: (usize, usize),
}

/// What [`Records::next`] read.
struct RecordAt {
    /// Byte offset where the record's text starts (after blank lines).
    start: usize,
    /// 1-based line where it starts.
    line: u64,
}

impl<'t> Records<'t> {
    fn new(text: &'t str, delimiter: u8, quoting: bool) -> Records<'t> {
        Records {
            text,
            delimiter,
            quoting,
            pos: 0,
            line: 1,
            spans: Vec::new(),
            scratch: String::new(),
            longest: (0, 0),
        }
    }

    fn row(&self) -> Row<'_> {
        Row {
            text: self.text,
            scratch: &self.scratch,
            spans: &self.spans,
        }
    }

    /// Byte offset just after the last record read (and its line end).
    fn position(&self) -> usize {
        self.pos
    }

    #[inline(always)]
    fn push(&mut self, span: Span) {
        let len = span.end - span.start;
        if len > self.longest.1 {
            self.longest = (self.spans.len(), len);
        }
        self.spans.push(span);
    }

    /// Read the next record; `None` at the end of the text.
    fn next(&mut self) -> Option<RecordAt> {
        let bytes = self.text.as_bytes();
        let n = bytes.len();
        let mut pos = self.pos;
        // Blank lines (any run of line ends) are skipped.
        while pos < n && (bytes[pos] == b'\n' || bytes[pos] == b'\r') {
            self.line += (bytes[pos] == b'\n') as u64;
            pos += 1;
        }
        if pos >= n {
            self.pos = n;
            return None;
        }
        let at = RecordAt {
            start: pos,
            line: self.line,
        };
        self.spans.clear();
        self.scratch.clear();
        self.longest = (0, 0);
        let delimiter = self.delimiter;
        loop {
            // Start of a field.
            if self.quoting && pos < n && bytes[pos] == b'"' {
                pos = self.quoted_field(pos + 1);
            } else {
                let start = pos;
                pos = find_any(bytes, pos, [delimiter, b'\n', b'\r']);
                self.push(Span {
                    start,
                    end: pos,
                    scratch: false,
                });
            }
            // `pos` is at a delimiter, a line end or the end of the text.
            if pos >= n {
                break;
            }
            let b = bytes[pos];
            pos += 1;
            if b == delimiter {
                continue;
            }
            // A line end: `\r\n` counts as one.
            if b == b'\n' {
                self.line += 1;
            } else if pos < n && bytes[pos] == b'\n' {
                pos += 1;
                self.line += 1;
            }
            break;
        }
        self.pos = pos;
        Some(at)
    }

    /// Read a quoted field whose text starts at `start` (after the opening
    /// quote); returns where the field ends (at a delimiter, line end or the
    /// end of the text).
    fn quoted_field(&mut self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let n = bytes.len();
        // The field is copied into scratch only once it turns out to need
        // unescaping; `copied` is where it starts there.
        let mut copied: Option<usize> = None;
        let mut from = start;
        let mut pos = start;
        loop {
            // The next quote; line ends on the way are counted, not copied.
            let q = find_any(bytes, pos, [b'"', b'\n', b'"']);
            if q >= n {
                // Still inside the quotes at the end of the text.
                return self.finish_quoted(copied, from, n, n);
            }
            if bytes[q] == b'\n' {
                self.line += 1;
                pos = q + 1;
                continue;
            }
            if q + 1 < n && bytes[q + 1] == b'"' {
                // `""`: one literal quote.
                copied.get_or_insert(self.scratch.len());
                self.scratch.push_str(&self.text[from..q + 1]);
                pos = q + 2;
                from = pos;
                continue;
            }
            // The closing quote. What follows decides where the field ends.
            let after = q + 1;
            if after >= n
                || bytes[after] == self.delimiter
                || bytes[after] == b'\n'
                || bytes[after] == b'\r'
            {
                return self.finish_quoted(copied, from, q, after);
            }
            // Text after the closing quote joins the field, quotes and all,
            // up to the next delimiter or line end.
            let end = find_any(bytes, after, [self.delimiter, b'\n', b'\r']);
            let s = *copied.get_or_insert(self.scratch.len());
            self.scratch.push_str(&self.text[from..q]);
            self.scratch.push_str(&self.text[after..end]);
            self.push(Span {
                start: s,
                end: self.scratch.len(),
                scratch: true,
            });
            return end;
        }
    }

    /// End a quoted field whose unescaped text is `scratch[copied..]` +
    /// `text[from..to]` (or just `text[from..to]`); the reader goes on at `next`.
    fn finish_quoted(
        &mut self,
        copied: Option<usize>,
        from: usize,
        to: usize,
        next: usize,
    ) -> usize {
        match copied {
            None => self.push(Span {
                start: from,
                end: to,
                scratch: false,
            }),
            Some(s) => {
                self.scratch.push_str(&self.text[from..to]);
                let end = self.scratch.len();
                self.push(Span {
                    start: s,
                    end,
                    scratch: true,
                });
            }
        }
        next
    }
}

/// The first of the three `needles` at or after `pos`, or the length of
/// `bytes`. This is the innermost loop of the import (it finds where every
/// field ends), so it tests eight bytes at a time with SWAR — plain `u64`
/// arithmetic, which wasm runs natively, where `memchr`-style SIMD is not
/// available without the `simd128` target feature — and looks at single
/// bytes only around a hit.
///
/// `inline(always)` here and on the other small helpers of the row loop:
/// the release build optimises for size (`opt-level = "z"`), which
/// otherwise leaves them as calls, one or more per byte or per field.
#[inline(always)]
fn find_any(bytes: &[u8], mut pos: usize, needles: [u8; 3]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Non-zero iff some byte of `x` is zero (Mycroft's test; exact about
    // whether there is one, which is all that is asked here).
    #[inline(always)]
    fn has_zero(x: u64) -> u64 {
        x.wrapping_sub(LO) & !x & HI
    }
    let [a, b, c] = needles;
    let (wa, wb, wc) = (LO * a as u64, LO * b as u64, LO * c as u64);
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        if has_zero(w ^ wa) | has_zero(w ^ wb) | has_zero(w ^ wc) != 0 {
            break;
        }
        pos += 8;
    }
    while pos < bytes.len() {
        let x = bytes[pos];
        if x == a || x == b || x == c {
            return pos;
        }
        pos += 1;
    }
    pos
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
        [
            "first name",
            "last name",
            "company",
            "position",
            "connected on",
            "url",
        ]
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
        assert_eq!(
            r,
            [(
                5,
                vec![
                    "Ada".into(),
                    "Lovelace".into(),
                    "".into(),
                    "Analytical, Ltd".into()
                ]
            )]
        );
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
        assert_eq!(
            clean_header(" <strong>How likely</strong> are you "),
            "How likely are you"
        );
    }

    /// The reader agrees with the `csv` crate (the rules it reimplements) on
    /// every record, field and start line, quoting on and off, for text made
    /// of the bytes that matter (delimiters, quotes, line ends) and others.
    #[cfg(not(target_arch = "wasm32"))]
    mod same_as_csv {
        use super::super::*;
        use proptest::prelude::*;

        fn with_csv(text: &str, delimiter: u8, quoting: bool) -> Vec<(u64, Vec<String>)> {
            let mut rdr = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .flexible(true)
                .quoting(quoting)
                .from_reader(text.as_bytes());
            let mut out = Vec::new();
            let mut rec = csv::StringRecord::new();
            while rdr.read_record(&mut rec).unwrap() {
                let p = rec.position().unwrap();
                // csv places a record after blank lines at the first of them.
                let skipped = text[p.byte() as usize..]
                    .bytes()
                    .take_while(|b| *b == b'\n' || *b == b'\r')
                    .filter(|b| *b == b'\n')
                    .count() as u64;
                out.push((p.line() + skipped, rec.iter().map(String::from).collect()));
            }
            out
        }

        fn with_ours(text: &str, delimiter: u8, quoting: bool) -> Vec<(u64, Vec<String>)> {
            let mut rdr = Records::new(text, delimiter, quoting);
            let mut out = Vec::new();
            while let Some(at) = rdr.next() {
                let row = rdr.row();
                let (i, len) = rdr.longest;
                assert_eq!(row.iter().map(str::len).max().unwrap_or(0), len);
                assert_eq!(row.get(i).map_or(0, str::len), len);
                out.push((at.line, row.iter().map(String::from).collect()));
            }
            out
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

            #[test]
            fn records_fields_and_lines(
                text in r#"([,;\t"\r\n ]|a|bc|é|"")*"#,
                delimiter in prop_oneof![Just(b','), Just(b';'), Just(b'\t')],
                quoting in any::<bool>(),
            ) {
                prop_assert_eq!(with_ours(&text, delimiter, quoting), with_csv(&text, delimiter, quoting));
            }

            #[test]
            fn long_fields_cross_the_eight_byte_steps(
                text in r#"([a-z]{0,20}[,"\n\r]){0,30}"#,
            ) {
                prop_assert_eq!(with_ours(&text, b',', true), with_csv(&text, b',', true));
            }
        }
    }
}
