#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use common::{desk, person};
use tripdesk::chrono::{NaiveDate, NaiveDateTime};
use tripdesk::followups::{
    FollowUp, FollowUpFilter, FollowUpInput, FollowUpPage, FollowUpState, FollowUpStatus,
};
use tripdesk::lists::ListKind;
use tripdesk::staff::StaffInput;
use tripdesk::{CareMethodId, CustomerId, Desk, Error, ErrorKind};

const CALL: &str = "0190a000-0000-7000-8000-000000000101";
const EMAIL: &str = "0190a000-0000-7000-8000-000000000102";
const ZALO: &str = "0190a000-0000-7000-8000-000000000105";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Her clock in these tests: the morning of 2 December 2026.
fn now() -> NaiveDateTime {
    at("2026-12-02T10:00")
}

fn customer(desk: &mut Desk, name: &str) -> CustomerId {
    desk.add_customer(person(name, "", "")).unwrap().id
}

fn step(subject: &str, method: &str, due_at: &str, status: FollowUpStatus) -> FollowUpInput {
    FollowUpInput {
        method_id: Some(CareMethodId(method.into())),
        subject: subject.into(),
        due_at: due_at.into(),
        status,
        ..Default::default()
    }
}

fn list(desk: &Desk, c: &CustomerId, filter: FollowUpFilter) -> FollowUpPage {
    desk.followups(c, &filter, 0, 100, now()).unwrap()
}

fn subjects(page: &FollowUpPage) -> Vec<&str> {
    page.items.iter().map(|f| f.subject.as_str()).collect()
}

fn refused(e: Error) -> (String, ErrorKind) {
    match e {
        Error::Invalid { field, kind, .. } => (field, kind),
        other => panic!("expected a field error, got {other}"),
    }
}

#[test]
fn a_follow_up_is_out_of_date_once_its_due_time_has_passed_unless_finished() {
    let (mut desk, _dir) = desk();
    let c = customer(&mut desk, "Nguyễn Thị Hồng");
    let open = step(
        "Gọi tư vấn",
        CALL,
        "2026-12-02T09:00",
        FollowUpStatus::Unfulfilled,
    );
    let open = desk.add_followup(&c, open, now()).unwrap();
    let state =
        |desk: &Desk, f: &FollowUp, clock: &str| desk.followup(&f.id, at(clock)).unwrap().state;

    assert_eq!(
        state(&desk, &open, "2026-12-02T08:59"),
        FollowUpState::Unfulfilled
    );
    assert_eq!(
        state(&desk, &open, "2026-12-02T09:01"),
        FollowUpState::OutOfDate
    );

    let done = step(
        "Gửi báo giá",
        EMAIL,
        "2026-12-01T09:00",
        FollowUpStatus::Finish,
    );
    let done = desk.add_followup(&c, done, now()).unwrap();
    assert_eq!(
        state(&desk, &done, "2026-12-31T09:00"),
        FollowUpState::Finish
    );

    let undated = step("Hỏi thăm", ZALO, "", FollowUpStatus::Processing);
    let undated = desk.add_followup(&c, undated, now()).unwrap();
    assert_eq!(undated.due_at, None);
    assert_eq!(
        state(&desk, &undated, "2099-01-01T00:00"),
        FollowUpState::Processing
    );
}

#[test]
fn a_due_date_without_a_time_is_due_at_the_end_of_that_day() {
    let (mut desk, _dir) = desk();
    let c = customer(&mut desk, "Trần Văn An");
    let f = step(
        "Gửi lịch trình",
        ZALO,
        "02/12/2026",
        FollowUpStatus::Unfulfilled,
    );
    let f = desk.add_followup(&c, f, now()).unwrap();
    assert_eq!(f.due_at.as_deref(), Some("2026-12-02T23:59"));
    assert_eq!(f.state, FollowUpState::Unfulfilled);
}

