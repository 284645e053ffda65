/*!
Seniority from a job title: C-level, VP, Director, Manager or Individual
contributor.

The ranking needs it three times: a promoter's *depth* at an account counts
senior people more, *seniority alignment* ranks a C-level promoter's
C-level contacts higher ("VPs know VPs, C-levels hang with C-levels"), and
the buyer persona has a minimum seniority.

Titles are folded (lowercase, accents dropped, punctuation to spaces) and
read as words, so `Sr. VP, Sales`, `SVP Sales` and `Vice-President Sales`
all read as VP. The rules run in order and the first that applies wins;
the order matters because titles contain each other (`Vice President`
contains `President`, `Assistant to the CEO` contains `CEO`, `Product
Owner` contains `Owner`). Owners, founders, presidents, managing partners
and managing directors count as C-level; a plain `Partner` counts as VP.
Common non-English titles are read too (German, French, Spanish,
Portuguese, Italian, Dutch): `Geschäftsführer`, `Directeur général`,
`Director General`, `Vorstand`, `PDG`, `Gerente`, `Leiter`…
*/

use serde::{Deserialize, Serialize};

use super::company::fold;

/// How senior a person is, lowest first (so `Ord` compares seniority).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Seniority {
    #[default]
    IndividualContributor,
    Manager,
    Director,
    Vp,
    CLevel,
}

impl Seniority {
    pub const ALL: [Seniority; 5] = [
        Seniority::IndividualContributor,
        Seniority::Manager,
        Seniority::Director,
        Seniority::Vp,
        Seniority::CLevel,
    ];

    /// The stable name used in settings files, the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Seniority::IndividualContributor => "individual-contributor",
            Seniority::Manager => "manager",
            Seniority::Director => "director",
            Seniority::Vp => "vp",
            Seniority::CLevel => "c-level",
        }
    }

    /// Parse [`Seniority::as_str`] or a seniority label as lead tools write
    /// it (Apollo: `c_suite`, `vp`, `director`, `manager`, `senior`,
    /// `entry`, `owner`, `founder`, `partner`, `head`).
    pub fn parse(s: &str) -> Option<Seniority> {
        let s = fold(s);
        let s = s.trim().replace([' ', '_'], "-");
        Some(match s.as_str() {
            "c-level" | "c-suite" | "cxo" | "owner" | "founder" | "executive" | "c" => {
                Seniority::CLevel
            }
            "vp" | "vice-president" | "partner" => Seniority::Vp,
            "director" | "head" => Seniority::Director,
            "manager" => Seniority::Manager,
            "individual-contributor" | "ic" | "senior" | "entry" | "intern" | "training" => {
                Seniority::IndividualContributor
            }
            _ => return None,
        })
    }

    /// What a user calls it.
    pub fn label(self) -> &'static str {
        match self {
            Seniority::IndividualContributor => "Individual contributor",
            Seniority::Manager => "Manager",
            Seniority::Director => "Director",
            Seniority::Vp => "VP",
            Seniority::CLevel => "C-level",
        }
    }

    /// 0 (individual contributor) to 4 (C-level).
    pub fn level(self) -> u8 {
        self as u8
    }

    /// How much a contact at this level counts, 0.2 (individual
    /// contributor) to 1.0 (C-level): the weight in a promoter's depth at
    /// an account and in a target's persona fit.
    pub fn weight(self) -> f64 {
        (self.level() as f64 + 1.0) / 5.0
    }
}

/// Single words that make a title C-level.
const C_LEVEL_WORDS: &[&str] = &[
    "ceo",
    "cto",
    "cfo",
    "coo",
    "cmo",
    "cro",
    "cio",
    "ciso",
    "cpo",
    "cco",
    "cdo",
    "chro",
    "cso",
    "cxo",
    "cao",
    "founder",
    "cofounder",
    "president",
    "chairman",
    "chairwoman",
    "chairperson",
    "geschaftsfuhrer",
    "geschaeftsfuehrer",
    "geschaftsfuhrerin",
    "geschaeftsfuehrerin",
    "vorstand",
    "vorstandsvorsitzender",
    "vorstandin",
    "inhaber",
    "inhaberin",
    "grunder",
    "gruender",
    "grunderin",
    "pdg",
    "fondateur",
    "fondatrice",
    "fundador",
    "fundadora",
    "presidente",
    "presidenta",
    "oprichter",
    "eigenaar",
    "proprietor",
    "proprietaire",
    "propietario",
    "propietaria",
    "dg",
];

