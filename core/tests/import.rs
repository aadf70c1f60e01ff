#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

//! The import, end to end over real files: workbooks made here with rust_xlsxwriter, CSV
//! bytes, a real database file; what she would see in the preview and in her list after.

mod common;

use common::{desk, import_setup, person, search};
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};
use tripdesk::customers::CustomerChange;
use tripdesk::import::{FileChoice, ImportField, ImportSetup, OnDuplicate, Outcome, SkipReason};
use tripdesk::{Desk, ErrorKind};

/// A cell of a sheet to write.
enum V {
    S(&'static str),
    N(f64),
    D(u32, u32, i32),
    Blank,
}

fn workbook(path: &Path, rows: &[Vec<V>]) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v {
                V::S(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                V::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                V::D(d, m, y) => {
                    let day = chrono::NaiveDate::from_ymd_opt(*y, *m, *d).unwrap();
                    ws.write_date_with_format(r, c, day, &date).unwrap();
                }
                V::Blank => {}
            }
        }
    }
    book.save(path).unwrap();
}

/// The list an agent keeps: a title, a report date, a blank line, then the table, with the
/// usual mistakes in it and a total at the bottom.
fn messy_list(dir: &Path) -> PathBuf {
    use V::*;
    // The table's header, written twice: at the top and again halfway down, as printed lists do.
    let header = || {
        [
            "STT",
            "Mã KH",
            "Họ và tên",
            "Ngày sinh",
            "SĐT",
            "E-mail",
            "Loại khách",
            "Ghi chú",
        ]
        .into_iter()
        .map(S)
        .collect::<Vec<V>>()
    };
    let path = dir.join("Danh sách khách hàng.xlsx");
    workbook(
        &path,
        &[
            vec![S("DANH SÁCH KHÁCH HÀNG CÔNG TY DU LỊCH SEN VÀNG")],
            vec![S("Ngày xuất: 01/11/2026")],
            vec![],
            header(),
            vec![
                N(1.0),
                S("KH-A01"),
                S("Nguyễn Thị Hồng"),
                D(15, 3, 1985),
                N(903123456.0),
                S("hong@example.vn"),
                S("Tiềm năng"),
                S("Thích biển"),
            ],
            vec![
                N(2.0),
                S("KH-A02"),
                S("Đặng Văn Minh"),
                S("15/03/1985"),
                S("0912 345 678"),
                S("minh@example.vn"),
                S("VIP"),
                Blank,
            ],
            vec![
                N(3.0),
                S("KH-A03"),
                S("Trần Văn An"),
                S("15/03/85"),
                S("0987654321"),
                S("an@example"),
                S("Lead"),
                Blank,
            ],
            vec![],
            header(),
            vec![
                N(4.0),
                S("KH-A04"),
                S("Lê Thu Hà"),
                S("1990-07-01"),
                S("+84 98 111 2233"),
                Blank,
                S("Khách VIP Vàng"),
                Blank,
            ],
            vec![
                N(5.0),
                S("KH-A05"),
                S("Phạm Quốc Bảo"),
                Blank,
                S("0903.555.666"),
                Blank,
                Blank,
                Blank,
            ],
            vec![
                N(6.0),
                S("KH-A05"),
                S("Phạm Quốc Bảo (trùng)"),
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
            ],
            vec![S("Tổng cộng: 6 khách")],
        ],
    );
    path
}

fn import(desk: &mut Desk, path: &Path, setup: &ImportSetup) -> tripdesk::import::Imported {
    let plan = desk.plan_import(path, setup).unwrap();
    desk.run_import(path, plan, &mut |_, _| true).unwrap()
}

#[test]
fn the_header_row_and_columns_of_a_messy_list_are_found() {
    let (desk, dir) = desk();
    let path = messy_list(dir.path());
    let summary = desk.inspect_import(&path, &FileChoice::default()).unwrap();
    assert_eq!(summary.header_row, 4);
    assert_eq!(summary.headers[2], "Họ và tên");
    assert_eq!(
        summary.columns,
        vec![
            None,
            Some(ImportField::Code),
            Some(ImportField::FullName),
            Some(ImportField::BirthDate),
            Some(ImportField::Phones),
            Some(ImportField::Emails),
            Some(ImportField::Level),
            Some(ImportField::Description),
        ]
    );
    assert!(!summary.remembered);
}

