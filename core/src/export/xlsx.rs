//! Workbooks: the customer sheet as a worksheet per section, and what every workbook we write
//! shares ([`Grid`]): a bold header row, frozen and filtered; typed cells (a day is a date
//! cell, an amount a number in its currency's format, a code or a phone stays text, and her
//! text is never read as a formula); columns as wide as their content.

use super::sheet::{Block, Cell, Sheet, SheetWords};
use crate::error::{Error, Result};
use crate::import::xlsx_error;
use crate::money::Amount;
use crate::settings::Language;
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet};
use std::collections::HashMap;

/// The widest a column is made, in characters.
const MAX_WIDTH: usize = 60;
/// The width of a column of wrapped text (a note, a description).
const WRAPPED_WIDTH: usize = 70;

/// Writes typed cells on worksheets and remembers how wide each column's content is, so that
/// the columns fit it when the worksheet is done. One per workbook; [`Grid::fit`] after each
/// worksheet.
pub(crate) struct Grid {
    language: Language,
    header: Format,
    label: Format,
    date: Format,
    datetime: Format,
    wrap: Format,
    remark: Format,
    title: Format,
    /// Number formats of the currencies met so far.
    money: HashMap<String, Format>,
    /// The widest content of each column of the current worksheet, in characters.
    widths: Vec<usize>,
}

impl Grid {
    pub(crate) fn new(language: Language) -> Grid {
        Grid {
            language,
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xE8EEF4))
                .set_align(FormatAlign::Top),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            datetime: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            remark: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x6B6B6B))
                .set_background_color(Color::RGB(0xF2F2F2)),
            title: Format::new().set_bold().set_font_size(14),
            money: HashMap::new(),
            widths: Vec::new(),
        }
    }

    fn widen(&mut self, col: u16, chars: usize) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        if self.widths[col] < chars {
            self.widths[col] = chars;
        }
    }

    /// A header row: bold on a light band.
    pub(crate) fn header<S: AsRef<str>>(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        titles: &[S],
    ) -> Result<()> {
        for (col, title) in (0u16..).zip(titles) {
            let title = title.as_ref();
            ws.write_string_with_format(row, col, title, &self.header)
                .map_err(xlsx_error)?;
            // Bold, and room for the filter's button.
            self.widen(col, title.chars().count() + 3);
        }
        Ok(())
    }

    /// Her text as text: `=1+1`, `+84…`, `0903…` stay as typed. Nothing for empty text.
    pub(crate) fn text(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        text: impl Into<String>,
    ) -> Result<()> {
        let text: String = text.into();
        if text.is_empty() {
            return Ok(());
        }
        self.widen(col, longest_line(&text));
        ws.write_string(row, col, text).map_err(xlsx_error)?;
        Ok(())
    }

    /// A label beside its value, in bold.
    pub(crate) fn label(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        text: &str,
    ) -> Result<()> {
        self.widen(col, text.chars().count() + 1);
        ws.write_string_with_format(row, col, text, &self.label)
            .map_err(xlsx_error)?;
        Ok(())
    }

    /// Long text, wrapped in a column of a readable width, its line breaks kept.
    pub(crate) fn wrapped(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        text: &str,
    ) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        self.widen(col, longest_line(text).min(WRAPPED_WIDTH));
        ws.write_string_with_format(row, col, text, &self.wrap)
            .map_err(xlsx_error)?;
        Ok(())
    }

    /// A quiet remark in a grey cell; it may run over the empty cells beside it, so it does
    /// not widen its column.
    pub(crate) fn remark(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        text: &str,
    ) -> Result<()> {
        ws.write_string_with_format(row, col, text, &self.remark)
            .map_err(xlsx_error)?;
        Ok(())
    }

    /// A worksheet's title, large and bold; it does not widen its column either.
    pub(crate) fn title(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        text: &str,
    ) -> Result<()> {
        ws.write_string_with_format(row, col, text, &self.title)
            .map_err(xlsx_error)?;
        Ok(())
    }

    /// A day as a date cell, `dd/mm/yyyy`.
    pub(crate) fn date(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        day: &NaiveDate,
    ) -> Result<()> {
        self.widen(col, 10);
        ws.write_date_with_format(row, col, day, &self.date)
            .map_err(xlsx_error)?;
        Ok(())
    }

    /// A day and a time as a date-time cell, `dd/mm/yyyy hh:mm`.
    pub(crate) fn datetime(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        at: &NaiveDateTime,
    ) -> Result<()> {
        self.widen(col, 16);
        ws.write_datetime_with_format(row, col, at, &self.datetime)
            .map_err(xlsx_error)?;
        Ok(())
    }

    /// An amount as a number cell in its currency's format (`#,##0" ₫"`, negatives in
    /// parentheses). The one place an amount becomes a float: for the cell.
    pub(crate) fn money(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        amount: &Amount,
    ) -> Result<()> {
        let value = amount.amount.to_f64().ok_or_else(|| {
            Error::NotAllowed(format!("{amount} cannot be written in a workbook"))
        })?;
        let shown = crate::money::format(amount.amount, &amount.currency, self.language);
        self.widen(col, shown.chars().count() + 1);
        let language = self.language;
        let format = self
            .money
            .entry(amount.currency.clone())
            .or_insert_with(|| {
                Format::new().set_num_format(money_format(&amount.currency, language))
            });
        ws.write_number_with_format(row, col, value, format)
            .map_err(xlsx_error)?;
        Ok(())
    }

    /// Any cell of the sheet, by its type.
    pub(crate) fn cell(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        cell: &Cell,
    ) -> Result<()> {
        match cell {
            Cell::Empty => Ok(()),
            Cell::Text(s) | Cell::Code(s) => self.text(ws, row, col, s.as_str()),
            Cell::Date(d) => self.date(ws, row, col, d),
            Cell::DateTime(t) => self.datetime(ws, row, col, t),
            Cell::Count(n) => {
                self.widen(col, n.to_string().len());
                // Counts are small: guests, quantities.
                ws.write_number(row, col, *n as f64).map_err(xlsx_error)?;
                Ok(())
            }
            Cell::Money(a) => self.money(ws, row, col, a),
        }
    }

    /// The header at `header_row` stays in view and filters the rows below it down to
    /// `last_row`.
    pub(crate) fn freeze_and_filter(
        &mut self,
        ws: &mut Worksheet,
        header_row: u32,
        last_row: u32,
        columns: u16,
    ) -> Result<()> {
        ws.set_freeze_panes(header_row + 1, 0).map_err(xlsx_error)?;
        if columns > 0 {
            ws.autofilter(header_row, 0, last_row.max(header_row), columns - 1)
                .map_err(xlsx_error)?;
        }
        Ok(())
    }

    /// Makes each column of the worksheet as wide as its content (within [`MAX_WIDTH`]) and
    /// starts over for the next worksheet.
    pub(crate) fn fit(&mut self, ws: &mut Worksheet) -> Result<()> {
        for (col, chars) in (0u16..).zip(std::mem::take(&mut self.widths)) {
            if chars > 0 {
                let width = (chars.min(MAX_WIDTH) as f64) * 1.1 + 1.5;
                ws.set_column_width(col, width).map_err(xlsx_error)?;
            }
        }
        Ok(())
    }
}

