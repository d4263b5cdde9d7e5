//! Publication dates as metadata writes them, to the precision it gives.
//!
//! Citations need the difference between "2019" and "2019-05-19", so a date
//! keeps only what its source said; no time zone arithmetic is attempted (the
//! calendar date the publisher wrote is the one a citation uses).

use crate::encode::push_decimal;
use alloc::string::String;

/// A calendar date with optional month and day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// Reads the date at the start of an ISO 8601 timestamp (`2019-05-19`,
    /// `2019-05-19T08:00:00+00:00`, `2019-05`, `2019`), or the Highwire form
    /// `2019/05/19`. Anything after the date is ignored.
    pub fn parse(text: &str) -> Option<Date> {
        let text = crate::search::trim(text);
        let bytes = text.as_bytes();
        let year = digits(bytes, 0, 4)?;
        if year == 0 {
            return None;
        }
        let separator = match bytes.get(4) {
            None => {
                return Some(Date {
                    year,
                    month: None,
                    day: None,
                })
            }
            Some(b'T' | b' ') => {
                return Some(Date {
                    year,
                    month: None,
                    day: None,
                })
            }
            Some(&sep @ (b'-' | b'/')) => sep,
            Some(_) => return None,
        };
        let month = digits(bytes, 5, 2)?;
        if !(1..=12).contains(&month) {
            return None;
        }
        let month = month as u8;
        match bytes.get(7) {
            None => {
                return Some(Date {
                    year,
                    month: Some(month),
                    day: None,
                })
            }
            Some(&sep) if sep == separator => {}
            Some(_) => return None,
        }
        let day = digits(bytes, 8, 2)? as u8;
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        match bytes.get(10) {
            None | Some(b'T' | b't' | b' ') => Some(Date {
                year,
                month: Some(month),
                day: Some(day),
            }),
            Some(_) => None,
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the date is.
    pub fn iso(&self) -> String {
        let mut out = String::new();
        push_decimal(&mut out, u32::from(self.year), 4);
        if let Some(month) = self.month {
            out.push('-');
            push_decimal(&mut out, u32::from(month), 2);
            if let Some(day) = self.day {
                out.push('-');
                push_decimal(&mut out, u32::from(day), 2);
            }
        }
        out
    }

    /// The month's name among `names`, twelve [`crate::search::entries`]
    /// from January (`"jan|feb|…"`); `None` without a month.
    pub fn month_name(&self, names: &'static str) -> Option<&'static str> {
        // Counted down in a loop: `nth` brings an `advance_by` of its own.
        let mut months_left = self.month?;
        for name in crate::search::entries(names) {
            months_left = months_left.checked_sub(1)?;
            if months_left == 0 {
                return Some(name);
            }
        }
        None
    }

    /// The year as text.
    pub fn year_text(&self) -> String {
        crate::encode::decimal(u32::from(self.year))
    }
}

fn digits(bytes: &[u8], start: usize, count: usize) -> Option<u16> {
    let slice = bytes.get(start..start + count)?;
    let mut value = 0u16;
    for &byte in slice {
        if !byte.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u16::from(byte - b'0');
    }
    Some(value)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: u16, month: Option<u8>, day: Option<u8>) -> Option<Date> {
        Some(Date { year, month, day })
    }

    macro_rules! parses {
        ($($name:ident: $input:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(Date::parse($input), $want);
            }
        )*};
    }

    parses! {
        full_date: "2019-05-19" => ymd(2019, Some(5), Some(19));
        timestamp: "2019-05-19T08:30:00+00:00" => ymd(2019, Some(5), Some(19));
        timestamp_space: "2019-05-19 08:30" => ymd(2019, Some(5), Some(19));
        year_month: "2019-05" => ymd(2019, Some(5), None);
        year_only: "2019" => ymd(2019, None, None);
        highwire_slashes: "2019/05/19" => ymd(2019, Some(5), Some(19));
        surrounding_space: " 2019-05-19 " => ymd(2019, Some(5), Some(19));
        leap_day: "2020-02-29" => ymd(2020, Some(2), Some(29));
        not_leap: "2019-02-29" => None;
        century_not_leap: "1900-02-29" => None;
        month_13: "2019-13-01" => None;
        day_zero: "2019-05-00" => None;
        mixed_separators: "2019-05/19" => None;
        words: "May 19, 2019" => None;
        short_year: "19-05-19" => None;
        year_zero: "0000" => None;
        trailing_garbage: "2019-05-19x" => None;
    }

    #[test]
    fn iso_keeps_precision() {
        assert_eq!(Date::parse("2019-05-09").unwrap().iso(), "2019-05-09");
        assert_eq!(Date::parse("2019-05").unwrap().iso(), "2019-05");
        assert_eq!(Date::parse("0999").unwrap().iso(), "0999");
        assert_eq!(Date::parse("0999").unwrap().year_text(), "999");
    }

    #[test]
    fn month_names_come_from_the_list_given() {
        const NAMES: &str = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
        let name = |text: &str| Date::parse(text).unwrap().month_name(NAMES);
        assert_eq!(name("2019-01-31"), Some("jan"));
        assert_eq!(name("2019-05"), Some("may"));
        assert_eq!(name("2019-12-01"), Some("dec"));
        assert_eq!(name("2019"), None);
        for month in [0, 13] {
            let no_such_month = Date {
                year: 2019,
                month: Some(month),
                day: None,
            };
            assert_eq!(no_such_month.month_name(NAMES), None, "{month}");
        }
    }
}
