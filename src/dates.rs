//! Dates as editors write them and readers see them.
//!
//! A [`Moment`] is an instant plus the UTC offset it was written with, so a
//! feed can repeat the article's own offset while weeks are cut in the site's
//! time zone. A [`PartialDate`] is a timeline date of `YYYY`, `YYYY-MM` or
//! `YYYY-MM-DD`. An [`IsoWeek`] is a Monday-to-Sunday week, cut in the site's
//! time zone. How readers see dates depends on their language, so formatting
//! for pages lives with the theme's strings (`render::strings`).
//!
//! Each type owns its serde form (the build cache stores them): a value read
//! back that no parser could have made, from a damaged cache, is an error.

use std::fmt;

use jiff::civil::{Date, DateTime, ISOWeekDate, Time, Weekday};
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime as Zoned};

/// The formats a front-matter date may take, for error hints.
pub const DATE_FORMATS: &str = "write it as 2026-11-23T09:40:00+08:00, \"2026-11-23 09:40\" or 2026-11-23";

/// The widest UTC offset in use anywhere (Kiribati's +14:00); anything
/// beyond it is a typo, even where RFC 3339's grammar would allow it.
const MAX_OFFSET_SECONDS: i32 = 14 * 3600;

/// A value as an error message quotes it: whole unless it is long.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// `+08:00`, `-03:30`.
fn offset_text(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", seconds.abs() / 3600, seconds.abs() % 3600 / 60)
}

/// An instant and the offset it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(into = "MomentRepr", try_from = "MomentRepr")]
pub struct Moment {
    /// The instant.
    pub instant: Timestamp,
    /// The offset the editor wrote, or the site time zone's offset at that
    /// instant when they wrote none.
    pub offset: Offset,
    /// Whether the editor wrote an offset.
    pub explicit_offset: bool,
}

impl Moment {
    /// Parses RFC 3339 (`2026-11-23T09:40:00+08:00`, `…Z`), `YYYY-MM-DD HH:MM`
    /// or `YYYY-MM-DD`; a date without an offset is read in `tz`.
    pub fn parse(text: &str, tz: &TimeZone) -> Result<Moment, String> {
        let text = text.trim();
        let shown = shorten(text);
        let invalid = || format!("`{shown}` is not a valid date");
        let pieces = Pieces::parse(text).map_err(|_| invalid())?;
        let civil = DateTime::from_parts(pieces.date(), pieces.time().unwrap_or(Time::midnight()));
        let explicit = match pieces.offset() {
            Some(PiecesOffset::Numeric(n)) => Some(n.offset()),
            Some(PiecesOffset::Zulu) => Some(Offset::UTC),
            _ => None,
        };
        match explicit {
            Some(offset) if offset.seconds().abs() > MAX_OFFSET_SECONDS => Err(format!(
                "`{shown}` has the offset {}, but offsets on Earth run from -12:00 to +14:00",
                offset_text(offset)
            )),
            Some(offset) => {
                let instant = offset.to_timestamp(civil).map_err(|_| invalid())?;
                Ok(Moment { instant, offset, explicit_offset: true })
            }
            None => {
                let zoned = tz.to_ambiguous_zoned_datetime(civil).compatible().map_err(|_| invalid())?;
                Ok(Moment { instant: zoned.timestamp(), offset: zoned.offset(), explicit_offset: false })
            }
        }
    }

    /// RFC 3339 in the written offset: `2026-11-23T09:40:00+08:00`.
    pub fn rfc3339(&self) -> String {
        let local = self.offset.to_datetime(self.instant);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
            local.year(),
            local.month(),
            local.day(),
            local.hour(),
            local.minute(),
            local.second(),
            offset_text(self.offset)
        )
    }

    /// As the command line shows it, in its offset: `5 Dec 2026 09:00 +08:00`.
    pub fn display(&self) -> String {
        let zoned = self.instant.to_zoned_datetime(TimeZone::fixed(self.offset));
        format!("{} {}", zoned.strftime("%-d %b %Y %H:%M"), offset_text(self.offset))
    }

    /// The moment seen in a time zone.
    pub fn in_zone(&self, tz: &TimeZone) -> Zoned {
        self.instant.to_zoned_datetime(tz.clone())
    }
}

