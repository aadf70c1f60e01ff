#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use tripdesk::chrono::NaiveDateTime;
use tripdesk::followups::{FollowUpInput, FollowUpState, FollowUpStatus};
use tripdesk::stats::FollowUpCharts;
use tripdesk::{CareMethodId, CustomerId, Desk, ErrorKind, FollowUpId};

const CALL: &str = "0190a000-0000-7000-8000-000000000101";
const EMAIL: &str = "0190a000-0000-7000-8000-000000000102";
const ZALO: &str = "0190a000-0000-7000-8000-000000000105";

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn customer(desk: &mut Desk, name: &str) -> CustomerId {
    desk.add_customer(common::person(name, "", "")).unwrap().id
}

/// A follow-up added as the Follow-ups tab adds it: a care method, a status, a due time (her
/// wall clock) or none. `written` moves the day it was written down (UTC), which the Desk
/// stamps with the real clock, to the test's calendar.
fn followup(
    desk: &mut Desk,
    customer: &CustomerId,
    method: Option<&str>,
    status: FollowUpStatus,
    due_at: Option<&str>,
    written: &str,
) -> FollowUpId {
    let input = FollowUpInput {
        method_id: method.map(|m| CareMethodId(m.into())),
        subject: "Gọi lại về tour Đà Lạt".into(),
        due_at: due_at.unwrap_or_default().into(),
        status,
        ..Default::default()
    };
    let added = desk
        .add_followup(customer, input, at("2026-03-10T09:00"))
        .unwrap();
    desk.conn()
        .execute(
            "UPDATE followups SET created_at = ?2 WHERE id = ?1",
            (&added.id, written),
        )
        .unwrap();
    added.id
}

fn states(charts: &FollowUpCharts) -> Vec<(FollowUpState, u32)> {
    charts.by_state.iter().map(|s| (s.state, s.count)).collect()
}

fn line<'a>(charts: &'a FollowUpCharts, method: &str) -> &'a [u32] {
    &charts
        .series
        .iter()
        .find(|s| s.method_id == method)
        .unwrap()
        .counts
}

#[test]
fn a_customer_without_follow_ups_has_four_zero_states_and_flat_lines() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let charts = desk
        .followup_charts(&lan, 12, at("2026-03-10T09:00"))
        .unwrap();
    assert_eq!(
        states(&charts),
        vec![
            (FollowUpState::Unfulfilled, 0),
            (FollowUpState::Processing, 0),
            (FollowUpState::Finish, 0),
            (FollowUpState::OutOfDate, 0),
        ]
    );
    assert_eq!(charts.months.len(), 12);
    assert_eq!(charts.months.first().unwrap(), "2025-04");
    assert_eq!(charts.months.last().unwrap(), "2026-03");
    assert_eq!(charts.series.len(), 6, "one line per built-in care method");
    assert!(charts.series.iter().all(|s| s.counts == vec![0; 12]));
}

#[test]
fn states_are_counted_at_the_clock_she_reads_them() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let other = customer(&mut desk, "Lê Văn Nam");
    let made = "2026-01-02T08:00:00.000Z";
    followup(
        &mut desk,
        &lan,
        Some(CALL),
        FollowUpStatus::Unfulfilled,
        Some("2026-03-10T09:00"),
        made,
    );
    followup(
        &mut desk,
        &lan,
        Some(CALL),
        FollowUpStatus::Unfulfilled,
        Some("2026-03-10T08:59"),
        made,
    );
    followup(
        &mut desk,
        &lan,
        Some(EMAIL),
        FollowUpStatus::Processing,
        Some("2026-02-01T10:00"),
        made,
    );
    followup(
        &mut desk,
        &lan,
        Some(EMAIL),
        FollowUpStatus::Processing,
        None,
        made,
    );
    followup(
        &mut desk,
        &lan,
        Some(ZALO),
        FollowUpStatus::Finish,
        Some("2026-01-05T10:00"),
        made,
    );
    followup(
        &mut desk,
        &other,
        Some(CALL),
        FollowUpStatus::Finish,
        None,
        made,
    );

    let charts = desk
        .followup_charts(&lan, 12, at("2026-03-10T09:00"))
        .unwrap();
    assert_eq!(
        states(&charts),
        vec![
            (FollowUpState::Unfulfilled, 1),
            (FollowUpState::Processing, 1),
            (FollowUpState::Finish, 1),
            (FollowUpState::OutOfDate, 2),
        ],
        "due at 09:00 is not late at 09:00; due at 08:59 is; a finished one is never late"
    );

    let later = desk
        .followup_charts(&lan, 12, at("2026-03-10T09:01"))
        .unwrap();
    assert_eq!(
        later.by_state[3].count, 3,
        "a minute later the 9:00 call is late too"
    );
}

