//! Calendar days for dated facts in banks (`as_of`, `valid_until`): read
//! from `YYYY-MM-DD`, compared, counted in days and written the way a
//! learner reads them ("27 November 2026"). No time of day and no time
//! zone: a bank's date names a day, and "today" is the day where the
//! learner is (`Day::local`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use super::limits::{EARLIEST_MS, FAR_FUTURE_MS};

const MS_PER_DAY: f64 = 86_400_000.0;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One calendar day from 1970-01-01 to 2199-12-31 (the range `limits`
/// allows for any date), as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i64);

impl Day {
    /// The first day a bank may name.
    pub const EARLIEST: Day = Day((EARLIEST_MS / MS_PER_DAY) as i64);
    /// The last day a bank may name: the day before 2200-01-01.
    pub const LATEST: Day = Day((FAR_FUTURE_MS / MS_PER_DAY) as i64 - 1);

    /// The day of a year, month (1–12) and day of the month, if it exists
    /// and lies in the allowed range.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let d = Day(days_from_civil(year, month, day));
        (Day::EARLIEST..=Day::LATEST).contains(&d).then_some(d)
    }

    /// Reads `YYYY-MM-DD` exactly (four, two and two digits).
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        Day::from_ymd(i64::from(num(0..4)?), num(5..7)?, num(8..10)?)
    }

    /// The day at `ms` (since the epoch) for a clock `tz_offset_min` minutes
    /// behind UTC (JavaScript's `getTimezoneOffset`); clamped to the range.
    pub fn local(ms: f64, tz_offset_min: f64) -> Day {
        let days = ((ms - tz_offset_min * 60_000.0) / MS_PER_DAY).floor();
        if days.is_nan() {
            return Day::EARLIEST;
        }
        let days = days.clamp(Day::EARLIEST.0 as f64, Day::LATEST.0 as f64);
        Day(days as i64)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        self.0
    }

    /// The day `n` days later (or earlier), kept within the range.
    pub fn plus_days(self, n: i64) -> Day {
        Day(self
            .0
            .saturating_add(n)
            .clamp(Day::EARLIEST.0, Day::LATEST.0))
    }

    /// Year, month (1–12), day of the month.
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.0)
    }

    /// As a learner reads it: "27 November 2026".
    pub fn long(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d} {} {y}", MONTHS[(m - 1) as usize])
    }
}

/// `YYYY-MM-DD`, as banks and bank-check write it.
impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        let s = String::deserialize(d)?;
        Day::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a date from 1970-01-01 to 2199-12-31 written YYYY-MM-DD"
            ))
        })
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil` (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of `days_from_civil`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_writes_and_counts_days() {
        let d = Day::parse("2026-11-27").unwrap();
        assert_eq!(d.to_string(), "2026-11-27");
        assert_eq!(d.long(), "27 November 2026");
        assert_eq!(d.ymd(), (2026, 11, 27));
        assert_eq!(Day::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(Day::parse("2000-03-01").unwrap().days(), 11_017);
        assert_eq!(
            Day::parse("2024-02-29").unwrap().plus_days(366).to_string(),
            "2025-03-01"
        );
        assert_eq!(Day::LATEST.to_string(), "2199-12-31");
        assert_eq!(Day::EARLIEST.to_string(), "1970-01-01");
        // Every day of four centuries reads back as itself.
        for n in Day::EARLIEST.days()..=Day::LATEST.days() {
            let (y, m, dd) = Day(n).ymd();
            assert_eq!(Day::from_ymd(y, m, dd), Some(Day(n)));
        }
    }

    #[test]
    fn refuses_what_is_not_a_real_day_in_range() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "1969-12-31",
            "2200-01-01",
            "2026-1-27",
            "26-11-27",
            "2026/11/27",
            "+026-11-27",
            "2026-11-2٧",
            "",
            "2026-11-27T00:00",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        assert!(Day::parse("2000-02-29").is_some());
        assert_eq!(Day::parse("2100-02-29"), None);
    }

    #[test]
    fn today_is_the_local_day_and_never_out_of_range() {
        // 2026-12-01 02:00 UTC is still 30 November in New York (UTC-5).
        let ms = Day::parse("2026-12-01").unwrap().days() as f64 * MS_PER_DAY + 7_200_000.0;
        assert_eq!(Day::local(ms, 0.0).to_string(), "2026-12-01");
        assert_eq!(Day::local(ms, 300.0).to_string(), "2026-11-30");
        assert_eq!(Day::local(f64::NAN, 0.0), Day::EARLIEST);
        assert_eq!(Day::local(1e300, 0.0), Day::LATEST);
        assert_eq!(Day::LATEST.plus_days(i64::MAX), Day::LATEST);
    }

    #[test]
    fn json_is_the_iso_day_and_a_bad_one_is_named() {
        let d = Day::parse("2026-11-27").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-11-27\"");
        assert_eq!(serde_json::from_str::<Day>("\"2026-11-27\"").unwrap(), d);
        let e = serde_json::from_str::<Day>("\"2026-02-30\"").unwrap_err();
        assert!(e.to_string().contains("`2026-02-30` is not a date"), "{e}");
    }
}
