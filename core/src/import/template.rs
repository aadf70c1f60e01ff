//! The import template she downloads: a workbook made from the live list of fields (her own
//! fields included) with headers in her language, one example row that imports as it is,
//! drop-downs for the level, the responsible person and her choice fields, and a sheet that
//! says what every column accepts.

use super::columns::{ImportField, BUILT_IN};
use super::xlsx_error;
use crate::error::Result;
use crate::export::builtin_level;
use crate::settings::{CustomField, CustomFieldKind, Language};
use crate::Desk;
use chrono::NaiveDate;
use rust_xlsxwriter::{
    worksheet_range_absolute, Color, DataValidation, DataValidationErrorStyle, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet,
};
use std::path::Path;

/// The last row (0-based) the drop-downs cover: every row of the sheet below the header.
const LAST_ROW: u32 = 1_048_575;

/// A value of the example row.
enum Sample {
    Text(String),
    Day(NaiveDate),
    Number(f64),
    Empty,
}

impl Desk {
    /// Writes the import template to `path` (xlsx): the sheet to fill, its instructions and
    /// the hidden lists its drop-downs read, every text in `language`.
    pub fn write_import_template(&self, path: &Path, language: Language) -> Result<()> {
        let custom = self.custom_fields()?;
        let lists = Lists::load(self, language, &custom)?;
        let fields: Vec<ImportField> = BUILT_IN
            .iter()
            .cloned()
            .chain(custom.iter().map(|f| ImportField::Custom(f.id.0.clone())))
            .collect();
        let mut book = Workbook::new();
        book.push_worksheet(customers_sheet(&fields, &custom, &lists, language)?);
        book.push_worksheet(instructions_sheet(&fields, &custom, &lists, language)?);
        book.push_worksheet(lists_sheet(&lists, language)?);
        book.save(path).map_err(xlsx_error)?;
        Ok(())
    }
}

fn tr<'a>(language: Language, vi: &'a str, en: &'a str) -> &'a str {
    match language {
        Language::Vi => vi,
        Language::En => en,
    }
}

/// The values the drop-downs offer, as the import reads them back.
struct Lists {
    /// Level names in her language (a built-in level she has not renamed goes by its
    /// translated name, which the import knows in both languages).
    levels: Vec<String>,
    /// The level a new customer gets when the cell is empty.
    default_level: String,
    /// The level of the example row.
    example_level: String,
    /// Staff still with the agency.
    staff: Vec<String>,
    /// The allowed values of each choice field that has some.
    choices: Vec<Choices>,
}

struct Choices {
    field_id: String,
    name: String,
    values: Vec<String>,
}

impl Lists {
    fn load(desk: &Desk, language: Language, custom: &[CustomField]) -> Result<Lists> {
        let named = |l: &crate::levels::Level| {
            if l.name.is_empty() {
                builtin_level(&l.key, language).to_owned()
            } else {
                l.name.clone()
            }
        };
        let all_levels = desk.levels()?;
        let mut levels: Vec<String> = Vec::new();
        for level in &all_levels {
            push_once(&mut levels, named(level));
        }
        let by_key = |key: &str| all_levels.iter().find(|l| l.key == key).map(named);
        let first = levels.first().cloned().unwrap_or_default();
        let mut staff: Vec<String> = Vec::new();
        for s in desk.staff()?.into_iter().filter(|s| !s.removed) {
            push_once(&mut staff, s.name);
        }
        let choices = custom
            .iter()
            .filter(|f| f.kind == CustomFieldKind::Choice && !f.choices.is_empty())
            .map(|f| Choices {
                field_id: f.id.0.clone(),
                name: f.name.clone(),
                values: f.choices.clone(),
            })
            .collect();
        Ok(Lists {
            default_level: by_key("lead").unwrap_or_else(|| first.clone()),
            example_level: by_key("customer").unwrap_or(first),
            levels,
            staff,
            choices,
        })
    }

    fn choices_of(&self, id: &str) -> Option<&[String]> {
        self.choices
            .iter()
            .find(|c| c.field_id == id)
            .map(|c| c.values.as_slice())
    }
}

