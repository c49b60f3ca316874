//! App state, provided once at the root and read with `use_app()`.
//!
//! Banks are a keyed cache filled on demand: the manifest is fetched at
//! start-up, a bank's file only when a page needs it. Progress and the quiz
//! in progress are loaded from storage once and saved from one place whenever
//! they change.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::sync::Arc;

use crate::browser::now_ms;
use crate::domain::backup::Backup;
use crate::domain::bank::{Bank, Depth};
use crate::domain::compiled;
use crate::domain::custom::{self, CustomError, Restored, StoredBank};
use crate::domain::manifest::{BankEntry, Manifest};
use crate::domain::profile::{
    read_plan_profiles, read_profiles_json, PlanProfile, Profile, PROFILES_JSON,
};
use crate::domain::quiz::{assemble, QuizSpec};
use crate::domain::schema::merge::restore;
use crate::domain::schema::{self, Progress};
use crate::domain::session::InProgress;
use crate::domain::storage::{self, Notice};
use crate::web_storage::LocalStorageBackend;

/// Something fetched over the network.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// A message shown in the notice area until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct UserNotice {
    pub id: u32,
    pub text: String,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The built-in banks and topics, as fetched.
    pub builtin: RwSignal<Load<Arc<Manifest>>>,
    /// Every bank on offer: the built-in ones, then those added in this browser.
    pub manifest: Memo<Load<Arc<Manifest>>>,
    /// Built-in banks, fetched on demand.
    pub banks: RwSignal<HashMap<String, Load<Arc<Bank>>>>,
    /// Banks added in this browser, as stored.
    pub custom: RwSignal<Vec<StoredBank>>,
    /// The added banks, checked against the built-in topic list.
    pub custom_banks: Memo<Vec<(BankEntry, Load<Arc<Bank>>)>>,
    pub progress: RwSignal<Progress>,
    /// The quiz in progress (saved under its own key: answering is cheap).
    pub quiz: RwSignal<Option<InProgress>>,
    pub notices: RwSignal<Vec<UserNotice>>,
    /// Path prefix the app is served under ("" at the site root).
    pub base: StoredValue<String>,
    /// False when saving is off for this session (stored data could not be
    /// read nor set aside; see `storage::load`).
    pub can_save: bool,
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let resp = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| format!("could not download {url} ({e})"))?;
    if !resp.ok() {
        return Err(format!("could not download {url} (HTTP {})", resp.status()));
    }
    resp.text()
        .await
        .map_err(|e| format!("could not read {url} ({e})"))
}

/// The built-in bank list the pre-rendered page carries (see `prerender`).
fn embedded_manifest() -> Option<Manifest> {
    let text = web_sys::window()?
        .document()?
        .get_element_by_id(crate::shell::MANIFEST_ID)?
        .text_content()?;
    compiled::read_manifest(&text).ok()
}

/// The path part of the document's base URL, without a trailing slash.
fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|u| web_sys::Url::new(&u).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

impl AppState {
    /// Loads storage and starts fetching the manifest. Call once, at the root.
    pub fn provide() -> AppState {
        let loaded = storage::load(&LocalStorageBackend, now_ms() as u64);
        // The pre-rendered page carries the bank list, so the first view
        // needs no download; without it (a page not from the build), fetch it.
        let builtin = RwSignal::new(match embedded_manifest() {
            Some(m) => Load::Ready(Arc::new(m)),
            None => Load::<Arc<Manifest>>::Loading,
        });
        let custom = RwSignal::new(loaded.custom);
        let custom_banks = Memo::new(move |_| match builtin.get() {
            Load::Ready(m) => custom.with(|list| check_custom(list, &m)),
            _ => Vec::new(),
        });
        let manifest = with_added_banks(builtin, custom_banks);
        let state = AppState {
            builtin,
            manifest,
            banks: RwSignal::new(HashMap::new()),
            custom,
            custom_banks,
            progress: RwSignal::new(loaded.progress),
            quiz: RwSignal::new(loaded.quiz),
            notices: RwSignal::new(Vec::new()),
            base: StoredValue::new(base_path()),
            can_save: loaded.can_save,
        };
        for n in loaded.notices {
            state.notify(n.message());
        }
        provide_context(state);
        fetch_manifest_unless_embedded(builtin);
        save_on_change(state, loaded.can_save);
        follow_other_tabs(state);
        state
    }

