//! The dates and times of `config.toml` and the release files: `YYYY-MM-DD`, `HH:MM`, the
//! deadline, and a date as a 公文 writes it.

/// Checks a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    let ok_shape = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    match text.parse::<jiff::civil::Date>() {
        Ok(date) if ok_shape => Ok(date),
        _ => Err(crate::msg!("setting.date_bad", text = text)),
    }
}

/// Checks an `HH:MM` time.
pub fn parse_time(text: &str) -> Result<(), String> {
    let bad = || crate::msg!("setting.time_bad", text = text);
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    let valid = |s: &str, max: u8| s.len() == 2 && s.parse::<u8>().is_ok_and(|v| v <= max);
    (valid(h, 23) && valid(m, 59)).then_some(()).ok_or_else(bad)
}

/// 申报截止时间, a Beijing-time date and minute; ordered by time (later is greater).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Deadline {
    pub date: jiff::civil::Date,
    pub hour: u8,
    pub minute: u8,
}

impl Deadline {
    /// `YYYY-MM-DD HH:MM`, as `config.toml` writes it.
    pub fn parse(text: &str) -> Result<Deadline, String> {
        let bad = || crate::msg!("setting.deadline_bad", text = text);
        let (date, time) = text.trim().split_once(' ').ok_or_else(bad)?;
        let date = parse_date(date).map_err(|_| bad())?;
        parse_time(time.trim()).map_err(|_| bad())?;
        let (h, m) = time.trim().split_once(':').ok_or_else(bad)?;
        Ok(Deadline { date, hour: h.parse().map_err(|_| bad())?, minute: m.parse().map_err(|_| bad())? })
    }

    /// ISO 8601 with the China offset, for `<time datetime>` and the browser's countdown.
    pub fn iso(&self) -> String {
        format!("{}T{:02}:{:02}+08:00", self.date, self.hour, self.minute)
    }

    /// As a 公文 writes it: `2026年3月31日 17:00`.
    pub fn display(&self) -> String {
        format!("{} {:02}:{:02}", chinese_date(self.date), self.hour, self.minute)
    }
}

/// A date as a 公文 writes it: `2026年3月1日`.
pub fn chinese_date(date: jiff::civil::Date) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        assert!(parse_date("2026-03-01").is_ok());
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026-3-1").is_err());
        assert!(parse_time("09:30").is_ok());
        assert!(parse_time("24:00").is_err());
    }

    #[test]
    fn deadlines() {
        let d = Deadline::parse("2026-03-31 17:00").expect("valid");
        assert_eq!(d.iso(), "2026-03-31T17:00+08:00");
        assert_eq!(d.display(), "2026年3月31日 17:00");
        for bad in ["2026-03-31", "2026-02-30 17:00", "2026-03-31 25:00", "31.03.2026 17:00"] {
            assert!(Deadline::parse(bad).is_err(), "{bad}");
        }
    }
}