/// Adds a name unless one that the import reads the same (case and accents aside) is there.
fn push_once(list: &mut Vec<String>, name: String) {
    let key = super::columns::header_key(&name);
    if !key.is_empty() && !list.iter().any(|n| super::columns::header_key(n) == key) {
        list.push(name);
    }
}

/// A header row's cells, on both sheets: bold on light blue, ruled below.
fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border_bottom(FormatBorder::Thin)
}

/// The sheet she fills: the header row, the example row, the drop-downs.
fn customers_sheet(
    fields: &[ImportField],
    custom: &[CustomField],
    lists: &Lists,
    language: Language,
) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name(tr(language, "Khách hàng", "Customers"))
        .map_err(xlsx_error)?;
    let header = header_format();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    // Typed into a text column, 0903123456 keeps its leading zero and KH00042 stays a code.
    let text = Format::new().set_num_format("@");
    for (i, field) in fields.iter().enumerate() {
        let col = i as u16;
        let label = field.label(language, custom);
        ws.write_string_with_format(0, col, &label, &header)
            .map_err(xlsx_error)?;
        let sample = example(field, custom, lists, language);
        if is_date(field, custom) {
            ws.set_column_format(col, &date).map_err(xlsx_error)?;
        } else if is_text_only(field) {
            ws.set_column_format(col, &text).map_err(xlsx_error)?;
        }
        let sample_width = match &sample {
            Sample::Text(t) => t.chars().count(),
            Sample::Day(_) => 10,
            Sample::Number(_) | Sample::Empty => 0,
        };
        let width = (label.chars().count() + 4)
            .max(sample_width + 2)
            .clamp(12, 40);
        ws.set_column_width(col, width as f64).map_err(xlsx_error)?;
        match sample {
            Sample::Text(t) if t.is_empty() => {}
            Sample::Text(t) => {
                ws.write_string(1, col, &t).map_err(xlsx_error)?;
            }
            Sample::Day(d) => {
                ws.write_date_with_format(1, col, d, &date)
                    .map_err(xlsx_error)?;
            }
            Sample::Number(n) => {
                ws.write_number(1, col, n).map_err(xlsx_error)?;
            }
            Sample::Empty => {}
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    let list_sheet = list_sheet_name(language);
    let not_listed_title = tr(language, "Chưa có trong danh sách", "Not on the list");
    let level_col = fields.iter().position(|f| *f == ImportField::Level);
    if let Some(col) = level_col.filter(|_| !lists.levels.is_empty()) {
        let validation = drop_down(list_sheet, 0, lists.levels.len())
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title(not_listed_title)
            .map_err(xlsx_error)?
            .set_error_message(tr(
                language,
                "Cấp độ này chưa có trong Tripdesk. Khi nhập, bạn có thể chọn tạo cấp độ mới.",
                "This level is not in Tripdesk yet. When importing, you can choose to create it.",
            ))
            .map_err(xlsx_error)?;
        on_data_rows(&mut ws, col, &validation)?;
    }
    let staff_col = fields.iter().position(|f| *f == ImportField::Responsible);
    if let Some(col) = staff_col.filter(|_| !lists.staff.is_empty()) {
        let validation = drop_down(list_sheet, 1, lists.staff.len())
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title(not_listed_title)
            .map_err(xlsx_error)?
            .set_error_message(tr(
                language,
                "Người này chưa có trong danh sách nhân viên. Khi nhập, bạn có thể chọn tạo nhân viên mới.",
                "This person is not on the staff list yet. When importing, you can choose to add them.",
            ))
            .map_err(xlsx_error)?;
        on_data_rows(&mut ws, col, &validation)?;
    }
    // A choice field takes only its own values: anything else is refused by the import too.
    for (n, choices) in lists.choices.iter().enumerate() {
        let Some(col) = fields
            .iter()
            .position(|f| matches!(f, ImportField::Custom(c) if *c == choices.field_id))
        else {
            continue;
        };
        let validation = drop_down(list_sheet, 2 + n as u16, choices.values.len())
            .set_error_title(not_listed_title)
            .map_err(xlsx_error)?
            .set_error_message(tr(
                language,
                "Hãy chọn một giá trị trong danh sách thả xuống.",
                "Pick one of the values in the drop-down list.",
            ))
            .map_err(xlsx_error)?;
        on_data_rows(&mut ws, col, &validation)?;
    }
    Ok(ws)
}

fn list_sheet_name(language: Language) -> &'static str {
    tr(language, "Danh sách", "Lists")
}

