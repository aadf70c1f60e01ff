#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use common::{desk, names, person, search};
use tripdesk::customers::{CustomerChange, CustomerQuery, CustomerSort, NewCustomer};
use tripdesk::ErrorKind;

#[test]
fn quick_added_customers_get_the_next_code_and_start_as_leads() {
    let (mut desk, _dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "0903 123 456", "hong@example.vn"))
        .unwrap();
    let minh = desk.add_customer(person("Đặng Văn Minh", "", "")).unwrap();
    assert_eq!(hong.code, "KH00001");
    assert_eq!(minh.code, "KH00002");
    assert_eq!(hong.phones, vec!["+84903123456"]);
    let levels = desk.levels().unwrap();
    let lead = levels.iter().find(|l| l.key == "lead").unwrap();
    assert_eq!(hong.level_id.as_ref(), Some(&lead.id));
}

#[test]
fn a_code_she_types_is_kept_and_must_be_unique() {
    let (mut desk, _dir) = desk();
    let mut new = person("Trần Văn An", "", "");
    new.code = "VIP-001".into();
    assert_eq!(desk.add_customer(new.clone()).unwrap().code, "VIP-001");
    new.code = "vip-001".into();
    let err = desk.add_customer(new).unwrap_err().to_dto();
    assert_eq!(err.kind, ErrorKind::CodeTaken);
    assert_eq!(err.field.as_deref(), Some("code"));
    // Auto codes step over the codes she typed.
    let mut typed = person("Lê Thu", "", "");
    typed.code = "KH00001".into();
    desk.add_customer(typed).unwrap();
    assert_eq!(
        desk.add_customer(person("Phạm Hà", "", "")).unwrap().code,
        "KH00002"
    );
    assert_eq!(desk.customer_count().unwrap(), 3);
}

#[test]
fn bad_input_names_its_field_and_changes_nothing() {
    let (mut desk, _dir) = desk();
    let cases: Vec<(NewCustomer, &str, ErrorKind)> = vec![
        (person("", "", ""), "full_name", ErrorKind::Required),
        (person("An", "12345", ""), "phones", ErrorKind::InvalidPhone),
        (
            person("An", "", "an@localhost"),
            "emails",
            ErrorKind::InvalidEmail,
        ),
        (
            NewCustomer {
                birth_date: "31/02/1990".into(),
                ..person("An", "", "")
            },
            "birth_date",
            ErrorKind::InvalidDate,
        ),
        (
            NewCustomer {
                birth_date: "01/01/2199".into(),
                ..person("An", "", "")
            },
            "birth_date",
            ErrorKind::DateInFuture,
        ),
        (
            NewCustomer {
                facebook: "javascript:alert(1)".into(),
                ..person("An", "", "")
            },
            "facebook",
            ErrorKind::InvalidLink,
        ),
        (
            NewCustomer {
                country: "XX".into(),
                ..person("An", "", "")
            },
            "country",
            ErrorKind::InvalidChoice,
        ),
        (
            NewCustomer {
                code: "KH 1".into(),
                ..person("An", "", "")
            },
            "code",
            ErrorKind::InvalidFormat,
        ),
        (
            NewCustomer {
                full_name: "A".repeat(201),
                ..Default::default()
            },
            "full_name",
            ErrorKind::TooLong,
        ),
    ];
    for (new, field, kind) in cases {
        let err = desk.add_customer(new).unwrap_err().to_dto();
        assert_eq!(
            (err.field.as_deref(), err.kind),
            (Some(field), kind),
            "{}",
            err.message
        );
    }
    assert_eq!(desk.customer_count().unwrap(), 0);
    let history: i64 = desk
        .conn()
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(history, 0);
}

#[test]
fn a_script_in_a_description_is_stored_as_plain_text() {
    let (mut desk, _dir) = desk();
    let text = "<img src=x onerror=alert(1)> Thích đi biển";
    let c = desk
        .add_customer(NewCustomer {
            description: text.into(),
            ..person("Hồ Thị Lan", "", "")
        })
        .unwrap();
    assert_eq!(desk.customer(&c.id).unwrap().description, text);
}

