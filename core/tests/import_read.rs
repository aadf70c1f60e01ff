#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

//! Reading files to import, against real files: xlsx made here with rust_xlsxwriter, CSV bytes
//! written here, and the .xls/.ods/password fixtures in tests/fixtures/import.

use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};
use tripdesk::import::read::{Cell, CsvEncoding, CsvOptions, FileFormat, Workbook, MAX_ROWS};
use tripdesk::ErrorKind;

#[path = "common/xls.rs"]
mod xls;
use xls::{biff, number, workbook_stream, xls_with};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn all_rows(book: &mut Workbook, sheet: usize) -> Vec<Vec<Cell>> {
    book.rows(sheet)
        .unwrap()
        .collect::<tripdesk::Result<Vec<_>>>()
        .unwrap()
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn date(y: i32, m: u32, d: u32) -> Cell {
    Cell::Date(
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
    )
}

fn open_err(path: &Path) -> ErrorKind {
    match Workbook::open(path, None) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(e) => e.kind(),
    }
}

/// The header and customers every fixture holds, from the header row on.
fn assert_customer_table(rows: &[Vec<Cell>]) {
    assert_eq!(rows[0], vec![text("DANH SÁCH KHÁCH HÀNG")]);
    assert_eq!(
        rows[1],
        ["Mã KH", "Họ và tên", "Ngày sinh", "Điện thoại", "Email"]
            .map(text)
            .to_vec()
    );
    assert_eq!(
        rows[2],
        vec![
            text("KH001"),
            text("Nguyễn Thị Hồng"),
            date(1985, 3, 12),
            Cell::Number(903123456.0),
            text("hong.nguyen@example.com"),
        ]
    );
    assert_eq!(rows[3][1], text("Trần Văn Đức"));
    assert_eq!(rows[3][2], text("07/11/1990"));
    // An empty birth date stays in its column; an empty email at the end is trimmed.
    assert_eq!(
        rows[4],
        vec![
            text("KH003"),
            text("Lê Thị Ánh Tuyết"),
            Cell::Empty,
            text("+84 28 3823 4567"),
        ]
    );
    assert_eq!(rows.len(), 5);
}

// --- xlsx ---------------------------------------------------------------------------------

fn customer_xlsx(dir: &Path) -> PathBuf {
    use rust_xlsxwriter::{Format, Workbook as XlsxBook};
    let mut book = XlsxBook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Khách hàng").unwrap();
    let title = Format::new().set_bold();
    sheet
        .merge_range(0, 0, 0, 4, "DANH SÁCH KHÁCH HÀNG", &title)
        .unwrap();
    for (col, h) in ["Mã KH", "Họ và tên", "Ngày sinh", "Điện thoại", "Email"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, col as u16, *h).unwrap();
    }
    let day = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(2, 0, "KH001").unwrap();
    sheet.write_string(2, 1, "Nguyễn Thị Hồng").unwrap();
    sheet
        .write_datetime_with_format(2, 2, NaiveDate::from_ymd_opt(1985, 3, 12).unwrap(), &day)
        .unwrap();
    sheet.write_number(2, 3, 903123456).unwrap();
    sheet.write_string(2, 4, "hong.nguyen@example.com").unwrap();
    // Rows 4 and 5 (index 3, 4) are blank; a whitespace-only cell counts as blank.
    sheet.write_string(4, 2, "   ").unwrap();
    // Decomposed (NFD) text comes back composed, and trimmed.
    sheet
        .write_string(
            5,
            1,
            " Tra\u{0302}\u{0300}n Va\u{0306}n \u{0110}u\u{031b}\u{0301}c ",
        )
        .unwrap();
    sheet.write_number(5, 3, 1.5).unwrap();
    sheet.write_boolean(5, 4, true).unwrap();
    sheet.write_string(5, 6, "far right").unwrap();
    let path = dir.join("customers.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn an_xlsx_reads_text_numbers_dates_and_blank_rows_at_their_file_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = customer_xlsx(dir.path());
    let mut book = Workbook::open(&path, None).unwrap();
    assert_eq!(book.format(), FileFormat::Xlsx);
    assert_eq!(book.sheet_names(), ["Khách hàng"]);
    assert_eq!(book.csv_options(), None);
    assert_eq!(book.first_sheet_with_data().unwrap(), 0);
    let rows = all_rows(&mut book, 0);
    assert_eq!(rows[0], vec![text("DANH SÁCH KHÁCH HÀNG")]);
    assert_eq!(rows[1][4], text("Email"));
    assert_eq!(
        rows[2],
        vec![
            text("KH001"),
            text("Nguyễn Thị Hồng"),
            date(1985, 3, 12),
            Cell::Number(903123456.0),
            text("hong.nguyen@example.com"),
        ]
    );
    assert_eq!(rows[3], Vec::<Cell>::new());
    assert_eq!(rows[4], Vec::<Cell>::new());
    assert_eq!(
        rows[5],
        vec![
            Cell::Empty,
            text("Trần Văn Đức"),
            Cell::Empty,
            Cell::Number(1.5),
            Cell::Bool(true),
            Cell::Empty,
            text("far right"),
        ]
    );
    assert_eq!(rows.len(), 6);
    // A second pass reads the same.
    assert_eq!(all_rows(&mut book, 0), rows);
}

