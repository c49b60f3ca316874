//! Combining copies of the document without losing anything: another
//! tab's copy (`merge`), an imported backup (`restore`), and compaction of
//! old attempts. Deletions (a clear, a roster removal) are dated so they
//! survive a merge with a copy that has not seen them.

use std::collections::BTreeSet;

use super::stored::{ArchivedAttempt, Attempt};
use super::{Progress, DETAIL_LIMIT};
use crate::domain::calendar::Day;
use crate::domain::roster::{self, SharedResult};
use crate::domain::sort::sort_by;

impl Progress {
    /// "Clear all data": an empty document that remembers when it was
    /// cleared, so other tabs' copies can't bring the old data back.
    pub fn cleared(now_ms: f64) -> Progress {
        Progress {
            cleared_at: now_ms,
            ..Progress::default()
        }
    }

    /// "Clear all data" on this document at `now_ms`. The clear is dated no
    /// earlier than the newest date in what it deletes, so everything it saw
    /// goes, also a record dated after today (a wrong clock, or a file from
    /// before dates were checked), which a merge would otherwise keep.
    pub fn clear(&self, now_ms: f64) -> Progress {
        Progress::cleared(now_ms.max(self.newest_date()))
    }

    /// The latest date a clear compares (see `forget_cleared`).
    fn newest_date(&self) -> f64 {
        let dates = self
            .attempts
            .iter()
            .map(|a| a.finished_at)
            .chain(self.archive.iter().map(|a| a.finished_at))
            .chain(self.schedule.values().map(|c| c.last_review_ms))
            .chain(self.flags.values().map(|f| f.1))
            .chain(self.roster.iter().map(|r| r.finished_at))
            .chain(self.roster_log.values().map(|c| c.1))
            .chain(self.exam_dates.values().map(|d| d.1));
        dates.fold(self.cleared_at, f64::max)
    }

    /// Adds trainees' results not already in the roster, including ones
    /// removed earlier; returns how many were new.
    pub fn add_results(
        &mut self,
        incoming: impl IntoIterator<Item = SharedResult>,
        now_ms: f64,
    ) -> usize {
        let incoming: Vec<_> = incoming.into_iter().collect();
        for r in &incoming {
            let id = r.id();
            if let Some(&(false, before)) = self.roster_log.get(&id) {
                self.roster_log
                    .insert(id, (true, later_than(Some(before), now_ms)));
            }
        }
        roster::add(&mut self.roster, incoming)
    }

    /// Removes a result from the roster, here and in other tabs' copies.
    pub fn remove_result(&mut self, id: &str, now_ms: f64) {
        self.roster.retain(|r| r.id() != id);
        let at = later_than(self.roster_log.get(id).map(|c| c.1), now_ms);
        self.roster_log.insert(id.to_string(), (false, at));
    }

    /// Flags a question for review or removes its flag, here and in other
    /// tabs' copies.
    pub fn set_flag(&mut self, key: String, on: bool, now_ms: f64) {
        let at = later_than(self.flags.get(&key).map(|f| f.1), now_ms);
        self.flags.insert(key, (on, at));
    }

    /// Sets (or, with `None`, removes) the exam date of a profile, here and
    /// in other tabs' copies.
    pub fn set_exam_date(&mut self, profile: &str, day: Option<Day>, now_ms: f64) {
        let at = later_than(self.exam_dates.get(profile).map(|d| d.1), now_ms);
        self.exam_dates.insert(profile.to_string(), (day, at));
    }

    /// The exam date set for a profile, if any.
    pub fn exam_date(&self, profile: &str) -> Option<Day> {
        self.exam_dates.get(profile).and_then(|d| d.0)
    }

