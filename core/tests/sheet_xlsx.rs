//! The customer sheet as a workbook and the customer list exported to a workbook, read back
//! as a spreadsheet program would: the cells' types (dates, amounts in their currency's
//! format, codes and phones as text, her `=1+1` as text and never a formula), the worksheets'
//! names, the header frozen and filtered, and which customers a list export holds.
#![allow(clippy::unwrap_used)]

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{desk, person};
use std::io::{Cursor, Read};
use std::path::Path;
use tripdesk::chrono::{NaiveDate, NaiveDateTime};
use tripdesk::customers::{CustomerQuery, CustomerSort, NewCustomer};
use tripdesk::export::SheetSettings;
use tripdesk::notes::NoteInput;
use tripdesk::prepaid::TopUpInput;
use tripdesk::{CustomerId, Desk};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

fn top_up(desk: &mut Desk, id: &CustomerId, amount: &str, currency: &str) {
    desk.save_top_up(
        id,
        None,
        TopUpInput {
            description: "Chuyển khoản".into(),
            amount: amount.into(),
            currency: currency.into(),
            received_on: "2026-02-14".into(),
        },
    )
    .unwrap();
}

/// Hồng, with a phone, a passport, credit in dong and dollars, and a note typed as a formula.
fn hong(desk: &mut Desk) -> CustomerId {
    let id = desk
        .add_customer(NewCustomer {
            code: "KH00042".into(),
            passport_no: "C1234567".into(),
            passport_expiry: "2030-05-01".into(),
            birth_date: "1990-07-15".into(),
            ..person("Nguyễn Thị Hồng", "0903123456", "hong@example.com")
        })
        .unwrap()
        .id;
    top_up(desk, &id, "1250000", "VND");
    top_up(desk, &id, "200.50", "USD");
    desk.add_note(
        &id,
        NoteInput {
            body: "=1+1".into(),
            pinned: false,
        },
    )
    .unwrap();
    id
}

/// Every worksheet's cells, by name, and the workbook for styles and formulas.
fn open_bytes(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

fn cells<R: std::io::Read + std::io::Seek>(book: &mut Xlsx<R>, sheet: &str) -> Vec<Vec<Data>> {
    book.worksheet_range(sheet)
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect()
}

/// Where a cell holding `wanted` is: (row, column) within the used range, and that range's
/// start (styles are addressed from the sheet's first cell).
fn find<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    sheet: &str,
    wanted: &Data,
) -> Option<(u32, u32)> {
    let range = book.worksheet_range(sheet).unwrap();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .cells()
        .find(|(_, _, d)| *d == wanted)
        .map(|(r, c, _)| (r as u32 + r0, c as u32 + c0))
}

fn number_format<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    sheet: &str,
    at: (u32, u32),
) -> String {
    let styles = book.worksheet_style(sheet).unwrap();
    styles
        .get(at)
        .and_then(|s| s.number_format.clone())
        .map(|f| f.format_code)
        .unwrap_or_default()
}

fn no_formulas<R: std::io::Read + std::io::Seek>(book: &mut Xlsx<R>) {
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.cells().all(|(_, _, f)| f.is_empty()),
            "{name} has a formula"
        );
    }
}

/// The XML of a workbook's `n`th worksheet (1-based), for what calamine does not read: the
/// frozen pane, the filter, the column widths.
fn sheet_xml(bytes: &[u8], n: usize) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn assert_header_frozen_and_filtered(xml: &str) {
    assert!(
        xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
        "header not frozen"
    );
    assert!(
        xml.contains("<autoFilter ref=\"A1:"),
        "no filter on the header"
    );
    assert!(xml.contains("<col "), "columns not sized");
}