/// Word pairs that make a title C-level.
const C_LEVEL_PHRASES: &[&str] = &[
    "managing director",
    "managing partner",
    "senior partner",
    "founding partner",
    "general partner",
    "executive chairman",
    "board member",
    "member of the board",
    "directeur general",
    "directrice generale",
    "director general",
    "directora general",
    "director ejecutivo",
    "directora ejecutiva",
    "consejero delegado",
    "consejera delegada",
    "amministratore delegato",
    "diretor geral",
    "diretora geral",
    "diretor executivo",
    "algemeen directeur",
    "mitglied des vorstands",
    "co founder",
    "co fondateur",
];

const VP_WORDS: &[&str] = &[
    "vp",
    "svp",
    "evp",
    "avp",
    "rvp",
    "gvp",
    "vizeprasident",
    "vizepraesident",
    "vicepresidente",
    "vicepresident",
    "partner",
    "partnerin",
    "associe",
    "associee",
    "socio",
    "socia",
    "prokurist",
    "prokuristin",
];

const DIRECTOR_WORDS: &[&str] = &[
    "director",
    "directeur",
    "directrice",
    "directora",
    "direktor",
    "direktorin",
    "diretor",
    "diretora",
    "direttore",
    "direttrice",
    "directeur",
    "head",
    "leiter",
    "leiterin",
    "bereichsleiter",
    "abteilungsleiter",
    "jefe",
    "jefa",
];

const MANAGER_WORDS: &[&str] = &[
    "manager",
    "mgr",
    "lead",
    "supervisor",
    "gerente",
    "responsable",
    "teamleiter",
    "teamleiterin",
    "gruppenleiter",
    "coordinator",
    "coordinador",
    "coordinadora",
    "chef",
    "cheffe",
    "manageur",
    "managerin",
];

/// Words before `owner` that make it a role, not a proprietor.
const OWNER_AS_ROLE: &[&str] = &[
    "product",
    "process",
    "account",
    "data",
    "service",
    "system",
    "content",
    "business process",
];

/// The seniority a job title suggests. An empty or unreadable title is an
/// individual contributor.
pub fn seniority_of(title: &str) -> Seniority {
    let folded = fold(title);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has_word = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let has_phrase = |p: &str| has_phrase(&words, p);

    // Assistants to an executive are not the executive.
    if has_phrase("assistant to")
        || has_phrase("executive assistant")
        || has_phrase("personal assistant")
        || has_phrase("assistant de direction")
        || has_phrase("assistente")
        || has_phrase("asistente de direccion")
        || has_phrase("office of the")
    {
        return Seniority::IndividualContributor;
    }
    if has_phrase("chief of staff") {
        return Seniority::Director;
    }
    if has_phrase("vice president")
        || has_phrase("vice presidente")
        || has_phrase("vice presidenta")
        || has_phrase("vice pres")
    {
        return Seniority::Vp;
    }
    if C_LEVEL_PHRASES.iter().any(|p| has_phrase(p)) {
        return Seniority::CLevel;
    }
    if words.contains(&"chief") && !has_phrase("chief of") {
        return Seniority::CLevel;
    }
    if has_word(C_LEVEL_WORDS) {
        return Seniority::CLevel;
    }
    if let Some(i) = words
        .iter()
        .position(|w| *w == "owner" || *w == "co owner" || *w == "coowner")
    {
        let before = if i > 0 { words[i - 1] } else { "" };
        if !OWNER_AS_ROLE.contains(&before) {
            return Seniority::CLevel;
        }
    }
    // A partner is senior; a partner *manager* or partner *marketing* role is not.
    if has_word(VP_WORDS) {
        let partner_role = words.iter().position(|w| *w == "partner").is_some_and(|i| {
            words.get(i + 1).is_some_and(|n| {
                [
                    "manager",
                    "marketing",
                    "success",
                    "sales",
                    "account",
                    "program",
                    "programs",
                    "development",
                    "channel",
                    "enablement",
                    "relations",
                    "ecosystem",
                    "alliances",
                    "operations",
                    "solutions",
                    "engineer",
                    "specialist",
                    "executive",
                    "director",
                    "lead",
                ]
                .contains(n)
            }) || words.get(i.wrapping_sub(1)).is_some_and(|p| {
                [
                    "channel",
                    "business",
                    "technology",
                    "hr",
                    "implementation",
                    "strategic",
                ]
                .contains(p)
            })
        });
        if !partner_role
            || words
                .iter()
                .any(|w| ["vp", "svp", "evp", "avp"].contains(w))
        {
            return Seniority::Vp;
        }
    }
    if has_word(DIRECTOR_WORDS) || has_phrase("general manager") {
        return Seniority::Director;
    }
    if has_word(MANAGER_WORDS) || has_phrase("team lead") {
        return Seniority::Manager;
    }
    Seniority::IndividualContributor
}

