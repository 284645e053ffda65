//! `referral-radar`: the command-line tool over the same core as the app.
//!
//! Argument parsing is hand-written: a handful of subcommands and flags do
//! not justify a parser dependency and its compile time.

use std::io::Write;
use std::process::ExitCode;

use referral_radar::core::{import_file, ImportOptions, ImportedFile};

const HELP: &str = "\
referral-radar — find the introductions worth asking your promoters for.
Everything runs locally; no file is sent anywhere.

USAGE:
    referral-radar inspect [--json] FILE...

COMMANDS:
    inspect FILE...   For each file (a LinkedIn ZIP counts as one file), print
                      the detected kind, owner, column roles, rows kept, rows
                      skipped and every problem with its row number.
        --json        Print one JSON object per file instead, in an array:
                      {file, kind, owner, columns, rows, skipped, problems:[{row, message}]}

    help              Show this text.

EXIT STATUS:
    0 when every file was read (problems in rows are reported, not fatal),
    1 when a file could not be read at all, 2 on a usage error.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("inspect") => inspect(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("referral-radar: unknown command `{other}`\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}

fn inspect(args: &[String]) -> ExitCode {
    let json = args.iter().any(|a| a == "--json");
    if let Some(bad) = args.iter().find(|a| a.starts_with('-') && *a != "--json") {
        eprintln!("referral-radar inspect: unknown option `{bad}`");
        return ExitCode::from(2);
    }
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if files.is_empty() {
        eprintln!("referral-radar inspect: name at least one FILE\n\n{HELP}");
        return ExitCode::from(2);
    }
    let mut all_read = true;
    let mut reports = Vec::new();
    for path in files {
        let name = std::path::Path::new(path).file_name().map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        let imported = match std::fs::read(path) {
            Ok(bytes) => import_file(&name, &bytes, &ImportOptions::default()),
            Err(e) => {
                let mut f = ImportedFile { file: name.clone(), ..Default::default() };
                f.problems.push(referral_radar::core::Problem::file(format!("cannot open {path}: {e}")));
                f
            }
        };
        if imported.rows == 0 && imported.problems.iter().any(|p| p.row.is_none()) {
            all_read = false;
        }
        reports.push(imported);
    }
    let mut out = std::io::stdout().lock();
    if json {
        let values: Vec<serde_json::Value> = reports.iter().map(inspect_json).collect();
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&values).unwrap_or_default());
    } else {
        for f in &reports {
            let _ = write!(out, "{}", inspect_text(f));
        }
    }
    if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn inspect_json(f: &ImportedFile) -> serde_json::Value {
    serde_json::json!({
        "file": f.file,
        "kind": f.kind.as_str(),
        "owner": f.owner,
        "owner_company": f.owner_company,
        "account_role": f.account_role.map(|r| r.as_str()),
        "encoding": f.encoding.map(|e| e.label()),
        "delimiter": f.delimiter,
        "header_line": f.header_line,
        "columns": f.columns.iter().map(|c| serde_json::json!({
            "header": c.header,
            "role": c.role.map(|r| r.as_str()),
        })).collect::<Vec<_>>(),
        "rows": f.rows,
        "skipped": f.skipped,
        "problems": f.problems.iter().map(|p| serde_json::json!({"row": p.row, "message": p.message})).collect::<Vec<_>>(),
        "notes": f.notes,
    })
}

fn inspect_text(f: &ImportedFile) -> String {
    let mut s = String::new();
    s.push_str(&format!("{}\n", f.file));
    s.push_str(&format!("  kind:     {} ({})\n", f.kind.as_str(), f.kind.label()));
    if let Some(owner) = &f.owner {
        s.push_str(&format!("  owner:    {owner}\n"));
    }
    if let Some(c) = &f.owner_company {
        s.push_str(&format!("  employer: {c}\n"));
    }
    if let Some(r) = f.account_role {
        s.push_str(&format!("  list:     {} ({})\n", r.as_str(), r.label()));
    }
    if let (Some(e), Some(d)) = (f.encoding, &f.delimiter) {
        s.push_str(&format!("  read as:  {}, {d}-separated, header on line {}\n", e.label(), f.header_line.unwrap_or(1)));
    }
    if !f.columns.is_empty() {
        s.push_str("  columns:\n");
        for c in &f.columns {
            s.push_str(&format!("    {:<28} {}\n", c.header, c.role.map_or("-", |r| r.as_str())));
        }
    }
    s.push_str(&format!("  rows:     {} kept, {} skipped\n", f.rows, f.skipped));
    for n in &f.notes {
        s.push_str(&format!("  note:     {n}\n"));
    }
    if !f.problems.is_empty() {
        s.push_str(&format!("  problems: {}\n", f.problems.len()));
        for p in &f.problems {
            match p.row {
                Some(r) => s.push_str(&format!("    row {r}: {}\n", p.message)),
                None => s.push_str(&format!("    {}\n", p.message)),
            }
        }
    }
    s
}
