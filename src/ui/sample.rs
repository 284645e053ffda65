//! The built-in sample: synthetic people in real export shapes, so the app
//! can be tried with no files of the user's — an NPS survey, four
//! promoters' LinkedIn networks, an ICP target list with tiers, the customer
//! and open-opportunity lists, and a Sales Navigator lead export.
//!
//! The networks and lists are the ranking's scenario fixtures. The survey's
//! dates are written relative to today (`{{day-3}}` is three days ago), so
//! the sample always shows every timing: an ask-now certification, a
//! project under way, a certification coming up, and a fading answer.

use crate::core::dates::Date;

macro_rules! scenario {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../tests/fixtures/scenario/", $name)))),*]
    };
}

const FIXED: &[(&str, &[u8])] = scenario![
    "ana_Connections.csv",
    "ben_Connections.csv",
    "chloe_Connections.csv",
    "dev_Connections.csv",
    "targets.csv",
    "customers.csv",
    "opportunities.csv",
    "phantombuster_leads.csv",
];

const NPS_TEMPLATE: &str = include_str!("../sample/nps.csv");

/// Replace every `{{day±N}}` with the date N days from `today`.
pub fn dated(template: &str, today: Date) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{day") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 5..];
        match after
            .find("}}")
            .and_then(|end| after[..end].parse::<i64>().ok().map(|n| (end, n)))
        {
            Some((end, n)) => {
                out.push_str(&today.add_days(n).to_string());
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{day");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The sample files, with the survey dated around `today`.
pub fn files(today: Date) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = vec![("nps.csv", dated(NPS_TEMPLATE, today).into_bytes())];
    out.extend(FIXED.iter().map(|(name, bytes)| (*name, bytes.to_vec())));
    out
}
