//! The built-in sample: synthetic people in real export shapes, so the app
//! can be tried with no files of the user's — an NPS survey, four
//! promoters' LinkedIn networks, an ICP target list with tiers, the customer
//! and open-opportunity lists, and a Sales Navigator lead export.

macro_rules! sample {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../tests/fixtures/scenario/", $name)))),*]
    };
}

pub const FILES: &[(&str, &[u8])] = sample![
    "nps.csv",
    "ana_Connections.csv",
    "ben_Connections.csv",
    "chloe_Connections.csv",
    "dev_Connections.csv",
    "targets.csv",
    "customers.csv",
    "opportunities.csv",
    "phantombuster_leads.csv",
];