#[test]
fn the_first_sheet_with_data_skips_an_empty_first_sheet() {
    use rust_xlsxwriter::Workbook as XlsxBook;
    let dir = tempfile::tempdir().unwrap();
    let mut xlsx = XlsxBook::new();
    xlsx.add_worksheet().set_name("Trống").unwrap();
    let data = xlsx.add_worksheet();
    data.set_name("Khách").unwrap();
    data.write_string(3, 1, "Nguyễn Văn An").unwrap();
    let path = dir.path().join("two.xlsx");
    xlsx.save(&path).unwrap();

    let mut book = Workbook::open(&path, None).unwrap();
    assert_eq!(book.sheet_names(), ["Trống", "Khách"]);
    assert_eq!(book.first_sheet_with_data().unwrap(), 1);
    assert_eq!(all_rows(&mut book, 0), Vec::<Vec<Cell>>::new());
    let rows = all_rows(&mut book, 1);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3], vec![Cell::Empty, text("Nguyễn Văn An")]);
    assert!(book.rows(2).is_err());
}

#[test]
fn an_xlsx_of_twenty_thousand_rows_streams_every_row_in_order() {
    use rust_xlsxwriter::Workbook as XlsxBook;
    let dir = tempfile::tempdir().unwrap();
    let mut xlsx = XlsxBook::new();
    let sheet = xlsx.add_worksheet();
    sheet.write_string(0, 0, "Mã KH").unwrap();
    sheet.write_string(0, 1, "Số").unwrap();
    for i in 1..20_000u32 {
        if i % 1000 == 500 {
            continue; // a blank row now and then
        }
        sheet.write_string(i, 0, format!("KH{i:05}")).unwrap();
        sheet.write_number(i, 1, i).unwrap();
    }
    let path = dir.path().join("big.xlsx");
    xlsx.save(&path).unwrap();

    let mut book = Workbook::open(&path, None).unwrap();
    let mut count = 0u32;
    for (n, row) in book.rows(0).unwrap().enumerate() {
        let row = row.unwrap();
        let n = n as u32;
        if n == 0 {
            assert_eq!(row[0], text("Mã KH"));
        } else if n % 1000 == 500 {
            assert!(row.is_empty(), "row {} should be blank", n + 1);
        } else {
            assert_eq!(
                row,
                vec![text(&format!("KH{n:05}")), Cell::Number(n as f64)]
            );
        }
        count += 1;
    }
    assert_eq!(count, 20_000);
}