/// The longest line of a text, in characters (one pass over its bytes: it runs for every
/// cell of a long export).
fn longest_line(text: &str) -> usize {
    let (mut longest, mut current) = (0, 0);
    for b in text.bytes() {
        if b == b'\n' {
            longest = longest.max(current);
            current = 0;
        } else if b & 0xC0 != 0x80 {
            current += 1;
        }
    }
    longest.max(current)
}

/// An amount's number format: its currency's decimals and sign as she reads them
/// (`#,##0" ₫"`, `"$"#,##0.00`), a negative in parentheses.
pub(crate) fn money_format(currency: &str, language: Language) -> String {
    let units = crate::money::units("currency", currency).unwrap_or(2) as usize;
    let number = if units == 0 {
        "#,##0".to_owned()
    } else {
        format!("#,##0.{}", "0".repeat(units))
    };
    let quoted = |s: &str| s.replace('"', "");
    let positive = match (language, crate::money::symbol(currency, language)) {
        (Language::Vi, Some(s)) => format!("{number}\" {}\"", quoted(s)),
        (Language::Vi, None) => format!("{number}\" {}\"", quoted(currency)),
        (Language::En, Some(s)) => format!("\"{}\"{number}", quoted(s)),
        (Language::En, None) => format!("\"{} \"{number}", quoted(currency)),
    };
    format!("{positive};({positive})")
}

/// A worksheet's name from a title: without the characters Excel refuses (`[]:*?/\`), not
/// starting or ending with an apostrophe, within 31 characters, and not one already taken
/// (Excel compares names without case).
fn worksheet_name(title: &str, taken: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean = clean.trim_matches('\'').trim();
    let base: String = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
        format!("{} {}", clean, taken.len() + 1).trim().to_owned()
    } else {
        clean.to_owned()
    };
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let room = 31 - suffix.chars().count();
        let name: String = base
            .chars()
            .take(room)
            .collect::<String>()
            .trim_end()
            .to_owned()
            + &suffix;
        let lower = name.to_lowercase();
        if !taken.contains(&lower) {
            taken.push(lower);
            return name;
        }
        n += 1;
    }
}