    /// A bank by id: an added one, or a built-in one fetched so far
    /// (tracked). An added bank never shadows a built-in one.
    pub fn bank_load(&self, id: &str) -> Option<Load<Arc<Bank>>> {
        let added = match self.builtin.get() {
            Load::Ready(m) => self.custom_banks.with(|cs| {
                cs.iter()
                    .find(|(e, _)| e.id == id && custom::listed(e, &m))
                    .map(|(_, l)| l.clone())
            }),
            _ => None,
        };
        added.or_else(|| self.banks.with(|b| b.get(id).cloned()))
    }

    /// Adds (or replaces, by id) a bank written by the user, after checking
    /// every question and calculated value.
    pub fn add_custom_bank(
        &self,
        file: &str,
        text: String,
    ) -> Result<(Arc<Bank>, bool), CustomError> {
        let Load::Ready(m) = self.builtin.get_untracked() else {
            return Err(CustomError::Invalid(vec![
                "The topic list has not loaded yet. Try again in a moment.".into(),
            ]));
        };
        let bank = custom::parse_custom(file, &text, &m, Depth::Full)?;
        let mut replaced = false;
        self.custom
            .update(|c| replaced = custom::upsert(c, &bank.id, text, now_ms()));
        Ok((Arc::new(bank), replaced))
    }

    /// Imports a backup read by `backup::import`: merges its history and
    /// adds its banks, each checked like an upload. Saved at once, so the
    /// page can say whether it was kept; if the save fails, nothing here
    /// changes and the error says why. Returns the results added and what
    /// happened to the banks.
    pub fn import_backup(&self, incoming: Backup) -> Result<(usize, Restored), String> {
        let Load::Ready(m) = self.builtin.get_untracked() else {
            return Err(
                "the list of built-in banks has not loaded yet; try again in a moment".into(),
            );
        };
        if !self.can_save {
            return Err(
                "saving is off in this session, to protect stored data that could not be read"
                    .into(),
            );
        }
        let now = now_ms();
        let (progress, before) = self
            .progress
            .with_untracked(|p| (restore(p, &incoming.progress, now), p.summaries().len()));
        let old_banks = self.custom.get_untracked();
        let mut banks = old_banks.clone();
        let restored = custom::restore(&mut banks, incoming.banks, &m, now);
        let backend = LocalStorageBackend;
        if banks != old_banks {
            storage::save_custom(&backend, &banks).map_err(|e| e.to_string())?;
        }
        let progress = match storage::save_merged(&backend, &progress, now as u64) {
            Ok(merged) => merged.unwrap_or(progress),
            Err(e) => {
                if banks != old_banks {
                    // Put the banks back as they were; that much fitted before.
                    let _ = storage::save_custom(&backend, &old_banks);
                }
                return Err(e.to_string());
            }
        };
        let added = progress.summaries().len().saturating_sub(before);
        self.progress.set(progress);
        self.custom.set(banks);
        Ok((added, restored))
    }

    /// "Clear all data": the history (dated so that everything it held goes,
    /// in other tabs' copies too), the quiz in progress and the added banks.
    pub fn clear_all(&self) {
        let now = now_ms();
        self.progress.update(|p| *p = p.clear(now));
        self.quiz.set(None);
        self.custom.set(Vec::new());
    }

    pub fn remove_custom_bank(&self, id: &str) {
        self.custom.update(|c| custom::remove(c, id));
    }

    /// The stored text of an added bank (to carry it in a shared quiz).
    /// `custom_banks` is in the same order as `custom`, so no re-parsing.
    pub fn custom_text(&self, id: &str) -> Option<String> {
        // Only a bank that passed its checks (never one set aside with a
        // built-in bank's id).
        let i = self.custom_banks.with_untracked(|cs| {
            cs.iter()
                .position(|(e, l)| e.id == id && matches!(l, Load::Ready(_)))
        })?;
        self.custom
            .with_untracked(|c| c.get(i).map(|b| b.text.clone()))
    }

