/*!
The user's settings: who counts as a promoter, what a target is, the
ranking weights, how many asks per promoter, the fiscal year and the goal.

Everything has the default the product playbook suggests (promoters score
9–10, passives are not asked, five asks per promoter, a fiscal year from
August 1, a goal of 30 SQLs). A settings file is this struct as JSON; any
field left out takes its default.

Which settings need which step: the ICP mode, the persona and vetoed
matches shape the candidate set ([`super::candidates::build_candidates`]);
everything else is applied by the cheap [`super::rank::rank`], so changing
it never re-reads a file.
*/

use serde::{Deserialize, Serialize};

use super::rank::Weights;
use super::seniority::Seniority;

/// What a target account is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IcpMode {
    /// Only the accounts on the target list (ICP targets).
    #[default]
    AccountList,
    /// Any company that is not excluded, when the person fits the persona.
    AnyCompany,
}

/// The buyer persona: whom we want to meet at a target account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Persona {
    /// Words or phrases in a job title (`sales`, `revenue`, `customer success`);
    /// empty means any title fits.
    pub title_keywords: Vec<String>,
    /// The lowest seniority worth an introduction.
    pub min_seniority: Seniority,
}

/// All settings, with the playbook's defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Respondents scoring at least this (7–10) are promoters. Default 9.
    pub promoter_threshold: u8,
    /// Whether passives (7 up to the threshold) may be asked. Default no.
    pub allow_passives: bool,
    pub icp: IcpMode,
    pub persona: Persona,
    pub weights: Weights,
    /// Introductions asked of each promoter. Default 5.
    pub asks_per_promoter: usize,
    /// First month (1–12) and day of the fiscal year. Default August 1.
    pub fiscal_year_start_month: u32,
    pub fiscal_year_start_day: u32,
    /// SQLs from introductions wanted this fiscal year. Default 30.
    pub sql_goal: u32,
    /// Company names (as written) whose match the user vetoed.
    pub vetoed_matches: Vec<String>,
    /// Who signs the executive's ask, and our company's name, for the email.
    pub sender_name: String,
    pub our_company: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            promoter_threshold: 9,
            allow_passives: false,
            icp: IcpMode::AccountList,
            persona: Persona::default(),
            weights: Weights::default(),
            asks_per_promoter: 5,
            fiscal_year_start_month: 8,
            fiscal_year_start_day: 1,
            sql_goal: 30,
            vetoed_matches: Vec::new(),
            sender_name: String::new(),
            our_company: String::new(),
        }
    }
}

impl Settings {
    /// The promoter threshold, kept within 7–10 (a detractor is never a promoter).
    pub fn threshold(&self) -> u8 {
        self.promoter_threshold.clamp(7, 10)
    }

    /// Whether a respondent with this score may be asked.
    pub fn may_ask(&self, score: u8) -> bool {
        score >= self.threshold() || (self.allow_passives && score >= 7)
    }
}
