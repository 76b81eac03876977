//! A small proleptic-Gregorian calendar date, enough for resolving news dates
//! without pulling a full time library into every stage.

use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Date {
    /// Year, e.g. 2022.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

/// The weekdays' names in lowercase, Monday first (index = [`Weekday::index`]).
pub const WEEKDAY_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Day of the week; Monday is 0 as in ISO 8601.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    /// Monday
    Mon,
    /// Tuesday
    Tue,
    /// Wednesday
    Wed,
    /// Thursday
    Thu,
    /// Friday
    Fri,
    /// Saturday
    Sat,
    /// Sunday
    Sun,
}

impl Weekday {
    /// ISO index: Monday 0 … Sunday 6.
    pub fn index(self) -> i64 {
        self as i64
    }
    /// The weekday for an ISO index taken modulo 7.
    pub fn from_index(i: i64) -> Weekday {
        use Weekday::*;
        [Mon, Tue, Wed, Thu, Fri, Sat, Sun][i.rem_euclid(7) as usize]
    }
}

/// Number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The earliest date petrel handles, 0001-01-01 (dates are written with four-digit years).
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    /// The latest date petrel handles, 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// A checked constructor: `None` when the day does not exist or the year is outside 1–9999.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
        {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// True for a day that exists between [`Date::MIN`] and [`Date::MAX`] (a date built field by field may
    /// not be).
    pub fn is_valid(self) -> bool {
        Date::new(self.year, self.month, self.day).is_some()
    }

    /// The inverse of [`Date::to_days`], kept between [`Date::MIN`] and [`Date::MAX`] (a day before or after
    /// is the nearest of the two).
    pub fn from_days(z: i64) -> Date {
        if z <= Date::MIN.to_days() {
            return Date::MIN;
        }
        if z >= Date::MAX.to_days() {
            return Date::MAX;
        }
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date {
            year: (y + i64::from(m <= 2)) as i32,
            month: m,
            day: d,
        }
    }

    /// This date moved by `n` days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3).
        Weekday::from_index(self.to_days() + 3)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a string is not a `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError(pub String);

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not a date of the form YYYY-MM-DD (years 0001-9999): {:?}",
            self.0
        )
    }
}

impl std::error::Error for DateParseError {}

impl FromStr for Date {
    type Err = DateParseError;
    /// Parses `YYYY-MM-DD`; a longer ISO timestamp (`2022-01-07T10:00:00Z`) is accepted and cut to the day.
    fn from_str(s: &str) -> Result<Date, DateParseError> {
        let err = || DateParseError(s.to_string());
        let head = s.trim().get(..10).ok_or_else(err)?;
        let b = head.as_bytes();
        if b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, DateParseError> {
            let part = &head[r];
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(err());
            }
            part.parse().map_err(|_| err())
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let rest = &s.trim()[10..];
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return Err(err());
        }
        // a time of day, when given, must be one: `T25:99` is a broken timestamp, not that day
        if let Some(time) = rest.get(1..) {
            let b = time.as_bytes();
            let two = |i: usize| -> Option<u32> {
                let p = b.get(i..i + 2)?;
                p.iter()
                    .all(u8::is_ascii_digit)
                    .then(|| u32::from(p[0] - b'0') * 10 + u32::from(p[1] - b'0'))
            };
            if let Some(h) = two(0) {
                let minute_ok = b.get(2) != Some(&b':') || two(3).is_some_and(|mi| mi < 60);
                let second_ok = b.get(5) != Some(&b':') || two(6).is_some_and(|sec| sec <= 60);
                if h > 24 || !minute_ok || !second_ok {
                    return Err(err());
                }
            }
        }
        Date::new(y as i32, m, d).ok_or_else(err)
    }
}

impl TryFrom<String> for Date {
    type Error = DateParseError;
    fn try_from(s: String) -> Result<Date, DateParseError> {
        s.parse()
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for z in [-700_000i64, -1, 0, 1, 18_999, 19_000, 60_000, 2_900_000] {
            assert_eq!(Date::from_days(z).to_days(), z);
        }
        assert_eq!(Date::new(2022, 1, 7).unwrap().to_days(), 18999);
    }

    #[test]
    fn weekday_of_known_dates() {
        assert_eq!(Date::new(2022, 1, 7).unwrap().weekday(), Weekday::Fri);
        assert_eq!(Date::new(2000, 2, 29).unwrap().weekday(), Weekday::Tue);
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            "2022-01-07".parse::<Date>().unwrap().to_string(),
            "2022-01-07"
        );
        assert_eq!("2022-01-07T10:11:12Z".parse::<Date>().unwrap().day, 7);
        for bad in [
            "2022-02-30",
            "2022-13-01",
            "22-01-07",
            "yesterday",
            "",
            "2022-01-07x",
            "２０２２-01-07",
            // issue 16: an impossible time, and years outside 0001-9999
            "2023-05-10T25:99:00Z",
            "2023-05-10T10:61",
            "2023-05-10 10:00:61",
            "0000-01-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2023-05-10T24:00:00Z".parse::<Date>().is_ok());
        assert!("2023-05-10T23:59:60+02:00".parse::<Date>().is_ok());
    }

    /// Issue 16 row 15: arithmetic never leaves 0001-01-01..9999-12-31, so no date prints as `-001-12-27`
    /// or `10000-01-01`.
    #[test]
    fn dates_stay_within_four_digit_years() {
        assert_eq!(Date::MAX.add_days(1), Date::MAX);
        assert_eq!(Date::MIN.add_days(-5), Date::MIN);
        assert_eq!(Date::from_days(i64::MIN / 4).to_string(), "0001-01-01");
        assert_eq!(Date::from_days(i64::MAX / 4).to_string(), "9999-12-31");
        assert_eq!(Date::new(0, 1, 1), None);
        assert_eq!(Date::new(10_000, 1, 1), None);
        assert!(!Date {
            year: 10_000,
            month: 1,
            day: 1
        }
        .is_valid());
        assert!(Date::MAX.is_valid() && Date::MIN.is_valid());
    }
}