    /// Shows a message once (a repeated message is not stacked).
    pub fn notify(&self, text: String) {
        self.notices.update(|ns| {
            if !ns.iter().any(|n| n.text == text) {
                let id = ns.iter().map(|n| n.id).max().unwrap_or(0) + 1;
                ns.push(UserNotice { id, text });
            }
        });
    }

    /// A topic's label from the bank list, or its id while the list is
    /// loading (untracked: a label does not redraw what shows it).
    pub fn topic_label(&self, tag: &str) -> String {
        match self.manifest.get_untracked() {
            Load::Ready(m) => m.topic_label(tag).to_string(),
            _ => tag.to_string(),
        }
    }

    /// An app path with the base prefix, for `href`s. (Paths given to
    /// `use_navigate` must not use this: the router adds its base itself.)
    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.base.get_value(), path)
    }

    /// Builds a quiz from `spec` with the given loaded banks and makes it the
    /// quiz in progress; says so when questions that must not meet made it
    /// shorter. The caller then navigates to `/quiz/1`.
    pub fn start_quiz(&self, spec: QuizSpec, banks: &[Arc<Bank>]) -> Result<(), String> {
        let refs: Vec<&Bank> = banks.iter().map(Arc::as_ref).collect();
        let built = assemble(&spec, &refs).map_err(|e| e.to_string())?;
        if let Some(note) = built.note() {
            self.notify(note);
        }
        self.quiz
            .set(Some(InProgress::new(spec, built.items, now_ms())));
        Ok(())
    }

    /// Starts fetching a bank unless it is loaded or loading.
    pub fn ensure_bank(&self, manifest: &Manifest, id: &str) {
        if self.banks.with_untracked(|b| b.contains_key(id)) {
            return;
        }
        if manifest.bank(id).is_some_and(|e| e.custom) {
            return;
        }
        let Some(entry) = manifest.bank(id).cloned() else {
            self.banks.update(|b| {
                b.insert(
                    id.to_string(),
                    Load::Failed(format!("There is no bank called \"{id}\".")),
                );
            });
            return;
        };
        self.banks.update(|b| {
            b.insert(entry.id.clone(), Load::Loading);
        });
        let banks = self.banks;
        spawn_local(async move {
            let url = format!("questions/{}", entry.file);
            let load = match fetch_text(&url).await {
                Ok(text) => match compiled::read_bank(&text, &entry.id) {
                    Ok(bank) => Load::Ready(Arc::new(bank)),
                    Err(e) => Load::Failed(format!("This bank can't be used: {e}.")),
                },
                Err(e) => Load::Failed(format!("This bank {e}.")),
            };
            banks.update(|b| {
                b.insert(entry.id.clone(), load);
            });
        });
    }
}

/// The banks a page needs, fetched on demand. `Ready` once all are loaded;
/// `Failed` with the first failure.
pub fn use_banks(
    ids: impl Fn() -> Vec<String> + Send + Sync + 'static,
) -> Memo<Load<Vec<Arc<Bank>>>> {
    let app = use_app();
    let ids = Memo::new(move |_| ids());
    // Side effect only: start downloads. The value is derived below.
    Effect::new(move |_| {
        if let Load::Ready(m) = app.manifest.get() {
            for id in ids.get() {
                app.ensure_bank(&m, &id);
            }
        }
    });
    Memo::new(move |_| {
        match app.manifest.get() {
            Load::Loading => return Load::Loading,
            Load::Failed(e) => return Load::Failed(e),
            Load::Ready(_) => {}
        }
        let ids = ids.get();
        let mut out = Vec::with_capacity(ids.len());
        for id in &ids {
            match app.bank_load(id) {
                Some(Load::Ready(b)) => out.push(b),
                Some(Load::Failed(e)) => return Load::Failed(e),
                Some(Load::Loading) | None => return Load::Loading,
            }
        }
        Load::Ready(out)
    })
}

/// Every bank in the manifest (for the dashboard and daily review). An
/// added bank that fails its checks is left out here (its card says why)
/// rather than failing every page that lists all banks.
/// The exam profiles (`questions/exam-profiles.json`, written by the
/// build), fetched for the page that asks; the service worker keeps a copy
/// for offline use.
pub fn use_profiles() -> ReadSignal<Load<Arc<Vec<Profile>>>> {
    use_profiles_as(read_profiles_json)
}