#[test]
fn finishing_in_one_click_sets_the_done_day_and_is_in_the_history() {
    let (mut desk, _dir) = desk();
    let c = customer(&mut desk, "Lê Minh Tuấn");
    let f = step(
        "Gọi xác nhận lịch",
        CALL,
        "2026-12-01T15:00",
        FollowUpStatus::Unfulfilled,
    );
    let f = desk.add_followup(&c, f, now()).unwrap();
    assert_eq!(f.state, FollowUpState::OutOfDate);

    let done = desk
        .set_followup_status(&f.id, FollowUpStatus::Finish, now())
        .unwrap();
    assert_eq!(done.status, FollowUpStatus::Finish);
    assert_eq!(done.state, FollowUpState::Finish);
    assert_eq!(done.done_on.as_deref(), Some("2026-12-02"));

    let history = desk.customer_history(&c).unwrap();
    let change = history
        .iter()
        .find(|e| e.entity == "followup" && e.action == "set_followup_status")
        .expect("the status change is in her history");
    assert_eq!(change.op, "update");
    let status = change.changes.iter().find(|c| c.field == "status").unwrap();
    assert_eq!(
        (status.old.as_str(), status.new.as_str()),
        (Some("unfulfilled"), Some("finish"))
    );
    assert!(history
        .iter()
        .any(|e| e.entity == "followup" && e.op == "insert"));

    // Reopening forgets the day it was done.
    let reopened = desk
        .set_followup_status(&f.id, FollowUpStatus::Processing, now())
        .unwrap();
    assert_eq!(reopened.done_on, None);
    assert_eq!(reopened.state, FollowUpState::OutOfDate);
}

/// The follow-up as it was, as the tab's Undo sends it back.
fn as_it_was(f: &FollowUp) -> FollowUpInput {
    FollowUpInput {
        method_id: f.method_id.clone(),
        subject: f.subject.clone(),
        content: f.content.clone(),
        due_at: f.due_at.clone().unwrap_or_default(),
        done_on: f.done_on.clone().unwrap_or_default(),
        result: f.result.clone(),
        status: f.status,
        staff_id: f.staff_id.clone(),
    }
}

#[test]
fn undoing_a_reopen_brings_back_the_day_it_was_done_not_today() {
    let (mut desk, _dir) = desk();
    let c = customer(&mut desk, "Đỗ Quang Huy");
    let f = step(
        "Gửi báo giá",
        EMAIL,
        "2026-11-24T09:00",
        FollowUpStatus::Unfulfilled,
    );
    let f = desk.add_followup(&c, f, at("2026-11-20T08:00")).unwrap();
    let done = desk
        .set_followup_status(&f.id, FollowUpStatus::Finish, at("2026-11-25T16:00"))
        .unwrap();
    assert_eq!(done.done_on.as_deref(), Some("2026-11-25"));

    let reopened = desk
        .set_followup_status(&f.id, FollowUpStatus::Processing, now())
        .unwrap();
    assert_eq!(reopened.done_on, None);
    let undone = desk
        .update_followup(&f.id, as_it_was(&done), now())
        .unwrap();
    assert_eq!(undone.status, FollowUpStatus::Finish);
    assert_eq!(undone.done_on.as_deref(), Some("2026-11-25"));
    assert_eq!(
        (undone.subject.as_str(), undone.due_at.as_deref()),
        ("Gửi báo giá", Some("2026-11-24T09:00"))
    );

    // Undoing a finish brings back the status it had, with no done day.
    let processing = desk
        .update_followup(&f.id, as_it_was(&reopened), now())
        .unwrap();
    let finished = desk
        .set_followup_status(&f.id, FollowUpStatus::Finish, now())
        .unwrap();
    assert_eq!(finished.done_on.as_deref(), Some("2026-12-02"));
    let undone = desk
        .update_followup(&f.id, as_it_was(&processing), now())
        .unwrap();
    assert_eq!(undone.status, FollowUpStatus::Processing);
    assert_eq!(undone.done_on, None);
    assert_eq!(undone.state, FollowUpState::OutOfDate);
}