#[test]
fn the_sheet_as_a_workbook_has_a_worksheet_per_section_with_typed_cells() {
    let (mut desk, _dir) = desk();
    let id = hong(&mut desk);
    let file = desk
        .sheet_xlsx(&id, &SheetSettings::default(), now())
        .unwrap();
    assert_eq!(file.name, "KH00042 Nguyen Thi Hong.xlsx");
    let bytes = file.bytes;
    let mut book = open_bytes(bytes.clone());

    assert_eq!(
        book.sheet_names(),
        [
            "Phiếu khách hàng",
            "Thông tin khách hàng",
            "Hộ chiếu",
            "Người liên hệ",
            "Địa chỉ",
            "Tài khoản ngân hàng",
            "Chăm sóc gần đây",
            "Công việc",
            "Báo giá",
            "Đặt dịch vụ",
            "Tiền trả trước",
            "Doanh thu và công nợ",
            "Ghi chú",
        ]
    );

    // The first worksheet: who and when.
    let first = "Phiếu khách hàng";
    let name = Data::String("Nguyễn Thị Hồng".into());
    assert!(find(&mut book, first, &name).is_some());
    assert!(find(&mut book, first, &Data::String("KH00042".into())).is_some());
    let rows = cells(&mut book, first);
    let printed = rows
        .iter()
        .find(|r| r.first() == Some(&Data::String("In ngày".into())))
        .unwrap();
    match &printed[1] {
        Data::DateTime(t) => assert_eq!(t.as_datetime(), Some(now())),
        other => panic!("printed at is {other:?}"),
    }

    // Details: the phone as text with its leading zero, the birth date a date.
    let details = cells(&mut book, "Thông tin khách hàng");
    let value_of = |label: &str| {
        details
            .iter()
            .find(|r| r.first() == Some(&Data::String(label.into())))
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("no {label}"))
    };
    match value_of("Điện thoại") {
        Data::String(s) => {
            assert!(s.starts_with('0'), "{s}");
            assert_eq!(s.replace(' ', ""), "0903123456");
        }
        other => panic!("the phone is {other:?}"),
    }
    match value_of("Ngày sinh") {
        Data::DateTime(d) => assert_eq!(
            d.as_datetime().map(|t| t.date()),
            NaiveDate::from_ymd_opt(1990, 7, 15)
        ),
        other => panic!("the birth date is {other:?}"),
    }
    // The passport number is text, its expiry a date.
    let passport = cells(&mut book, "Hộ chiếu");
    assert_eq!(passport[0][1], Data::String("C1234567".into()));
    assert!(matches!(passport[1][1], Data::DateTime(_)), "{passport:?}");

    // Prepaid: amounts are numbers in their currency's format, days are dates.
    let prepaid = "Tiền trả trước";
    let dong = find(&mut book, prepaid, &Data::Float(1_250_000.0)).expect("1.250.000 ₫");
    assert!(number_format(&mut book, prepaid, dong).contains('₫'));
    let dollars = find(&mut book, prepaid, &Data::Float(200.5)).expect("200,50 US$");
    let format = number_format(&mut book, prepaid, dollars);
    assert!(
        format.contains("US$") && format.contains("0.00"),
        "{format}"
    );
    assert!(format.contains(";("), "negatives in parentheses: {format}");
    let rows = cells(&mut book, prepaid);
    assert!(matches!(rows[1][0], Data::DateTime(_)), "{:?}", rows[1]);
    assert_header_frozen_and_filtered(&sheet_xml(&bytes, 11));

    // The note typed as a formula is her text.
    let notes = cells(&mut book, "Ghi chú");
    assert!(
        notes
            .iter()
            .flatten()
            .any(|d| *d == Data::String("=1+1".into())),
        "{notes:?}"
    );
    no_formulas(&mut book);
}

#[test]
fn a_sheet_of_chosen_sections_has_only_their_worksheets() {
    let (mut desk, _dir) = desk();
    let id = hong(&mut desk);
    let settings = SheetSettings {
        sections: SheetSettings::parse_sections("notes,prepaid").unwrap(),
        ..Default::default()
    };
    let bytes = desk.sheet_xlsx(&id, &settings, now()).unwrap().bytes;
    let book = open_bytes(bytes);
    assert_eq!(
        book.sheet_names(),
        ["Phiếu khách hàng", "Tiền trả trước", "Ghi chú"]
    );
}

/// The list: five customers, two of them VIP, one named as a formula, one erased.
struct List {
    desk: Desk,
    _dir: tempfile::TempDir,
    ids: Vec<CustomerId>,
}

fn list() -> List {
    let (mut desk, dir) = desk();
    let vip = desk
        .levels()
        .unwrap()
        .into_iter()
        .find(|l| l.key == "vip")
        .unwrap()
        .id;
    let people = [
        ("Nguyễn Thị Hồng", "0903123456", true),
        ("Trần Văn Minh", "0912000111", false),
        ("Nguyễn Văn An", "", true),
        ("=1+1", "+84 98 765 43 21", false),
        ("Lê Thị Bích", "0987000222", false),
    ];
    let ids = people
        .iter()
        .map(|(name, phone, is_vip)| {
            desk.add_customer(NewCustomer {
                level_id: is_vip.then(|| vip.clone()),
                last_contact_on: "2026-02-20".into(),
                country: "VN".into(),
                ..person(name, phone, "")
            })
            .unwrap()
            .id
        })
        .collect();
    List {
        desk,
        _dir: dir,
        ids,
    }
}

/// The data rows of a list export (header left out), and the header.
fn read_list(path: &Path) -> (Vec<Data>, Vec<Vec<Data>>) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let mut rows = cells(&mut book, &name);
    no_formulas(&mut book);
    let header = rows.remove(0);
    (header, rows)
}