#[test]
fn the_preview_gives_every_row_its_outcome_and_writes_nothing() {
    let (desk, dir) = desk();
    let path = messy_list(dir.path());
    let plan = desk
        .plan_import(&path, &import_setup(&desk, &path))
        .unwrap();
    let p = &plan.preview;
    // Hồng, Minh, Hà are created; An has a two-digit year and a bad email; both KH-A05 rows
    // are errors; the repeated header and the total are skipped; one blank row passes.
    assert_eq!((p.created, p.updated, p.skipped, p.errors), (3, 0, 2, 3));
    assert_eq!(p.blank_rows, 1);
    assert_eq!(p.duplicates_in_file, vec!["KH-A05"]);
    assert_eq!(p.new_levels, vec!["Khách VIP Vàng"]);
    let an = p.rows.iter().find(|r| r.code == "KH-A03").unwrap();
    let Outcome::Error { problems } = &an.outcome else {
        panic!("An's row should be an error: {:?}", an.outcome);
    };
    let kinds: Vec<ErrorKind> = problems.iter().map(|p| p.kind).collect();
    assert!(kinds.contains(&ErrorKind::TwoDigitYear), "{kinds:?}");
    assert!(kinds.contains(&ErrorKind::InvalidEmail), "{kinds:?}");
    let email = problems
        .iter()
        .find(|p| p.kind == ErrorKind::InvalidEmail)
        .unwrap();
    assert_eq!((email.column, email.header.as_str()), (Some(5), "E-mail"));
    let dups: Vec<u32> = p
        .rows
        .iter()
        .filter(|r| r.code == "KH-A05")
        .map(|r| r.row)
        .collect();
    assert_eq!(dups, vec![11, 12]);
    let skipped: Vec<(u32, SkipReason)> = p
        .rows
        .iter()
        .filter_map(|r| match r.outcome {
            Outcome::Skip { reason, .. } => Some((r.row, reason)),
            _ => None,
        })
        .collect();
    assert_eq!(
        skipped,
        vec![(9, SkipReason::RepeatedHeader), (13, SkipReason::TotalRow)]
    );
    assert_eq!(desk.customer_count().unwrap(), 0);
}

#[test]
fn an_import_makes_searchable_customers_read_as_a_person_would() {
    let (mut desk, dir) = desk();
    let path = messy_list(dir.path());
    let setup = import_setup(&desk, &path);
    let done = import(&mut desk, &path, &setup);
    assert_eq!((done.report.created, done.report.errors), (3, 3));
    assert_eq!(search(&desk, "nguyen thi hong"), vec!["Nguyễn Thị Hồng"]);
    let row = &desk.search_customers("KH-A01", 1).unwrap()[0];
    let hong = desk.customer(&row.id).unwrap();
    assert_eq!(hong.phones, vec!["+84903123456"]);
    assert_eq!(hong.birth_date.unwrap().to_string(), "1985-03-15");
    assert_eq!(hong.description, "Thích biển");
    let levels = desk.levels().unwrap();
    let level = |id: &Option<tripdesk::LevelId>| {
        levels
            .iter()
            .find(|l| Some(&l.id) == id.as_ref())
            .map(|l| (l.key.clone(), l.name.clone()))
            .unwrap()
    };
    assert_eq!(level(&hong.level_id).0, "potential");
    let ha = desk
        .customer(&desk.search_customers("KH-A04", 1).unwrap()[0].id)
        .unwrap();
    assert_eq!(level(&ha.level_id).1, "Khách VIP Vàng");
    // Her history says where the record came from.
    let history = desk.customer_history(&hong.id).unwrap();
    assert_eq!(history[0].origin, "import");
    // The rejected rows come out as a workbook with the reason for each.
    let out = dir.path().join("rejected.xlsx");
    done.rejected.write_xlsx(&out).unwrap();
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[0][8], "Lý do");
    assert!(
        rows[1][8].contains("năm chỉ có hai chữ số"),
        "{:?}",
        rows[1]
    );
    assert!(
        rows[2][8].contains("xuất hiện trên nhiều dòng"),
        "{:?}",
        rows[2]
    );
    assert_eq!(rows[1][2], "Trần Văn An");
}

