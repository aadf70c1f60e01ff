#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

//! The import template: what she sees when she opens it (sheets, headers in her language, the
//! example row, the drop-downs, the instructions), and that it imports back as it is.

mod common;

use calamine::{open_workbook, Data, DataType, Range, Reader, SheetVisible, Xlsx};
use chrono::NaiveDate;
use common::desk;
use rust_xlsxwriter::column_number_to_name;
use std::io::Read;
use std::path::Path;
use tripdesk::customers::{CustomerType, Gender};
use tripdesk::import::columns::BUILT_IN;
use tripdesk::import::{FileChoice, ImportField, ImportSetup, Outcome};
use tripdesk::settings::{CustomFieldInput, CustomFieldKind, Language};
use tripdesk::staff::StaffInput;
use tripdesk::{Desk, StaffId};

/// What the desk holds besides the built-in levels.
struct Setup {
    tuan: StaffId,
    hobby: String,
    seat: String,
    wedding: String,
}

/// A desk with three custom fields, two staff and a level of her own; one field and one staff
/// member removed since, so that neither may appear in the template.
fn agency(desk: &mut Desk) -> Setup {
    let field = |desk: &mut Desk, name: &str, kind, choices: &[&str]| {
        desk.add_custom_field(CustomFieldInput {
            name: name.into(),
            kind,
            choices: choices.iter().map(|c| (*c).to_owned()).collect(),
        })
        .unwrap()
    };
    let hobby = field(desk, "Sở thích", CustomFieldKind::Text, &[]);
    let gone = field(desk, "Mã cũ", CustomFieldKind::Text, &[]);
    let seat = field(
        desk,
        "Hạng ghế",
        CustomFieldKind::Choice,
        &["Phổ thông", "Thương gia, có phòng chờ"],
    );
    let wedding = field(desk, "Ngày cưới", CustomFieldKind::Date, &[]);
    desk.remove_custom_field(&gone.id).unwrap();
    let staff = |desk: &mut Desk, name: &str| {
        desk.add_staff(StaffInput {
            name: name.into(),
            email: String::new(),
        })
        .unwrap()
        .id
    };
    let left = staff(desk, "Lê Văn Cũ");
    let tuan = staff(desk, "Trần Minh Tuấn");
    desk.remove_staff(&left).unwrap();
    desk.add_level("Khách đoàn, công ty").unwrap();
    Setup {
        tuan,
        hobby: hobby.id.0,
        seat: seat.id.0,
        wedding: wedding.id.0,
    }
}

fn range(path: &Path, sheet: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.worksheet_range(sheet).unwrap()
}

fn cell(range: &Range<Data>, row: usize, col: usize) -> Data {
    range
        .get_value((row as u32, col as u32))
        .cloned()
        .unwrap_or(Data::Empty)
}

fn text(range: &Range<Data>, row: usize, col: usize) -> String {
    cell(range, row, col).to_string()
}

/// A column of a sheet as text, from `from` down to its last value.
fn column(range: &Range<Data>, col: usize, from: usize) -> Vec<String> {
    let end = range.end().map(|(r, _)| r as usize).unwrap_or(0);
    let mut values: Vec<String> = (from..=end).map(|r| text(range, r, col)).collect();
    while values.last().is_some_and(String::is_empty) {
        values.pop();
    }
    values
}

/// A row of a sheet as text, up to its last value.
fn row_values(range: &Range<Data>, row: usize) -> Vec<String> {
    let end = range.end().map(|(_, c)| c as usize).unwrap_or(0);
    let mut values: Vec<String> = (0..=end).map(|c| text(range, row, c)).collect();
    while values.last().is_some_and(String::is_empty) {
        values.pop();
    }
    values
}