#[test]
fn editing_one_field_records_only_that_field_with_old_and_new_values() {
    let (mut desk, _dir) = desk();
    let c = desk
        .add_customer(person("Nguyễn Thị Hồng", "0903123456", ""))
        .unwrap();
    let after = desk
        .update_customer(
            &c.id,
            vec![CustomerChange::Phones(vec!["0912 345 678".into()])],
        )
        .unwrap();
    assert_eq!(after.phones, vec!["+84912345678"]);
    let history = desk.customer_history(&c.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].op, "update");
    assert_eq!(history[0].changes.len(), 1);
    let change = &history[0].changes[0];
    assert_eq!(change.field, "phones");
    assert_eq!(change.old, serde_json::json!(["+84903123456"]));
    assert_eq!(change.new, serde_json::json!(["+84912345678"]));
    assert_eq!(history[1].op, "insert");
    // Saving the same value again is not a change.
    desk.update_customer(
        &c.id,
        vec![CustomerChange::Phones(vec!["0912345678".into()])],
    )
    .unwrap();
    assert_eq!(desk.customer_history(&c.id).unwrap().len(), 2);
}

#[test]
fn a_failed_edit_leaves_the_customer_as_she_was() {
    let (mut desk, _dir) = desk();
    let c = desk
        .add_customer(person("Vũ Hải Yến", "0903123456", ""))
        .unwrap();
    let err = desk
        .update_customer(
            &c.id,
            vec![
                CustomerChange::FullName("Vũ Yến".into()),
                CustomerChange::Emails(vec!["not an email".into()]),
            ],
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidEmail);
    assert_eq!(desk.customer(&c.id).unwrap().full_name, "Vũ Hải Yến");
    assert_eq!(desk.customer_history(&c.id).unwrap().len(), 1);
}

#[test]
fn a_lead_moves_on_to_potential_and_to_customer_and_each_step_is_recorded() {
    let (mut desk, _dir) = desk();
    let levels = desk.levels().unwrap();
    let id_of = |key: &str| levels.iter().find(|l| l.key == key).unwrap().id.clone();
    let c = desk.add_customer(person("Bùi Minh Khoa", "", "")).unwrap();
    assert_eq!(
        desk.customer_view(&c.id).unwrap().promote_to,
        Some(id_of("potential"))
    );
    assert_eq!(
        desk.promote_customer(&c.id).unwrap().level_id,
        Some(id_of("potential"))
    );
    assert_eq!(
        desk.promote_customer(&c.id).unwrap().level_id,
        Some(id_of("customer"))
    );
    assert_eq!(desk.customer_view(&c.id).unwrap().promote_to, None);
    assert_eq!(
        desk.promote_customer(&c.id).unwrap_err().kind(),
        ErrorKind::NotAllowed
    );
    let history = desk.customer_history(&c.id).unwrap();
    let steps: Vec<_> = history
        .iter()
        .filter(|h| h.action == "promote_customer")
        .map(|h| (h.changes[0].old.clone(), h.changes[0].new.clone()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (
                serde_json::json!(id_of("potential").0),
                serde_json::json!(id_of("customer").0)
            ),
            (
                serde_json::json!(id_of("lead").0),
                serde_json::json!(id_of("potential").0)
            ),
        ]
    );
}

#[test]
fn archived_customer_leaves_the_list_and_comes_back() {
    let (mut desk, _dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "", ""))
        .unwrap();
    desk.add_customer(person("Trần Văn An", "", "")).unwrap();
    desk.archive_customer(&hong.id).unwrap();
    assert_eq!(names(&desk, CustomerQuery::default()), vec!["Trần Văn An"]);
    assert_eq!(search(&desk, "hong"), Vec::<String>::new());
    let archived = CustomerQuery {
        archived: true,
        ..Default::default()
    };
    assert_eq!(names(&desk, archived.clone()), vec!["Nguyễn Thị Hồng"]);
    assert_eq!(
        names(
            &desk,
            CustomerQuery {
                text: "hong".into(),
                ..archived.clone()
            }
        ),
        vec!["Nguyễn Thị Hồng"]
    );
    desk.restore_customer(&hong.id).unwrap();
    assert_eq!(
        names(&desk, CustomerQuery::default()),
        vec!["Nguyễn Thị Hồng", "Trần Văn An"]
    );
    assert!(names(&desk, archived).is_empty());
    let ops: Vec<_> = desk
        .customer_history(&hong.id)
        .unwrap()
        .into_iter()
        .map(|h| h.op)
        .collect();
    assert_eq!(ops, vec!["restore", "archive", "insert"]);
}