/// Puts a validation on every row of column `col` below the header.
fn on_data_rows(ws: &mut Worksheet, col: usize, validation: &DataValidation) -> Result<()> {
    let col = col as u16;
    ws.add_data_validation(1, col, LAST_ROW, col, validation)
        .map_err(xlsx_error)?;
    Ok(())
}

/// A list validation whose values are the `len` cells below the header of column `col` of
/// the list sheet: a range, so a long list and names with commas work.
fn drop_down(list_sheet: &str, col: u16, len: usize) -> DataValidation {
    let range = worksheet_range_absolute(list_sheet, 1, col, len as u32, col);
    DataValidation::new().allow_list_formula(Formula::new(format!("={range}")))
}

/// The hidden sheet the drop-downs read: levels, staff, then each choice field's values.
fn lists_sheet(lists: &Lists, language: Language) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name(list_sheet_name(language)).map_err(xlsx_error)?;
    ws.set_hidden(true);
    let bold = Format::new().set_bold();
    let level = ImportField::Level.label(language, &[]);
    let staff = ImportField::Responsible.label(language, &[]);
    let mut columns: Vec<(String, &[String])> = vec![(level, &lists.levels), (staff, &lists.staff)];
    columns.extend(
        lists
            .choices
            .iter()
            .map(|c| (c.name.clone(), c.values.as_slice())),
    );
    for (c, (title, values)) in columns.into_iter().enumerate() {
        let col = c as u16;
        ws.write_string_with_format(0, col, &title, &bold)
            .map_err(xlsx_error)?;
        for (r, v) in values.iter().enumerate() {
            // `write_string` keeps a name such as "=VIP" as text, never a formula.
            ws.write_string(r as u32 + 1, col, v).map_err(xlsx_error)?;
        }
        ws.set_column_width(col, 30).map_err(xlsx_error)?;
    }
    Ok(ws)
}

/// The instructions: a few general lines, then one line per column.
fn instructions_sheet(
    fields: &[ImportField],
    custom: &[CustomField],
    lists: &Lists,
    language: Language,
) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name(tr(language, "Hướng dẫn", "Instructions"))
        .map_err(xlsx_error)?;
    let title = Format::new().set_bold().set_font_size(14);
    let header = header_format();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top_bold = Format::new().set_bold().set_align(FormatAlign::Top);
    let widths = [28.0, 100.0, 14.0];
    for (col, width) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, *width)
            .map_err(xlsx_error)?;
    }
    ws.set_landscape().set_print_fit_to_pages(1, 0);
    ws.write_string_with_format(
        0,
        0,
        tr(
            language,
            "Hướng dẫn điền tệp mẫu nhập khách hàng",
            "How to fill in the customer import template",
        ),
        &title,
    )
    .map_err(xlsx_error)?;
    let mut row = 2u32;
    for (n, line) in general_lines(language).iter().enumerate() {
        let line = format!("{}. {line}", n + 1);
        ws.merge_range(row, 0, row, 2, &line, &wrap)
            .map_err(xlsx_error)?;
        ws.set_row_height(row, wrapped_height(&line, widths.iter().sum()))
            .map_err(xlsx_error)?;
        row += 1;
    }
    row += 1;
    let (column, accepts, required) = match language {
        Language::Vi => ("Cột", "Nhập gì", "Bắt buộc"),
        Language::En => ("Column", "What it accepts", "Required"),
    };
    ws.write_string_with_format(row, 0, column, &header)
        .map_err(xlsx_error)?;
    ws.write_string_with_format(row, 1, accepts, &header)
        .map_err(xlsx_error)?;
    ws.write_string_with_format(row, 2, required, &header)
        .map_err(xlsx_error)?;
    for field in fields {
        row += 1;
        let what = accepted(field, custom, lists, language);
        ws.write_string_with_format(row, 0, field.label(language, custom), &top_bold)
            .map_err(xlsx_error)?;
        ws.write_string_with_format(row, 1, &what, &wrap)
            .map_err(xlsx_error)?;
        ws.set_row_height(row, wrapped_height(&what, widths[1]))
            .map_err(xlsx_error)?;
        if *field == ImportField::FullName {
            ws.write_string_with_format(row, 2, required, &top_bold)
                .map_err(xlsx_error)?;
        }
    }
    Ok(ws)
}