#[test]
fn an_existing_code_is_skipped_or_overwritten_as_she_chooses() {
    let (mut desk, dir) = desk();
    let mut hong = person("Nguyễn Thị Hồng", "0903 000 111", "");
    hong.code = "KH-A01".into();
    let hong = desk.add_customer(hong).unwrap();
    let path = messy_list(dir.path());
    let mut setup = import_setup(&desk, &path);
    let plan = desk.plan_import(&path, &setup).unwrap();
    let row = plan
        .preview
        .rows
        .iter()
        .find(|r| r.code == "KH-A01")
        .unwrap();
    assert!(matches!(
        row.outcome,
        Outcome::Skip {
            reason: SkipReason::Exists,
            ..
        }
    ));
    setup.on_duplicate = OnDuplicate::Overwrite;
    let plan = desk.plan_import(&path, &setup).unwrap();
    let row = plan
        .preview
        .rows
        .iter()
        .find(|r| r.code == "KH-A01")
        .unwrap();
    let Outcome::Update {
        changes, customer, ..
    } = &row.outcome
    else {
        panic!("{:?}", row.outcome);
    };
    assert_eq!(customer.id, hong.id);
    let phone = changes.iter().find(|c| c.field == "phones").unwrap();
    assert_eq!(
        (phone.old.as_str(), phone.new.as_str()),
        ("0903 000 111", "0903 123 456")
    );
    let done = desk.run_import(&path, plan, &mut |_, _| true).unwrap();
    assert_eq!((done.report.created, done.report.updated), (2, 1));
    assert_eq!(
        desk.customer(&hong.id).unwrap().phones,
        vec!["+84903123456"]
    );
}

#[test]
fn without_a_code_a_customer_with_the_same_email_is_offered_as_the_match() {
    let (mut desk, dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "", "hong@example.vn"))
        .unwrap();
    let path = dir.path().join("khach.csv");
    std::fs::write(
        &path,
        "Họ tên;Email;Điện thoại\nHồng Nguyễn;HONG@example.vn;0903123456\nMinh;minh@example.vn;\n",
    )
    .unwrap();
    let mut setup = import_setup(&desk, &path);
    setup.on_duplicate = OnDuplicate::Overwrite;
    let plan = desk.plan_import(&path, &setup).unwrap();
    let Outcome::Update {
        customer,
        matched_by,
        ..
    } = &plan.preview.rows[0].outcome
    else {
        panic!("{:?}", plan.preview.rows[0].outcome);
    };
    assert_eq!(
        (&customer.id, *matched_by),
        (&hong.id, tripdesk::import::MatchedBy::Email)
    );
    // She says it is someone else: a new customer.
    setup.create_anyway = vec![2];
    let done = import(&mut desk, &path, &setup);
    assert_eq!((done.report.created, done.report.updated), (2, 0));
    assert_eq!(desk.customer_count().unwrap(), 3);
}

