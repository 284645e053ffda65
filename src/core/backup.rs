/*!
The backup file: everything the user has in the app — settings, every
file's parsed data and the corrections made to it, and every ask's dated
states — as one JSON document that can be restored on any machine.

It carries a `format` tag and a `schema` number. [`Backup::from_json`]
refuses a file that is not a backup, and a backup from a newer schema (it
cannot know what the newer fields mean, and half-applying it would lose
data); an older schema is migrated forward step by step by
[`migrate`]. Schema 1 is the first; each future schema adds one step there
and a golden file under `tests/fixtures/backup/`.
*/

use serde::{Deserialize, Serialize};

use super::goal::AskRecord;
use super::import::{ImportOptions, ImportedFile};
use super::settings::Settings;

/// The tag that says "this is a Referral Radar backup".
pub const FORMAT: &str = "referral-radar-backup";
/// The schema this build writes.
pub const SCHEMA: u32 = 1;

/// One loaded file as the app keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackupFile {
    /// The user's corrections (kind, column roles, list role).
    #[serde(default)]
    pub options: ImportOptions,
    /// The owner the user chose for a network (email or name), if any.
    #[serde(default)]
    pub owner: Option<String>,
    pub imported: ImportedFile,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub schema: u32,
    /// When it was written (YYYY-MM-DD), for the user's information.
    #[serde(default)]
    pub saved_on: Option<String>,
    pub settings: Settings,
    pub files: Vec<BackupFile>,
    #[serde(default)]
    pub asks: Vec<AskRecord>,
}

/// Why a backup could not be restored. Nothing is applied in any of these
/// cases: restoring is all or nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreError {
    NotJson(String),
    NotABackup,
    Newer { schema: u32 },
    Damaged(String),
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreError::NotJson(e) => write!(f, "This file is not a Referral Radar backup (it is not JSON: {e}). Nothing was changed."),
            RestoreError::NotABackup => write!(f, "This file is JSON but not a Referral Radar backup. Nothing was changed."),
            RestoreError::Newer { schema } => write!(
                f,
                "This backup was written by a newer version of Referral Radar (schema {schema}; this one reads up to {SCHEMA}). Nothing was changed: open it with the newer version."
            ),
            RestoreError::Damaged(e) => write!(f, "This backup is damaged ({e}). Nothing was changed."),
        }
    }
}

impl Backup {
    pub fn new(
        settings: Settings,
        files: Vec<BackupFile>,
        asks: Vec<AskRecord>,
        saved_on: Option<String>,
    ) -> Backup {
        Backup {
            format: FORMAT.to_string(),
            schema: SCHEMA,
            saved_on,
            settings,
            files,
            asks,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Read a backup of this schema or an older one (migrated).
    ///
    /// A current backup is read straight into its types, in one pass over
    /// the text and without an intermediate `serde_json::Value` (which
    /// would hold a second, bigger copy of every row, and link a second
    /// copy of every type's decoder into the app).
    pub fn from_json(text: &str) -> Result<Backup, RestoreError> {
        /// The two fields that say what the file is; the rest is skipped.
        #[derive(Deserialize)]
        struct Head {
            #[serde(default)]
            format: Option<String>,
            #[serde(default)]
            schema: Option<u64>,
        }
        let head: Head = serde_json::from_str(text).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => RestoreError::NotABackup,
            _ => RestoreError::NotJson(e.to_string()),
        })?;
        if head.format.as_deref() != Some(FORMAT) {
            return Err(RestoreError::NotABackup);
        }
        let schema = head.schema.ok_or(RestoreError::NotABackup)? as u32;
        if schema > SCHEMA {
            return Err(RestoreError::Newer { schema });
        }
        let damaged = |e: serde_json::Error| RestoreError::Damaged(e.to_string());
        if schema == SCHEMA {
            return serde_json::from_str(text).map_err(damaged);
        }
        let value: serde_json::Value = serde_json::from_str(text).map_err(damaged)?;
        let value = migrate(value, schema)?;
        serde_json::from_str(&value.to_string()).map_err(damaged)
    }
}

/// Bring a backup of `schema` up to [`SCHEMA`], one step per version.
pub fn migrate(
    mut value: serde_json::Value,
    schema: u32,
) -> Result<serde_json::Value, RestoreError> {
    let mut at = schema;
    while at < SCHEMA {
        // Each future schema change adds its step here, e.g.
        // `1 => { /* rename a field */ }`.
        match at {
            0 => return Err(RestoreError::Damaged("schema 0 never existed".into())),
            _ => {}
        }
        at += 1;
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("schema".into(), SCHEMA.into());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(matches!(
            Backup::from_json("nope"),
            Err(RestoreError::NotJson(_))
        ));
        assert_eq!(
            Backup::from_json("{\"a\":1}"),
            Err(RestoreError::NotABackup)
        );
        let newer = format!("{{\"format\":\"{FORMAT}\",\"schema\":{}}}", SCHEMA + 1);
        assert_eq!(
            Backup::from_json(&newer),
            Err(RestoreError::Newer { schema: SCHEMA + 1 })
        );
        let broken = format!("{{\"format\":\"{FORMAT}\",\"schema\":{SCHEMA},\"settings\":7}}");
        assert!(matches!(
            Backup::from_json(&broken),
            Err(RestoreError::Damaged(_))
        ));
    }

    #[test]
    fn round_trips() {
        let b = Backup::new(
            Settings::default(),
            vec![],
            vec![],
            Some("2026-12-04".into()),
        );
        assert_eq!(Backup::from_json(&b.to_json()).unwrap(), b);
    }
}
