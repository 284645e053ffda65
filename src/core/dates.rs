/*!
Dates as users' exports write them.

Every format seen in the wild (see `shared/docs/FORMATS.md`):

| example                         | where                          |
|---------------------------------|--------------------------------|
| `07 Feb 2026`                   | LinkedIn Connections.csv, 2022+ |
| `1/8/18, 6:14 PM`               | LinkedIn Connections.csv, 2018 |
| `9-Sep-22`, `30-oct-09`         | Excel re-saves (Spanish months too) |
| `Jan 2020`                      | LinkedIn Positions.csv          |
| `2024-10-05 02:41:38`, ISO 8601 | Typeform, Qualtrics, Phantombuster |
| `1/1/2026 10:00:00`             | Google Forms, SurveyMonkey     |
| `2026/09/27 3:00:00 PM GMT+3`   | Google Forms                    |
| `15.03.2024`, `15/03/2024`      | European re-saves               |

Only the calendar date is kept: times and zones are dropped, because every
decision the core makes (timing of an ask, fiscal year) is by day.

Two-digit years are read deliberately: `00`–`69` are 2000–2069, `70`–`99`
are 1970–1999 (the POSIX `strptime` rule). LinkedIn did not exist before
2003, so no real connection date is misread.

Slash dates are ambiguous (`3/4/2024`). [`SlashOrder`] says how to read
them; [`infer_slash_order`] picks it per column: if any value has a first
number above 12 the column is day-first, otherwise month-first (what US
tools, LinkedIn and Google Forms write).

The calendar type is written by hand (a few lines of civil-date
arithmetic) rather than pulled from a date crate: the core only needs
validation, day differences and month names, and this keeps the wasm
bundle small.
*/

use std::fmt;

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || !(1000..=9999).contains(&year) {
            return None;
        }
        if day > days_in_month(year, month as u8) as u32 {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month as u32
    }
    pub fn day(self) -> u32 {
        self.day as u32
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    /// `self - other` in days.
    pub fn days_since(self, other: Date) -> i64 {
        self.days() - other.days()
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Parse `YYYY-MM-DD` exactly (what the app and the CLI write).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(
            s[..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..].parse().ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// How to read `a/b/yyyy` (and `a.b.yyyy`, `a-b-yyyy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SlashOrder {
    #[default]
    MonthFirst,
    DayFirst,
}

/// Month number from an English or Spanish name or abbreviation.
pub fn month_from_name(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.');
    // Lowercase into a stack buffer instead of a new `String` (this runs
    // for every date in a network). Month names are ASCII, and no non-ASCII
    // char lowercases to an ASCII letter of one (only U+212A KELVIN SIGN
    // lowercases to ASCII, to `k`), so a non-ASCII name is none of them.
    let mut buf = [0u8; 10];
    if n.len() > buf.len() || !n.is_ascii() {
        return None;
    }
    let buf = &mut buf[..n.len()];
    buf.copy_from_slice(n.as_bytes());
    buf.make_ascii_lowercase();
    let m = match &*buf {
        b"jan" | b"january" | b"ene" | b"enero" => 1,
        b"feb" | b"february" | b"febrero" => 2,
        b"mar" | b"march" | b"marzo" => 3,
        b"apr" | b"april" | b"abr" | b"abril" => 4,
        b"may" | b"mayo" => 5,
        b"jun" | b"june" | b"junio" => 6,
        b"jul" | b"july" | b"julio" => 7,
        b"aug" | b"august" | b"ago" | b"agosto" => 8,
        b"sep" | b"sept" | b"september" | b"septiembre" | b"setiembre" => 9,
        b"oct" | b"october" | b"octubre" => 10,
        b"nov" | b"november" | b"noviembre" => 11,
        b"dec" | b"december" | b"dic" | b"diciembre" => 12,
        _ => return None,
    };
    Some(m)
}

/// A year as written: four digits, or two read with the 1970–2069 window.
fn year_from(s: &str) -> Option<i32> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        4 => s.parse().ok(),
        2 => {
            let yy: i32 = s.parse().ok()?;
            Some(if yy < 70 { 2000 + yy } else { 1900 + yy })
        }
        _ => None,
    }
}

fn number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parse a date as written in an export. Times and zones are ignored.
pub fn parse_date(raw: &str, order: SlashOrder) -> Option<Date> {
    let s = super::text::trim(raw);
    let s = if s.starts_with('"') || s.ends_with('"') {
        s.trim_matches('"').trim()
    } else {
        s
    };
    if s.is_empty() {
        return None;
    }
    // Split the date part from a time part: ISO `T`, or the first space
    // after a numeric date; "07 Feb 2026" keeps its spaces.
    let date_part = date_part(s);
    // At most three parts are ever read; a fourth means no date. Kept in an
    // array rather than a `Vec`: this runs for every date in a network.
    let mut found = [""; 4];
    let mut count = 0;
    for p in date_part
        .split(|c: char| c == '-' || c == '/' || c == '.' || c == ' ' || c == ',')
        .filter(|p| !p.is_empty())
    {
        if count == found.len() {
            return None;
        }
        found[count] = p;
        count += 1;
    }
    match &found[..count] {
        // 2026-02-07, 2026/09/20
        [y, m, d] if y.len() == 4 => Date::new(year_from(y)?, number(m)?, number(d)?),
        // 07 Feb 2026, 9-Sep-22, 30-oct-09; Feb 07 2026 (US long form);
        // 1/8/18, 15.03.2024. Each month name is looked up once.
        [a, b, y] => {
            if let Some(m) = month_from_name(b) {
                return Date::new(year_from(y)?, m, number(a)?);
            }
            if let Some(m) = month_from_name(a) {
                return Date::new(year_from(y)?, m, number(b)?);
            }
            let (a, b, y) = (number(a)?, number(b)?, year_from(y)?);
            match order {
                SlashOrder::MonthFirst => Date::new(y, a, b),
                SlashOrder::DayFirst => Date::new(y, b, a),
            }
        }
        // Jan 2020 (month precision: the first of the month)
        [m, y] if month_from_name(m).is_some() && y.len() == 4 => {
            Date::new(year_from(y)?, month_from_name(m)?, 1)
        }
        _ => None,
    }
}

