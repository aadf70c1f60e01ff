//! Which backups to keep as they age: every backup of today and yesterday, then the newest of
//! each of the 12 latest days, 10 latest weeks and 9 latest months that have a backup.
//!
//! The days, weeks and months counted are those that have a backup, not the calendar's: after
//! a month away from the laptop her last backups are still there. A backup made before a
//! restore is never thinned, and only verified backups are ever thinned or counted as the
//! newest of their day: a backup that failed verification never causes an older one to go.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::collections::HashSet;

/// Days, weeks and months after today and yesterday that keep their newest backup.
pub const KEEP_DAYS: usize = 12;
pub const KEEP_WEEKS: usize = 10;
pub const KEEP_MONTHS: usize = 9;

/// One backup as thinning sees it.
#[derive(Debug, Clone, Copy)]
pub struct Aged {
    /// When it was made, in her local time.
    pub at: NaiveDateTime,
    /// Verified, so it may be thinned and may stand for its day.
    pub verified: bool,
    /// Made before a restore: never thinned.
    pub pinned: bool,
}

/// The indexes of the backups to remove, given `today` in her local time.
pub fn to_remove(backups: &[Aged], today: NaiveDate) -> Vec<usize> {
    let mut order: Vec<usize> = (0..backups.len())
        .filter(|&i| backups[i].verified)
        .collect();
    // Newest first, so the first of each bucket is its newest.
    order.sort_by(|&a, &b| backups[b].at.cmp(&backups[a].at));
    let yesterday = today.pred_opt().unwrap_or(today);
    let mut keep: HashSet<usize> = order
        .iter()
        .copied()
        .filter(|&i| backups[i].at.date() >= yesterday)
        .collect();
    let older: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| backups[i].at.date() < yesterday)
        .collect();
    let day = |d: NaiveDate| (d.year(), d.ordinal());
    let week = |d: NaiveDate| {
        let w = d.iso_week();
        (w.year(), w.week())
    };
    let month = |d: NaiveDate| (d.year(), d.month());
    keep_newest_per(backups, &older, KEEP_DAYS, day, &mut keep);
    keep_newest_per(backups, &older, KEEP_WEEKS, week, &mut keep);
    keep_newest_per(backups, &older, KEEP_MONTHS, month, &mut keep);
    let mut out: Vec<usize> = order
        .into_iter()
        .filter(|i| !keep.contains(i) && !backups[*i].pinned)
        .collect();
    out.sort_unstable();
    out
}

/// Keeps the newest backup of each of the `count` latest buckets (`older` is newest first).
fn keep_newest_per<K: PartialEq>(
    backups: &[Aged],
    older: &[usize],
    count: usize,
    bucket: impl Fn(NaiveDate) -> K,
    keep: &mut HashSet<usize>,
) {
    let mut last: Option<K> = None;
    let mut kept = 0;
    for &i in older {
        let b = bucket(backups[i].at.date());
        if last.as_ref() == Some(&b) {
            continue;
        }
        if kept == count {
            break;
        }
        keep.insert(i);
        kept += 1;
        last = Some(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveTime};

    fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
        day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
    }

    fn verified(at: NaiveDateTime) -> Aged {
        Aged {
            at,
            verified: true,
            pinned: false,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default()
    }

    fn kept(backups: &[Aged], today: NaiveDate) -> Vec<NaiveDateTime> {
        let gone = to_remove(backups, today);
        let mut out: Vec<_> = (0..backups.len())
            .filter(|i| !gone.contains(i))
            .map(|i| backups[i].at)
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_backup_of_today_and_yesterday_stays() {
        let t = today();
        let backups: Vec<Aged> = (0..48)
            .map(|h| verified(at(t, 0) - Duration::minutes(30 * h)))
            .collect();
        assert!(to_remove(&backups, t).is_empty());
    }

    #[test]
    fn a_year_of_half_hourly_backups_thins_to_days_weeks_and_months() {
        let t = today();
        let mut backups = Vec::new();
        for day in 0..400 {
            for half_hour in 0..16 {
                let d = t - Duration::days(day);
                backups.push(verified(at(d, 8) + Duration::minutes(30 * half_hour)));
            }
        }
        let kept = kept(&backups, t);
        // Today and yesterday: all 32.
        let recent = kept.iter().filter(|k| k.date() >= t - Duration::days(1));
        assert_eq!(recent.count(), 32);
        // Each of the 12 days before: one, its last of the day.
        for day in 2..14 {
            let d = t - Duration::days(day);
            let of_day: Vec<_> = kept.iter().filter(|k| k.date() == d).collect();
            assert_eq!(of_day, vec![&(at(d, 8) + Duration::minutes(30 * 15))]);
        }
        // At most 32 + 12 + 10 + 9, and nothing older than 9 months and a bit.
        assert!(kept.len() <= 32 + 12 + 10 + 9, "{}", kept.len());
        assert!(kept.len() >= 32 + 12 + 9, "{}", kept.len());
        let oldest = kept.first().copied().unwrap_or_default();
        assert!(oldest.date() > t - Duration::days(300), "{oldest}");
        let months: HashSet<_> = kept
            .iter()
            .map(|k| (k.date().year(), k.date().month()))
            .collect();
        assert!(months.len() >= 9, "{months:?}");
    }

    #[test]
    fn after_months_away_the_last_backups_stay() {
        let t = today();
        let away = t - Duration::days(200);
        let backups: Vec<Aged> = (0..5)
            .map(|d| verified(at(away - Duration::days(d), 9)))
            .collect();
        assert!(to_remove(&backups, t).is_empty());
    }

    #[test]
    fn a_backup_that_failed_verification_never_stands_for_its_day() {
        let t = today();
        let d = t - Duration::days(5);
        let good = verified(at(d, 9));
        let bad = Aged {
            at: at(d, 18),
            verified: false,
            pinned: false,
        };
        // The newer one failed: the older verified one of the same day stays, and the failed
        // one is not thinning's to remove.
        assert!(to_remove(&[good, bad], t).is_empty());
    }

    #[test]
    fn a_backup_made_before_a_restore_is_never_thinned() {
        let t = today();
        let d = t - Duration::days(5);
        let pinned = Aged {
            at: at(d, 9),
            verified: true,
            pinned: true,
        };
        let mut backups = vec![pinned, verified(at(d, 18))];
        // Far older than anything kept.
        backups.push(Aged {
            at: at(t - Duration::days(3000), 9),
            verified: true,
            pinned: true,
        });
        for day in 0..600 {
            backups.push(verified(at(t - Duration::days(day), 12)));
        }
        let gone = to_remove(&backups, t);
        assert!(!gone.contains(&0) && !gone.contains(&2));
        assert!(gone.len() > 500);
    }
}