/// A timeline date: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "PartialDateRepr", try_from = "PartialDateRepr")]
pub enum PartialDate {
    /// `YYYY`
    Year(i16),
    /// `YYYY-MM`
    Month(i16, i8),
    /// `YYYY-MM-DD`
    Day(Date),
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let text = text.trim();
        let invalid = || format!("`{text}` is not a timeline date");
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| -> Result<i16, String> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| invalid())
            } else {
                Err(invalid())
            }
        };
        match parts.as_slice() {
            [y] => Ok(PartialDate::Year(number(y, 4)?)),
            [y, m] => {
                let (y, m) = (number(y, 4)?, number(m, 2)?);
                Date::new(y, m as i8, 1).map_err(|_| invalid())?;
                Ok(PartialDate::Month(y, m as i8))
            }
            [y, m, d] => {
                let date = Date::new(number(y, 4)?, number(m, 2)? as i8, number(d, 2)? as i8).map_err(|_| invalid())?;
                Ok(PartialDate::Day(date))
            }
            _ => Err(invalid()),
        }
    }

    /// Sorting key: a year sorts before its months, a month before its days.
    pub fn sort_key(&self) -> (i16, i8, i8) {
        match *self {
            PartialDate::Year(y) => (y, 0, 0),
            PartialDate::Month(y, m) => (y, m, 0),
            PartialDate::Day(d) => (d.year(), d.month(), d.day()),
        }
    }

    /// Machine-readable form for `<time datetime>`.
    pub fn iso(&self) -> String {
        match *self {
            PartialDate::Year(y) => format!("{y:04}"),
            PartialDate::Month(y, m) => format!("{y:04}-{m:02}"),
            PartialDate::Day(d) => d.to_string(),
        }
    }
}

/// How a [`Moment`] is stored.
#[derive(serde::Serialize, serde::Deserialize)]
struct MomentRepr {
    seconds: i64,
    nanoseconds: i32,
    offset: i32,
    explicit_offset: bool,
}

impl From<Moment> for MomentRepr {
    fn from(m: Moment) -> MomentRepr {
        MomentRepr {
            seconds: m.instant.as_second(),
            nanoseconds: m.instant.subsec_nanosecond(),
            offset: m.offset.seconds(),
            explicit_offset: m.explicit_offset,
        }
    }
}

impl TryFrom<MomentRepr> for Moment {
    type Error = String;

    fn try_from(r: MomentRepr) -> Result<Moment, String> {
        Ok(Moment {
            instant: jiff::Timestamp::new(r.seconds, r.nanoseconds).map_err(|e| e.to_string())?,
            offset: jiff::tz::Offset::from_seconds(r.offset).map_err(|e| e.to_string())?,
            explicit_offset: r.explicit_offset,
        })
    }
}

/// How a [`PartialDate`] is stored.
#[derive(serde::Serialize, serde::Deserialize)]
enum PartialDateRepr {
    Year(i16),
    Month(i16, i8),
    Day(i16, i8, i8),
}

impl From<PartialDate> for PartialDateRepr {
    fn from(d: PartialDate) -> PartialDateRepr {
        match d {
            PartialDate::Year(y) => PartialDateRepr::Year(y),
            PartialDate::Month(y, m) => PartialDateRepr::Month(y, m),
            PartialDate::Day(date) => PartialDateRepr::Day(date.year(), date.month(), date.day()),
        }
    }
}

impl TryFrom<PartialDateRepr> for PartialDate {
    type Error = String;

    fn try_from(r: PartialDateRepr) -> Result<PartialDate, String> {
        Ok(match r {
            PartialDateRepr::Year(y) => PartialDate::Year(y),
            PartialDateRepr::Month(y, m) => PartialDate::Month(y, m),
            PartialDateRepr::Day(y, m, d) => {
                PartialDate::Day(jiff::civil::Date::new(y, m, d).map_err(|e| e.to_string())?)
            }
        })
    }
}

