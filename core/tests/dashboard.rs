#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use tripdesk::chrono::{NaiveDate, NaiveDateTime};
use tripdesk::customers::NewCustomer;
use tripdesk::dashboard::Dashboard;
use tripdesk::tasks::{TaskInput, TaskPriority, TaskStatus};
use tripdesk::{CustomerId, Desk};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(9, 30, 0).unwrap()
}

fn board(desk: &Desk, today: NaiveDate) -> Dashboard {
    desk.dashboard(today, at(today)).unwrap()
}

fn born(desk: &mut Desk, name: &str, birth_date: &str) -> CustomerId {
    desk.add_customer(NewCustomer {
        full_name: name.into(),
        birth_date: birth_date.into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn passport(desk: &mut Desk, name: &str, expiry: &str) -> CustomerId {
    desk.add_customer(NewCustomer {
        full_name: name.into(),
        passport_no: "C1234567".into(),
        passport_expiry: expiry.into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn task(
    desk: &mut Desk,
    who: &CustomerId,
    name: &str,
    start: &str,
    finish: &str,
) -> tripdesk::TaskId {
    desk.add_task(
        who,
        TaskInput {
            name: name.into(),
            starts_on: start.into(),
            finishes_on: finish.into(),
            ..Default::default()
        },
        day(2026, 11, 23),
    )
    .unwrap()
    .id
}

fn birthday_names(b: &Dashboard) -> Vec<(String, NaiveDate, i32)> {
    b.birthdays
        .iter()
        .map(|b| (b.customer.full_name.clone(), b.on, b.age))
        .collect()
}

#[test]
fn birthdays_of_the_next_two_weeks_run_across_the_years_end() {
    let (mut desk, _dir) = common::desk();
    born(&mut desk, "Nguyễn Thị Hồng", "02/01/1990");
    born(&mut desk, "Trần Văn An", "24/12/1985");
    born(&mut desk, "Lê Thu", "23/12/1970");
    born(&mut desk, "Phạm Minh", "06/01/1990");
    let archived = born(&mut desk, "Đặng Thu Thảo", "30/12/1992");
    desk.archive_customer(&archived).unwrap();
    let b = board(&desk, day(2026, 12, 24));
    assert_eq!(
        birthday_names(&b),
        [
            ("Trần Văn An".to_owned(), day(2026, 12, 24), 41),
            ("Nguyễn Thị Hồng".to_owned(), day(2027, 1, 2), 37),
            ("Phạm Minh".to_owned(), day(2027, 1, 6), 37),
        ]
    );
    assert_eq!(b.birthdays[0].in_days, 0);
    assert_eq!(b.birthdays[2].in_days, 13);
    // The fourteenth day after is outside the two weeks.
    let b = board(&desk, day(2026, 12, 23));
    assert!(birthday_names(&b).iter().all(|(n, ..)| n != "Phạm Minh"));
}

#[test]
fn a_29_february_birthday_is_kept_on_the_28th_in_other_years() {
    let (mut desk, _dir) = common::desk();
    born(&mut desk, "Nguyễn Thị Hồng", "29/02/1996");
    let b = board(&desk, day(2027, 2, 20));
    assert_eq!(
        birthday_names(&b),
        [("Nguyễn Thị Hồng".to_owned(), day(2027, 2, 28), 31)]
    );
    let b = board(&desk, day(2028, 2, 20));
    assert_eq!(
        birthday_names(&b),
        [("Nguyễn Thị Hồng".to_owned(), day(2028, 2, 29), 32)]
    );
    // Once a year only: on 1 March it has passed.
    assert!(board(&desk, day(2027, 3, 1)).birthdays.is_empty());
}

#[test]
fn passports_up_to_six_months_ahead_and_recently_expired_are_listed() {
    let (mut desk, _dir) = common::desk();
    passport(&mut desk, "Ngày cuối", "23/05/2027");
    passport(&mut desk, "Quá sáu tháng", "24/05/2027");
    passport(&mut desk, "Hết hạn hôm qua", "22/11/2026");
    passport(&mut desk, "Hết hạn hôm nay", "23/11/2026");
    passport(&mut desk, "Hết hạn lâu rồi", "01/01/2024");
    let archived = passport(&mut desk, "Đã lưu trữ", "01/12/2026");
    desk.archive_customer(&archived).unwrap();
    let b = board(&desk, day(2026, 11, 23));
    let shown: Vec<(&str, bool)> = b
        .passports
        .iter()
        .map(|p| (p.customer.full_name.as_str(), p.expired))
        .collect();
    assert_eq!(
        shown,
        [
            ("Hết hạn hôm nay", false),
            ("Ngày cuối", false),
            ("Hết hạn hôm qua", true),
        ]
    );
    assert_eq!(b.passports[0].passport_no, "C1234567");
}

#[test]
fn many_expired_passports_never_crowd_out_the_ones_to_renew() {
    let (mut desk, _dir) = common::desk();
    for n in 0..105 {
        let expired = day(2026, 1, 1) + tripdesk::chrono::Duration::days(n);
        passport(
            &mut desk,
            &format!("Hết hạn {n}"),
            &expired.format("%d/%m/%Y").to_string(),
        );
    }
    passport(&mut desk, "Sắp hết hạn", "20/05/2027");
    let b = board(&desk, day(2026, 11, 23));
    assert_eq!(b.passports[0].customer.full_name, "Sắp hết hạn");
    assert!(!b.passports[0].expired);
    // The most recently expired come next.
    assert_eq!(b.passports[1].customer.full_name, "Hết hạn 104");
    assert_eq!(b.passports.len(), 101);
}

#[test]
fn open_tasks_due_today_or_earlier_are_listed_with_their_customer() {
    let (mut desk, _dir) = common::desk();
    let hong = desk
        .add_customer(common::person("Nguyễn Thị Hồng", "", ""))
        .unwrap();
    let overdue = task(
        &mut desk,
        &hong.id,
        "Nộp hồ sơ visa Nhật",
        "10/11/2026",
        "20/11/2026",
    );
    let today = task(
        &mut desk,
        &hong.id,
        "Xuất vé máy bay SGN-NRT",
        "",
        "23/11/2026",
    );
    task(
        &mut desk,
        &hong.id,
        "Gửi lịch trình chi tiết",
        "",
        "24/11/2026",
    );
    let done = task(&mut desk, &hong.id, "Thu cọc", "", "21/11/2026");
    desk.set_task_status(&done, TaskStatus::Done, None, day(2026, 11, 21))
        .unwrap();
    let urgent = desk
        .add_task(
            &hong.id,
            TaskInput {
                name: "Gọi lại cho khách".into(),
                finishes_on: "23/11/2026".into(),
                priority: TaskPriority::Urgent,
                ..Default::default()
            },
            day(2026, 11, 23),
        )
        .unwrap()
        .id;
    let b = board(&desk, day(2026, 11, 23));
    let due: Vec<_> = b.due_tasks.iter().map(|t| t.task.id.clone()).collect();
    // Today's first (the urgent one on top), then the overdue ones.
    assert_eq!(due, [urgent, today, overdue.clone()]);
    assert_eq!(b.due_tasks_total, 3);
    assert_eq!(b.due_tasks[0].customer.code, hong.code);
    assert_eq!(b.due_tasks[0].customer.full_name, "Nguyễn Thị Hồng");
    // Marked done, it leaves the list.
    desk.set_task_status(&overdue, TaskStatus::Done, None, day(2026, 11, 23))
        .unwrap();
    assert_eq!(board(&desk, day(2026, 11, 23)).due_tasks.len(), 2);
    // An archived customer's tasks wait with her.
    desk.archive_customer(&hong.id).unwrap();
    assert!(board(&desk, day(2026, 11, 23)).due_tasks.is_empty());
}

#[test]
fn todays_tasks_stay_on_the_list_however_many_are_overdue_and_the_total_is_true() {
    let (mut desk, _dir) = common::desk();
    let hong = desk
        .add_customer(common::person("Nguyễn Thị Hồng", "", ""))
        .unwrap()
        .id;
    for n in 0..120 {
        let finish = day(2026, 6, 1) + tripdesk::chrono::Duration::days(n);
        task(
            &mut desk,
            &hong,
            &format!("Quá hạn {n}"),
            "",
            &finish.format("%d/%m/%Y").to_string(),
        );
    }
    task(&mut desk, &hong, "Hôm nay", "", "23/11/2026");
    // An archived customer's are not counted.
    let nam = desk
        .add_customer(common::person("Trần Văn Nam", "", ""))
        .unwrap()
        .id;
    task(&mut desk, &nam, "Của khách đã lưu trữ", "", "20/11/2026");
    desk.archive_customer(&nam).unwrap();
    let b = board(&desk, day(2026, 11, 23));
    assert_eq!(b.due_tasks.len(), 100);
    assert_eq!(b.due_tasks_total, 121);
    assert_eq!(b.due_tasks[0].task.name, "Hôm nay");
    // Then the overdue ones, latest first.
    assert_eq!(b.due_tasks[1].task.name, "Quá hạn 119");
}

#[test]
fn the_calendar_marks_every_day_of_a_task_within_the_month() {
    let (mut desk, _dir) = common::desk();
    let hong = desk
        .add_customer(common::person("Nguyễn Thị Hồng", "", ""))
        .unwrap()
        .id;
    task(
        &mut desk,
        &hong,
        "Tour xuyên tháng",
        "29/10/2026",
        "02/11/2026",
    );
    task(&mut desk, &hong, "Chỉ hạn chót", "", "15/11/2026");
    task(&mut desk, &hong, "Chỉ ngày bắt đầu", "20/11/2026", "");
    task(&mut desk, &hong, "Tháng sau", "30/11/2026", "03/12/2026");
    let cancelled = task(&mut desk, &hong, "Đã huỷ", "", "10/11/2026");
    desk.set_task_status(
        &cancelled,
        tripdesk::tasks::TaskStatus::Cancelled,
        None,
        day(2026, 11, 23),
    )
    .unwrap();
    let b = board(&desk, day(2026, 11, 23));
    let days: Vec<u32> = b
        .task_days
        .iter()
        .map(tripdesk::chrono::Datelike::day)
        .collect();
    assert_eq!(days, [1, 2, 15, 20, 30]);
    let december: Vec<NaiveDate> = desk.task_days(day(2026, 12, 5)).unwrap();
    assert_eq!(
        december,
        [day(2026, 12, 1), day(2026, 12, 2), day(2026, 12, 3)]
    );
    let on_the_first: Vec<String> = desk
        .tasks_on(day(2026, 11, 1))
        .unwrap()
        .into_iter()
        .map(|t| t.task.name)
        .collect();
    assert_eq!(on_the_first, ["Tour xuyên tháng"]);
    assert!(desk.tasks_on(day(2026, 11, 10)).unwrap().is_empty());
}

#[test]
fn recently_viewed_customers_are_on_the_dashboard() {
    let (mut desk, _dir) = common::desk();
    let hong = desk
        .add_customer(common::person("Nguyễn Thị Hồng", "", ""))
        .unwrap()
        .id;
    assert!(board(&desk, day(2026, 11, 23)).recent.is_empty());
    desk.record_view(&hong).unwrap();
    let b = board(&desk, day(2026, 11, 23));
    assert_eq!(b.recent[0].full_name, "Nguyễn Thị Hồng");
    // Like every list of the dashboard, it leaves archived customers out.
    desk.archive_customer(&hong).unwrap();
    assert!(board(&desk, day(2026, 11, 23)).recent.is_empty());
}
