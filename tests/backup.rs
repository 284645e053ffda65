//! Backups: a golden file per schema version must keep restoring; a newer
//! schema is refused whole; a backup round-trips everything.
//! `RR_BLESS=1 cargo test --test backup` rewrites the current schema's
//! golden file (only when the format changes on purpose).

use referral_radar::core::backup::{Backup, BackupFile, RestoreError, SCHEMA};
use referral_radar::core::dates::Date;
use referral_radar::core::goal::{AskRecord, AskState, StateChange};
use referral_radar::core::model::Records;
use referral_radar::core::settings::Settings;
use referral_radar::core::{import_file, ImportOptions};

fn scenario_backup() -> Backup {
    let dir = format!("{}/tests/fixtures/scenario", env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for name in [
        "nps.csv",
        "ana_Connections.csv",
        "targets.csv",
        "customers.csv",
    ] {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let imported = import_file(name, &bytes, &ImportOptions::default());
        let owner = (name == "ana_Connections.csv").then(|| "ana.ruiz@northwind.com".to_string());
        files.push(BackupFile {
            options: ImportOptions::default(),
            owner,
            imported,
        });
    }
    let mut settings = Settings::default();
    settings.sql_goal = 40;
    settings.weights.strength = 5.0;
    let on = Date::new(2026, 2, 10).unwrap();
    let asks = vec![AskRecord {
        promoter: "ana.ruiz@northwind.com".into(),
        target: "Layla Moreau".into(),
        target_url: Some("https://www.linkedin.com/in/layla-moreau-3b2a1".into()),
        account: "Globex Corporation".into(),
        changes: vec![
            StateChange {
                state: AskState::Suggested,
                on,
            },
            StateChange {
                state: AskState::Asked,
                on,
            },
            StateChange {
                state: AskState::Sql,
                on: Date::new(2026, 3, 2).unwrap(),
            },
        ],
    }];
    Backup::new(settings, files, asks, Some("2026-03-02".into()))
}

fn golden(schema: u32) -> String {
    format!(
        "{}/tests/fixtures/backup/schema-{schema}.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn golden_backups_of_every_schema_restore() {
    if std::env::var_os("RR_BLESS").is_some() {
        std::fs::write(golden(SCHEMA), scenario_backup().to_json()).unwrap();
    }
    for schema in 1..=SCHEMA {
        let text = std::fs::read_to_string(golden(schema))
            .unwrap_or_else(|e| panic!("golden backup for schema {schema}: {e}"));
        let b = Backup::from_json(&text).unwrap_or_else(|e| panic!("schema {schema}: {e}"));
        assert_eq!(b.schema, SCHEMA, "migrated to the current schema");
        assert_eq!(b.settings.sql_goal, 40);
        assert_eq!(b.settings.weights.strength, 5.0);
        assert_eq!(b.files.len(), 4);
        assert_eq!(b.files[1].owner.as_deref(), Some("ana.ruiz@northwind.com"));
        let Records::Connections(c) = &b.files[1].imported.records else {
            panic!("network")
        };
        let c = c.to_vec();
        assert_eq!(c.len(), b.files[1].imported.rows);
        assert!(c.iter().any(|p| p.full_name() == "Layla Moreau"));
        assert_eq!(b.asks[0].current(), AskState::Sql);
    }
}

#[test]
fn the_current_golden_matches_what_this_build_writes() {
    let text = std::fs::read_to_string(golden(SCHEMA)).unwrap();
    assert_eq!(Backup::from_json(&text).unwrap(), scenario_backup());
}

#[test]
fn a_newer_schema_is_refused_and_nothing_is_applied() {
    let mut value: serde_json::Value = serde_json::from_str(&scenario_backup().to_json()).unwrap();
    value["schema"] = (SCHEMA + 1).into();
    let err = Backup::from_json(&value.to_string()).unwrap_err();
    assert_eq!(err, RestoreError::Newer { schema: SCHEMA + 1 });
    assert!(err.to_string().contains("newer version"), "{err}");
    assert!(err.to_string().contains("Nothing was changed"));
}

#[test]
fn other_json_and_broken_backups_are_refused_with_a_reason() {
    assert_eq!(Backup::from_json("[1,2,3]"), Err(RestoreError::NotABackup));
    let mut value: serde_json::Value = serde_json::from_str(&scenario_backup().to_json()).unwrap();
    value["files"][0]["imported"]["rows"] = "many".into();
    assert!(matches!(
        Backup::from_json(&value.to_string()),
        Err(RestoreError::Damaged(_))
    ));
}
