/*!
Deterministic synthetic data in real export shapes, for benchmarks and the
large demo: LinkedIn `Connections.csv` (current layout, with preamble),
NPS exports with quoted multi-line comments, and HubSpot-style account lists.

The same seed always gives the same bytes, on every platform. The random
source is a SplitMix64 written here (ten lines) so that the output never
changes under a dependency upgrade. Nothing here is used by the core.
*/

/// SplitMix64: small, fast, and stable forever.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_B00C)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const FIRST: &[&str] = &[
    "Amara",
    "Bastian",
    "Chloé",
    "Dev",
    "Elif",
    "Farah",
    "Gao",
    "Hannah",
    "Ivan",
    "Jana",
    "Kwame",
    "Laila",
    "Mateo",
    "Nour",
    "Oskar",
    "Priya",
    "Quinn",
    "Rin",
    "Sofia",
    "Tomás",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
    "Łukasz",
    "Ngozi",
    "Søren",
    "Aarav",
    "Björn",
    "Camila",
    "Dmitri",
    "Emeka",
    "Fatima",
    "Giulia",
    "Hiroshi",
    "Ingrid",
    "José",
    "Kenji",
    "Leila",
    "Mei",
    "Nikolai",
    "Olga",
    "Pablo",
    "Rania",
    "Saanvi",
    "Thabo",
    "Ulla",
    "Valentina",
    "محمد",
    "李",
    "Αλέξανδρος",
    "Юлия",
    "Grace 🚀",
];
const LAST: &[&str] = &[
    "Okafor",
    "Krüger",
    "Martin",
    "Raman",
    "Yılmaz",
    "Haddad",
    "Lin",
    "O'Brien",
    "Petrov",
    "Nováková",
    "Mensah",
    "Rahimi",
    "García",
    "Saleh",
    "Lindqvist",
    "Shah, MBA",
    "Murphy",
    "Tanaka",
    "Rossi",
    "Silva",
    "King",
    "Novak",
    "Xu",
    "Zimmermann",
    "Abbott",
    "Müller",
    "Kowalski",
    "Adeyemi",
    "Jensen",
    "Patel",
    "Eriksson",
    "Rodríguez",
    "Ivanov",
    "Eze",
    "Al-Sayed",
    "Bianchi",
    "Sato",
    "Berg",
    "Peña",
    "Mori",
    "Farouk",
    "Chen",
    "Volkov",
    "Ivanova",
    "Ortiz",
    "Salem",
    "Gupta",
    "Nkosi",
    "Virtanen",
    "Romero",
    "العلي",
    "王",
    "Παπαδόπουλος",
    "Смирнова",
    "\"Ace\" Walker",
];
const TITLES: &[&str] = &[
    "Chief Executive Officer",
    "CFO",
    "Chief Revenue Officer",
    "VP Sales",
    "VP Customer Success",
    "Director of Sales Enablement",
    "Head of Revenue Operations",
    "Sales Manager",
    "Account Executive",
    "Business Development Representative",
    "Senior Director, Partnerships",
    "Geschäftsführer",
    "Directeur général",
    "Director General",
    "Founder & CEO",
    "Managing Partner",
    "Software Engineer",
    "Procurement Analyst",
    "Country Manager",
    "Head of Sales, EMEA",
    "Marketing Manager",
    "COO",
];
const STEMS: &[&str] = &[
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Cyberdyne",
    "Soylent",
    "Massive",
    "Tyrell",
    "Vandelay",
    "Acme",
    "Wonka",
    "Nakatomi",
    "Gringotts",
    "Aperture",
    "Oscorp",
    "Veridian",
    "Sirius",
    "Dunder",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Litware",
    "Adatum",
    "Proseware",
    "Lucerne",
];
const SUFFIXES: &[&str] = &[
    "Corporation",
    "Inc.",
    ", Inc.",
    "LLC",
    ", LLC.",
    "GmbH",
    "AG",
    "S.A.",
    "SAS",
    "Ltd",
    "Limited",
    "plc",
    "Group",
    "Holdings",
    "Systems",
    "Analytics",
    "Health",
    "Logistics",
    "Labs",
    "& Co",
];
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `n` distinct-looking company names (deterministic).
pub fn company_names(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed ^ 0xC0FF_EE);
    (0..n)
        .map(|i| {
            let stem = STEMS[i % STEMS.len()];
            let suffix = rng.pick(SUFFIXES);
            let sep = if suffix.starts_with(',') { "" } else { " " };
            // Number the stems past the first round so names stay unique.
            if i < STEMS.len() {
                format!("{stem}{sep}{suffix}")
            } else {
                format!("{stem} {}{sep}{suffix}", i / STEMS.len())
            }
        })
        .collect()
}