/// The height (points) a wrapped text needs in a column `width` characters wide: neither
/// Excel nor LibreOffice grows a row for wrapped text that a file writes.
fn wrapped_height(text: &str, width: f64) -> f64 {
    // A column's width counts digits, and most letters are narrower: one character a unit
    // leaves a margin.
    let per_line = width.max(1.0);
    let lines = (text.chars().count() as f64 / per_line).ceil().max(1.0);
    15.0 * lines
}

fn general_lines(language: Language) -> [&'static str; 7] {
    match language {
        Language::Vi => [
            "Mỗi khách hàng một dòng trên trang “Khách hàng”, từ dòng 2. Dòng 2 là ví dụ: hãy xoá hoặc ghi đè lên nó trước khi nhập.",
            "Dòng 1 là tiêu đề cột: giữ nguyên để Tripdesk tự nhận ra từng cột. Có thể xoá cột không dùng hay đổi thứ tự cột; cột nào Tripdesk không nhận ra, bạn chọn trường cho nó (hoặc bỏ qua) khi nhập.",
            "Chỉ Họ và tên là bắt buộc; các cột khác để trống được. Dòng trống được bỏ qua.",
            "Khách đã có trong Tripdesk (cùng mã khách hàng; dòng không có mã thì cùng email hoặc số điện thoại): khi nhập, bạn chọn bỏ qua dòng đó hay ghi đè khách hàng đang có. Nếu là người khác, chọn “Là khách khác, thêm mới”.",
            "Cấp độ và Người phụ trách có danh sách thả xuống lấy từ Tripdesk lúc tải tệp mẫu. Tên chưa có được tạo mới nếu bạn chọn “Tạo các cấp độ và nhân viên này khi nhập”.",
            "Ngày: ô ngày của Excel, hoặc gõ dd/mm/yyyy (15/03/1985) hay yyyy-mm-dd (1985-03-15). Năm phải đủ 4 chữ số.",
            "Trước khi ghi, Tripdesk cho xem trước kết quả từng dòng. Các dòng chưa nhập được có thể lưu ra tệp kèm lý do để sửa rồi nhập lại; cả lần nhập có thể hoàn tác.",
        ],
        Language::En => [
            "One customer per row on the “Customers” sheet, from row 2. Row 2 is an example: delete it or write over it before importing.",
            "Row 1 holds the column headers: keep them as they are and Tripdesk recognizes every column. You may delete columns you do not use or change their order; for a column Tripdesk does not recognize, you pick its field (or ignore it) when importing.",
            "Only the full name is required; every other column may stay empty. Blank rows are passed over.",
            "A customer already in Tripdesk (same customer code; for a row without a code, same email or phone number): when importing, you choose to skip the row or to overwrite the existing customer. If it is someone else, choose “Someone else: add as new”.",
            "Level and Responsible person have drop-down lists taken from Tripdesk when the template was downloaded. A name not there yet is created if you choose “Create these levels and staff members with the import”.",
            "Dates: an Excel date cell, or typed as dd/mm/yyyy (15/03/1985) or yyyy-mm-dd (1985-03-15). The year must have four digits.",
            "Before anything is written, Tripdesk shows what will happen to every row. The rows not imported can be saved to a file with the reason for each, fixed and imported again; a whole import can be undone.",
        ],
    }
}