    /// Drops what a clear at `t` deleted, for a copy that had not seen it.
    fn forget_cleared(&mut self, t: f64) {
        self.attempts.retain(|a| a.finished_at > t);
        let archived = self.archive.len();
        self.archive.retain(|a| a.finished_at > t);
        if self.archive.len() != archived {
            // The statistics count cleared attempts and can't be split.
            self.stats.clear();
        }
        self.schedule.retain(|_, c| c.last_review_ms > t);
        self.flags.retain(|_, f| f.1 > t);
        self.roster.retain(|r| r.finished_at > t);
        self.roster_log.retain(|_, c| c.1 > t);
        self.exam_dates.retain(|_, d| d.1 > t);
        self.cleared_at = t;
    }
}

/// The date of a change that replaces one dated `before`: now, or just after
/// `before` when that is later (a wrong clock, a record from the future), so
/// that the latest change always wins a merge.
fn later_than(before: Option<f64>, now_ms: f64) -> f64 {
    before.map_or(now_ms, |b| now_ms.max(b + 1.0))
}

/// Moves the oldest attempts beyond `DETAIL_LIMIT` to `archive`, folding
/// their per-question detail into `stats`. Summaries (score, banks, time) are
/// kept, so the dashboard shows the same figures afterwards.
pub fn compact(p: &mut Progress) {
    if p.attempts.len() <= DETAIL_LIMIT {
        return;
    }
    sort_by(&mut p.attempts, |a, b| {
        a.finished_at
            .total_cmp(&b.finished_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    let old: Vec<Attempt> = p
        .attempts
        .drain(..p.attempts.len() - DETAIL_LIMIT)
        .collect();
    for a in old {
        for o in &a.outcomes {
            let s = p.stats.entry(o.qref().to_string()).or_default();
            s.seen = s.seen.saturating_add(1);
            s.correct = s.correct.saturating_add(o.correct as u32);
            if a.finished_at >= s.last_ms {
                s.last_ms = a.finished_at;
                s.last_correct = o.correct;
            }
        }
        p.archive.push(ArchivedAttempt {
            id: a.id,
            finished_at: a.finished_at,
            mode: a.spec.mode,
            passed: a.passed,
            score: a.score,
            duration_secs: a.duration_secs,
            by_bank: a.by_bank,
            extra_time: a.spec.extra_time,
            time_ran_out: a.time_ran_out,
        });
    }
}

/// Combines two documents without losing anything: attempts are united by
/// id (detail wins over a compacted copy), schedules keep the most recently
/// reviewed state, flags keep the latest change, and settings and the quiz in
/// progress come from `local`. Merging the same document again changes
/// nothing.
pub fn merge(local: &Progress, other: &Progress) -> Progress {
    // A copy that has not seen the latest "Clear all data" first loses what it cleared.
    let cleared_at = local.cleared_at.max(other.cleared_at);
    let mut out = local.clone();
    if out.cleared_at < cleared_at {
        out.forget_cleared(cleared_at);
    }
    let stale;
    let other = if other.cleared_at < cleared_at {
        let mut o = other.clone();
        o.forget_cleared(cleared_at);
        stale = o;
        &stale
    } else {
        other
    };
    // Archives: their statistics can only be added when they count different
    // attempts; then any detailed copies of the newly archived attempts go.
    let mine: BTreeSet<&str> = local.archive.iter().map(|a| a.id.as_str()).collect();
    let theirs: Vec<&ArchivedAttempt> = other
        .archive
        .iter()
        .filter(|a| !mine.contains(a.id.as_str()))
        .collect();
    if !theirs.is_empty() && other.archive.iter().all(|a| !mine.contains(a.id.as_str())) {
        for (k, s) in &other.stats {
            let e = out.stats.entry(k.clone()).or_default();
            e.seen = e.seen.saturating_add(s.seen);
            e.correct = e.correct.saturating_add(s.correct);
            if s.last_ms > e.last_ms {
                e.last_ms = s.last_ms;
                e.last_correct = s.last_correct;
            }
        }
        let ids: BTreeSet<&str> = theirs.iter().map(|a| a.id.as_str()).collect();
        out.attempts.retain(|a| !ids.contains(a.id.as_str()));
        out.archive.extend(theirs.into_iter().cloned());
    }
    let known: BTreeSet<String> = out
        .attempts
        .iter()
        .map(|a| a.id.clone())
        .chain(out.archive.iter().map(|a| a.id.clone()))
        .collect();
    for a in &other.attempts {
        if !known.contains(&a.id) {
            out.attempts.push(a.clone());
        }
    }
    sort_by(&mut out.attempts, |a, b| {
        a.finished_at
            .total_cmp(&b.finished_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    sort_by(&mut out.archive, |a, b| {
        a.finished_at
            .total_cmp(&b.finished_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    for (k, c) in &other.schedule {
        match out.schedule.get(k) {
            Some(mine) if mine.last_review_ms >= c.last_review_ms => {}
            _ => {
                out.schedule.insert(k.clone(), *c);
            }
        }
    }
    for (k, f) in &other.flags {
        match out.flags.get(k) {
            Some(mine) if mine.1 >= f.1 => {}
            _ => {
                out.flags.insert(k.clone(), *f);
            }
        }
    }
    for (k, d) in &other.exam_dates {
        match out.exam_dates.get(k) {
            Some(mine) if mine.1 >= d.1 => {}
            _ => {
                out.exam_dates.insert(k.clone(), *d);
            }
        }
    }
    for (k, c) in &other.roster_log {
        match out.roster_log.get(k) {
            Some(mine) if mine.1 >= c.1 => {}
            _ => {
                out.roster_log.insert(k.clone(), *c);
            }
        }
    }
    roster::add(&mut out.roster, other.roster.iter().cloned());
    if out.roster_log.values().any(|c| !c.0) {
        let log = &out.roster_log;
        out.roster.retain(|r| log.get(&r.id()).is_none_or(|c| c.0));
    }
    out
}

/// Imports a backup: everything in it comes back, even what was cleared or
/// removed here before, and nothing here is deleted. Then it is an ordinary
/// merge, so importing the same file twice changes nothing.
pub fn restore(local: &Progress, backup: &Progress, now_ms: f64) -> Progress {
    let mut incoming = backup.clone();
    incoming.cleared_at = local.cleared_at;
    incoming.roster_log.clear();
    let mut out = local.clone();
    for r in &incoming.roster {
        let id = r.id();
        if let Some(&(false, before)) = out.roster_log.get(&id) {
            out.roster_log
                .insert(id, (true, later_than(Some(before), now_ms)));
        }
    }
    merge(&out, &incoming)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grade::Tally;
    use crate::domain::schema::stored::QuestionStats;
    use crate::domain::schema::{load, to_json};
    use crate::domain::test_support::{attempt, card, shared_result};

    #[test]
    fn compaction_archives_the_oldest_and_keeps_counts() {
        let mut p = Progress::default();
        for i in 0..(DETAIL_LIMIT + 5) {
            p.attempts.push(attempt(&format!("a{i}"), i as f64));
        }
        compact(&mut p);
        assert_eq!(p.attempts.len(), DETAIL_LIMIT);
        assert_eq!(p.archive.len(), 5);
        assert_eq!(p.summaries().len(), DETAIL_LIMIT + 5, "summaries are kept");
        assert_eq!(
            p.archive[0].by_bank["inventory"],
            Tally {
                correct: 0,
                total: 1
            }
        );
        assert_eq!(
            p.stats["compounding/cmp-001"],
            QuestionStats {
                seen: 5,
                correct: 5,
                last_ms: 4.0,
                last_correct: true
            }
        );
        assert_eq!(p.stats["inventory/inv-002"].correct, 0);
        let again = {
            let mut q = p.clone();
            compact(&mut q);
            q
        };
        assert_eq!(again, p, "compacting twice changes nothing");
        assert_eq!(
            load(&to_json(&p)).unwrap(),
            p,
            "archives survive a save/load"
        );
        let json = serde_json::to_string(&p.archive[0]).unwrap();
        assert_eq!(
            json,
            r#"["a0",0.0,"exam",0,[1,2],30,{"compounding":[1,1],"inventory":[0,1]}]"#
        );
    }

    #[test]
    fn merging_an_archived_copy_does_not_double_count() {
        let mut detailed = Progress::default();
        for i in 0..(DETAIL_LIMIT + 3) {
            detailed.attempts.push(attempt(&format!("a{i}"), i as f64));
        }
        let mut archived = detailed.clone();
        compact(&mut archived);
        let m = merge(&detailed, &archived);
        assert_eq!(m.summaries().len(), DETAIL_LIMIT + 3);
        assert_eq!(m.stats, archived.stats);
        assert_eq!(merge(&m, &archived), m);
        assert_eq!(
            merge(&archived, &detailed).summaries().len(),
            DETAIL_LIMIT + 3
        );
    }

    #[test]
    fn merge_is_idempotent_and_loses_nothing() {
        let mut a = Progress {
            attempts: vec![attempt("x", 1.0), attempt("y", 3.0)],
            ..Progress::default()
        };
        a.flags.insert("b/q1".into(), (true, 10.0));
        let mut b = Progress {
            attempts: vec![attempt("y", 3.0), attempt("z", 2.0)],
            ..Progress::default()
        };
        b.flags.insert("b/q1".into(), (false, 20.0));
        b.flags.insert("b/q2".into(), (true, 5.0));
        let m = merge(&a, &b);
        assert_eq!(
            m.attempts.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            vec!["x", "z", "y"]
        );
        assert_eq!(m.flags["b/q1"], (false, 20.0), "the later change wins");
        assert_eq!(m.flags["b/q2"], (true, 5.0));
        assert_eq!(
            merge(&m, &b),
            m,
            "merging the same data twice changes nothing"
        );
        assert_eq!(merge(&m, &a), m);
        let m2 = merge(&b, &a);
        assert_eq!(
            m2.attempts, m.attempts,
            "order of merging does not matter for attempts"
        );
        assert_eq!(m2.flags, m.flags);
    }

    #[test]
    fn exam_dates_keep_the_latest_change_and_a_clear_sticks() {
        let day = |s: &str| Day::parse(s);
        let mut a = Progress::default();
        a.set_exam_date("cspt", day("2027-01-15"), 10.0);
        let mut b = Progress::default();
        b.set_exam_date("cspt", day("2027-02-01"), 20.0);
        b.set_exam_date("ptce", day("2027-03-01"), 5.0);
        let m = merge(&a, &b);
        assert_eq!(
            m.exam_date("cspt"),
            day("2027-02-01"),
            "the later change wins"
        );
        assert_eq!(m.exam_date("ptce"), day("2027-03-01"));
        assert_eq!(merge(&b, &a).exam_dates, m.exam_dates);
        // Removing a date here is not undone by an older copy.
        let mut removed = m.clone();
        removed.set_exam_date("ptce", None, 30.0);
        assert_eq!(merge(&removed, &b).exam_date("ptce"), None);
        // A clear forgets dates set before it, in every copy.
        let cleared = m.clear(40.0);
        assert!(merge(&cleared, &b).exam_dates.is_empty());
    }

    #[test]
    fn merge_keeps_the_latest_schedule() {
        let mut a = Progress::default();
        a.schedule.insert("b/q".into(), card(5.0));
        let mut b = Progress::default();
        b.schedule.insert("b/q".into(), card(9.0));
        assert_eq!(merge(&a, &b).schedule["b/q"].last_review_ms, 9.0);
        assert_eq!(merge(&b, &a).schedule["b/q"].last_review_ms, 9.0);
    }

    /// A tab's copy with an attempt, a schedule, a flag and a roster entry, all at `at`.
    fn busy(id: &str, at: f64) -> Progress {
        let mut p = Progress::default();
        p.attempts.push(attempt(id, at));
        p.schedule.insert(format!("b/{id}"), card(at));
        p.flags.insert(format!("b/{id}"), (true, at));
        p.add_results([shared_result(id, at, vec![("b/q1", None, false)])], at);
        p
    }

    fn ids(p: &Progress) -> Vec<&str> {
        p.attempts.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn a_clear_sticks_against_a_tab_that_has_not_seen_it() {
        let stale = busy("old", 10.0);
        let cleared = Progress::cleared(20.0);
        // The clearing tab saves over the stale copy, and the stale tab
        // takes in the stored document: both end up empty.
        for m in [merge(&cleared, &stale), merge(&stale, &cleared)] {
            assert!(m.attempts.is_empty() && m.schedule.is_empty());
            assert!(m.flags.is_empty() && m.roster.is_empty());
            assert_eq!(m.cleared_at, 20.0);
        }
        // What the stale tab did after the clear is kept.
        let mut later = stale.clone();
        later.attempts.push(attempt("new", 30.0));
        later.flags.insert("b/new".into(), (true, 30.0));
        let m = merge(&cleared, &later);
        assert_eq!(ids(&m), vec!["new"]);
        assert_eq!(m.flags.keys().collect::<Vec<_>>(), vec!["b/new"]);
        assert_eq!(merge(&m, &later), m, "merging again changes nothing");
    }

    #[test]
    fn a_clear_drops_a_stale_archive_and_its_statistics() {
        let mut stale = Progress {
            attempts: (0..DETAIL_LIMIT + 2)
                .map(|i| attempt(&format!("a{i}"), i as f64))
                .collect(),
            ..Progress::default()
        };
        compact(&mut stale);
        assert!(!stale.stats.is_empty());
        let m = merge(&Progress::cleared(1.0e9), &stale);
        assert!(m.archive.is_empty() && m.stats.is_empty() && m.attempts.is_empty());
    }

    #[test]
    fn a_removed_result_does_not_come_back_from_another_copy() {
        let other = busy("sam", 10.0);
        let id = other.roster[0].id();
        let mut here = other.clone();
        here.remove_result(&id, 20.0);
        assert!(here.roster.is_empty());
        assert!(merge(&here, &other).roster.is_empty());
        assert!(merge(&other, &here).roster.is_empty());
        // Opening the result link again brings it back, also against a
        // copy that still has the removal.
        let mut again = here.clone();
        assert_eq!(again.add_results(other.roster.clone(), 30.0), 1);
        assert_eq!(merge(&again, &here).roster.len(), 1);
        assert_eq!(merge(&here, &again).roster.len(), 1);
    }

    #[test]
    fn importing_a_backup_restores_what_was_cleared_or_removed() {
        let backup = busy("old", 10.0);
        let mut here = Progress::cleared(20.0);
        here.attempts.push(attempt("new", 30.0));
        let restored = restore(&here, &backup, 40.0);
        assert_eq!(ids(&restored), vec!["old", "new"]);
        assert_eq!(restored.roster.len(), 1);
        assert_eq!(restored.flags.len(), 1);
        assert_eq!(
            restore(&restored, &backup, 50.0),
            restored,
            "a second import changes nothing"
        );
        // It stays restored when another tab's copy, cleared too, is merged.
        assert_eq!(merge(&restored, &Progress::cleared(20.0)), restored);

        let mut removed = backup.clone();
        let id = backup.roster[0].id();
        removed.remove_result(&id, 20.0);
        let restored = restore(&removed, &backup, 30.0);
        assert_eq!(restored.roster.len(), 1);
        assert_eq!(merge(&restored, &removed).roster.len(), 1);
    }

    #[test]
    fn importing_never_deletes_what_is_here() {
        let here = busy("mine", 10.0);
        let mut backup = Progress::cleared(50.0);
        backup.remove_result(&here.roster[0].id(), 60.0);
        let m = restore(&here, &backup, 70.0);
        assert_eq!(ids(&m), vec!["mine"]);
        assert_eq!(m.roster.len(), 1);
        assert_eq!(m.flags.len(), 1);
    }

    #[test]
    fn deletions_survive_a_save_and_load() {
        let mut p = busy("x", 10.0);
        let id = p.roster[0].id();
        p.remove_result(&id, 20.0);
        p.cleared_at = 5.0;
        assert_eq!(load(&to_json(&p)).unwrap(), p);
        assert!(!to_json(&Progress::default()).contains("cleared_at"));
    }

    /// The issue's case: a backup (from before dates were checked) brought an
    /// attempt, a flag and a roster result dated 2096; "Clear all data" now.
    fn from_2096() -> Progress {
        busy("future", 3.98e12)
    }

    #[test]
    fn a_clear_drops_future_dated_records_it_saw() {
        let stored = from_2096();
        let cleared = stored.clear(1.8e12);
        assert_eq!(cleared.cleared_at, 3.98e12);
        assert!(cleared.attempts.is_empty() && cleared.flags.is_empty());
        // Saving merges with the stored copy, and a reload loads it: in
        // either order nothing of what was cleared comes back.
        for m in [merge(&cleared, &stored), merge(&stored, &cleared)] {
            assert!(m.attempts.is_empty(), "history still shows {:?}", ids(&m));
            assert!(m.flags.is_empty() && m.schedule.is_empty() && m.roster.is_empty());
            assert!(m.roster_log.is_empty());
        }
        // A clear of an ordinary document is dated now.
        assert_eq!(busy("old", 10.0).clear(20.0).cleared_at, 20.0);
        // What is done after the clear, at today's date, is kept.
        let mut after = cleared.clone();
        after.attempts.push(attempt("new", 1.8e12 + 1.0));
        let m = merge(&after, &stored);
        assert_eq!(ids(&m), vec!["new"]);
        assert_eq!(merge(&m, &stored), m, "merging again changes nothing");
        assert_eq!(
            merge(&stored, &after).attempts,
            m.attempts,
            "order does not matter"
        );
    }

    #[test]
    fn a_removal_sticks_against_a_future_dated_record() {
        let stored = from_2096();
        let mut here = stored.clone();
        here.set_flag("b/future".into(), false, 1.8e12);
        let id = stored.roster[0].id();
        here.remove_result(&id, 1.8e12);
        for m in [merge(&here, &stored), merge(&stored, &here)] {
            assert!(!m.is_flagged("b/future"), "the removed flag came back");
            assert!(m.roster.is_empty(), "the removed result came back");
        }
        // Flagging again is dated after the removal, so it wins too.
        let mut again = here.clone();
        again.set_flag("b/future".into(), true, 1.8e12 + 5.0);
        assert!(merge(&here, &again).is_flagged("b/future"));
        assert!(merge(&again, &here).is_flagged("b/future"));
    }

    #[test]
    fn statistics_saturate_instead_of_wrapping_on_merge() {
        let mut a = Progress {
            attempts: (0..DETAIL_LIMIT + 1)
                .map(|i| attempt(&format!("a{i}"), i as f64))
                .collect(),
            ..Progress::default()
        };
        compact(&mut a);
        let mut b = Progress {
            attempts: (0..DETAIL_LIMIT + 1)
                .map(|i| attempt(&format!("b{i}"), i as f64))
                .collect(),
            ..Progress::default()
        };
        compact(&mut b);
        for s in a.stats.values_mut().chain(b.stats.values_mut()) {
            s.seen = u32::MAX - 1;
            s.correct = u32::MAX - 1;
        }
        let m = merge(&a, &b);
        let s = m.stats["compounding/cmp-001"];
        assert_eq!((s.seen, s.correct), (u32::MAX, u32::MAX), "{s:?}");
        assert_eq!(merge(&b, &a).stats, m.stats);
    }
}