#[test]
fn a_sheet_past_the_row_limit_stops_with_file_too_large() {
    use rust_xlsxwriter::Workbook as XlsxBook;
    let dir = tempfile::tempdir().unwrap();
    let mut xlsx = XlsxBook::new();
    let sheet = xlsx.add_worksheet();
    sheet.write_string(0, 0, "đầu").unwrap();
    sheet.write_string(MAX_ROWS, 0, "cuối").unwrap();
    let path = dir.path().join("tall.xlsx");
    xlsx.save(&path).unwrap();

    let mut book = Workbook::open(&path, None).unwrap();
    let mut rows = book.rows(0).unwrap();
    let mut ok = 0u32;
    let err = loop {
        match rows.next() {
            Some(Ok(_)) => ok += 1,
            Some(Err(e)) => break e,
            None => panic!("no error after {ok} rows"),
        }
    };
    assert_eq!(err.kind(), ErrorKind::FileTooLarge);
    assert_eq!(ok, MAX_ROWS);
    assert!(rows.next().is_none());
}

// --- xls and ods fixtures -----------------------------------------------------------------

#[test]
fn the_xls_fixture_reads_its_customers_with_the_date_and_the_phone_number() {
    let mut book = Workbook::open(&fixture("customers.xls"), None).unwrap();
    assert_eq!(book.format(), FileFormat::Xls);
    assert_eq!(book.sheet_names(), ["Khách hàng"]);
    assert_eq!(book.first_sheet_with_data().unwrap(), 0);
    assert_customer_table(&all_rows(&mut book, 0));
}

#[test]
fn the_ods_fixture_reads_its_customers_with_the_date_and_the_phone_number() {
    let mut book = Workbook::open(&fixture("customers.ods"), None).unwrap();
    assert_eq!(book.format(), FileFormat::Ods);
    assert_eq!(book.sheet_names(), ["Khách hàng"]);
    assert_customer_table(&all_rows(&mut book, 0));
}

#[test]
fn the_kind_is_told_by_content_not_by_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let xls_named_xlsx = dir.path().join("customers.xlsx");
    std::fs::copy(fixture("customers.xls"), &xls_named_xlsx).unwrap();
    assert_eq!(
        Workbook::open(&xls_named_xlsx, None).unwrap().format(),
        FileFormat::Xls
    );

    let xlsx_named_csv = dir.path().join("export.csv");
    std::fs::copy(customer_xlsx(dir.path()), &xlsx_named_csv).unwrap();
    assert_eq!(
        Workbook::open(&xlsx_named_csv, None).unwrap().format(),
        FileFormat::Xlsx
    );

    // A CSV saved with an .xls name (what many web systems export) is read as a CSV.
    let csv_named_xls = write(dir.path(), "export.xls", "Họ tên,SĐT\nAn,0903\n".as_bytes());
    let mut book = Workbook::open(&csv_named_xls, None).unwrap();
    assert_eq!(book.format(), FileFormat::Csv);
    assert_eq!(all_rows(&mut book, 0)[1], vec![text("An"), text("0903")]);
}

// --- CSV ----------------------------------------------------------------------------------

const CUSTOMERS_CSV: &str = "Họ và tên,Điện thoại,Ghi chú\nNguyễn Thị Hồng,0903123456,khách quen\nTrần Văn Đức,0912345678,\n";

fn assert_customers_csv(book: &mut Workbook) {
    let rows = all_rows(book, 0);
    assert_eq!(
        rows,
        vec![
            vec![text("Họ và tên"), text("Điện thoại"), text("Ghi chú")],
            vec![
                text("Nguyễn Thị Hồng"),
                text("0903123456"),
                text("khách quen")
            ],
            vec![text("Trần Văn Đức"), text("0912345678")],
        ]
    );
}

