/*!
The pure core of Referral Radar.

Invariants (see README, "Architecture"):
* no `yew`, `web-sys`, `gloo` or `wasm-bindgen` imports, and no IO: every
  function takes bytes or values and returns values;
* import never stops at the first bad row: it returns what it could read
  plus a list of [`Problem`]s naming the row and the reason;
* nothing here panics on user input (a property test feeds it arbitrary
  bytes).
*/

pub mod archive;
pub mod ask;
pub mod backup;
pub mod candidates;
pub mod columns;
pub mod company;
pub mod dates;
pub mod export;
pub mod goal;
pub mod import;
pub mod limits;
pub mod model;
pub mod nps;
pub mod order;
pub mod owners;
pub mod profile_url;
pub mod rank;
pub mod seniority;
pub mod settings;
pub mod table;
pub mod text;

pub use import::{import_file, ImportOptions, ImportedFile};
pub use model::{Connection, FileKind, Problem};

// The ranking: build the candidates once (expensive), rank them as often as
// the weights change (cheap).
pub use ask::{Ask, AskList};
pub use candidates::{build_candidates, CandidateSet, Dataset, Network};
pub use goal::{goal_report, AskRecord, GoalReport};
pub use nps::{nps_report, NpsReport, NpsSummary};
pub use rank::{rank, Weights};
pub use settings::Settings;