#[test]
fn a_follow_up_keeps_naming_its_method_after_the_method_is_removed_from_settings() {
    let (mut desk, _dir) = desk();
    let c = customer(&mut desk, "Vũ Thị Mai");
    let fair = desk
        .add_list_entry(ListKind::CareMethods, "Hội chợ du lịch")
        .unwrap();
    let at_fair = step(
        "Gặp ở hội chợ",
        &fair.id,
        "2026-11-28T10:00",
        FollowUpStatus::Finish,
    );
    let at_fair = desk.add_followup(&c, at_fair, now()).unwrap();
    desk.add_followup(
        &c,
        step(
            "Gọi hỏi thăm",
            CALL,
            "2026-12-05T09:00",
            FollowUpStatus::Unfulfilled,
        ),
        now(),
    )
    .unwrap();
    desk.remove_list_entry(ListKind::CareMethods, &fair.id)
        .unwrap();

    let page = list(&desk, &c, FollowUpFilter::default());
    let methods: Vec<(&str, &str)> = page
        .items
        .iter()
        .map(|f| {
            let m = f.method.as_ref().expect("each names its method");
            (m.key.as_str(), m.name.as_str())
        })
        .collect();
    assert_eq!(methods, [("call", ""), ("", "Hội chợ du lịch")]);

    // Edited, it keeps the removed method, still named.
    let edited = FollowUpInput {
        result: "Khách lấy tờ rơi tour Đà Lạt.".into(),
        ..as_it_was(&at_fair)
    };
    let edited = desk.update_followup(&at_fair.id, edited, now()).unwrap();
    assert_eq!(
        edited.method.map(|m| m.name),
        Some("Hội chợ du lịch".to_owned())
    );
    let due = desk.due_followups(day("2026-12-31"), now()).unwrap();
    assert_eq!(
        due[0].followup.method.as_ref().map(|m| m.key.as_str()),
        Some("call")
    );
}

#[test]
fn saving_as_finished_without_a_done_day_takes_today_and_keeps_a_given_one() {
    let (mut desk, _dir) = desk();
    let c = customer(&mut desk, "Phạm Thu Trang");
    let f = step("Hẹn gặp", CALL, "2026-11-20T09:00", FollowUpStatus::Finish);
    let f = desk.add_followup(&c, f, now()).unwrap();
    assert_eq!(f.done_on.as_deref(), Some("2026-12-02"));

    let edited = FollowUpInput {
        done_on: "21/11/2026".into(),
        result: "Khách đặt cọc 30%.".into(),
        ..step(
            "Hẹn gặp tại văn phòng",
            CALL,
            "2026-11-20T09:00",
            FollowUpStatus::Finish,
        )
    };
    let edited = desk.update_followup(&f.id, edited, now()).unwrap();
    assert_eq!(edited.done_on.as_deref(), Some("2026-11-21"));
    assert_eq!(edited.subject, "Hẹn gặp tại văn phòng");
    assert_eq!(edited.result, "Khách đặt cọc 30%.");
}

#[test]
fn wrong_input_is_refused_naming_the_field() {
    let (mut desk, _dir) = desk();
    let c = customer(&mut desk, "Võ Thanh Hà");
    let ok = || {
        step(
            "Gọi tư vấn",
            CALL,
            "2026-12-05T09:00",
            FollowUpStatus::Unfulfilled,
        )
    };
    let mut add = |input: FollowUpInput| refused(desk.add_followup(&c, input, now()).unwrap_err());

    assert_eq!(
        add(FollowUpInput {
            subject: "  ".into(),
            ..ok()
        }),
        ("subject".into(), ErrorKind::Required)
    );
    assert_eq!(
        add(FollowUpInput {
            subject: "a".repeat(201),
            ..ok()
        }),
        ("subject".into(), ErrorKind::TooLong)
    );
    assert_eq!(
        add(FollowUpInput {
            content: "a".repeat(10_001),
            ..ok()
        }),
        ("content".into(), ErrorKind::TooLong)
    );
    assert_eq!(
        add(FollowUpInput {
            due_at: "2026-02-30T09:00".into(),
            ..ok()
        }),
        ("due_at".into(), ErrorKind::InvalidDate)
    );
    assert_eq!(
        add(FollowUpInput {
            due_at: "2026-12-05T25:00".into(),
            ..ok()
        }),
        ("due_at".into(), ErrorKind::InvalidDate)
    );
    assert_eq!(
        add(FollowUpInput {
            done_on: "31/04/2026".into(),
            status: FollowUpStatus::Finish,
            ..ok()
        }),
        ("done_on".into(), ErrorKind::InvalidDate)
    );
    assert_eq!(
        add(FollowUpInput {
            done_on: "03/12/2026".into(),
            status: FollowUpStatus::Finish,
            ..ok()
        }),
        ("done_on".into(), ErrorKind::DateInFuture)
    );
    assert_eq!(
        add(FollowUpInput {
            method_id: Some(CareMethodId("no-such-method".into())),
            ..ok()
        }),
        ("method_id".into(), ErrorKind::InvalidChoice)
    );
    assert_eq!(
        add(FollowUpInput {
            staff_id: Some(tripdesk::StaffId::new()),
            ..ok()
        }),
        ("staff_id".into(), ErrorKind::UnknownStaff)
    );
    let stranger = tripdesk::CustomerId::new();
    assert!(matches!(
        desk.add_followup(&stranger, ok(), now()),
        Err(Error::NotFound(_))
    ));
    let c_page = desk
        .followups(&c, &FollowUpFilter::default(), 0, 10, now())
        .unwrap();
    assert_eq!(c_page.total, 0, "nothing refused was saved");
}

