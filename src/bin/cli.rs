//! `referral-radar`: the command-line tool over the same core as the app.
//!
//! Argument parsing is hand-written: a handful of subcommands and flags do
//! not justify a parser dependency and its compile time.

use std::io::Write;
use std::process::ExitCode;

use referral_radar::core::candidates::Dataset;
use referral_radar::core::dates::Date;
use referral_radar::core::model::{AccountRole, FileKind, Records};
use referral_radar::core::seniority::Seniority;
use referral_radar::core::settings::IcpMode;
use referral_radar::core::{
    build_candidates, import_file, nps_report, rank, AskRecord, ImportOptions, ImportedFile,
    Settings,
};

const HELP: &str = "\
referral-radar — find the introductions worth asking your promoters for.
Everything runs locally; no file is sent anywhere.

USAGE:
    referral-radar inspect [--json] FILE...
    referral-radar nps [--json] FILE
    referral-radar rank --nps FILE --network [OWNER=]FILE... --accounts FILE [OPTIONS]

COMMANDS:
    inspect FILE...   For each file (a LinkedIn ZIP counts as one file), print
                      the detected kind, owner, column roles, rows kept, rows
                      skipped and every problem with its row number.
        --json        Print one JSON object per file instead, in an array:
                      {file, kind, owner, columns, rows, skipped, problems:[{row, message}]}

    nps FILE          The NPS figures of a survey export: score (-100..100),
                      promoters, passives, detractors, the 0-10 distribution, the
                      95% adjusted-Wald interval, rows dropped and why, per account
                      and per month.
        --json        As JSON: {score, promoters, passives, detractors, responses,
                      distribution, interval:{low, high, level}, dropped:[{row, reason}],
                      by_account, by_month}

    rank              The ask list: for each promoter, the best introductions to ask
                      for, each target once (the best path), with the reasons.
                      Writes CSV (rank,promoter,target,target_url,title,account,
                      match_tier,score,reasons,alternates); notes go to stderr.
        --nps FILE                The NPS survey export (who the promoters are).
        --network OWNER=FILE      A promoter's LinkedIn Connections.csv or data-export
                                  ZIP; OWNER is their email or name as written in the
                                  NPS file. For a ZIP, `--network FILE` takes the owner
                                  from its Profile.csv. Repeatable. A network whose
                                  owner is not a promoter (your team's) counts for
                                  connection strength only.
        --accounts FILE           ICP target accounts (a Tier/Priority column is used).
        --customers FILE          Existing customers: never targets.
        --opportunities FILE      Open opportunities: never targets.
        --competitors FILE        Competitors: never targets.
        --leads FILE              A lead export with mutual connections (Phantombuster,
                                  Apollo). Repeatable.
        --history FILE            Asks already made (JSON: [{promoter, target,
                                  target_url, account, changes:[{state, on}]}]); those
                                  people are not suggested again.
        --today YYYY-MM-DD        The date to rank for (default: today).
        --settings FILE           Settings as JSON (any field may be left out):
                                  {promoter_threshold, allow_passives, icp, persona:
                                  {title_keywords, min_seniority}, weights:{icp_fit,
                                  persona_fit, strength, depth, alignment, timing,
                                  promoter}, asks_per_promoter, fiscal_year_start_month,
                                  fiscal_year_start_day, sql_goal, vetoed_matches,
                                  sender_name, our_company}. Flags below override it.
        --threshold N             Promoter threshold, 7-10 (default 9).
        --allow-passives          Passives (7 up to the threshold) may be asked too.
        --asks-per-promoter N     Introductions per promoter (default 5).
        --any-company             Any company that is not excluded is a target, when
                                  the person fits the persona (default: the account list).
        --persona WORD[,WORD...]  Title keywords of the buyer persona.
        --min-seniority LEVEL     individual-contributor, manager, director, vp, c-level.
        --weight NAME=VALUE       A ranking weight (names as in the settings). Repeatable.
        --veto COMPANY            Do not match this company name (as written). Repeatable.
        --json                    Print a JSON array of asks instead: [{rank, promoter,
                                  promoter_name, target, target_url, title, account,
                                  company, match_tier, score, reasons:[{signal, points,
                                  text}], alternates:[{promoter, promoter_name, score}],
                                  timing}]
        --emails                  Print the executive's email to each promoter instead.

    help              Show this text.

EXIT STATUS:
    0 when every file was read (problems in rows are reported, not fatal),
    1 when a file could not be read at all, 2 on a usage error.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("inspect") => inspect(&args[1..]),
        Some("nps") => nps(&args[1..]),
        Some("rank") => rank_command(&args[1..]),
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
        let name = std::path::Path::new(path)
            .file_name()
            .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        let imported = match std::fs::read(path) {
            Ok(bytes) => import_file(&name, &bytes, &ImportOptions::default()),
            Err(e) => {
                let mut f = ImportedFile {
                    file: name.clone(),
                    ..Default::default()
                };
                f.problems.push(referral_radar::core::Problem::file(format!(
                    "cannot open {path}: {e}"
                )));
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
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&values).unwrap_or_default()
        );
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
    s.push_str(&format!(
        "  kind:     {} ({})\n",
        f.kind.as_str(),
        f.kind.label()
    ));
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
        s.push_str(&format!(
            "  read as:  {}, {d}-separated, header on line {}\n",
            e.label(),
            f.header_line.unwrap_or(1)
        ));
    }
    if !f.columns.is_empty() {
        s.push_str("  columns:\n");
        for c in &f.columns {
            s.push_str(&format!(
                "    {:<28} {}\n",
                c.header,
                c.role.map_or("-", |r| r.as_str())
            ));
        }
    }
    s.push_str(&format!(
        "  rows:     {} kept, {} skipped\n",
        f.rows, f.skipped
    ));
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