/// One ISO week, ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "IsoWeekRepr", try_from = "IsoWeekRepr")]
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
        IsoWeek::new(year.parse().ok()?, week.parse().ok()?)
    }

    /// Week `week` of the ISO week-numbering `year`; `None` unless that week exists.
    pub fn new(year: i16, week: i8) -> Option<IsoWeek> {
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

/// How an [`IsoWeek`] is stored.
#[derive(serde::Serialize, serde::Deserialize)]
struct IsoWeekRepr {
    year: i16,
    week: i8,
}

impl From<IsoWeek> for IsoWeekRepr {
    fn from(w: IsoWeek) -> IsoWeekRepr {
        IsoWeekRepr { year: w.year, week: w.week }
    }
}

impl TryFrom<IsoWeekRepr> for IsoWeek {
    type Error = String;

    fn try_from(r: IsoWeekRepr) -> Result<IsoWeek, String> {
        IsoWeek::new(r.year, r.week).ok_or_else(|| format!("week {} of {} does not exist", r.week, r.year))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shanghai() -> TimeZone {
        TimeZone::get("Asia/Shanghai").unwrap()
    }

    #[test]
    fn rfc3339_keeps_its_own_offset() {
        let m = Moment::parse("2026-11-23T09:40:00-05:00", &shanghai()).unwrap();
        assert!(m.explicit_offset);
        assert_eq!(m.rfc3339(), "2026-11-23T09:40:00-05:00");
        assert_eq!(m.instant.to_string(), "2026-11-23T14:40:00Z");
        let z = Moment::parse("2026-11-23T09:40:00Z", &shanghai()).unwrap();
        assert_eq!(z.rfc3339(), "2026-11-23T09:40:00+00:00");
    }

    #[test]
    fn long_invalid_dates_are_quoted_shortened() {
        let long = format!("2026-11-16T08r, {}", "and so on ".repeat(20));
        assert_eq!(
            Moment::parse(&long, &shanghai()).unwrap_err(),
            "`2026-11-16T08r, and so on and so on and …` is not a valid date"
        );
    }

    #[test]
    fn offsets_beyond_the_earths_are_refused() {
        assert_eq!(
            Moment::parse("2026-11-23T09:40:00+25:00", &shanghai()).unwrap_err(),
            "`2026-11-23T09:40:00+25:00` has the offset +25:00, but offsets on Earth run from -12:00 to +14:00"
        );
        assert!(Moment::parse("2026-11-23T09:40:00+14:00", &shanghai()).is_ok());
        assert!(Moment::parse("2026-11-23T09:40:00-12:00", &shanghai()).is_ok());
    }

    #[test]
    fn dates_without_offset_are_read_in_the_site_zone() {
        let m = Moment::parse("2026-11-23 09:40", &shanghai()).unwrap();
        assert!(!m.explicit_offset);
        assert_eq!(m.rfc3339(), "2026-11-23T09:40:00+08:00");
        let d = Moment::parse("2026-11-23", &shanghai()).unwrap();
        assert_eq!(d.instant.to_string(), "2026-11-22T16:00:00Z");
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in ["2026-13-01", "2026-02-30", "yesterday", "23/11/2026", "2026-11-23 9:40"] {
            assert!(Moment::parse(bad, &shanghai()).is_err(), "{bad}");
        }
    }

    #[test]
    fn partial_dates_sort_year_month_day() {
        let mut dates: Vec<PartialDate> =
            ["2025-03-01", "2025", "2024-12", "2025-03"].iter().map(|s| PartialDate::parse(s).unwrap()).collect();
        dates.sort_by_key(PartialDate::sort_key);
        let iso: Vec<String> = dates.iter().map(PartialDate::iso).collect();
        assert_eq!(iso, ["2024-12", "2025", "2025-03", "2025-03-01"]);
        assert!(PartialDate::parse("2025-13").is_err());
        assert!(PartialDate::parse("25-03").is_err());
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

    #[test]
    fn weeks_from_a_damaged_cache_are_refused() {
        let week: IsoWeek = serde_json::from_str(r#"{"year":2026,"week":48}"#).unwrap();
        assert_eq!(week.to_string(), "2026-W48");
        let error = serde_json::from_str::<IsoWeek>(r#"{"year":2025,"week":53}"#).unwrap_err();
        assert!(error.to_string().starts_with("week 53 of 2025 does not exist"), "{error}");
        assert!(serde_json::from_str::<IsoWeek>(r#"{"year":2026,"week":0}"#).is_err());
    }
}