fn csv_field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn slug(first: &str, last: &str, i: usize) -> String {
    let s: String = format!("{first}-{last}")
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' || c == '-' {
                Some('-')
            } else {
                None
            }
        })
        .collect();
    format!("{}-{i:x}", s.trim_matches('-'))
}

/// A LinkedIn `Connections.csv` (2022+ layout, with preamble) of `rows`
/// rows at the given companies; about 3% of rows are hidden members (empty
/// but for the date) and 3% carry an email, as in real exports.
pub fn connections_csv(rows: usize, seed: u64, companies: &[String]) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(rows * 120 + 600);
    out.push_str("Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for i in 0..rows {
        let date = format!(
            "{:02} {} {}",
            1 + rng.below(28),
            rng.pick(MONTHS),
            2010 + rng.below(17)
        );
        if rng.chance(0.033) {
            out.push_str(",,,,,,");
            out.push_str(&date);
            out.push('\n');
            continue;
        }
        let first = rng.pick(FIRST);
        let last = rng.pick(LAST);
        let company = &companies[rng
            .below(companies.len().max(1))
            .min(companies.len().saturating_sub(1))];
        csv_field(&mut out, first);
        out.push(',');
        csv_field(&mut out, last);
        out.push_str(",https://www.linkedin.com/in/");
        out.push_str(&slug(
            first,
            last,
            (seed as usize).wrapping_mul(1_000_003) ^ i,
        ));
        out.push(',');
        if rng.chance(0.032) {
            out.push_str(&format!("person{i}@example.com"));
        }
        out.push(',');
        csv_field(&mut out, company);
        out.push(',');
        csv_field(&mut out, rng.pick(TITLES));
        out.push(',');
        out.push_str(&date);
        out.push('\n');
    }
    out
}

/// An NPS export in SurveyMonkey's shape: quoted question headers, a second
/// header row, and quoted comments with commas, quotes and line breaks.
pub fn nps_csv(rows: usize, seed: u64, companies: &[String]) -> String {
    let mut rng = Rng::new(seed ^ 0x4E50_5300);
    const COMMENTS: &[&str] = &[
        "Great onboarding, the certification made our team faster.",
        "Support was slow\nand the reports broke twice",
        "Solid partner; responsive \"CSM\", would buy again",
        "Too expensive for what we use",
        "",
        "The workshop was excellent — 10/10",
    ];
    let mut out = String::with_capacity(rows * 200 + 400);
    out.push_str("Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,\"On a scale from 0-10, how likely are you to recommend Northwind to a friend or colleague?\",Why did you give that score?,Company,Job Title\n");
    out.push_str(",,,,,,,,,Response,Open-Ended Response,Open-Ended Response,Open-Ended Response\n");
    for i in 0..rows {
        let first = rng.pick(FIRST);
        let last = rng.pick(LAST);
        let (m, d) = (1 + rng.below(12), 1 + rng.below(28));
        let score = [10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 3, 0][rng.below(12)];
        out.push_str(&format!(
            "{},{},{m:02}/{d:02}/2026 09:15:02 AM,{m:02}/{d:02}/2026 09:17:45 AM,198.51.100.{},",
            114_000_000_000u64 + i as u64,
            401_234_567,
            i % 250
        ));
        out.push_str(&format!("r{i}@example.com,"));
        csv_field(&mut out, first);
        out.push(',');
        csv_field(&mut out, last);
        out.push_str(&format!(",,{score},"));
        csv_field(&mut out, rng.pick(COMMENTS));
        out.push(',');
        csv_field(&mut out, &companies[rng.below(companies.len())]);
        out.push(',');
        csv_field(&mut out, rng.pick(TITLES));
        out.push('\n');
    }
    out
}