/// Read and import one file, or say why not.
fn read_file(path: &str, options: &ImportOptions) -> Result<ImportedFile, String> {
    let name = std::path::Path::new(path)
        .file_name()
        .map_or(path.to_string(), |n| n.to_string_lossy().into_owned());
    let bytes = std::fs::read(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let f = import_file(&name, &bytes, options);
    if f.rows == 0 {
        if let Some(p) = f.problems.iter().find(|p| p.row.is_none()) {
            return Err(p.message.clone());
        }
    }
    Ok(f)
}

fn nps(args: &[String]) -> ExitCode {
    let json = args.iter().any(|a| a == "--json");
    if let Some(bad) = args.iter().find(|a| a.starts_with('-') && *a != "--json") {
        eprintln!("referral-radar nps: unknown option `{bad}`");
        return ExitCode::from(2);
    }
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let [path] = files.as_slice() else {
        eprintln!("referral-radar nps: name one survey FILE\n\n{HELP}");
        return ExitCode::from(2);
    };
    let f = match read_file(
        path,
        &ImportOptions {
            kind: Some(FileKind::Nps),
            ..Default::default()
        },
    ) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("referral-radar nps: {e}");
            return ExitCode::from(1);
        }
    };
    let Records::Nps(rows) = &f.records else {
        eprintln!("referral-radar nps: {path} holds no NPS responses");
        return ExitCode::from(1);
    };
    let report = nps_report(rows, &f.problems);
    let o = &report.overall;
    let mut out = std::io::stdout().lock();
    if json {
        let v = serde_json::json!({
            "score": o.score,
            "promoters": o.promoters,
            "passives": o.passives,
            "detractors": o.detractors,
            "responses": o.responses,
            "distribution": o.distribution,
            "interval": o.interval,
            "dropped": o.dropped,
            "by_account": report.by_account,
            "by_month": report.by_month,
            "undated": report.undated,
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        );
    } else {
        let _ = writeln!(out, "NPS {:.1} from {} responses", o.score, o.responses);
        if let Some(i) = &o.interval {
            let _ = writeln!(out, "  95% interval: {:.1} to {:.1}", i.low, i.high);
        }
        let _ = writeln!(
            out,
            "  promoters {}, passives {}, detractors {}",
            o.promoters, o.passives, o.detractors
        );
        let dist: Vec<String> = o
            .distribution
            .iter()
            .enumerate()
            .map(|(s, n)| format!("{s}:{n}"))
            .collect();
        let _ = writeln!(out, "  distribution: {}", dist.join(" "));
        if !o.dropped.is_empty() {
            let _ = writeln!(out, "  dropped: {}", o.dropped.len());
            for d in &o.dropped {
                let _ = writeln!(out, "    row {}: {}", d.row, d.reason);
            }
        }
        for m in &report.by_month {
            let _ = writeln!(
                out,
                "  {}: NPS {:.1} ({} responses)",
                m.month, m.nps.score, m.nps.responses
            );
        }
        for a in &report.by_account {
            let _ = writeln!(
                out,
                "  {}: NPS {:.1} ({} responses)",
                a.account, a.nps.score, a.nps.responses
            );
        }
    }
    ExitCode::SUCCESS
}

/// Today from the system clock (the CLI may read it; the core never does).
fn system_today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days((secs / 86_400) as i64)
}