#[test]
fn a_follow_up_names_the_staff_member_who_does_it() {
    let (mut desk, _dir) = desk();
    let c = customer(&mut desk, "Đặng Văn Long");
    let staff = desk
        .add_staff(StaffInput {
            name: "Nguyễn Hải Yến".into(),
            email: String::new(),
        })
        .unwrap();
    let input = FollowUpInput {
        staff_id: Some(staff.id.clone()),
        ..step("Gọi tư vấn", CALL, "", FollowUpStatus::Unfulfilled)
    };
    let f = desk.add_followup(&c, input.clone(), now()).unwrap();
    assert_eq!(f.staff_id, Some(staff.id.clone()));
    // She left the agency: her follow-ups keep her name when edited.
    desk.remove_staff(&staff.id).unwrap();
    let edited = FollowUpInput {
        subject: "Gọi tư vấn lại".into(),
        ..input
    };
    assert_eq!(
        desk.update_followup(&f.id, edited, now()).unwrap().staff_id,
        Some(staff.id)
    );
}

/// Five follow-ups of one customer, for the filters.
fn five(desk: &mut Desk) -> CustomerId {
    let c = customer(desk, "Hoàng Ngọc Lan");
    let add = |desk: &mut Desk, input: FollowUpInput| desk.add_followup(&c, input, now()).unwrap();
    add(
        desk,
        step(
            "Gọi điện tư vấn tour Nhật Bản",
            CALL,
            "2026-11-10T09:00",
            FollowUpStatus::Finish,
        ),
    );
    add(
        desk,
        step(
            "Gửi báo giá qua email",
            EMAIL,
            "2026-11-20T14:00",
            FollowUpStatus::Unfulfilled,
        ),
    );
    add(
        desk,
        FollowUpInput {
            content: "Khách hỏi về GỌI ĐIỆN video với hướng dẫn viên".into(),
            ..step(
                "Nhắn lịch trình Đà Lạt",
                ZALO,
                "2026-11-30T23:30",
                FollowUpStatus::Processing,
            )
        },
    );
    add(
        desk,
        FollowUpInput {
            result: "Đã gọi điện, khách đồng ý".into(),
            ..step(
                "Xác nhận ngày bay",
                CALL,
                "2026-12-10T08:00",
                FollowUpStatus::Unfulfilled,
            )
        },
    );
    add(
        desk,
        step("Chúc mừng sinh nhật", ZALO, "", FollowUpStatus::Unfulfilled),
    );
    c
}