#[test]
fn a_utf8_csv_reads_with_or_without_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let plain = write(dir.path(), "khach hang.csv", CUSTOMERS_CSV.as_bytes());
    let mut book = Workbook::open(&plain, None).unwrap();
    assert_eq!(book.format(), FileFormat::Csv);
    assert_eq!(book.sheet_names(), ["khach hang"]);
    assert_eq!(
        book.csv_options(),
        Some(CsvOptions {
            encoding: CsvEncoding::Utf8,
            delimiter: ','
        })
    );
    assert_customers_csv(&mut book);

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(CUSTOMERS_CSV.as_bytes());
    let path = write(dir.path(), "bom.csv", &bom);
    let mut book = Workbook::open(&path, None).unwrap();
    assert_eq!(book.csv_options().unwrap().encoding, CsvEncoding::Utf8);
    assert_customers_csv(&mut book);
}

fn utf16(s: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(s.encode_utf16());
    for u in units {
        out.extend_from_slice(&if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

#[test]
fn a_utf16_csv_reads_with_a_bom_and_without_one() {
    let dir = tempfile::tempdir().unwrap();
    // Excel's "Unicode text" is UTF-16LE with a BOM, tab-separated.
    let tabbed = CUSTOMERS_CSV.replace(',', "\t");
    let path = write(dir.path(), "le.txt", &utf16(&tabbed, true, true));
    let mut book = Workbook::open(&path, None).unwrap();
    assert_eq!(
        book.csv_options(),
        Some(CsvOptions {
            encoding: CsvEncoding::Utf16Le,
            delimiter: '\t'
        })
    );
    assert_customers_csv(&mut book);

    // Big-endian, and both without a byte-order mark: told by where the zero bytes fall.
    for (name, little_endian, bom, encoding) in [
        ("be.csv", false, true, CsvEncoding::Utf16Be),
        ("le-nobom.csv", true, false, CsvEncoding::Utf16Le),
        ("be-nobom.csv", false, false, CsvEncoding::Utf16Be),
    ] {
        let path = write(dir.path(), name, &utf16(CUSTOMERS_CSV, little_endian, bom));
        let mut book = Workbook::open(&path, None).unwrap();
        assert_eq!(book.csv_options().unwrap().encoding, encoding, "{name}");
        assert_customers_csv(&mut book);
    }
}

/// Vietnamese as windows-1258 holds it: the letters ă â ê ô ơ ư đ precomposed, the tone marks
/// as combining characters after them (the table has no "ễ", only "ê" and a combining tilde).
fn windows_1258_form(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = String::new();
    for c in s.nfc() {
        let parts: Vec<char> = c.nfd().collect();
        out.extend(parts.iter().copied().filter(|p| !TONES.contains(p)).nfc());
        out.extend(parts.iter().filter(|p| TONES.contains(p)));
    }
    out
}

#[test]
fn a_windows_1258_csv_reads_back_as_nfc_vietnamese() {
    let name = "Nguyễn Thị Hồng";
    let source = windows_1258_form(&format!("Họ tên;Ghi chú\n{name};Đà Lạt, Huế\n"));
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&source);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the bytes should not be UTF-8"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "1258.csv", &bytes);
    let mut book = Workbook::open(&path, None).unwrap();
    assert_eq!(
        book.csv_options(),
        Some(CsvOptions {
            encoding: CsvEncoding::Windows1258,
            delimiter: ';'
        })
    );
    let rows = all_rows(&mut book, 0);
    // windows-1258 carries tone marks as combining characters; the cell is composed again.
    assert_eq!(rows[1], vec![text(name), text("Đà Lạt, Huế")]);
    let Cell::Text(read) = &rows[1][0] else {
        panic!()
    };
    assert_eq!(read.chars().count(), name.chars().count());
    assert_eq!(rows[0], vec![text("Họ tên"), text("Ghi chú")]);
}

#[test]
fn her_csv_options_override_detection() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "c.csv", "a;b,c\nd;e,f\n".as_bytes());
    let detected = Workbook::open(&path, None).unwrap().csv_options().unwrap();
    assert_eq!(detected.delimiter, ','); // a tie: the comma first
    let chosen = CsvOptions {
        encoding: CsvEncoding::Windows1258,
        delimiter: ';',
    };
    let mut book = Workbook::open(&path, Some(chosen)).unwrap();
    assert_eq!(book.csv_options(), Some(chosen));
    assert_eq!(all_rows(&mut book, 0)[0], vec![text("a"), text("b,c")]);

    let bad = CsvOptions {
        encoding: CsvEncoding::Utf8,
        delimiter: 'x',
    };
    assert!(Workbook::open(&path, Some(bad)).is_err());
}

