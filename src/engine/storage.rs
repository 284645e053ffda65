/*!
This browser's copy of the user's work, in IndexedDB, so everything
survives a reload. Nothing leaves the machine.

Layout: one object store, `kv`. Each file's parsed data is its own entry
(`file:<time>-<id>`), written once when it changes, one file at a time;
`meta` holds the settings, the tracked asks and the list of file entries
that make up the state, and is rewritten on every edit. Writing `meta` is
the commit point, so a save either lands whole or not at all: a full disk
(QuotaExceededError) or a reload half-way leaves the previous `meta` and
the entries it lists intact, and the app tells the user and offers the
backup download. Entries no `meta` lists are deleted by the next commit.
*/

use std::collections::HashMap;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::core::backup::{BackupFile, FORMAT};
use crate::core::goal::AskRecord;
use crate::core::settings::Settings;

const DB: &str = "referral-radar";
const STORE: &str = "kv";

#[derive(serde::Serialize, serde::Deserialize)]
struct Meta {
    format: String,
    schema: u32,
    settings: Settings,
    asks: Vec<AskRecord>,
    files: Vec<String>,
}

fn js_err(e: JsValue) -> String {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", ex.name(), ex.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// A request's result, as a future.
async fn request(req: IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let r2 = req.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r2.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r3 = req.clone();
        let fail = Closure::once_into_js(move |_: web_sys::Event| {
            let err = r3
                .error()
                .ok()
                .flatten()
                .map_or(JsValue::from_str("request failed"), JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(js_err)
}

/// A transaction's completion, as a future.
async fn complete(tx: &IdbTransaction) -> Result<(), String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t2 = tx.clone();
        let reject2 = reject.clone();
        let fail = Closure::once_into_js(move |_: web_sys::Event| {
            let err = t2
                .error()
                .map_or(JsValue::from_str("the transaction failed"), JsValue::from);
            let _ = reject2.call1(&JsValue::NULL, &err);
        });
        let t3 = tx.clone();
        let abort = Closure::once_into_js(move |_: web_sys::Event| {
            let err = t3.error().map_or(
                JsValue::from_str("the transaction was aborted"),
                JsValue::from,
            );
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onerror(Some(fail.unchecked_ref()));
        tx.set_onabort(Some(abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(js_err)
}

/// Open (and on first use create) the database.
pub async fn open() -> Result<IdbDatabase, String> {
    // The engine runs in a worker: `indexedDB` of whatever global this is.
    let factory: web_sys::IdbFactory =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB"))
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or("this browser offers no IndexedDB (private mode?)")?;
    let req = factory.open_with_u32(DB, 1).map_err(js_err)?;
    let upgrade = Closure::once_into_js({
        let req = req.clone();
        move |_: web_sys::Event| {
            if let Ok(db) = req.result() {
                let db: IdbDatabase = db.unchecked_into();
                if !db.object_store_names().contains(STORE) {
                    let _ = db.create_object_store(STORE);
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = request(req.unchecked_into()).await?;
    Ok(db.unchecked_into())
}

fn store(
    db: &IdbDatabase,
    mode: IdbTransactionMode,
) -> Result<(IdbTransaction, IdbObjectStore), String> {
    let tx = db
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(js_err)?;
    let store = tx.object_store(STORE).map_err(js_err)?;
    Ok((tx, store))
}

/// What this browser saved.
pub struct Loaded {
    pub settings: Settings,
    pub asks: Vec<AskRecord>,
    /// Each file with its entry key (`file:<id>`).
    pub files: Vec<(String, BackupFile)>,
}

/// What this browser has saved; `None` when nothing is saved.
pub async fn load(db: &IdbDatabase) -> Result<Option<Loaded>, String> {
    let (_tx, store) = store(db, IdbTransactionMode::Readonly)?;
    let meta = request(store.get(&JsValue::from_str("meta")).map_err(js_err)?).await?;
    let Some(meta) = meta.as_string() else {
        return Ok(None);
    };
    let meta: Meta =
        serde_json::from_str(&meta).map_err(|e| format!("the saved state is damaged ({e})"))?;
    if meta.format != FORMAT {
        return Err("the saved state is not Referral Radar's".into());
    }
    if meta.schema > crate::core::backup::SCHEMA {
        return Err(format!(
            "it was saved by a newer version of Referral Radar (schema {}); it was left as it is",
            meta.schema
        ));
    }
    let mut files = Vec::new();
    for key in &meta.files {
        // Each read gets its own transaction: awaiting lets a readonly one finish.
        let (_tx, store) = store_ro(db)?;
        let value = request(store.get(&JsValue::from_str(key)).map_err(js_err)?).await?;
        let Some(text) = value.as_string() else {
            continue;
        };
        match serde_json::from_str::<BackupFile>(&text) {
            Ok(f) => files.push((key.clone(), f)),
            Err(e) => return Err(format!("a saved file ({key}) is damaged ({e})")),
        }
    }
    Ok(Some(Loaded {
        settings: meta.settings,
        asks: meta.asks,
        files,
    }))
}

fn store_ro(db: &IdbDatabase) -> Result<(IdbTransaction, IdbObjectStore), String> {
    store(db, IdbTransactionMode::Readonly)
}

/// What the last successful save wrote for each file entry, so unchanged
/// files are not rewritten: entry key → the file's generation.
#[derive(Default)]
pub struct Saved {
    pub files: HashMap<String, u64>,
}

/// Write one file's entry (a JSON `BackupFile`), in a transaction of its
/// own. Entries are written one at a time so only one file's JSON is in
/// memory at once; an entry counts only once `meta` lists it (`commit`).
pub async fn put_file(db: &IdbDatabase, key: &str, json: &str) -> Result<(), String> {
    let (tx, store) = store(db, IdbTransactionMode::Readwrite)?;
    if let Err(e) = store
        .put_with_key(&JsValue::from_str(json), &JsValue::from_str(key))
        .map_err(js_err)
    {
        let _ = tx.abort();
        return Err(e);
    }
    complete(&tx).await
}

/// The commit point of a save: write `meta` (settings, asks, the file
/// entries that make up the state) and delete every other file entry, in
/// one transaction. Until it lands, a reload finds the previous `meta` and
/// the entries it lists, whole; entries of a save that never committed are
/// deleted by the next one.
pub async fn commit(
    db: &IdbDatabase,
    settings: &Settings,
    asks: &[AskRecord],
    files: Vec<String>,
) -> Result<(), String> {
    let (tx, store) = store(db, IdbTransactionMode::Readwrite)?;
    let meta = Meta {
        format: FORMAT.to_string(),
        schema: crate::core::backup::SCHEMA,
        settings: settings.clone(),
        asks: asks.to_vec(),
        files,
    };
    let written = (|| -> Result<(), String> {
        let json = serde_json::to_string(&meta).map_err(|e| e.to_string())?;
        store
            .put_with_key(&JsValue::from_str(&json), &JsValue::from_str("meta"))
            .map_err(js_err)?;
        Ok(())
    })();
    if let Err(e) = written {
        let _ = tx.abort();
        return Err(e);
    }
    // Within the same transaction (it stays open while requests are made
    // from its callbacks): every key, then the file entries not listed.
    let keys = match store.get_all_keys() {
        Ok(req) => request(req).await.ok(),
        Err(_) => None,
    };
    if let Some(keys) = keys {
        for key in js_sys::Array::from(&keys).iter() {
            let Some(k) = key.as_string() else { continue };
            if k.starts_with("file:") && !meta.files.contains(&k) {
                let _ = store.delete(&key);
            }
        }
    }
    complete(&tx).await
}

/// Forget everything this app stored in this browser.
pub async fn clear(db: &IdbDatabase) -> Result<(), String> {
    let (tx, store) = store(db, IdbTransactionMode::Readwrite)?;
    store.clear().map_err(js_err)?;
    complete(&tx).await
}