#[test]
fn the_keyword_ignores_case_and_diacritics_in_subject_content_and_result() {
    let (mut desk, _dir) = desk();
    let c = five(&mut desk);
    let found = list(
        &desk,
        &c,
        FollowUpFilter {
            keyword: Some("goi dien".into()),
            ..Default::default()
        },
    );
    assert_eq!(found.total, 3);
    assert_eq!(
        subjects(&found),
        [
            "Xác nhận ngày bay",
            "Nhắn lịch trình Đà Lạt",
            "Gọi điện tư vấn tour Nhật Bản"
        ]
    );
    let one = list(
        &desk,
        &c,
        FollowUpFilter {
            keyword: Some("  BÁO   gia ".into()),
            ..Default::default()
        },
    );
    assert_eq!(subjects(&one), ["Gửi báo giá qua email"]);
    let none = list(
        &desk,
        &c,
        FollowUpFilter {
            keyword: Some("visa".into()),
            ..Default::default()
        },
    );
    assert_eq!((none.total, none.items.len()), (0, 0));
}

#[test]
fn the_method_filter_shows_that_method_only() {
    let (mut desk, _dir) = desk();
    let c = five(&mut desk);
    let zalo = list(
        &desk,
        &c,
        FollowUpFilter {
            method_id: Some(CareMethodId(ZALO.into())),
            ..Default::default()
        },
    );
    assert_eq!(zalo.total, 2);
    assert_eq!(
        subjects(&zalo),
        ["Nhắn lịch trình Đà Lạt", "Chúc mừng sinh nhật"]
    );
}

#[test]
fn the_date_range_includes_both_of_its_days_and_dates_undated_ones_by_the_day_written() {
    let (mut desk, _dir) = desk();
    let c = five(&mut desk);
    let range = |from: &str, to: &str| FollowUpFilter {
        from: (!from.is_empty()).then(|| from.into()),
        to: (!to.is_empty()).then(|| to.into()),
        ..Default::default()
    };
    let nov = list(&desk, &c, range("2026-11-20", "2026-11-30"));
    assert_eq!(
        subjects(&nov),
        ["Nhắn lịch trình Đà Lạt", "Gửi báo giá qua email"]
    );
    assert_eq!(nov.total, 2);
    assert_eq!(list(&desk, &c, range("", "2026-11-10")).total, 1);
    // The undated one counts on the day it was written, as the Overview's chart counts it.
    let birthday = FollowUpFilter {
        keyword: Some("sinh nhat".into()),
        ..Default::default()
    };
    let undated = list(&desk, &c, birthday).items.remove(0);
    let written = &undated.created_at[..10];
    assert_eq!(
        subjects(&list(&desk, &c, range(written, written))),
        ["Chúc mừng sinh nhật"]
    );
    let dec10 = list(&desk, &c, range("2026-12-10", "2026-12-10"));
    assert_eq!(dec10.total, if written == "2026-12-10" { 2 } else { 1 });
    let wrong = desk
        .followups(&c, &range("2026-13-01", ""), 0, 10, now())
        .unwrap_err();
    assert_eq!(refused(wrong), ("from".into(), ErrorKind::InvalidDate));
}

#[test]
fn the_state_filter_finds_out_of_date_follow_ups_at_her_clock() {
    let (mut desk, _dir) = desk();
    let c = five(&mut desk);
    let late = list(
        &desk,
        &c,
        FollowUpFilter {
            state: Some(FollowUpState::OutOfDate),
            ..Default::default()
        },
    );
    assert_eq!(
        subjects(&late),
        ["Nhắn lịch trình Đà Lạt", "Gửi báo giá qua email"]
    );
    let unfulfilled = list(
        &desk,
        &c,
        FollowUpFilter {
            state: Some(FollowUpState::Unfulfilled),
            ..Default::default()
        },
    );
    assert_eq!(
        subjects(&unfulfilled),
        ["Xác nhận ngày bay", "Chúc mừng sinh nhật"]
    );
    let finished = list(
        &desk,
        &c,
        FollowUpFilter {
            state: Some(FollowUpState::Finish),
            ..Default::default()
        },
    );
    assert_eq!(finished.total, 1);
}

#[test]
fn filters_combine() {
    let (mut desk, _dir) = desk();
    let c = five(&mut desk);
    let filter = FollowUpFilter {
        keyword: Some("goi dien".into()),
        method_id: Some(CareMethodId(CALL.into())),
        from: Some("2026-11-01".into()),
        to: Some("2026-11-30".into()),
        state: None,
    };
    let page = list(&desk, &c, filter.clone());
    assert_eq!(
        (subjects(&page), page.total),
        (vec!["Gọi điện tư vấn tour Nhật Bản"], 1)
    );
    let late = FollowUpFilter {
        state: Some(FollowUpState::OutOfDate),
        ..filter
    };
    assert_eq!(list(&desk, &c, late).total, 0);
}