#[test]
fn the_delimiter_is_the_one_that_splits_lines_consistently() {
    let dir = tempfile::tempdir().unwrap();
    // Addresses full of commas, in a file split by semicolons, under a title line.
    let semicolons = "DANH SÁCH KHÁCH\nHọ tên;Địa chỉ;SĐT\nAn;12 Lê Lợi, Quận 1, TP.HCM;0903\nBình;5 Trần Phú, Hà Đông;0912\nChi;Đà Nẵng;0935\n";
    let path = write(dir.path(), "semi.csv", semicolons.as_bytes());
    let mut book = Workbook::open(&path, None).unwrap();
    assert_eq!(book.csv_options().unwrap().delimiter, ';');
    let rows = all_rows(&mut book, 0);
    assert_eq!(rows[0], vec![text("DANH SÁCH KHÁCH")]);
    assert_eq!(rows[2][1], text("12 Lê Lợi, Quận 1, TP.HCM"));

    let tabs = "Họ tên\tSĐT\nAn\t0903\nBình\t0912\n";
    let path = write(dir.path(), "tabs.csv", tabs.as_bytes());
    let mut book = Workbook::open(&path, None).unwrap();
    assert_eq!(book.csv_options().unwrap().delimiter, '\t');
    assert_eq!(all_rows(&mut book, 0)[2], vec![text("Bình"), text("0912")]);
}

#[test]
fn a_quoted_field_may_hold_a_newline_and_the_delimiter_and_blank_lines_are_rows() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "Họ tên,Địa chỉ,SĐT\r\n\"Nguyễn Văn An\",\"12 Lê Lợi,\r\nQuận 1\",0903\r\n\r\n  ,  ,\r\n\"Lê \"\"Bé\"\" Ba\",,0912\r\n";
    let path = write(dir.path(), "quoted.csv", csv.as_bytes());
    let mut book = Workbook::open(&path, None).unwrap();
    let rows = all_rows(&mut book, 0);
    assert_eq!(
        rows,
        vec![
            vec![text("Họ tên"), text("Địa chỉ"), text("SĐT")],
            vec![
                text("Nguyễn Văn An"),
                text("12 Lê Lợi,\r\nQuận 1"),
                text("0903")
            ],
            vec![],
            vec![],
            vec![text("Lê \"Bé\" Ba"), Cell::Empty, text("0912")],
        ]
    );
}

// --- refused files ------------------------------------------------------------------------

#[test]
fn an_empty_file_or_one_without_any_value_is_file_empty() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        open_err(&write(dir.path(), "empty.csv", b"")),
        ErrorKind::FileEmpty
    );
    assert_eq!(
        open_err(&write(dir.path(), "empty.xlsx", b"")),
        ErrorKind::FileEmpty
    );
    assert_eq!(
        open_err(&write(dir.path(), "blank.csv", b"\r\n ; ;\r\n\r\n")),
        ErrorKind::FileEmpty
    );

    let mut xlsx = rust_xlsxwriter::Workbook::new();
    xlsx.add_worksheet();
    let path = dir.path().join("blank.xlsx");
    xlsx.save(&path).unwrap();
    assert_eq!(open_err(&path), ErrorKind::FileEmpty);
}

#[test]
fn a_text_file_named_xlsx_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "customers.xlsx", b"not a zip\n");
    assert_eq!(open_err(&path), ErrorKind::FileUnreadable);
}

#[test]
fn a_truncated_zip_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(customer_xlsx(dir.path())).unwrap();
    let path = write(dir.path(), "cut.xlsx", &whole[..whole.len() / 2]);
    assert_eq!(open_err(&path), ErrorKind::FileUnreadable);
}