/// What a column accepts, as the import really reads it.
fn accepted(
    field: &ImportField,
    custom: &[CustomField],
    lists: &Lists,
    language: Language,
) -> String {
    let vi = language == Language::Vi;
    let date = tr(
        language,
        "Một ngày: dd/mm/yyyy (15/03/1985), yyyy-mm-dd (1985-03-15) hoặc ô ngày của Excel; năm đủ 4 chữ số.",
        "A date: dd/mm/yyyy (15/03/1985), yyyy-mm-dd (1985-03-15) or an Excel date cell; a four-digit year.",
    );
    let not_future = tr(language, " Không sau hôm nay.", " Not after today.");
    let up_to = |n: &str| match language {
        Language::Vi => format!("Tối đa {n} ký tự."),
        Language::En => format!("Up to {n} characters."),
    };
    let link = |extra_vi: &str, extra_en: &str| {
        match language {
        Language::Vi => format!(
            "Địa chỉ trang (https://… hoặc {extra_vi}) hoặc tên tài khoản, không có khoảng trắng; tối đa 300 ký tự."
        ),
        Language::En => format!(
            "A web address (https://… or {extra_en}) or a user name, without spaces; up to 300 characters."
        ),
    }
    };
    match field {
        ImportField::Code => tr(
            language,
            "Chữ cái, chữ số và - _ . /, tối đa 20 ký tự (ví dụ KH00042). Để trống với khách mới: Tripdesk cấp mã tiếp theo. Mỗi mã chỉ trên một dòng.",
            "Letters, digits and - _ . /, up to 20 characters (e.g. KH00042). Leave it empty for a new customer: Tripdesk gives the next code. Each code on one row only.",
        )
        .to_owned(),
        ImportField::FullName => tr(
            language,
            "Họ tên đầy đủ trên một dòng, tối đa 200 ký tự.",
            "The full name on one line, up to 200 characters.",
        )
        .to_owned(),
        ImportField::Gender => tr(
            language,
            "Nam, Nữ hoặc Khác (cũng đọc được Male, Female, Other). Để trống nếu chưa rõ.",
            "Male, Female or Other (Nam, Nữ, Khác are read too). Empty when not known.",
        )
        .to_owned(),
        ImportField::BirthDate | ImportField::LastContactOn => format!("{date}{not_future}"),
        ImportField::PassportExpiry => date.to_owned(),
        ImportField::Phones => tr(
            language,
            "Một hay nhiều số, cách nhau bằng dấu phẩy hoặc chấm phẩy (dấu / và xuống dòng cũng được); tối đa 10 số. Số Việt Nam viết 0903 123 456; số di động bị Excel mất số 0 đầu vẫn được đọc đúng. Số nước ngoài viết kèm + và mã nước (+1 415 555 0132).",
            "One or more numbers separated by commas or semicolons (/ and line breaks work too); up to 10. Vietnamese numbers as 0903 123 456; a mobile number that lost its leading zero in Excel is still read right. Foreign numbers with + and the country code (+1 415 555 0132).",
        )
        .to_owned(),
        ImportField::Emails => tr(
            language,
            "Một hay nhiều địa chỉ email, cách nhau bằng dấu phẩy, chấm phẩy hoặc khoảng trắng; tối đa 10.",
            "One or more email addresses separated by commas, semicolons or spaces; up to 10.",
        )
        .to_owned(),
        ImportField::Address => up_to("500"),
        ImportField::Country => tr(
            language,
            "Tên nước bằng tiếng Việt hoặc tiếng Anh (Việt Nam, Nhật Bản, Hàn Quốc, Pháp, Mỹ…) hoặc mã 2 chữ cái (VN, JP, KR, FR, US…). Nước ít gặp: dùng mã 2 chữ cái.",
            "The country's name in Vietnamese or English (Vietnam, Japan, Korea, France, USA…) or its two-letter code (VN, JP, KR, FR, US…). For a less common country, use its code.",
        )
        .to_owned(),
        ImportField::Company | ImportField::PositionTitle | ImportField::AssignedTo => up_to("200"),
        ImportField::Source => match language {
            Language::Vi => format!("Khách đến từ đâu (Facebook, người quen giới thiệu, hội chợ…). {}", up_to("200")),
            Language::En => format!("Where the customer came from (Facebook, a friend, a travel fair…). {}", up_to("200")),
        },
        ImportField::Level => {
            let names = lists.levels.join(", ");
            let default = &lists.default_level;
            if vi {
                format!("Chọn trong danh sách thả xuống: {names} (không phân biệt hoa thường, có dấu hay không). Tên chưa có được tạo thành cấp độ mới nếu bạn đồng ý khi nhập. Để trống: khách mới nhận cấp độ {default}.")
            } else {
                format!("Pick from the drop-down list: {names} (case and accents do not matter). A name not on the list becomes a new level if you agree when importing. Empty: a new customer gets the level {default}.")
            }
        }
        ImportField::CustomerType => tr(
            language,
            "Cá nhân, Công ty hoặc Đại lý đối tác (cũng đọc được Individual, Company, Partner agency). Để trống: Cá nhân.",
            "Individual, Company or Partner agency (Cá nhân, Công ty, Đại lý đối tác are read too). Empty: Individual.",
        )
        .to_owned(),
        ImportField::Referrer => tr(
            language,
            "Mã khách hàng của người giới thiệu: một khách đã có trong Tripdesk, hoặc có mã trên một dòng khác của tệp này.",
            "The customer code of whoever referred this customer: someone already in Tripdesk, or with a code on another row of this file.",
        )
        .to_owned(),
        ImportField::Responsible if lists.staff.is_empty() => tr(
            language,
            "Tên nhân viên phụ trách. Tripdesk chưa có nhân viên nào: tên ghi ở đây được tạo thành nhân viên mới nếu bạn đồng ý khi nhập.",
            "The name of the staff member in charge. Tripdesk has no staff yet: a name written here is added as a staff member if you agree when importing.",
        )
        .to_owned(),
        ImportField::Responsible => tr(
            language,
            "Chọn nhân viên trong danh sách thả xuống, hoặc ghi email của họ (không phân biệt hoa thường, có dấu hay không). Tên chưa có được tạo thành nhân viên mới nếu bạn đồng ý khi nhập.",
            "Pick a staff member from the drop-down list, or write their email (case and accents do not matter). A name not on the list is added as a staff member if you agree when importing.",
        )
        .to_owned(),
        ImportField::Facebook => link("facebook.com/…", "facebook.com/…"),
        ImportField::Zalo => match language {
            Language::Vi => "Số điện thoại Zalo, tên tài khoản hoặc địa chỉ trang (https://…), không có khoảng trắng; tối đa 300 ký tự.".to_owned(),
            Language::En => "The Zalo phone number, user name or web address (https://…), without spaces; up to 300 characters.".to_owned(),
        },
        ImportField::Linkedin => link("linkedin.com/in/…", "linkedin.com/in/…"),
        ImportField::X => link("x.com/…", "x.com/…"),
        ImportField::PassportNo => tr(
            language,
            "Chữ cái và chữ số, tối đa 20 ký tự (khoảng trắng được bỏ đi).",
            "Letters and digits, up to 20 characters (spaces are dropped).",
        )
        .to_owned(),
        ImportField::Description => tr(
            language,
            "Ghi chú tự do, tối đa 10.000 ký tự; được xuống dòng.",
            "Free text up to 10,000 characters; line breaks are kept.",
        )
        .to_owned(),
        ImportField::Custom(id) => {
            let kind = custom.iter().find(|f| f.id.0 == *id).map(|f| f.kind);
            let own = tr(language, "Trường riêng của bạn. ", "Your own field. ");
            let what = match kind {
                Some(CustomFieldKind::Number) => tr(
                    language,
                    "Một số; phần thập phân sau dấu phẩy hoặc dấu chấm, không dùng dấu phân cách hàng nghìn.",
                    "A number; a comma or a point before the decimals, no thousands separator.",
                )
                .to_owned(),
                Some(CustomFieldKind::Date) => date.to_owned(),
                Some(CustomFieldKind::Choice) => match lists.choices_of(id) {
                    Some(values) if vi => format!(
                        "Chọn trong danh sách thả xuống: {} (đúng như viết).",
                        values.join(", ")
                    ),
                    Some(values) => format!(
                        "Pick from the drop-down list: {} (exactly as written).",
                        values.join(", ")
                    ),
                    None => tr(
                        language,
                        "Trường này chưa có giá trị nào để chọn: để trống.",
                        "This field has no values to pick yet: leave it empty.",
                    )
                    .to_owned(),
                },
                Some(CustomFieldKind::Text) | None => up_to(if vi { "1.000" } else { "1,000" }),
            };
            format!("{own}{what}")
        }
    }
}