#[test]
fn the_list_is_newest_first_undated_last_in_pages_with_the_total() {
    let (mut desk, _dir) = desk();
    let c = customer(&mut desk, "Bùi Thị Mai");
    for i in 0..23 {
        let due = if i % 5 == 0 {
            String::new()
        } else {
            format!("2026-11-{:02}T09:00", i + 1)
        };
        desk.add_followup(
            &c,
            step(
                &format!("Bước {i}"),
                CALL,
                &due,
                FollowUpStatus::Unfulfilled,
            ),
            now(),
        )
        .unwrap();
    }
    let first = desk
        .followups(&c, &FollowUpFilter::default(), 0, 10, now())
        .unwrap();
    let second = desk
        .followups(&c, &FollowUpFilter::default(), 10, 10, now())
        .unwrap();
    let third = desk
        .followups(&c, &FollowUpFilter::default(), 20, 10, now())
        .unwrap();
    assert_eq!((first.total, second.total, third.total), (23, 23, 23));
    assert_eq!(
        (first.items.len(), second.items.len(), third.items.len()),
        (10, 10, 3)
    );
    let all: Vec<&FollowUp> = first
        .items
        .iter()
        .chain(&second.items)
        .chain(&third.items)
        .collect();
    assert_eq!(all[0].subject, "Bước 22");
    assert_eq!(all[1].subject, "Bước 21");
    // The undated ones come last, the one added last first.
    let tail: Vec<&str> = all[18..].iter().map(|f| f.subject.as_str()).collect();
    assert_eq!(tail, ["Bước 20", "Bước 15", "Bước 10", "Bước 5", "Bước 0"]);
    let dated: Vec<&str> = all[..18]
        .iter()
        .filter_map(|f| f.due_at.as_deref())
        .collect();
    assert!(dated.windows(2).all(|w| w[0] > w[1]), "{dated:?}");
    // A keyword search pages the same way.
    let kw = FollowUpFilter {
        keyword: Some("buoc".into()),
        ..Default::default()
    };
    let page = desk.followups(&c, &kw, 20, 10, now()).unwrap();
    assert_eq!(
        (page.total, subjects(&page)),
        (23, vec!["Bước 10", "Bước 5", "Bước 0"])
    );
}

#[test]
fn a_removed_follow_up_leaves_the_list_and_undo_brings_it_back() {
    let (mut desk, _dir) = desk();
    let c = five(&mut desk);
    let page = list(&desk, &c, FollowUpFilter::default());
    let gone = page.items[0].clone();
    desk.remove_followup(&gone.id).unwrap();
    let after = list(&desk, &c, FollowUpFilter::default());
    assert_eq!(after.total, 4);
    assert!(!after.items.iter().any(|f| f.id == gone.id));
    assert!(matches!(
        desk.remove_followup(&gone.id),
        Err(Error::NotFound(_))
    ));

    let back = desk.restore_followup(&gone.id, now()).unwrap();
    assert_eq!(back.subject, gone.subject);
    assert_eq!(list(&desk, &c, FollowUpFilter::default()).total, 5);
    let ops: Vec<String> = desk
        .customer_history(&c)
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == "followup")
        .map(|e| e.op)
        .take(2)
        .collect();
    assert_eq!(ops, ["restore", "archive"]);
}