/// The list drop-downs of the first sheet: (cells covered, where the list comes from).
fn list_drop_downs(path: &Path) -> Vec<(String, String)> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("<dataValidation ")
        .skip(1)
        .filter(|v| v.starts_with(r#"type="list""#))
        .map(|v| {
            let attribute = |name: &str| {
                let start = v.find(&format!(r#" {name}=""#)).unwrap() + name.len() + 3;
                v[start..].split('"').next().unwrap().to_owned()
            };
            let formula = v
                .split("<formula1>")
                .nth(1)
                .and_then(|f| f.split("</formula1>").next())
                .unwrap()
                .to_owned();
            (attribute("sqref"), formula)
        })
        .collect()
}

/// The header each field has in the template, in order: built-in fields, then hers.
fn expected_headers(desk: &Desk, language: Language) -> Vec<String> {
    let custom = desk.custom_fields().unwrap();
    BUILT_IN
        .iter()
        .map(|f| f.label(language, &custom))
        .chain(custom.iter().map(|f| f.name.clone()))
        .collect()
}

fn at(headers: &[String], label: &str) -> usize {
    headers.iter().position(|h| h == label).unwrap()
}

#[test]
fn the_template_has_her_fields_in_her_language_an_example_row_and_instructions() {
    let (mut desk, dir) = desk();
    agency(&mut desk);
    for (language, sheets, first_headers, level, custom_text) in [
        (
            Language::Vi,
            ["Khách hàng", "Hướng dẫn", "Danh sách"],
            ["Mã khách hàng", "Họ và tên", "Giới tính"],
            "Khách hàng",
            "Ví dụ",
        ),
        (
            Language::En,
            ["Customers", "Instructions", "Lists"],
            ["Customer code", "Full name", "Gender"],
            "Customer",
            "Example",
        ),
    ] {
        let path = dir.path().join(format!("template-{language:?}.xlsx"));
        desk.write_import_template(&path, language).unwrap();

        let book: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(book.sheet_names(), sheets);
        let hidden: Vec<bool> = book
            .sheets_metadata()
            .iter()
            .map(|s| s.visible != SheetVisible::Visible)
            .collect();
        assert_eq!(hidden, [false, false, true], "only the lists are hidden");

        let customers = range(&path, sheets[0]);
        let headers = row_values(&customers, 0);
        let expected = expected_headers(&desk, language);
        assert_eq!(headers, expected);
        assert_eq!(headers[..3], first_headers);
        assert_eq!(headers.len(), BUILT_IN.len() + 3);
        assert_eq!(
            headers[BUILT_IN.len()..],
            ["Sở thích", "Hạng ghế", "Ngày cưới"]
        );
        assert!(!headers.contains(&"Mã cũ".to_owned()), "a removed field");

        let label = |f: ImportField| f.label(language, &[]);
        let example = |f: ImportField| cell(&customers, 1, at(&headers, &label(f)));
        assert_eq!(example(ImportField::Code), Data::Empty);
        assert_eq!(
            example(ImportField::FullName).to_string(),
            "Nguyễn Thị Hồng"
        );
        // The phone is text: its leading zero stays.
        assert_eq!(
            example(ImportField::Phones),
            Data::String("0903 123 456".into())
        );
        assert_eq!(
            example(ImportField::BirthDate).as_date(),
            NaiveDate::from_ymd_opt(1985, 3, 15)
        );
        assert!(matches!(example(ImportField::BirthDate), Data::DateTime(_)));
        assert_eq!(example(ImportField::Level).to_string(), level);
        assert_eq!(
            example(ImportField::Responsible).to_string(),
            "Trần Minh Tuấn"
        );
        let custom = |name: &str| cell(&customers, 1, at(&headers, name));
        assert_eq!(custom("Sở thích").to_string(), custom_text);
        assert_eq!(custom("Hạng ghế").to_string(), "Phổ thông");
        assert!(custom("Ngày cưới").as_date().is_some());

        let instructions = range(&path, sheets[1]);
        let named = column(&instructions, 0, 0);
        let required = match language {
            Language::Vi => "Bắt buộc",
            Language::En => "Required",
        };
        for header in &headers {
            let row = named
                .iter()
                .position(|n| n == header)
                .unwrap_or_else(|| panic!("no instruction for {header}"));
            assert!(
                text(&instructions, row, 1).chars().count() > 10,
                "{header}: {}",
                text(&instructions, row, 1)
            );
            let is_required = text(&instructions, row, 2) == required;
            assert_eq!(
                is_required,
                *header == label(ImportField::FullName),
                "{header}"
            );
        }
        // The choice field's line names its values, the level's line the levels.
        let line = |header: &str| text(&instructions, at(&named, header), 1);
        assert!(line("Hạng ghế").contains("Thương gia, có phòng chờ"));
        assert!(line(&label(ImportField::Level)).contains("Khách đoàn, công ty"));

        let lists = range(&path, sheets[2]);
        let levels = column(&lists, 0, 1);
        let (potential, lead) = match language {
            Language::Vi => ("Tiềm năng", "Lead"),
            Language::En => ("Potential", "Lead"),
        };
        assert_eq!(
            levels,
            [lead, potential, level, "VIP", "Khách đoàn, công ty"],
            "every level, in the app's order"
        );
        assert_eq!(column(&lists, 1, 1), ["Trần Minh Tuấn"], "staff still here");
        assert_eq!(
            column(&lists, 2, 1),
            ["Phổ thông", "Thương gia, có phòng chờ"]
        );

        // Drop-downs on every row below the header, each reading its list by range.
        let letter = |label: &str| column_number_to_name(at(&headers, label) as u16);
        let quoted = match language {
            Language::Vi => "'Danh sách'",
            Language::En => "Lists",
        };
        let mut drop_downs = list_drop_downs(&path);
        drop_downs.sort();
        let mut expected = vec![
            (
                format!("{0}2:{0}1048576", letter(&label(ImportField::Level))),
                format!("{quoted}!$A$2:$A$6"),
            ),
            (
                format!("{0}2:{0}1048576", letter(&label(ImportField::Responsible))),
                // One name: a single cell.
                format!("{quoted}!$B$2"),
            ),
            (
                format!("{0}2:{0}1048576", letter("Hạng ghế")),
                format!("{quoted}!$C$2:$C$3"),
            ),
        ];
        expected.sort();
        assert_eq!(drop_downs, expected);
    }
}

#[test]
fn the_template_imports_back_as_one_new_customer_with_the_example_values() {
    for language in [Language::Vi, Language::En] {
        let (mut desk, dir) = desk();
        let ids = agency(&mut desk);
        let path = dir.path().join("template.xlsx");
        desk.write_import_template(&path, language).unwrap();

        let summary = desk.inspect_import(&path, &FileChoice::default()).unwrap();
        assert_eq!(summary.sheet, 0);
        assert_eq!(summary.header_row, 1);
        let fields: Vec<Option<ImportField>> = BUILT_IN
            .iter()
            .cloned()
            .chain(
                [&ids.hobby, &ids.seat, &ids.wedding]
                    .into_iter()
                    .map(|id| ImportField::Custom(id.clone())),
            )
            .map(Some)
            .collect();
        assert_eq!(summary.columns, fields, "{language:?}");

        // Nothing new to create: the drop-downs' values are the desk's own.
        let setup = ImportSetup {
            create_missing: false,
            ..common::import_setup(&desk, &path)
        };
        let plan = desk.plan_import(&path, &setup).unwrap();
        let p = &plan.preview;
        assert_eq!((p.created, p.updated, p.skipped, p.errors), (1, 0, 0, 0));
        assert!(p.new_levels.is_empty() && p.new_staff.is_empty(), "{p:?}");
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].row, 2);
        assert!(matches!(p.rows[0].outcome, Outcome::Create), "{p:?}");

        let done = desk.run_import(&path, plan, &mut |_, _| true).unwrap();
        assert_eq!(done.report.created, 1);
        assert_eq!(desk.customer_count().unwrap(), 1);
        let row = &desk.search_customers("nguyen thi hong", 5).unwrap()[0];
        let hong = desk.customer(&row.id).unwrap();
        assert_eq!(hong.full_name, "Nguyễn Thị Hồng");
        assert!(
            hong.code.starts_with("KH"),
            "a code was given: {}",
            hong.code
        );
        assert_eq!(hong.phones, ["+84903123456"]);
        assert_eq!(hong.emails, ["hong.nguyen@example.com"]);
        assert_eq!(hong.birth_date, NaiveDate::from_ymd_opt(1985, 3, 15));
        assert_eq!(hong.gender, Gender::Female);
        assert_eq!(hong.country, "VN");
        assert_eq!(hong.customer_type, CustomerType::Individual);
        let level = desk
            .levels()
            .unwrap()
            .into_iter()
            .find(|l| Some(&l.id) == hong.level_id.as_ref())
            .unwrap();
        assert_eq!(level.key, "customer");
        assert_eq!(hong.responsible_id, Some(ids.tuan.clone()));
        let hobby = match language {
            Language::Vi => "Ví dụ",
            Language::En => "Example",
        };
        assert_eq!(hong.custom.get(&ids.hobby).map(String::as_str), Some(hobby));
        assert_eq!(
            hong.custom.get(&ids.seat).map(String::as_str),
            Some("Phổ thông")
        );
        assert!(hong.custom.contains_key(&ids.wedding));
        assert!(hong.passport_expiry.is_some() && hong.last_contact_on.is_some());
    }
}

#[test]
fn without_staff_the_example_names_no_responsible_person_and_still_imports() {
    let (mut desk, dir) = desk();
    let path = dir.path().join("template.xlsx");
    desk.write_import_template(&path, Language::Vi).unwrap();
    let customers = range(&path, "Khách hàng");
    let headers = row_values(&customers, 0);
    let responsible = at(&headers, "Người phụ trách");
    assert_eq!(cell(&customers, 1, responsible), Data::Empty);
    // Only the level has a drop-down: there is no one to pick.
    let drop_downs = list_drop_downs(&path);
    assert_eq!(drop_downs.len(), 1, "{drop_downs:?}");
    let level = column_number_to_name(at(&headers, "Cấp độ") as u16);
    assert!(drop_downs[0].0.starts_with(&format!("{level}2:")));

    let setup = ImportSetup {
        create_missing: false,
        ..common::import_setup(&desk, &path)
    };
    let plan = desk.plan_import(&path, &setup).unwrap();
    assert_eq!((plan.preview.created, plan.preview.errors), (1, 0));
    desk.run_import(&path, plan, &mut |_, _| true).unwrap();
    let row = &desk.search_customers("nguyen thi hong", 5).unwrap()[0];
    assert_eq!(desk.customer(&row.id).unwrap().responsible_id, None);
    assert!(desk.staff().unwrap().is_empty(), "no one was created");
}