#[test]
fn erasing_for_good_removes_her_personal_data_everywhere() {
    let (mut desk, dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "0903123456", "hong@example.vn"))
        .unwrap();
    desk.update_customer(
        &hong.id,
        vec![CustomerChange::PassportNo("C1234567".into())],
    )
    .unwrap();
    desk.record_view(&hong.id).unwrap();
    let preview = desk.erase_preview(&hong.id).unwrap();
    assert_eq!(
        (
            preview.code.as_str(),
            preview.full_name.as_str(),
            preview.history_entries
        ),
        ("KH00001", "Nguyễn Thị Hồng", 2)
    );
    desk.erase_customer(&hong.id).unwrap();
    assert_eq!(
        desk.customer(&hong.id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert!(search(&desk, "hong").is_empty());
    assert!(names(
        &desk,
        CustomerQuery {
            archived: true,
            ..Default::default()
        }
    )
    .is_empty());
    assert!(desk.recent_customers(10).unwrap().is_empty());
    drop(desk);
    // Nothing of hers is left in the file, history included.
    let conn = rusqlite::Connection::open(common::db_path(&dir)).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(conn);
    let bytes = std::fs::read(common::db_path(&dir)).unwrap();
    for secret in [
        "Nguyễn Thị Hồng",
        "hong@example.vn",
        "+84903123456",
        "0903123456",
        "C1234567",
        "c1234567",
    ] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret} is still in the file"
        );
    }
}

#[test]
fn search_ignores_case_and_vietnamese_diacritics() {
    let (mut desk, _dir) = desk();
    let mut hong = person("Nguyễn Thị Hồng", "0903 123 456", "hong.nguyen@example.vn");
    hong.passport_no = "C7654321".into();
    desk.add_customer(hong).unwrap();
    desk.add_customer(person("Đặng Văn Minh", "0912345678", ""))
        .unwrap();
    desk.add_customer(person("Trần Thị Hoa", "", "")).unwrap();
    assert_eq!(search(&desk, "nguyen thi hong"), vec!["Nguyễn Thị Hồng"]);
    assert_eq!(search(&desk, "NGUYEN"), vec!["Nguyễn Thị Hồng"]);
    assert_eq!(search(&desk, "dang"), vec!["Đặng Văn Minh"]);
    assert_eq!(search(&desk, "Đặng"), vec!["Đặng Văn Minh"]);
    assert_eq!(
        search(&desk, "thi"),
        vec!["Nguyễn Thị Hồng", "Trần Thị Hoa"]
    );
    assert_eq!(search(&desk, "ho"), vec!["Nguyễn Thị Hồng", "Trần Thị Hoa"]);
    assert_eq!(search(&desk, "kh00002"), vec!["Đặng Văn Minh"]);
    assert_eq!(search(&desk, "0903"), vec!["Nguyễn Thị Hồng"]);
    assert_eq!(search(&desk, "+84912"), vec!["Đặng Văn Minh"]);
    assert_eq!(search(&desk, "hong.nguyen@exa"), vec!["Nguyễn Thị Hồng"]);
    assert_eq!(search(&desk, "c76543"), vec!["Nguyễn Thị Hồng"]);
    assert!(search(&desk, "\" OR 1=1 --").is_empty());
    assert!(search(&desk, "***").is_empty());
}