/// The part of the exam profiles the home page's plan needs (a smaller
/// reader of the same file, see `profile::PlanProfile`).
pub fn use_plan_profiles() -> ReadSignal<Load<Arc<Vec<PlanProfile>>>> {
    use_profiles_as(read_plan_profiles)
}

fn use_profiles_as<T: Send + Sync + 'static>(
    read: fn(&str) -> Result<Vec<T>, String>,
) -> ReadSignal<Load<Arc<Vec<T>>>> {
    let (profiles, set) = signal(Load::Loading);
    spawn_local(async move {
        let url = format!("questions/{PROFILES_JSON}");
        set.set(match fetch_text(&url).await {
            Ok(text) => match read(&text) {
                Ok(p) => Load::Ready(Arc::new(p)),
                Err(e) => Load::Failed(format!("The exam list can't be used: {e}.")),
            },
            Err(e) => Load::Failed(format!("The exam list {e}.")),
        });
    });
    profiles
}

pub fn use_all_banks() -> Memo<Load<Vec<Arc<Bank>>>> {
    let app = use_app();
    use_banks(move || match app.manifest.get() {
        Load::Ready(m) => m
            .banks
            .iter()
            .filter(|b| !b.custom || matches!(app.bank_load(&b.id), Some(Load::Ready(_))))
            .map(|b| b.id.clone())
            .collect(),
        _ => Vec::new(),
    })
}

/// Every bank on offer: the built-in list, then the added banks (with the
/// topics an added bank defines for itself, so they get their labels too).
fn with_added_banks(
    builtin: RwSignal<Load<Arc<Manifest>>>,
    custom_banks: Memo<Vec<(BankEntry, Load<Arc<Bank>>)>>,
) -> Memo<Load<Arc<Manifest>>> {
    Memo::new(move |_| match builtin.get() {
        Load::Ready(m) => custom_banks.with(|cs| {
            if cs.is_empty() {
                return Load::Ready(m);
            }
            let mut all = (*m).clone();
            all.banks.extend(
                cs.iter()
                    .filter(|(e, _)| custom::listed(e, &m))
                    .map(|(e, _)| e.clone()),
            );
            for (_, load) in cs {
                if let Load::Ready(b) = load {
                    all.topics.extend(b.topics.iter().cloned());
                }
            }
            Load::Ready(Arc::new(all))
        }),
        other => other,
    })
}

/// Downloads the bank list when the page did not carry it.
fn fetch_manifest_unless_embedded(builtin: RwSignal<Load<Arc<Manifest>>>) {
    if builtin.with_untracked(|b| !matches!(b, Load::Loading)) {
        return;
    }
    spawn_local(async move {
        let result = match fetch_text("questions/manifest.json").await {
            Ok(text) => compiled::read_manifest(&text)
                .map(Arc::new)
                .map_err(|e| format!("The app could not start: {e}.")),
            Err(e) => Err(format!("The list of question banks {e}.")),
        };
        builtin.set(match result {
            Ok(m) => Load::Ready(m),
            Err(e) => Load::Failed(e),
        });
    });
}

/// The one place anything is written. Each signal's effect only marks
/// what changed; one flush per tick then writes the history (merged
/// with what another tab may have stored meanwhile) before the quiz,
/// so a finished quiz is never removed before its result is saved.
fn save_on_change(state: AppState, can_save: bool) {
    let saver = StoredValue::new(storage::Saver::default());
    let dirty = StoredValue::new(Dirty::default());
    let mark = move |which: fn(&mut Dirty)| {
        let mut d = dirty.get_value();
        let idle = d == Dirty::default();
        which(&mut d);
        dirty.set_value(d);
        if idle {
            spawn_local(async move { flush(state, saver, dirty) });
        }
    };
    // Created in this order: progress, quiz, then the added banks.
    mark_on_change(state.progress, can_save, move || {
        mark(|d| d.progress = true)
    });
    mark_on_change(state.quiz, can_save, move || mark(|d| d.quiz = true));
    mark_on_change(state.custom, can_save, move || mark(|d| d.custom = true));
}