#[test]
fn random_bytes_named_csv_are_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = fastrand::Rng::with_seed(1258);
    let mut bytes: Vec<u8> = (0..20_000).map(|_| rng.u8(..)).collect();
    bytes[0] = b'x'; // not a known magic number
    let path = write(dir.path(), "customers.csv", &bytes);
    assert_eq!(open_err(&path), ErrorKind::FileUnreadable);

    // Control characters without NULs are no better.
    let controls: Vec<u8> = (0..5_000).map(|i| [b'a', 1, 2, 3, 0x1B][i % 5]).collect();
    let path = write(dir.path(), "controls.csv", &controls);
    assert_eq!(open_err(&path), ErrorKind::FileUnreadable);
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn a_zip_that_is_no_spreadsheet_is_unsupported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "customers.xlsx",
        &zip_with(&[("readme.txt", b"hello")]),
    );
    assert_eq!(open_err(&path), ErrorKind::FileUnsupported);
    let docx = zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w:document/>"),
    ]);
    assert_eq!(
        open_err(&write(dir.path(), "letter.docx", &docx)),
        ErrorKind::FileUnsupported
    );
    let xlsb = zip_with(&[("xl/workbook.bin", b"\x83\x01")]);
    assert_eq!(
        open_err(&write(dir.path(), "book.xlsb", &xlsb)),
        ErrorKind::FileUnsupported
    );
    let odt = zip_with(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
    assert_eq!(
        open_err(&write(dir.path(), "letter.odt", &odt)),
        ErrorKind::FileUnsupported
    );
    assert_eq!(
        open_err(&write(dir.path(), "scan.pdf", b"%PDF-1.7\n...")),
        ErrorKind::FileUnsupported
    );
    let html = "<!DOCTYPE html><html><body><table><tr><td>An</td></tr></table></body></html>";
    assert_eq!(
        open_err(&write(dir.path(), "export.xls", html.as_bytes())),
        ErrorKind::FileUnsupported
    );
}

#[test]
fn an_ole_header_followed_by_garbage_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut rng = fastrand::Rng::with_seed(97);
    bytes.extend((0..4096).map(|_| rng.u8(..)));
    let path = write(dir.path(), "customers.xls", &bytes);
    assert_eq!(open_err(&path), ErrorKind::FileUnreadable);
}

#[test]
fn an_xlsx_saved_with_a_password_is_password_protected() {
    // Encrypted with msoffcrypto-tool (see make-fixtures.mjs): a real OLE file with
    // EncryptionInfo and EncryptedPackage streams.
    assert_eq!(
        open_err(&fixture("protected.xlsx")),
        ErrorKind::FilePasswordProtected
    );
}