#[test]
fn an_edit_is_found_by_its_new_value_and_not_by_the_old_one() {
    let (mut desk, _dir) = desk();
    let c = desk
        .add_customer(person("Lê Văn Tám", "0903123456", ""))
        .unwrap();
    desk.update_customer(&c.id, vec![CustomerChange::FullName("Lý Thị Chín".into())])
        .unwrap();
    assert!(search(&desk, "tam").is_empty());
    assert_eq!(search(&desk, "ly thi chin"), vec!["Lý Thị Chín"]);
}

#[test]
fn the_list_filters_combine_and_every_column_sorts() {
    let (mut desk, _dir) = desk();
    let levels = desk.levels().unwrap();
    let vip = levels.iter().find(|l| l.key == "vip").unwrap().id.clone();
    let trang = desk
        .add_staff(tripdesk::staff::StaffInput {
            name: "Phạm Thu Trang".into(),
            email: "".into(),
        })
        .unwrap();
    let mut a = person("Đặng Thu", "0903000001", "b@example.vn");
    a.country = "VN".into();
    a.level_id = Some(vip.clone());
    a.responsible_id = Some(trang.id.clone());
    a.last_contact_on = "01/03/2026".into();
    let mut b = person("Dương Hà", "0903000002", "a@example.vn");
    b.country = "FR".into();
    b.level_id = Some(vip.clone());
    b.last_contact_on = "2026-05-01".into();
    let mut c = person("Anh Tú", "", "");
    c.country = "VN".into();
    for new in [a, b, c] {
        desk.add_customer(new).unwrap();
    }
    let q = |f: fn(&mut CustomerQuery)| {
        let mut q = CustomerQuery::default();
        f(&mut q);
        q
    };
    assert_eq!(
        names(&desk, q(|_| {})),
        vec!["Anh Tú", "Dương Hà", "Đặng Thu"]
    );
    assert_eq!(
        names(&desk, q(|q| q.descending = true)),
        vec!["Đặng Thu", "Dương Hà", "Anh Tú"]
    );
    assert_eq!(
        names(&desk, q(|q| q.sort = CustomerSort::Code)),
        vec!["Đặng Thu", "Dương Hà", "Anh Tú"]
    );
    assert_eq!(
        names(&desk, q(|q| q.sort = CustomerSort::Email)),
        vec!["Dương Hà", "Đặng Thu", "Anh Tú"]
    );
    assert_eq!(
        names(
            &desk,
            q(|q| {
                q.sort = CustomerSort::LastContact;
                q.descending = true
            })
        ),
        vec!["Dương Hà", "Đặng Thu", "Anh Tú"]
    );
    assert_eq!(
        names(&desk, q(|q| q.sort = CustomerSort::Level)),
        vec!["Anh Tú", "Dương Hà", "Đặng Thu"]
    );
    assert_eq!(
        names(&desk, q(|q| q.sort = CustomerSort::Phone)),
        vec!["Đặng Thu", "Dương Hà", "Anh Tú"]
    );
    let with = |level: bool, staff: bool, country: Option<&str>| CustomerQuery {
        level_id: level.then(|| vip.clone()),
        responsible_id: staff.then(|| trang.id.clone()),
        country: country.map(Into::into),
        ..Default::default()
    };
    assert_eq!(
        names(&desk, with(true, false, None)),
        vec!["Dương Hà", "Đặng Thu"]
    );
    assert_eq!(
        names(&desk, with(true, false, Some("VN"))),
        vec!["Đặng Thu"]
    );
    assert_eq!(names(&desk, with(false, true, None)), vec!["Đặng Thu"]);
    assert_eq!(
        names(&desk, with(false, false, Some("VN"))),
        vec!["Anh Tú", "Đặng Thu"]
    );
    assert_eq!(desk.customer_countries().unwrap(), vec!["FR", "VN"]);
    let page = desk
        .list_customers(&CustomerQuery {
            limit: 1,
            offset: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        (page.total, page.rows.len(), page.rows[0].full_name.as_str()),
        (3, 1, "Dương Hà")
    );
    // The list shows the phone as she would write it, not as stored (+84...).
    assert_eq!(page.rows[0].phone.replace(' ', ""), "0903000002");
}

#[test]
fn recently_viewed_customers_come_newest_first() {
    let (mut desk, _dir) = desk();
    let a = desk.add_customer(person("An", "", "")).unwrap();
    let b = desk.add_customer(person("Bình", "", "")).unwrap();
    desk.record_view(&a.id).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    desk.record_view(&b.id).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    desk.record_view(&a.id).unwrap();
    let recent: Vec<_> = desk
        .recent_customers(10)
        .unwrap()
        .into_iter()
        .map(|r| r.full_name)
        .collect();
    assert_eq!(recent, vec!["An", "Bình"]);
}

#[test]
fn a_referrer_must_be_another_living_customer() {
    let (mut desk, _dir) = desk();
    let a = desk.add_customer(person("Nguyễn Văn A", "", "")).unwrap();
    let b = desk
        .add_customer(NewCustomer {
            referrer_id: Some(a.id.clone()),
            ..person("Trần Thị B", "", "")
        })
        .unwrap();
    let view = desk.customer_view(&b.id).unwrap();
    assert_eq!(view.referrer.map(|r| r.code), Some("KH00001".to_owned()));
    let err = desk
        .update_customer(&a.id, vec![CustomerChange::ReferrerId(Some(a.id.clone()))])
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidChoice);
    let history = desk.customer_history(&b.id).unwrap();
    let referrer = history[0]
        .changes
        .iter()
        .find(|c| c.field == "referrer_id")
        .unwrap();
    assert_eq!(referrer.new_label.as_deref(), Some("KH00001 Nguyễn Văn A"));
}

