//! An iCalendar (RFC 5545) file of all-day events: the study plan as a file
//! a calendar app imports. Only what the plan needs is written (all-day
//! events, an optional reminder), by hand: a crate for this would add more
//! to the wasm than these few lines.
//!
//! Rules kept here: lines end in CRLF; lines longer than 75 octets are
//! folded with CRLF and one space, never inside a UTF-8 sequence; TEXT
//! values escape `\`, `;`, `,` and line breaks (`\n`); `DTSTAMP` is UTC.

use super::calendar::Day;
use super::limits::{EARLIEST_MS, FAR_FUTURE_MS};
use super::plan::Session;

/// The `PRODID` of PharmQuiz's calendar files.
pub const PRODID: &str = "-//PharmQuiz//Study plan//EN";

const MS_PER_DAY: f64 = 86_400_000.0;

/// The longest line in octets, without its CRLF (RFC 5545 §3.1).
const FOLD_AT: usize = 75;

/// One all-day event. Timed events are not needed: a study session or an
/// exam names a day, and a date without a time needs no time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Unique and stable, so importing a new plan replaces the old events.
    pub uid: String,
    pub day: Day,
    pub summary: String,
    pub description: String,
    /// A reminder at 9:00 the day before, in the calendar's time zone: a
    /// trigger of 15 hours before an all-day start (midnight local time).
    pub remind_day_before: bool,
}

/// The calendar file of `events`, stamped at `stamp_ms` (ms since the
/// epoch, UTC).
pub fn calendar(events: &[Event], stamp_ms: f64, prodid: &str) -> String {
    let mut out = String::new();
    let stamp = utc_stamp(stamp_ms);
    push(&mut out, "BEGIN:VCALENDAR");
    push(&mut out, "VERSION:2.0");
    push(&mut out, &format!("PRODID:{}", text(prodid)));
    push(&mut out, "CALSCALE:GREGORIAN");
    push(&mut out, "METHOD:PUBLISH");
    for e in events {
        push(&mut out, "BEGIN:VEVENT");
        push(&mut out, &format!("UID:{}", text(&e.uid)));
        push(&mut out, &format!("DTSTAMP:{stamp}"));
        push(&mut out, &format!("DTSTART;VALUE=DATE:{}", date(e.day)));
        push(&mut out, &format!("DTEND;VALUE=DATE:{}", day_after(e.day)));
        push(&mut out, &format!("SUMMARY:{}", text(&e.summary)));
        push(&mut out, &format!("DESCRIPTION:{}", text(&e.description)));
        // A day marker, not an appointment: the day stays free.
        push(&mut out, "TRANSP:TRANSPARENT");
        if e.remind_day_before {
            push(&mut out, "BEGIN:VALARM");
            push(&mut out, "ACTION:DISPLAY");
            push(&mut out, &format!("DESCRIPTION:{}", text(&e.summary)));
            push(&mut out, "TRIGGER:-PT15H");
            push(&mut out, "END:VALARM");
        }
        push(&mut out, "END:VEVENT");
    }
    push(&mut out, "END:VCALENDAR");
    out
}

/// The study plan of one exam profile as a calendar file: an event per
/// session day and one on the exam day, with a reminder the day before.
/// UIDs name the profile and the day, so a new plan imported over an old
/// one updates its days instead of doubling them.
pub fn plan_calendar(
    profile_name: &str,
    profile_id: &str,
    sessions: &[Session],
    exam: Day,
    stamp_ms: f64,
) -> String {
    let mut events: Vec<Event> = sessions
        .iter()
        .map(|s| Event {
            uid: format!("pharmquiz-{profile_id}-{}@pharmquiz.local", date(s.day)),
            day: s.day,
            summary: format!("PharmQuiz: {} ({profile_name})", session_work(s)),
            description: format!(
                "Study with PharmQuiz for your {profile_name} exam on {}.",
                exam.long()
            ),
            remind_day_before: false,
        })
        .collect();
    events.push(Event {
        // No date in it: a moved exam replaces the old one.
        uid: format!("pharmquiz-{profile_id}-exam@pharmquiz.local"),
        day: exam,
        summary: format!("{profile_name} exam"),
        description: format!("Your {profile_name} exam. Good luck!"),
        remind_day_before: true,
    });
    calendar(&events, stamp_ms, PRODID)
}

/// "12 new questions + reviews", "1 new question", "reviews".
fn session_work(s: &Session) -> String {
    let new = match s.new {
        0 => return "reviews".to_string(),
        1 => "1 new question".to_string(),
        n => format!("{n} new questions"),
    };
    if s.review {
        format!("{new} + reviews")
    } else {
        new
    }
}