/// A minimal OLE file whose directory names the two streams of an encrypted package: a
/// 512-byte header, then one directory sector (root, EncryptionInfo, EncryptedPackage).
#[test]
fn an_ole_file_holding_an_encrypted_package_is_password_protected() {
    fn entry(name: &str, typ: u8) -> [u8; 128] {
        let mut e = [0u8; 128];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (i, u) in units.iter().enumerate() {
            e[i * 2..i * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[0x40..0x42].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        e[0x42] = typ;
        e
    }
    let mut bytes = vec![0u8; 512];
    bytes[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    bytes[0x1A..0x1E].copy_from_slice(&[0x3E, 0x00, 0x03, 0x00]);
    bytes[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
    bytes.extend_from_slice(&entry("Root Entry", 5));
    bytes.extend_from_slice(&entry("EncryptionInfo", 2));
    bytes.extend_from_slice(&entry("EncryptedPackage", 2));
    bytes.extend_from_slice(&[0u8; 128]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "customers.xlsx", &bytes);
    assert_eq!(open_err(&path), ErrorKind::FilePasswordProtected);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(tripdesk::import::read::MAX_FILE_BYTES + 1)
        .unwrap(); // sparse: no disk used
    assert_eq!(open_err(&path), ErrorKind::FileTooLarge);
}

#[test]
fn a_zip_bomb_is_refused_before_it_inflates() {
    // 20 MB of zeros deflate to ~20 KB: over 200:1 on an entry over 10 MB.
    let zeros = vec![0u8; 20 * 1024 * 1024];
    let bomb = zip_with(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/sharedStrings.xml", &zeros),
    ]);
    assert!(bomb.len() < 200 * 1024, "the bomb is {} bytes", bomb.len());
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bomb.xlsx", &bomb);
    assert_eq!(open_err(&path), ErrorKind::FileTooLarge);
}

/// The offsets of the central directory headers of a zip.
fn central_headers(zip: &[u8]) -> Vec<usize> {
    zip.windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x01\x02")
        .map(|(i, _)| i)
        .collect()
}

fn entry_name(zip: &[u8], central: usize) -> String {
    let len = u16::from_le_bytes([zip[central + 28], zip[central + 29]]) as usize;
    String::from_utf8_lossy(&zip[central + 46..central + 46 + len]).into_owned()
}

#[test]
fn a_zip_declaring_a_huge_entry_is_refused_from_its_directory() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(customer_xlsx(dir.path())).unwrap();
    let central = central_headers(&bytes)
        .into_iter()
        .find(|c| entry_name(&bytes, *c) == "xl/worksheets/sheet1.xml")
        .unwrap();
    // Declared uncompressed size: 0xF0000000 (~3.75 GB).
    bytes[central + 24..central + 28].copy_from_slice(&0xF000_0000u32.to_le_bytes());
    let path = write(dir.path(), "declared.xlsx", &bytes);
    assert_eq!(open_err(&path), ErrorKind::FileTooLarge);
}

#[test]
fn a_zip_entry_larger_than_it_declares_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(customer_xlsx(dir.path())).unwrap();
    let central = central_headers(&bytes)
        .into_iter()
        .find(|c| entry_name(&bytes, *c) == "xl/sharedStrings.xml")
        .unwrap();
    let local = u32::from_le_bytes(bytes[central + 42..central + 46].try_into().unwrap()) as usize;
    // Both headers say 10 bytes: the reader must stop there rather than trust the stream.
    bytes[central + 24..central + 28].copy_from_slice(&10u32.to_le_bytes());
    bytes[local + 22..local + 26].copy_from_slice(&10u32.to_le_bytes());
    let path = write(dir.path(), "lying.xlsx", &bytes);
    assert_eq!(open_err(&path), ErrorKind::FileUnreadable);
}

#[test]
fn an_ods_whose_repeated_rows_span_a_huge_grid_is_too_large() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Bomb">
<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string" table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods = zip_with(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bomb.ods", &ods);
    assert_eq!(open_err(&path), ErrorKind::FileTooLarge);
}

// --- xls that calamine would read into unbounded memory -----------------------------------

#[test]
fn an_xls_built_here_reads_its_cells() {
    // The files below differ from this one only where they say: what refuses them is what
    // they say, not the way they are built.
    let dir = tempfile::tempdir().unwrap();
    let bytes = xls_with(
        &workbook_stream(&[number(0, 0, 1.0), number(2, 1, 903123456.0)]),
        |_| {},
    );
    let path = write(dir.path(), "built.xls", &bytes);
    let mut book = Workbook::open(&path, None).unwrap();
    assert_eq!(book.format(), FileFormat::Xls);
    assert_eq!(book.sheet_names(), ["KH"]);
    assert_eq!(
        all_rows(&mut book, 0),
        vec![
            vec![Cell::Number(1.0)],
            vec![],
            vec![Cell::Empty, Cell::Number(903123456.0)],
        ]
    );
}