#[test]
fn a_cancelled_import_leaves_the_file_as_it_was() {
    let (mut desk, dir) = desk();
    let path = dir.path().join("big.csv");
    let mut text = String::from("Mã KH,Họ và tên\n");
    for i in 0..3000 {
        text.push_str(&format!("C{i:05},Khách {i}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let setup = import_setup(&desk, &path);
    let plan = desk.plan_import(&path, &setup).unwrap();
    assert_eq!(plan.preview.created, 3000);
    let mut seen = Vec::new();
    let err = desk
        .run_import(&path, plan, &mut |done, total| {
            seen.push((done, total));
            done < 1000
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Cancelled);
    assert_eq!(seen.last(), Some(&(1000, 3000)));
    assert_eq!(desk.customer_count().unwrap(), 0);
    assert!(desk.imports().unwrap().is_empty());
}

#[test]
fn the_whole_import_is_undone_except_a_customer_she_edited_since() {
    let (mut desk, dir) = desk();
    let mut kept = person("Nguyễn Thị Hồng", "0903 000 111", "");
    kept.code = "KH-A01".into();
    let hong = desk.add_customer(kept).unwrap();
    let path = messy_list(dir.path());
    let mut setup = import_setup(&desk, &path);
    setup.on_duplicate = OnDuplicate::Overwrite;
    let done = import(&mut desk, &path, &setup);
    assert_eq!((done.report.created, done.report.updated), (2, 1));
    assert_eq!(desk.customer_count().unwrap(), 3);
    let minh = desk.search_customers("KH-A02", 1).unwrap()[0].id.clone();
    desk.update_customer(&minh, vec![CustomerChange::Address("Huế".into())])
        .unwrap();
    let imports = desk.imports().unwrap();
    assert_eq!(imports[0].file_name, "Danh sách khách hàng.xlsx");
    let preview = desk.undo_import_preview(&imports[0].id).unwrap();
    assert_eq!((preview.removed, preview.restored), (1, 1));
    assert_eq!(preview.blocked.len(), 1);
    assert_eq!(preview.blocked[0].full_name, "Đặng Văn Minh");
    desk.undo_import(&imports[0].id).unwrap();
    // Hà is gone, Hồng has her old phone back, Minh (edited since) stays.
    assert_eq!(desk.customer_count().unwrap(), 2);
    assert!(search(&desk, "le thu ha").is_empty());
    assert_eq!(
        desk.customer(&hong.id).unwrap().phones,
        vec!["+84903000111"]
    );
    assert_eq!(desk.customer(&minh).unwrap().address, "Huế");
    assert!(desk.imports().unwrap()[0].undone_at.is_some());
    let again = desk.undo_import(&imports[0].id).unwrap_err();
    assert_eq!(again.kind(), ErrorKind::NotAllowed);
}

#[test]
fn the_mapping_she_chose_is_remembered_for_the_next_file_with_those_headers() {
    let (mut desk, dir) = desk();
    let path = dir.path().join("a.csv");
    std::fs::write(&path, "Tên,Ghi chú,Màu yêu thích\nHồng,VIP,xanh\n").unwrap();
    let mut setup = import_setup(&desk, &path);
    assert_eq!(setup.columns[2], None);
    setup.columns[1] = Some(ImportField::Source);
    import(&mut desk, &path, &setup);
    let again = dir.path().join("b.csv");
    std::fs::write(&again, "Tên,Ghi chú,Màu yêu thích\nMinh,Zalo,đỏ\n").unwrap();
    let summary = desk.inspect_import(&again, &FileChoice::default()).unwrap();
    assert!(summary.remembered);
    assert_eq!(summary.columns[1], Some(ImportField::Source));
}

#[test]
fn every_customer_exported_reads_back_the_same_through_the_import() {
    let (mut desk, dir) = desk();
    desk.load_demo(120, chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())
        .unwrap();
    for ext in ["xlsx", "csv"] {
        let out = dir.path().join(format!("customers.{ext}"));
        assert_eq!(desk.export_customers(&out).unwrap(), 120);
        let target_dir = tempfile::tempdir().unwrap();
        let mut target = Desk::open(
            &target_dir.path().join("copy.sqlite3"),
            tripdesk::db::OpenMode::Create,
            tripdesk::Origin::App,
        )
        .unwrap();
        // The same staff, so that "responsible person" finds them by name.
        for s in desk.staff().unwrap() {
            target
                .add_staff(tripdesk::staff::StaffInput {
                    name: s.name,
                    email: s.email,
                })
                .unwrap();
        }
        for f in desk.custom_fields().unwrap() {
            target
                .add_custom_field(tripdesk::settings::CustomFieldInput {
                    name: f.name,
                    kind: f.kind,
                    choices: f.choices,
                })
                .unwrap();
        }
        let setup = import_setup(&target, &out);
        let done = import(&mut target, &out, &setup);
        assert_eq!(
            (done.report.created, done.report.errors),
            (120, 0),
            "{ext}: {:?}",
            target.plan_import(&out, &setup).map(|p| p
                .preview
                .rows
                .into_iter()
                .filter(|r| matches!(r.outcome, Outcome::Error { .. }))
                .take(3)
                .collect::<Vec<_>>())
        );
        let again = target_dir.path().join(format!("again.{ext}"));
        target.export_customers(&again).unwrap();
        // All but the last column (archived: an import does not archive).
        let without_archived = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
            let at = rows[0].iter().position(|h| h == "Đã lưu trữ").unwrap();
            rows.into_iter()
                .map(|mut r| {
                    r.truncate(at);
                    while r.last().is_some_and(String::is_empty) {
                        r.pop();
                    }
                    r
                })
                .collect()
        };
        let (before, after) = (
            without_archived(sheet_text(&out)),
            without_archived(sheet_text(&again)),
        );
        assert_eq!(before.len(), after.len(), "{ext}");
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(b, a, "{ext}");
        }
    }
}

/// A file's cells as text, whatever its kind.
fn sheet_text(path: &Path) -> Vec<Vec<String>> {
    let mut book = tripdesk::import::Workbook::open(path, None).unwrap();
    book.rows(0)
        .unwrap()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(tripdesk::import::values::cell_text)
                .collect()
        })
        .collect()
}