/// Appends one content line, folded, with its CRLF.
fn push(out: &mut String, line: &str) {
    let mut rest = line;
    // A continuation line's leading space counts towards its 75 octets.
    let mut room = FOLD_AT;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = FOLD_AT - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// A TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, any line
/// break as `\n`, other control characters (which TEXT forbids) dropped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// `YYYYMMDD`.
fn date(day: Day) -> String {
    let (y, m, d) = day.ymd();
    format!("{y:04}{m:02}{d:02}")
}

/// The exclusive end of an all-day event: the next day.
fn day_after(day: Day) -> String {
    let next = day.plus_days(1);
    if next > day {
        date(next)
    } else {
        // The last day `Day` holds is 31 December; the next is New Year's Day.
        format!("{:04}0101", day.ymd().0 + 1)
    }
}

/// `YYYYMMDDTHHMMSSZ`; a time outside 1970–2199 is clamped.
fn utc_stamp(ms: f64) -> String {
    let ms = if ms.is_nan() {
        EARLIEST_MS
    } else {
        ms.clamp(EARLIEST_MS, FAR_FUTURE_MS - 1.0)
    };
    let day = Day::local(ms, 0.0);
    let secs = ((ms - day.days() as f64 * MS_PER_DAY) / 1000.0).floor() as i64;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    format!("{}T{h:02}{m:02}{s:02}Z", date(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    /// RFC 5545 unfolding: CRLF followed by one space or tab is removed.
    fn unfold(ics: &str) -> Vec<String> {
        assert!(ics.ends_with("\r\n"));
        let joined = ics.replace("\r\n ", "").replace("\r\n\t", "");
        assert!(
            !joined.replace("\r\n", "").contains(['\r', '\n']),
            "bare line ends"
        );
        joined
            .trim_end_matches("\r\n")
            .split("\r\n")
            .map(String::from)
            .collect()
    }

    /// A content line as (name with parameters, unescaped value).
    fn parse(line: &str) -> (String, String) {
        let (name, value) = line.split_once(':').unwrap();
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next().unwrap() {
                    'n' | 'N' => out.push('\n'),
                    c => out.push(c),
                }
            } else {
                out.push(c);
            }
        }
        (name.to_string(), out)
    }

    fn event(summary: &str, description: &str) -> Event {
        Event {
            uid: "pharmquiz-cspt-20270115@pharmquiz.local".into(),
            day: day("2027-01-15"),
            summary: summary.into(),
            description: description.into(),
            remind_day_before: false,
        }
    }

    #[test]
    fn a_calendar_has_its_header_and_crlf_lines() {
        let ics = calendar(
            &[event("Study", "Ten questions")],
            1_800_000_000_000.0,
            PRODID,
        );
        let lines = unfold(&ics);
        assert_eq!(
            lines,
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//PharmQuiz//Study plan//EN",
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                "BEGIN:VEVENT",
                "UID:pharmquiz-cspt-20270115@pharmquiz.local",
                "DTSTAMP:20270115T080000Z",
                "DTSTART;VALUE=DATE:20270115",
                "DTEND;VALUE=DATE:20270116",
                "SUMMARY:Study",
                "DESCRIPTION:Ten questions",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
                "END:VCALENDAR",
            ]
        );
        assert_eq!(ics.matches("\r\n").count(), ics.matches('\n').count());
    }

    #[test]
    fn stamps_are_utc_and_clamped() {
        assert_eq!(utc_stamp(0.0), "19700101T000000Z");
        assert_eq!(utc_stamp(1_800_000_000_999.0), "20270115T080000Z");
        assert_eq!(utc_stamp(951_782_399_000.0), "20000228T235959Z");
        assert_eq!(utc_stamp(951_782_400_000.0), "20000229T000000Z");
        assert_eq!(utc_stamp(-5.0), "19700101T000000Z");
        assert_eq!(utc_stamp(f64::NAN), "19700101T000000Z");
        assert_eq!(utc_stamp(f64::INFINITY), "21991231T235959Z");
    }

    #[test]
    fn all_day_events_end_the_next_day_across_month_and_year_ends() {
        for (start, end) in [
            ("2027-01-31", "20270201"),
            ("2027-02-28", "20270301"),
            ("2028-02-28", "20280229"),
            ("2028-02-29", "20280301"),
            ("2026-12-31", "20270101"),
            ("2199-12-31", "22000101"),
        ] {
            assert_eq!(day_after(day(start)), end, "{start}");
        }
    }

    #[test]
    fn text_is_escaped_and_reads_back() {
        let nasty = "a\\b;c,d\ne\r\nf\rg\u{7}h\ti: done";
        assert_eq!(text(nasty), "a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti: done");
        let ics = calendar(
            &[event(nasty, "Line one\nLine two; three, four")],
            0.0,
            PRODID,
        );
        let fields: Vec<(String, String)> = unfold(&ics).iter().map(|l| parse(l)).collect();
        let get = |n: &str| fields.iter().find(|f| f.0 == n).map(|f| f.1.clone());
        assert_eq!(
            get("SUMMARY").as_deref(),
            Some("a\\b;c,d\ne\nf\ngh\ti: done")
        );
        assert_eq!(
            get("DESCRIPTION").as_deref(),
            Some("Line one\nLine two; three, four")
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_never_inside_a_character() {
        // 'é' is two octets, '€' three, '🙂' four: every alignment is met.
        for filler in ["é", "€", "🙂", "a"] {
            for lead in 0..4 {
                let summary = format!("{}{}", "x".repeat(lead), filler.repeat(200));
                let ics = calendar(&[event(&summary, "d")], 0.0, PRODID);
                for physical in ics.split("\r\n") {
                    assert!(
                        physical.len() <= 75,
                        "{} octets: {physical}",
                        physical.len()
                    );
                }
                let got = unfold(&ics)
                    .iter()
                    .map(|l| parse(l))
                    .find(|f| f.0 == "SUMMARY");
                assert_eq!(got.map(|f| f.1), Some(summary));
            }
        }
        // Exactly 75 octets stay on one line; 76 fold after 75.
        let mut out = String::new();
        push(&mut out, &"a".repeat(75));
        assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
        out.clear();
        push(&mut out, &"a".repeat(76));
        assert_eq!(out, format!("{}\r\n a\r\n", "a".repeat(75)));
        // A two-octet character across octet 75 moves to the next line.
        out.clear();
        push(&mut out, &format!("{}é{}", "a".repeat(74), "b".repeat(80)));
        // The continuation: one space, 'é' (2 octets) and 72 'b's is 75.
        let want = format!(
            "{}\r\n é{}\r\n {}\r\n",
            "a".repeat(74),
            "b".repeat(72),
            "b".repeat(8)
        );
        assert_eq!(out, want);
    }

    #[test]
    fn a_plan_calendar_has_sessions_and_the_exam() {
        let sessions = [
            Session {
                day: day("2026-12-30"),
                new: 12,
                review: false,
            },
            Session {
                day: day("2026-12-31"),
                new: 1,
                review: true,
            },
            Session {
                day: day("2027-01-01"),
                new: 0,
                review: true,
            },
        ];
        let ics = plan_calendar("CSPT", "cspt", &sessions, day("2027-01-04"), 0.0);
        let fields: Vec<(String, String)> = unfold(&ics).iter().map(|l| parse(l)).collect();
        let all = |n: &str| -> Vec<String> {
            fields
                .iter()
                .filter(|f| f.0 == n)
                .map(|f| f.1.clone())
                .collect()
        };
        assert_eq!(
            all("SUMMARY"),
            [
                "PharmQuiz: 12 new questions (CSPT)",
                "PharmQuiz: 1 new question + reviews (CSPT)",
                "PharmQuiz: reviews (CSPT)",
                "CSPT exam",
            ]
        );
        assert_eq!(
            all("UID"),
            [
                "pharmquiz-cspt-20261230@pharmquiz.local",
                "pharmquiz-cspt-20261231@pharmquiz.local",
                "pharmquiz-cspt-20270101@pharmquiz.local",
                "pharmquiz-cspt-exam@pharmquiz.local",
            ]
        );
        assert_eq!(
            all("DTSTART;VALUE=DATE"),
            ["20261230", "20261231", "20270101", "20270104"]
        );
        assert_eq!(all("DTEND;VALUE=DATE")[1], "20270101");
        assert_eq!(
            all("DESCRIPTION")[0],
            "Study with PharmQuiz for your CSPT exam on 4 January 2027."
        );
        // One reminder, on the exam, at 9:00 the day before.
        assert_eq!(all("TRIGGER"), ["-PT15H"]);
        assert_eq!(all("ACTION"), ["DISPLAY"]);
        assert_eq!(all("BEGIN").len(), 1 + 4 + 1);
        assert_eq!(all("BEGIN").len(), all("END").len());
    }
}