/// Calls `mark` whenever `signal` changes. Tracks on the first run, but
/// doesn't write back what was just read.
fn mark_on_change<T>(signal: RwSignal<T>, can_save: bool, mark: impl Fn() + 'static)
where
    T: Send + Sync + 'static,
{
    Effect::new(move |prev: Option<()>| {
        signal.track();
        if can_save && prev.is_some() {
            mark();
        }
    });
}

/// Writes what `dirty` marks, in order: the history, then the quiz in
/// progress, then the added banks.
fn flush(state: AppState, saver: StoredValue<storage::Saver>, dirty: StoredValue<Dirty>) {
    let d = dirty.get_value();
    dirty.set_value(Dirty::default());
    let doc_saved = !d.progress || save_progress(state, saver);
    if d.quiz {
        save_quiz(state, dirty, doc_saved);
    }
    if d.custom {
        if let Err(e) = state
            .custom
            .with_untracked(|c| storage::save_custom(&LocalStorageBackend, c))
        {
            state.notify(Notice::SaveFailed(e).message());
        }
    }
}

/// Saves the history, merged with another tab's; false if it failed
/// (storage full), which has been said in a notice.
fn save_progress(state: AppState, saver: StoredValue<storage::Saver>) -> bool {
    let mut result = Ok(None);
    state.progress.with_untracked(|p| {
        saver.update_value(|s| result = s.save(&LocalStorageBackend, p, now_ms() as u64))
    });
    match result {
        Ok(Some(merged)) => state.progress.set(merged),
        Ok(None) => {}
        Err(e) => {
            state.notify(Notice::SaveFailed(e).message());
            return false;
        }
    }
    true
}

/// Saves the quiz in progress, or removes it once finished.
fn save_quiz(state: AppState, dirty: StoredValue<Dirty>, doc_saved: bool) {
    state.quiz.with_untracked(|q| {
        // Keep a finished quiz stored until its result is; retry
        // with the next save.
        if q.is_none() && !doc_saved {
            dirty.update_value(|d| d.quiz = true);
            return;
        }
        if let Err(e) = storage::save_quiz(&LocalStorageBackend, q.as_ref()) {
            state.notify(Notice::SaveFailed(e).message());
        }
    });
}

/// Another tab saved: take in its attempts, schedule and flags, and
/// the banks it added or removed.
fn follow_other_tabs(state: AppState) {
    let listener = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        let key = ev.key().unwrap_or_default();
        let Some(raw) = ev.new_value() else {
            return;
        };
        if key == storage::Key::CustomBanks.name() {
            take_custom_banks(state, &raw);
        } else if key == storage::Key::Progress.name() {
            take_progress(state, &raw);
        }
    });
    on_cleanup(move || listener.remove());
}

/// The added banks as another tab stored them.
fn take_custom_banks(state: AppState, raw: &str) {
    if let Ok(banks) = custom::load(raw) {
        if state.custom.with_untracked(|c| *c != banks) {
            state.custom.set(banks);
        }
    }
}

/// Another tab's history, merged into this one's.
fn take_progress(state: AppState, raw: &str) {
    let Ok(remote) = schema::load(raw) else {
        return;
    };
    let (progress, quiz) = (state.progress, state.quiz);
    let cleared_before = progress.with_untracked(|p| p.cleared_at);
    let merged = progress.with_untracked(|p| schema::merge::merge(p, &remote));
    // "Clear all data" in another tab also ends a quiz started before it.
    if merged.cleared_at > cleared_before
        && quiz.with_untracked(|q| {
            q.as_ref()
                .is_some_and(|q| q.started_at <= merged.cleared_at)
        })
    {
        quiz.set(None);
    }
    if progress.with_untracked(|p| *p != merged) {
        progress.set(merged);
    }
}

/// What the save flush still has to write.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Dirty {
    progress: bool,
    quiz: bool,
    custom: bool,
}

/// Checks the stored added banks against the built-in topic list
/// (`custom::check_stored`): one that no longer passes stays stored, is
/// never run, and shows its problem on its card.
fn check_custom(list: &[StoredBank], builtin: &Manifest) -> Vec<(BankEntry, Load<Arc<Bank>>)> {
    custom::check_stored(list, builtin)
        .into_iter()
        .map(|(entry, bank)| {
            let load = match bank {
                Ok(b) => Load::Ready(Arc::new(b)),
                Err(why) => Load::Failed(why),
            };
            (entry, load)
        })
        .collect()
}