/// Whether the phrase's words (separated by single spaces) appear in a row
/// among the title's words: the same as the spaced title ` w1 w2 … `
/// containing ` phrase `, without building either string. A title has some
/// forty phrases to try and the candidate builder reads thousands of
/// titles, so the two allocations per try used to cost more than the rest
/// of the rules together.
fn has_phrase(words: &[&str], phrase: &str) -> bool {
    let n = phrase.split(' ').count();
    words
        .windows(n)
        .any(|w| w.iter().copied().eq(phrase.split(' ')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Seniority::*;

    #[test]
    fn english_titles() {
        let cases = [
            ("Chief Revenue Officer", CLevel),
            ("CEO", CLevel),
            ("Founder & CEO", CLevel),
            ("Co-Founder", CLevel),
            ("Owner", CLevel),
            ("President", CLevel),
            ("President & COO", CLevel),
            ("Managing Partner", CLevel),
            ("Managing Director, EMEA", CLevel),
            ("Chairman of the Board", CLevel),
            ("Vice President, Sales", Vp),
            ("Vice-President Marketing", Vp),
            ("SVP Customer Success", Vp),
            ("Sr. VP, Sales", Vp),
            ("Partner", Vp),
            ("Director of Finance", Director),
            ("Head of Customer Success", Director),
            ("General Manager", Director),
            ("Chief of Staff", Director),
            ("Sales Operations Manager", Manager),
            ("Team Lead, Support", Manager),
            ("Account Executive", IndividualContributor),
            ("Software Engineer", IndividualContributor),
            ("", IndividualContributor),
        ];
        for (title, want) in cases {
            assert_eq!(seniority_of(title), want, "{title}");
        }
    }

    #[test]
    fn titles_that_contain_a_senior_word_but_are_not_senior() {
        let cases = [
            ("Executive Assistant to the CEO", IndividualContributor),
            ("Assistant to the President", IndividualContributor),
            ("Product Owner", IndividualContributor),
            ("Partner Manager", Manager),
            ("Channel Partner Manager", Manager),
            ("Partner Marketing Manager", Manager),
            ("Vice President", Vp),
        ];
        for (title, want) in cases {
            assert_eq!(seniority_of(title), want, "{title}");
        }
    }

    #[test]
    fn non_english_titles() {
        let cases = [
            ("Geschäftsführer", CLevel),
            ("Geschäftsführerin", CLevel),
            ("Mitglied des Vorstands", CLevel),
            ("Directeur général", CLevel),
            ("Directrice Générale", CLevel),
            ("Président-directeur général (PDG)", CLevel),
            ("Director General", CLevel),
            ("Consejero Delegado", CLevel),
            ("Amministratore Delegato", CLevel),
            ("Fundadora", CLevel),
            ("Vizepräsident Vertrieb", Vp),
            ("Directeur commercial", Director),
            ("Directora de Ventas", Director),
            ("Leiter Vertrieb", Director),
            ("Gerente de Cuentas", Manager),
            ("Responsable marketing", Manager),
            ("Teamleiterin Support", Manager),
        ];
        for (title, want) in cases {
            assert_eq!(seniority_of(title), want, "{title}");
        }
    }

    #[test]
    fn labels_round_trip_and_order() {
        for s in Seniority::ALL {
            assert_eq!(Seniority::parse(s.as_str()), Some(s));
        }
        assert_eq!(Seniority::parse("c_suite"), Some(CLevel));
        assert_eq!(Seniority::parse("entry"), Some(IndividualContributor));
        assert!(
            CLevel > Vp && Vp > Director && Director > Manager && Manager > IndividualContributor
        );
        assert_eq!(CLevel.weight(), 1.0);
    }
}
