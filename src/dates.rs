//! Dates as editors write them and readers see them.
//!
//! A [`Moment`] is an instant plus the UTC offset it was written with, so a
//! feed can repeat the article's own offset while weeks are cut in the site's
//! time zone. A [`PartialDate`] is a timeline date of `YYYY`, `YYYY-MM` or
//! `YYYY-MM-DD`. How readers see dates depends on their language, so
//! formatting for pages lives with the theme's strings (`render::strings`).

use jiff::civil::{Date, DateTime, Time};
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
#[serde(into = "crate::cache::MomentRepr", try_from = "crate::cache::MomentRepr")]
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
#[serde(into = "crate::cache::PartialDateRepr", try_from = "crate::cache::PartialDateRepr")]
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
}