#[test]
fn due_follow_ups_span_customers_oldest_first_without_finished_or_archived_ones() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let an = customer(&mut desk, "Trần Văn An");
    let gone = customer(&mut desk, "Lý Thị Diệp");
    let add = |desk: &mut Desk, c: &CustomerId, subject: &str, due: &str, status| {
        desk.add_followup(c, step(subject, CALL, due, status), now())
            .unwrap()
    };
    add(
        &mut desk,
        &hong,
        "Hôm nay chiều",
        "2026-12-02T16:00",
        FollowUpStatus::Unfulfilled,
    );
    add(
        &mut desk,
        &an,
        "Tuần trước",
        "2026-11-25T09:00",
        FollowUpStatus::Processing,
    );
    add(
        &mut desk,
        &an,
        "Đã xong",
        "2026-11-26T09:00",
        FollowUpStatus::Finish,
    );
    add(
        &mut desk,
        &hong,
        "Ngày mai",
        "2026-12-03T09:00",
        FollowUpStatus::Unfulfilled,
    );
    add(
        &mut desk,
        &hong,
        "Không hạn",
        "",
        FollowUpStatus::Unfulfilled,
    );
    add(
        &mut desk,
        &gone,
        "Khách đã lưu trữ",
        "2026-11-01T09:00",
        FollowUpStatus::Unfulfilled,
    );
    desk.archive_customer(&gone).unwrap();

    let due = desk.due_followups(day("2026-12-02"), now()).unwrap();
    let seen: Vec<(&str, &str, FollowUpState)> = due
        .iter()
        .map(|d| {
            (
                d.customer.full_name.as_str(),
                d.followup.subject.as_str(),
                d.followup.state,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Trần Văn An", "Tuần trước", FollowUpState::OutOfDate),
            (
                "Nguyễn Thị Hồng",
                "Hôm nay chiều",
                FollowUpState::Unfulfilled
            ),
        ]
    );
    assert!(!due[0].customer.code.is_empty());
}

#[test]
fn a_keyword_finds_the_one_matching_follow_up_among_two_thousand() {
    let (mut desk, _dir) = desk();
    let c = customer(&mut desk, "Dương Minh Khoa");
    let content = "Giới thiệu tour Tokyo - Phú Sĩ - Osaka 6 ngày 5 đêm mùa hoa anh đào, \
                   khách hỏi thêm về visa, khách sạn 4 sao gần ga và bữa sáng.";
    desk.add_followup(
        &c,
        step(
            "Gọi điện lần 0",
            CALL,
            "2026-01-01T09:00",
            FollowUpStatus::Finish,
        ),
        now(),
    )
    .unwrap();
    // The other 1,999 written at once, as an import would: the search is what is measured.
    desk.conn()
        .execute(
            "INSERT INTO followups (id, customer_id, method_id, subject, content, due_at, result,
                status, created_at, updated_at)
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
             SELECT 'f' || i, ?1, ?2, 'Gọi điện lần ' || i, ?3,
                printf('2026-%02d-%02dT09:00', i % 12 + 1, i % 28 + 1), ?4, 'finish',
                '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
             FROM n",
            [
                c.as_str(),
                CALL,
                content,
                "Khách quan tâm, hẹn bàn thêm với gia đình.",
            ],
        )
        .unwrap();
    let filter = FollowUpFilter {
        keyword: Some("lan 1999".into()),
        ..Default::default()
    };
    let page = desk.followups(&c, &filter, 0, 50, now()).unwrap();
    assert_eq!(subjects(&page), ["Gọi điện lần 1999"]);
    assert_eq!(page.total, 1);
}

#[test]
fn the_demo_gives_most_customers_follow_ups_consistent_with_their_dates() {
    let (mut desk, _dir) = desk();
    desk.load_demo(40, day("2026-12-02")).unwrap();
    let conn = desk.conn();
    let with: u32 = conn
        .query_row(
            "SELECT count(DISTINCT customer_id) FROM followups",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(with >= 24, "{with} of 40 customers have follow-ups");
    let inconsistent: u32 = conn
        .query_row(
            "SELECT count(*) FROM followups WHERE (status = 'finish') <> (done_on IS NOT NULL)
                OR (status <> 'finish' AND due_at > '2026-12-02T12:00' AND status = 'finish')
                OR (status = 'finish' AND due_at > '2026-12-02T12:00')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(inconsistent, 0);
    let due = desk
        .due_followups(day("2026-12-02"), at("2026-12-02T12:00"))
        .unwrap();
    assert!(due
        .iter()
        .any(|d| d.followup.state == FollowUpState::OutOfDate));
}