fn date_part(s: &str) -> &str {
    let bytes = s.as_bytes();
    // ISO: 2026-02-07T10:00:00Z
    if bytes.len() > 10 && bytes[4] == b'-' && (bytes[10] == b'T' || bytes[10] == b't') {
        return &s[..10];
    }
    // Anything with a colon has a time: the date is what precedes the last
    // separator-space before the first digit group holding the colon.
    if let Some(colon) = s.find(':') {
        let head = &s[..colon];
        if let Some(space) = head.rfind(' ') {
            return head[..space].trim_end_matches(',');
        }
    }
    s
}

/// Pick the slash order for a column from its values (see module docs).
pub fn infer_slash_order<'a>(values: impl IntoIterator<Item = &'a str>) -> SlashOrder {
    for v in values {
        let part = date_part(v.trim());
        let mut it = part.split(['/', '.', '-']);
        let (Some(a), Some(b), Some(_)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        if let (Some(a), Some(b)) = (number(a.trim()), number(b.trim())) {
            if a > 12 && b <= 12 {
                return SlashOrder::DayFirst;
            }
            if b > 12 && a <= 12 {
                return SlashOrder::MonthFirst;
            }
        }
    }
    SlashOrder::MonthFirst
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date(s, SlashOrder::MonthFirst).map(|d| d.to_string())
    }

    #[test]
    fn every_format_in_formats_md() {
        let cases = [
            ("07 Feb 2026", "2026-02-07"),
            ("\"1/8/18, 6:14 PM\"", "2018-01-08"),
            ("1/8/18, 6:14 PM", "2018-01-08"),
            ("9-Sep-22", "2022-09-09"),
            ("30-oct-09", "2009-10-30"),
            ("15-ene-21", "2021-01-15"),
            ("3-dic-19", "2019-12-03"),
            ("Jan 2020", "2020-01-01"),
            ("2024-10-05 02:41:38", "2024-10-05"),
            ("2026-02-07T10:00:00Z", "2026-02-07"),
            ("2026-02-07", "2026-02-07"),
            ("1/1/2026 10:00:00", "2026-01-01"),
            ("2026/09/20 10:00:00 AM", "2026-09-20"),
            ("2026/09/27 3:00:00 PM GMT+3", "2026-09-27"),
            ("03/15/2024 10:22:31 AM", "2024-03-15"),
            ("Feb 7, 2026", "2026-02-07"),
        ];
        for (raw, want) in cases {
            assert_eq!(d(raw).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn day_first_columns() {
        let values = ["03/04/2024", "15/03/2024"];
        assert_eq!(infer_slash_order(values), SlashOrder::DayFirst);
        assert_eq!(
            parse_date("03/04/2024", SlashOrder::DayFirst)
                .unwrap()
                .to_string(),
            "2024-04-03"
        );
        assert_eq!(
            parse_date("15.03.2024", SlashOrder::DayFirst)
                .unwrap()
                .to_string(),
            "2024-03-15"
        );
        assert_eq!(
            infer_slash_order(["1/8/18, 6:14 PM", "12/31/17, 1:00 AM"]),
            SlashOrder::MonthFirst
        );
    }

    #[test]
    fn two_digit_year_window() {
        assert_eq!(d("1/1/69").unwrap(), "2069-01-01");
        assert_eq!(d("1/1/70").unwrap(), "1970-01-01");
        assert_eq!(d("1/1/00").unwrap(), "2000-01-01");
    }

    #[test]
    fn invalid_dates_are_none() {
        for raw in [
            "",
            "31 Feb 2026",
            "13/13/2020",
            "yesterday",
            "2026-13-01",
            "0 Jan 2020",
            "1/1/123",
        ] {
            assert_eq!(d(raw), None, "{raw}");
        }
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for days in [-800_000_i64, -1, 0, 1, 59, 365, 10_957, 20_000, 2_000_000] {
            assert_eq!(Date::from_days(days).days(), days);
        }
        let a = Date::new(2016, 8, 1).unwrap();
        let b = Date::new(2017, 7, 31).unwrap();
        assert_eq!(b.days_since(a), 364);
        assert_eq!(
            Date::new(2024, 2, 29).unwrap().add_days(1).to_string(),
            "2024-03-01"
        );
        assert_eq!(
            Date::parse_iso("2026-12-04").unwrap().to_string(),
            "2026-12-04"
        );
    }
}