fn names(rows: &[Vec<Data>]) -> Vec<String> {
    rows.iter().map(|r| r[1].to_string()).collect()
}

#[test]
fn the_selected_customers_export_with_the_lists_columns_and_typed_cells() {
    let List { desk, _dir, ids } = list();
    let out = _dir.path().join("selected.xlsx");
    let selected = [ids[3].clone(), ids[0].clone(), ids[1].clone()];
    let query = CustomerQuery {
        sort: CustomerSort::Name,
        ..Default::default()
    };
    assert_eq!(
        desk.export_customer_list(&out, &query, &selected).unwrap(),
        3
    );
    let (header, rows) = read_list(&out);
    assert_eq!(
        header.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
        [
            "Mã KH",
            "Họ và tên",
            "Cấp độ",
            "Điện thoại",
            "Email",
            "Người phụ trách",
            "Liên hệ gần nhất",
            "Quốc gia"
        ]
    );
    // Exactly those three, in the list's order (by name).
    assert_eq!(names(&rows), ["=1+1", "Nguyễn Thị Hồng", "Trần Văn Minh"]);
    let hong = &rows[1];
    assert!(
        matches!(&hong[0], Data::String(code) if code.starts_with("KH")),
        "{hong:?}"
    );
    assert_eq!(hong[2], Data::String("VIP".into()));
    match &hong[3] {
        Data::String(s) => assert_eq!(s.replace(' ', ""), "0903123456"),
        other => panic!("the phone is {other:?}"),
    }
    match &hong[6] {
        Data::DateTime(d) => assert_eq!(
            d.as_datetime().map(|t| t.date()),
            NaiveDate::from_ymd_opt(2026, 2, 20)
        ),
        other => panic!("the last contact is {other:?}"),
    }
    assert_eq!(hong[7], Data::String("VN".into()));
    assert_eq!(rows[0][1], Data::String("=1+1".into()));

    let bytes = std::fs::read(&out).unwrap();
    assert_header_frozen_and_filtered(&sheet_xml(&bytes, 1));
}

#[test]
fn the_current_filter_exports_every_match_and_never_an_erased_customer() {
    let List {
        mut desk,
        _dir,
        ids,
    } = list();
    let vip = desk
        .levels()
        .unwrap()
        .into_iter()
        .find(|l| l.key == "vip")
        .unwrap()
        .id;
    let out = _dir.path().join("filter.xlsx");

    // A level filter, with a window the export ignores.
    let by_level = CustomerQuery {
        level_id: Some(vip),
        limit: 1,
        offset: 1,
        ..Default::default()
    };
    assert_eq!(desk.export_customer_list(&out, &by_level, &[]).unwrap(), 2);
    assert_eq!(
        names(&read_list(&out).1),
        ["Nguyễn Thị Hồng", "Nguyễn Văn An"]
    );

    // A search typed without accents, in descending name order.
    let search = CustomerQuery {
        text: "nguyen".into(),
        descending: true,
        ..Default::default()
    };
    desk.export_customer_list(&out, &search, &[]).unwrap();
    assert_eq!(
        names(&read_list(&out).1),
        ["Nguyễn Văn An", "Nguyễn Thị Hồng"]
    );

    // Erased: neither by the filter nor by her id.
    desk.erase_customer(&ids[0]).unwrap();
    assert_eq!(desk.export_customer_list(&out, &search, &[]).unwrap(), 1);
    assert_eq!(names(&read_list(&out).1), ["Nguyễn Văn An"]);
    let n = desk
        .export_customer_list(
            &out,
            &CustomerQuery::default(),
            &[ids[0].clone(), ids[2].clone()],
        )
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(names(&read_list(&out).1), ["Nguyễn Văn An"]);

    // Everyone left, in her language's header; a CSV by its extension.
    let all = desk
        .export_customer_list(&out, &CustomerQuery::default(), &[])
        .unwrap();
    assert_eq!(all, 4);
    let csv = _dir.path().join("list.csv");
    assert_eq!(
        desk.export_customer_list(&csv, &CustomerQuery::default(), &[])
            .unwrap(),
        4
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("'=1+1"), "{text}");
}

#[test]
fn the_export_of_every_field_has_its_header_frozen_filtered_and_columns_sized() {
    let List { desk, _dir, .. } = list();
    let out = _dir.path().join("all.xlsx");
    assert_eq!(desk.export_customers(&out).unwrap(), 5);
    let bytes = std::fs::read(&out).unwrap();
    assert_header_frozen_and_filtered(&sheet_xml(&bytes, 1));
    let (_, rows) = read_list(&out);
    // Codes and phones are text; a name typed as a formula is text.
    assert!(rows.iter().all(|r| matches!(r[0], Data::String(_))));
    assert!(rows.iter().any(|r| r[1] == Data::String("=1+1".into())));
}