/// The customer sheet as a workbook: a first worksheet with the agency and the customer, then
/// a worksheet per section.
pub fn sheet_workbook(sheet: &Sheet) -> Result<Vec<u8>> {
    let language = sheet.language;
    let words = SheetWords::new(language);
    let mut book = Workbook::new();
    let mut grid = Grid::new(language);
    let mut taken = Vec::new();
    let l = |vi: &'static str, en: &'static str| match language {
        Language::Vi => vi,
        Language::En => en,
    };

    let ws = book.add_worksheet();
    ws.set_name(worksheet_name(words.title, &mut taken))
        .map_err(xlsx_error)?;
    grid.title(ws, 0, 0, words.title)?;
    let agency = &sheet.agency;
    let fields: Vec<(&str, Cell)> = vec![
        (l("Đơn vị", "Agency"), Cell::text(agency.name.clone())),
        (l("Địa chỉ", "Address"), Cell::text(agency.address.clone())),
        (l("Điện thoại", "Phone"), Cell::code(agency.phone.clone())),
        ("Email", Cell::text(agency.email.clone())),
    ];
    let mut row = 2;
    for (label, cell) in fields.iter().filter(|(_, c)| !c.is_empty()) {
        grid.label(ws, row, 0, label)?;
        grid.cell(ws, row, 1, cell)?;
        row += 1;
    }
    row += 1;
    let customer = [
        (
            l("Khách hàng", "Customer"),
            Cell::text(sheet.customer_name.clone()),
        ),
        (words.code, Cell::code(sheet.customer_code.clone())),
        (words.printed, Cell::DateTime(sheet.printed_at)),
    ];
    for (label, cell) in &customer {
        grid.label(ws, row, 0, label)?;
        grid.cell(ws, row, 1, cell)?;
        row += 1;
    }
    grid.fit(ws)?;

    for section in &sheet.sections {
        let ws = book.add_worksheet();
        ws.set_name(worksheet_name(&section.title, &mut taken))
            .map_err(xlsx_error)?;
        let mut row = 0u32;
        let mut filtered = false;
        for block in &section.blocks {
            if row > 0 {
                row += 1;
            }
            match block {
                Block::Fields(fields) => {
                    for (label, cell) in fields {
                        grid.label(ws, row, 0, label)?;
                        grid.cell(ws, row, 1, cell)?;
                        row += 1;
                    }
                }
                Block::Table { columns, rows } => {
                    let titles: Vec<&str> = columns.iter().map(|c| c.title.as_str()).collect();
                    grid.header(ws, row, &titles)?;
                    let header_row = row;
                    row += 1;
                    for cells in rows {
                        for (col, cell) in (0u16..).zip(cells) {
                            grid.cell(ws, row, col, cell)?;
                        }
                        row += 1;
                    }
                    // One filter to a worksheet: the first table's.
                    if !filtered {
                        let cols = u16::try_from(columns.len()).unwrap_or(u16::MAX);
                        grid.freeze_and_filter(ws, header_row, row - 1, cols)?;
                        filtered = true;
                    }
                }
                Block::Paragraph { title, body } => {
                    grid.label(ws, row, 0, title)?;
                    grid.wrapped(ws, row, 1, body)?;
                    row += 1;
                }
                Block::Remark(text) => {
                    grid.remark(ws, row, 0, text)?;
                    row += 1;
                }
            }
        }
        grid.fit(ws)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worksheet_names_are_ones_excel_accepts() {
        let mut taken = Vec::new();
        assert_eq!(worksheet_name("Ghi chú", &mut taken), "Ghi chú");
        assert_eq!(worksheet_name("ghi chú", &mut taken), "ghi chú (2)");
        assert_eq!(worksheet_name("a/b: [c]?*", &mut taken), "a b c");
        let long = worksheet_name(&"Doanh thu và công nợ ".repeat(3), &mut taken);
        assert!(long.chars().count() <= 31, "{long}");
        assert_eq!(worksheet_name("'History'", &mut taken), "History 5");
        assert_eq!(worksheet_name("", &mut taken), "6");
    }

    #[test]
    fn the_longest_line_counts_characters() {
        assert_eq!(longest_line("Nguyễn Thị Hồng"), 15);
        assert_eq!(longest_line("ab\nĐặng Văn\n"), 8);
        assert_eq!(longest_line(""), 0);
    }

    #[test]
    fn money_formats_carry_the_currency_and_its_decimals() {
        assert_eq!(
            money_format("VND", Language::Vi),
            "#,##0\" ₫\";(#,##0\" ₫\")"
        );
        assert_eq!(
            money_format("USD", Language::En),
            "\"$\"#,##0.00;(\"$\"#,##0.00)"
        );
        assert_eq!(
            money_format("KWD", Language::Vi),
            "#,##0.000\" KWD\";(#,##0.000\" KWD\")"
        );
    }
}