/// An NPS export (Delighted-style) of `n` promoters scoring 9 or 10, with
/// emails `p0@example.com`, `p1@example.com`, … so that networks named
/// `p0_Connections.csv`, `p1_Connections.csv` are matched to their owner.
pub fn promoters_nps_csv(n: usize, seed: u64, companies: &[String]) -> String {
    let mut rng = Rng::new(seed ^ 0x9090);
    let mut out = String::from("Name,Email,Company,Job Title,Score,Comment,Created (UTC)\n");
    for i in 0..n {
        let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        csv_field(&mut out, &name);
        out.push_str(&format!(",p{i}@example.com,"));
        csv_field(&mut out, &companies[rng.below(companies.len())]);
        out.push(',');
        csv_field(&mut out, rng.pick(TITLES));
        out.push_str(&format!(
            ",{},Great partner,2026-11-{:02} 10:00:00 UTC\n",
            9 + rng.below(2),
            1 + rng.below(28)
        ));
    }
    out
}

/// A HubSpot companies export with an `ICP Tier` column.
pub fn accounts_csv(companies: &[String], seed: u64) -> String {
    let mut rng = Rng::new(seed ^ 0xACC0);
    let mut out = String::from("Record ID,Company name,Company Domain Name,Country/Region,Industry,Number of Employees,ICP Tier\n");
    for (i, c) in companies.iter().enumerate() {
        out.push_str(&format!("{},", 5_012_345_678u64 + i as u64));
        csv_field(&mut out, c);
        let domain: String = c
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        out.push_str(&format!(
            ",{domain}.example,United States,COMPUTER_SOFTWARE,{},Tier {}\n",
            50 + rng.below(20_000),
            1 + rng.below(3)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Records;
    use crate::core::{import_file, FileKind, ImportOptions};

    #[test]
    fn same_seed_same_bytes_and_it_reads_cleanly() {
        let companies = company_names(500, 7);
        let a = connections_csv(3000, 42, &companies);
        assert_eq!(a, connections_csv(3000, 42, &companies));
        assert_ne!(a, connections_csv(3000, 43, &companies));
        let f = import_file("Connections.csv", a.as_bytes(), &ImportOptions::default());
        assert_eq!(f.kind, FileKind::Connections);
        assert_eq!(f.rows + f.skipped, 3000);
        assert!(
            f.problems.is_empty(),
            "{:?}",
            &f.problems[..f.problems.len().min(3)]
        );
        assert!(
            (50..=150).contains(&f.skipped),
            "about 3% hidden members: {}",
            f.skipped
        );
        let Records::Connections(c) = &f.records else {
            panic!()
        };
        let c = c.to_vec();
        assert!(c.iter().all(|c| c.url.is_some()));
    }

    #[test]
    fn nps_and_accounts_read_cleanly() {
        let companies = company_names(100, 1);
        let n = import_file(
            "nps.csv",
            nps_csv(500, 3, &companies).as_bytes(),
            &ImportOptions::default(),
        );
        assert_eq!((n.kind, n.rows, n.problems.len()), (FileKind::Nps, 500, 0));
        let a = import_file(
            "targets.csv",
            accounts_csv(&companies, 3).as_bytes(),
            &ImportOptions::default(),
        );
        assert_eq!(
            (a.kind, a.rows, a.problems.len()),
            (FileKind::Accounts, 100, 0)
        );
    }
}