/// The example row's value for a column: a Vietnamese customer that imports as it is, with
/// the level and the responsible person taken from the live lists.
fn example(
    field: &ImportField,
    custom: &[CustomField],
    lists: &Lists,
    language: Language,
) -> Sample {
    let text = |s: &str| Sample::Text(s.to_owned());
    let pick = |vi: &str, en: &str| text(tr(language, vi, en));
    let day = |y, m, d| {
        NaiveDate::from_ymd_opt(y, m, d)
            .map(Sample::Day)
            .unwrap_or(Sample::Empty)
    };
    match field {
        // A new customer: Tripdesk gives the code.
        ImportField::Code => Sample::Empty,
        ImportField::FullName => text("Nguyễn Thị Hồng"),
        ImportField::Gender => pick("Nữ", "Female"),
        ImportField::BirthDate => day(1985, 3, 15),
        ImportField::Phones => text("0903 123 456"),
        ImportField::Emails => text("hong.nguyen@example.com"),
        ImportField::Address => text("12 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh"),
        ImportField::Country => pick("Việt Nam", "Vietnam"),
        ImportField::Company => text("Công ty TNHH Sao Mai"),
        ImportField::PositionTitle => pick("Kế toán trưởng", "Chief accountant"),
        ImportField::Level => text(&lists.example_level),
        ImportField::CustomerType => pick("Cá nhân", "Individual"),
        ImportField::Source => pick("Hội chợ du lịch VITM", "VITM travel fair"),
        // Only a code already on file or in the same file: none here.
        ImportField::Referrer => Sample::Empty,
        ImportField::AssignedTo => pick("Nhóm khách lẻ", "Leisure team"),
        ImportField::Responsible => lists
            .staff
            .first()
            .map(|s| text(s))
            .unwrap_or(Sample::Empty),
        ImportField::Facebook => text("facebook.com/nguyenthihong"),
        ImportField::Zalo => text("0903123456"),
        ImportField::Linkedin | ImportField::X => Sample::Empty,
        ImportField::PassportNo => text("C1234567"),
        ImportField::PassportExpiry => day(2031, 8, 20),
        ImportField::Description => pick(
            "Thích biển, đi cùng gia đình 4 người",
            "Likes beach holidays, travels as a family of four",
        ),
        ImportField::LastContactOn => day(2025, 10, 1),
        ImportField::Custom(id) => match custom.iter().find(|f| f.id.0 == *id).map(|f| f.kind) {
            Some(CustomFieldKind::Text) => pick("Ví dụ", "Example"),
            Some(CustomFieldKind::Number) => Sample::Number(2.0),
            Some(CustomFieldKind::Date) => day(2025, 12, 20),
            Some(CustomFieldKind::Choice) => lists
                .choices_of(id)
                .and_then(|c| c.first())
                .map(|c| text(c))
                .unwrap_or(Sample::Empty),
            None => Sample::Empty,
        },
    }
}

/// Columns that hold dates: shown dd/mm/yyyy.
fn is_date(field: &ImportField, custom: &[CustomField]) -> bool {
    match field {
        ImportField::BirthDate | ImportField::PassportExpiry | ImportField::LastContactOn => true,
        ImportField::Custom(id) => custom
            .iter()
            .any(|f| f.id.0 == *id && f.kind == CustomFieldKind::Date),
        _ => false,
    }
}

/// Columns whose digits are text: codes, phones, passport numbers.
fn is_text_only(field: &ImportField) -> bool {
    matches!(
        field,
        ImportField::Code
            | ImportField::Phones
            | ImportField::Zalo
            | ImportField::PassportNo
            | ImportField::Referrer
    )
}
