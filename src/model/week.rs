//! ISO 8601 weeks (Monday to Sunday), cut in the site's time zone: an article
//! published Sunday 23:30 in Shanghai belongs to the week that Sunday closes,
//! whatever UTC says.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::{Date, ISOWeekDate, Weekday};
use jiff::tz::TimeZone;

/// One ISO week, ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct IsoWeek {
    year: i16,
    week: i8,
}

impl IsoWeek {
    /// The week an instant falls in, as seen in `tz`.
    pub fn of(instant: Timestamp, tz: &TimeZone) -> IsoWeek {
        IsoWeek::containing(instant.to_zoned_datetime(tz.clone()).date())
    }

    /// The week a calendar date falls in.
    pub fn containing(date: Date) -> IsoWeek {
        let iso = date.iso_week_date();
        IsoWeek { year: iso.year(), week: iso.week() }
    }

    /// Parses a key such as `2026-W48`; `None` unless that week exists.
    pub fn parse(key: &str) -> Option<IsoWeek> {
        let (year, week) = key.split_once("-W")?;
        if year.len() != 4 || week.len() != 2 || !(year.bytes().chain(week.bytes())).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (year, week) = (year.parse().ok()?, week.parse().ok()?);
        ISOWeekDate::new(year, week, Weekday::Monday).ok()?;
        Some(IsoWeek { year, week })
    }

    /// The ISO week-numbering year.
    pub fn year(&self) -> i16 {
        self.year
    }

    /// The week number, 1 to 53.
    pub fn number(&self) -> i8 {
        self.week
    }

    /// The Monday that opens the week.
    pub fn monday(&self) -> Date {
        ISOWeekDate::new(self.year, self.week, Weekday::Monday).expect("an IsoWeek is always a valid week").date()
    }

    /// The Sunday that closes the week.
    pub fn sunday(&self) -> Date {
        ISOWeekDate::new(self.year, self.week, Weekday::Sunday).expect("an IsoWeek is always a valid week").date()
    }
}

/// `2026-W48`, the form used in URLs and recap note file names.
impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shanghai() -> TimeZone {
        TimeZone::get("Asia/Shanghai").unwrap()
    }

    #[test]
    fn sunday_night_and_monday_morning_in_the_site_zone() {
        let sunday: Timestamp = "2026-11-22T15:30:00Z".parse().unwrap(); // Sun 23:30 in Shanghai
        let monday: Timestamp = "2026-11-22T16:30:00Z".parse().unwrap(); // Mon 00:30 in Shanghai
        assert_eq!(IsoWeek::of(sunday, &shanghai()).to_string(), "2026-W47");
        assert_eq!(IsoWeek::of(monday, &shanghai()).to_string(), "2026-W48");
        assert_eq!(IsoWeek::of(monday, &TimeZone::UTC).to_string(), "2026-W47");
    }

    #[test]
    fn week_years_differ_from_calendar_years() {
        let week = IsoWeek::containing("2027-01-01".parse().unwrap());
        assert_eq!(week.to_string(), "2026-W53");
        assert_eq!(week.monday().to_string(), "2026-12-28");
        assert_eq!(week.sunday().to_string(), "2027-01-03");
    }

    #[test]
    fn parse_accepts_only_real_weeks() {
        assert_eq!(IsoWeek::parse("2026-W48").unwrap().to_string(), "2026-W48");
        assert!(IsoWeek::parse("2026-W53").is_some());
        assert!(IsoWeek::parse("2025-W53").is_none());
        assert!(IsoWeek::parse("2026-W00").is_none());
        assert!(IsoWeek::parse("2026-W5").is_none());
        assert!(IsoWeek::parse("2026W48").is_none());
    }
}