#[test]
fn an_xls_whose_dimensions_announce_billions_of_cells_is_too_large() {
    // Found by fuzzing: calamine reserves room for the cells a sheet's DIMENSIONS record
    // announces, and an allocation that big aborts the process instead of failing.
    let rows = [&0u32.to_le_bytes()[..], &u32::MAX.to_le_bytes()].concat();
    let dimensions = biff(
        0x0200,
        &[
            &rows[..],
            &0u16.to_le_bytes(),
            &200u16.to_le_bytes(),
            &[0, 0],
        ]
        .concat(),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "dimensions.xls",
        &xls_with(&workbook_stream(&[dimensions, number(0, 0, 1.0)]), |_| {}),
    );
    assert_eq!(open_err(&path), ErrorKind::FileTooLarge);
}

#[test]
fn an_xls_whose_two_cells_span_a_huge_grid_is_too_large() {
    // calamine lays a sheet out from its first cell to its last: 65,536 × 65,536 cells here.
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "far-apart.xls",
        &xls_with(
            &workbook_stream(&[number(0, 0, 1.0), number(u16::MAX, u16::MAX, 2.0)]),
            |_| {},
        ),
    );
    assert_eq!(open_err(&path), ErrorKind::FileTooLarge);
}

#[test]
fn an_xls_whose_sector_chain_loops_is_unreadable() {
    // The directory's sector leads back to itself: calamine reads a directory to the end of
    // its chain, so it would read this one round and round, growing without end.
    let dir = tempfile::tempdir().unwrap();
    let bytes = xls_with(&workbook_stream(&[number(0, 0, 1.0)]), |fat| fat[1] = 1);
    let path = write(dir.path(), "loop.xls", &bytes);
    assert_eq!(open_err(&path), ErrorKind::FileUnreadable);
}

#[test]
fn an_ole_header_whose_fat_is_past_the_end_is_unreadable() {
    // Found by fuzzing (minimised): a lone header naming sector 0 as the FAT. calamine pads
    // the missing sector with zeros, so every FAT entry leads to sector 0 and the directory
    // chain never ends.
    assert_eq!(
        open_err(&fixture("ole-fat-past-the-end.xls")),
        ErrorKind::FileUnreadable
    );
}

#[test]
fn cells_as_long_as_excel_allows_still_read() {
    // 32,767 characters, almost all escaped in the XML (`&amp;`): 160 KB a cell, and parts
    // over 1 MiB, so that the check for oversized pieces of XML runs on them.
    let long = "&".repeat(32_766);
    let dir = tempfile::tempdir().unwrap();
    let mut xlsx = rust_xlsxwriter::Workbook::new();
    let sheet = xlsx.add_worksheet();
    for row in 0..10 {
        sheet.write_string(row, 0, format!("{row}{long}")).unwrap();
    }
    let path = dir.path().join("long.xlsx");
    xlsx.save(&path).unwrap();
    let rows = all_rows(&mut Workbook::open(&path, None).unwrap(), 0);
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[9], vec![text(&format!("9{long}"))]);

    let long = "&".repeat(32_767);
    let csv = write(dir.path(), "long.csv", format!("a,{long}\n").as_bytes());
    let rows = all_rows(&mut Workbook::open(&csv, None).unwrap(), 0);
    assert_eq!(rows, vec![vec![text("a"), text(&long)]]);
}

#[test]
fn a_csv_field_longer_than_a_cell_or_a_line_wider_than_a_sheet_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A quotation mark never closed makes the rest of the file one field.
    let unclosed = format!("Họ tên,Ghi chú\nAn,\"{}", "Bình,0903\n".repeat(4000));
    let path = write(dir.path(), "unclosed.csv", unclosed.as_bytes());
    let mut book = Workbook::open(&path, None).unwrap();
    let mut rows = book.rows(0).unwrap();
    assert_eq!(rows.next().unwrap().unwrap()[0], text("Họ tên"));
    assert_eq!(
        rows.next().unwrap().unwrap_err().kind(),
        ErrorKind::FileUnreadable
    );
    let wide = format!("Họ tên{}\n", ",x".repeat(16_384));
    let path = write(dir.path(), "wide.csv", wide.as_bytes());
    assert_eq!(open_err(&path), ErrorKind::FileTooLarge);
}