fn rank_command(args: &[String]) -> ExitCode {
    let usage = |msg: String| {
        eprintln!("referral-radar rank: {msg}");
        ExitCode::from(2)
    };
    let mut settings = Settings::default();
    let (mut nps_file, mut networks, mut accounts, mut leads, mut history) =
        (None, Vec::new(), Vec::new(), Vec::new(), None);
    let (mut today, mut json, mut emails) = (None, false, false);
    let mut overrides: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        let takes_value = !matches!(
            flag,
            "--json" | "--emails" | "--allow-passives" | "--any-company"
        );
        let value = if takes_value {
            match args.get(i + 1) {
                Some(v) => v.clone(),
                None => return usage(format!("`{flag}` needs a value\n\n{HELP}")),
            }
        } else {
            String::new()
        };
        match flag {
            "--nps" => nps_file = Some(value),
            "--network" => networks.push(value),
            "--accounts" => accounts.push((AccountRole::Target, value)),
            "--customers" => accounts.push((AccountRole::Customer, value)),
            "--opportunities" => accounts.push((AccountRole::Opportunity, value)),
            "--competitors" => accounts.push((AccountRole::Competitor, value)),
            "--leads" => leads.push(value),
            "--history" => history = Some(value),
            "--today" => match Date::parse_iso(&value) {
                Some(d) => today = Some(d),
                None => return usage(format!("--today wants YYYY-MM-DD, not `{value}`")),
            },
            "--settings" => {
                let text = match std::fs::read_to_string(&value) {
                    Ok(t) => t,
                    Err(e) => return usage(format!("cannot open {value}: {e}")),
                };
                settings = match serde_json::from_str(&text) {
                    Ok(s) => s,
                    Err(e) => return usage(format!("{value} is not a settings file: {e}")),
                };
            }
            "--json" => json = true,
            "--emails" => emails = true,
            "--allow-passives" | "--any-company" => {
                overrides.push((flag.to_string(), String::new()))
            }
            "--threshold"
            | "--asks-per-promoter"
            | "--persona"
            | "--min-seniority"
            | "--weight"
            | "--veto" => overrides.push((flag.to_string(), value)),
            other => return usage(format!("unknown option `{other}`\n\n{HELP}")),
        }
        i += if takes_value { 2 } else { 1 };
    }
    // Flags override the settings file, whichever came first.
    for (flag, value) in overrides {
        let number = |v: &str| {
            v.parse::<usize>()
                .map_err(|_| format!("{flag} wants a number, not `{v}`"))
        };
        let applied: Result<(), String> = match flag.as_str() {
            "--allow-passives" => Ok(settings.allow_passives = true),
            "--any-company" => Ok(settings.icp = IcpMode::AnyCompany),
            "--threshold" => number(&value).map(|n| settings.promoter_threshold = n.min(10) as u8),
            "--asks-per-promoter" => number(&value).map(|n| settings.asks_per_promoter = n),
            "--persona" => {
                settings.persona.title_keywords = value
                    .split(',')
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty())
                    .collect();
                Ok(())
            }
            "--min-seniority" => Seniority::parse(&value)
                .map(|s| settings.persona.min_seniority = s)
                .ok_or(format!("unknown seniority `{value}`")),
            "--veto" => Ok(settings.vetoed_matches.push(value)),
            "--weight" => set_weight(&mut settings, &value),
            _ => Ok(()),
        };
        if let Err(e) = applied {
            return usage(e);
        }
    }
    let Some(nps_path) = nps_file else {
        return usage(format!("name the survey with --nps FILE\n\n{HELP}"));
    };
    if networks.is_empty() {
        return usage("name at least one --network [OWNER=]FILE".to_string());
    }
    let today = today.unwrap_or_else(system_today);

    // Read every file; a file that cannot be read at all stops the run.
    let mut files: Vec<ImportedFile> = Vec::new();
    let mut read = |path: &str, options: ImportOptions| -> Result<usize, String> {
        let f = read_file(path, &options)?;
        files.push(f);
        Ok(files.len() - 1)
    };
    let mut failed = Vec::new();
    let _ = read(
        &nps_path,
        ImportOptions {
            kind: Some(FileKind::Nps),
            ..Default::default()
        },
    )
    .map_err(|e| failed.push(e))
    .ok();
    let mut owners: Vec<(usize, Option<String>)> = Vec::new();
    for spec in &networks {
        let (owner, path) = match spec.split_once('=') {
            Some((o, p)) if !std::path::Path::new(spec).exists() => {
                (Some(o.trim().to_string()), p.to_string())
            }
            _ => (None, spec.clone()),
        };
        match read(
            &path,
            ImportOptions {
                kind: Some(FileKind::Connections),
                ..Default::default()
            },
        ) {
            Ok(i) => owners.push((i, owner)),
            Err(e) => failed.push(e),
        }
    }
    for (role, path) in &accounts {
        if let Err(e) = read(
            path,
            ImportOptions {
                kind: Some(FileKind::Accounts),
                account_role: Some(*role),
                ..Default::default()
            },
        ) {
            failed.push(e);
        }
    }
    for path in &leads {
        if let Err(e) = read(
            path,
            ImportOptions {
                kind: Some(FileKind::Leads),
                ..Default::default()
            },
        ) {
            failed.push(e);
        }
    }
    if !failed.is_empty() {
        for e in failed {
            eprintln!("referral-radar rank: {e}");
        }
        return ExitCode::from(1);
    }
    let history: Vec<AskRecord> = match history {
        Some(path) => match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
        {
            Ok(h) => h,
            Err(e) => {
                eprintln!("referral-radar rank: cannot read the history {path}: {e}");
                return ExitCode::from(1);
            }
        },
        None => Vec::new(),
    };
    for (i, owner) in &owners {
        if let Some(o) = owner {
            files[*i].owner = Some(o.clone());
        } else if files[*i].owner.is_none() {
            eprintln!(
                "referral-radar rank: note: {} names no owner; give it as --network OWNER=FILE",
                files[*i].file
            );
        }
    }

    let mut data = Dataset::from_files(&files);
    data.history = &history;
    let candidates = build_candidates(&data, &settings);
    let list = rank(&candidates, &settings.weights, &settings, today);

    // Notes for the person running it, on stderr.
    for n in &candidates.notes {
        eprintln!("note: {n}");
    }
    for e in &candidates.excluded {
        eprintln!("excluded: {} connection(s) {}", e.count, e.reason.label());
    }
    for m in &candidates.matches {
        eprintln!(
            "matched: \"{}\" → {} ({}, {:.2})",
            m.company,
            m.account,
            m.tier.as_str(),
            m.confidence
        );
    }

    let mut out = std::io::stdout().lock();
    if emails {
        for p in &list.promoters {
            let _ = writeln!(
                out,
                "To: {}\nSubject: {}\n\n{}\n",
                p.email.to.as_deref().unwrap_or(&p.name),
                p.email.subject,
                p.email.body
            );
        }
    } else if json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&list.asks).unwrap_or_default()
        );
    } else {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record([
            "rank",
            "promoter",
            "target",
            "target_url",
            "title",
            "account",
            "match_tier",
            "score",
            "reasons",
            "alternates",
        ]);
        for a in &list.asks {
            let reasons: Vec<&str> = a.reasons.iter().map(|r| r.text.as_str()).collect();
            let alternates: Vec<String> = a
                .alternates
                .iter()
                .map(|x| format!("{} ({:.1})", x.promoter, x.score))
                .collect();
            let _ = w.write_record([
                a.rank.to_string(),
                a.promoter.clone(),
                a.target.clone(),
                a.target_url.clone().unwrap_or_default(),
                a.title.clone(),
                a.account.clone(),
                a.match_tier.as_str().to_string(),
                format!("{:.1}", a.score),
                reasons.join("; "),
                alternates.join("; "),
            ]);
        }
        let _ = out.write_all(&w.into_inner().unwrap_or_default());
    }
    ExitCode::SUCCESS
}

fn set_weight(settings: &mut Settings, spec: &str) -> Result<(), String> {
    let (name, value) = spec
        .split_once('=')
        .ok_or(format!("--weight wants NAME=VALUE, not `{spec}`"))?;
    let v: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("--weight {name} wants a number, not `{value}`"))?;
    if !(v.is_finite() && v >= 0.0) {
        return Err(format!("--weight {name} must be zero or more"));
    }
    let w = &mut settings.weights;
    let slot = match name.trim().replace('-', "_").as_str() {
        "icp_fit" | "icp" => &mut w.icp_fit,
        "persona_fit" | "persona" => &mut w.persona_fit,
        "strength" => &mut w.strength,
        "depth" => &mut w.depth,
        "alignment" => &mut w.alignment,
        "timing" => &mut w.timing,
        "promoter" => &mut w.promoter,
        other => return Err(format!("unknown weight `{other}` (icp_fit, persona_fit, strength, depth, alignment, timing, promoter)")),
    };
    *slot = v;
    Ok(())
}