#[test]
fn care_lines_count_each_method_by_the_month_it_is_due() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let made = "2026-01-02T08:00:00.000Z";
    followup(
        &mut desk,
        &lan,
        Some(CALL),
        FollowUpStatus::Finish,
        Some("2026-01-31T23:59"),
        made,
    );
    followup(
        &mut desk,
        &lan,
        Some(CALL),
        FollowUpStatus::Finish,
        Some("2026-02-01T00:00"),
        made,
    );
    followup(
        &mut desk,
        &lan,
        Some(CALL),
        FollowUpStatus::Unfulfilled,
        Some("2026-02-20T15:30"),
        made,
    );
    followup(
        &mut desk,
        &lan,
        Some(ZALO),
        FollowUpStatus::Processing,
        Some("2026-03-01T09:00"),
        made,
    );
    // No due time: it counts in the month it was written down.
    followup(
        &mut desk,
        &lan,
        Some(EMAIL),
        FollowUpStatus::Unfulfilled,
        None,
        "2025-12-15T03:00:00.000Z",
    );
    // No method: in the state chart only.
    followup(
        &mut desk,
        &lan,
        None,
        FollowUpStatus::Unfulfilled,
        Some("2026-02-02T10:00"),
        made,
    );

    let charts = desk
        .followup_charts(&lan, 6, at("2026-03-10T09:00"))
        .unwrap();
    assert_eq!(
        charts.months,
        vec!["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    );
    assert_eq!(
        line(&charts, CALL),
        &[0, 0, 0, 1, 2, 0],
        "Jan 31 23:59 is January, Feb 1 00:00 is February"
    );
    assert_eq!(line(&charts, ZALO), &[0, 0, 0, 0, 0, 1]);
    assert_eq!(line(&charts, EMAIL), &[0, 0, 1, 0, 0, 0]);
    let total: u32 = charts.by_state.iter().map(|s| s.count).sum();
    assert_eq!(total, 6, "every follow-up shows in the state chart");
}

#[test]
fn six_months_leave_out_older_follow_ups_that_a_year_shows() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let made = "2025-01-02T08:00:00.000Z";
    followup(
        &mut desk,
        &lan,
        Some(CALL),
        FollowUpStatus::Finish,
        Some("2025-09-30T17:00"),
        made,
    );
    followup(
        &mut desk,
        &lan,
        Some(CALL),
        FollowUpStatus::Finish,
        Some("2025-10-01T08:00"),
        made,
    );
    followup(
        &mut desk,
        &lan,
        Some(CALL),
        FollowUpStatus::Finish,
        Some("2024-03-31T08:00"),
        made,
    );

    let now = at("2026-03-10T09:00");
    let half = desk.followup_charts(&lan, 6, now).unwrap();
    assert_eq!(line(&half, CALL).iter().sum::<u32>(), 1);
    assert_eq!(
        line(&half, CALL)[0],
        1,
        "October 2025 is the oldest of six months"
    );
    let year = desk.followup_charts(&lan, 12, now).unwrap();
    assert_eq!(line(&year, CALL).iter().sum::<u32>(), 2);
    let two_years = desk.followup_charts(&lan, 24, now).unwrap();
    assert_eq!(two_years.months.first().unwrap(), "2024-04");
    assert_eq!(
        line(&two_years, CALL).iter().sum::<u32>(),
        2,
        "March 2024 is 25 months back"
    );
}

#[test]
fn a_removed_follow_up_leaves_both_charts() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let made = "2026-01-02T08:00:00.000Z";
    let id = followup(
        &mut desk,
        &lan,
        Some(ZALO),
        FollowUpStatus::Processing,
        Some("2026-03-12T10:00"),
        made,
    );
    let now = at("2026-03-10T09:00");
    let before = desk.followup_charts(&lan, 12, now).unwrap();
    assert_eq!(before.by_state[1].count, 1);
    assert_eq!(line(&before, ZALO)[11], 1);

    desk.remove_followup(&id).unwrap();
    let after = desk.followup_charts(&lan, 12, now).unwrap();
    assert!(after.by_state.iter().all(|s| s.count == 0));
    assert!(line(&after, ZALO).iter().all(|&n| n == 0));

    desk.restore_followup(&id, now).unwrap();
    assert_eq!(
        desk.followup_charts(&lan, 12, now).unwrap(),
        before,
        "undo brings it back"
    );
}

#[test]
fn a_range_out_of_bounds_or_an_unknown_customer_is_refused() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let now = at("2026-03-10T09:00");
    let err = desk.followup_charts(&lan, 0, now).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidChoice);
    let nobody = CustomerId::new();
    let err = desk.followup_charts(&nobody, 12, now).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}