#[test]
fn the_preview_counts_the_rows_it_shows_and_a_row_that_changes_nothing_is_a_skip() {
    let (mut desk, dir) = desk();
    let path = messy_list(dir.path());
    let mut setup = import_setup(&desk, &path);
    setup.on_duplicate = OnDuplicate::Overwrite;
    import(&mut desk, &path, &setup);
    // The same file again: the customers it made are there as it made them.
    let plan = desk.plan_import(&path, &setup).unwrap();
    let p = &plan.preview;
    assert!(!p.truncated);
    let shown = |kind: &str| {
        p.rows
            .iter()
            .filter(|r| match &r.outcome {
                Outcome::Create => kind == "create",
                Outcome::Update { .. } => kind == "update",
                Outcome::Skip { .. } => kind == "skip",
                Outcome::Error { .. } => kind == "error",
            })
            .count() as u32
    };
    assert_eq!(p.updated, 0);
    assert_eq!(
        (p.created, p.updated, p.skipped, p.errors),
        (
            shown("create"),
            shown("update"),
            shown("skip"),
            shown("error")
        )
    );
    assert!(p.rows.iter().any(|r| matches!(
        r.outcome,
        Outcome::Skip {
            reason: SkipReason::Unchanged,
            ..
        }
    )));
}

#[test]
fn a_responsible_person_is_found_by_email_and_a_too_long_name_names_the_limit() {
    let (mut desk, dir) = desk();
    let tuan = desk
        .add_staff(tripdesk::staff::StaffInput {
            name: "Lê Minh Tuấn".into(),
            email: "Tuan.Le@senvang.vn".into(),
        })
        .unwrap();
    let path = dir.path().join("staff.csv");
    let long = "Nguyễn ".repeat(40);
    std::fs::write(
        &path,
        format!("Họ và tên,Nhân viên phụ trách\nTrần Thị Mai,tuan.le@senvang.vn\n{long},\n"),
    )
    .unwrap();
    let setup = import_setup(&desk, &path);
    let plan = desk.plan_import(&path, &setup).unwrap();
    let Outcome::Error { problems } = &plan.preview.rows[1].outcome else {
        panic!("{:?}", plan.preview.rows[1].outcome);
    };
    assert_eq!(
        (problems[0].kind, problems[0].value.as_str()),
        (ErrorKind::TooLong, "200")
    );
    assert_eq!(plan.preview.new_staff, Vec::<String>::new());
    let done = desk.run_import(&path, plan, &mut |_, _| true).unwrap();
    assert_eq!(done.report.created, 1);
    let mai = desk.search_customers("tran thi mai", 5).unwrap();
    assert_eq!(
        desk.customer(&mai[0].id).unwrap().responsible_id,
        Some(tuan.id)
    );
}