#[test]
fn a_broad_search_and_a_narrow_one_list_the_same_customers_as_reading_every_row() {
    let (mut desk, _dir) = desk();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    desk.load_demo(5_000, today).unwrap();
    let everyone: Vec<tripdesk::customers::CustomerRow> = (0..)
        .map(|page| {
            desk.list_customers(&CustomerQuery {
                offset: page * 500,
                limit: 500,
                ..Default::default()
            })
            .unwrap()
            .rows
        })
        .take_while(|rows| !rows.is_empty())
        .flatten()
        .collect();
    let vip = desk
        .levels()
        .unwrap()
        .into_iter()
        .find(|l| l.key == "vip")
        .unwrap()
        .id;
    for text in ["n", "nguyen", "nguyen thi h", "tran van", "kh0012"] {
        for level in [None, Some(vip.clone())] {
            let words: Vec<String> = tripdesk::text::fold(text)
                .split(' ')
                .map(str::to_owned)
                .collect();
            let expected: Vec<&str> = everyone
                .iter()
                .filter(|r| level.is_none() || r.level_id == level)
                .filter(|r| {
                    let c = desk.customer(&r.id).unwrap();
                    let hay: Vec<String> = [c.full_name, c.code, c.passport_no, c.company]
                        .iter()
                        .chain(c.emails.iter())
                        .flat_map(|s| {
                            tripdesk::text::fold(s)
                                .split(|ch: char| !ch.is_alphanumeric())
                                .map(str::to_owned)
                                .collect::<Vec<_>>()
                        })
                        .chain(c.phones.iter().flat_map(|p| {
                            let d: String = p.chars().filter(char::is_ascii_digit).collect();
                            [format!("0{}", &d[2..]), d]
                        }))
                        .collect();
                    words
                        .iter()
                        .all(|w| hay.iter().any(|h| h.starts_with(w.as_str())))
                })
                .map(|r| r.full_name.as_str())
                .collect();
            let query = CustomerQuery {
                text: text.into(),
                level_id: level.clone(),
                limit: 50,
                ..Default::default()
            };
            let page = desk.list_customers(&query).unwrap();
            assert_eq!(page.total as usize, expected.len(), "{text:?} {level:?}");
            let got: Vec<String> = page.rows.into_iter().map(|r| r.full_name).collect();
            assert_eq!(
                got,
                expected
                    .iter()
                    .take(50)
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
    assert!(
        desk.list_customers(&CustomerQuery {
            text: "n".into(),
            ..Default::default()
        })
        .unwrap()
        .total
            > 2_000
    );
}
