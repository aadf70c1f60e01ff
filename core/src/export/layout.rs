//! The layout layer the sheet is written in, over printpdf's drawing operations.
//!
//! Everything on a page is a [`Strip`]: a band of the page's width, of a known height, holding
//! text runs, fills, rules and images placed relative to its top-left corner. A [`Flow`] stacks
//! strips down the pages and starts a new page when the next one does not fit, so a line of text
//! or a table row is never cut in half. What a document needs above that is here too: text
//! measured with the font's own advances and wrapped by words, tables with weighted columns whose
//! header repeats at the top of every page they run onto, headings kept with what follows them.
//!
//! Nothing here knows what is being printed; the sheet ([`super::pdf`]) is written in it.

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfFontHandle, Point, Pt, Rect, Rgb,
    TextItem, TextMatrix, WindingOrder, XObjectId, XObjectTransform,
};
use std::cell::RefCell;
use std::collections::HashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A colour as red, green and blue from 0 to 1.
pub type Rgb3 = [f32; 3];

pub const BLACK: Rgb3 = [0.0, 0.0, 0.0];

/// A grey of the given lightness (0 black, 1 white).
pub const fn grey(level: f32) -> Rgb3 {
    [level, level, level]
}

/// A font face with its metrics, registered in the document under `id`.
pub struct Face {
    font: &'static ParsedFont,
    id: FontId,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    /// What a character the face has no glyph for is drawn as.
    substitute: char,
    /// Advance widths in em, per character, as measured.
    advances: RefCell<HashMap<char, f32>>,
}

impl Face {
    pub fn new(font: &'static ParsedFont, id: FontId) -> Face {
        let metrics = font.pdf_font_metrics;
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let substitute = ['\u{FFFD}', '\u{25A1}', '?']
            .into_iter()
            .find(|c| font.lookup_glyph_index(u32::from(*c)).is_some())
            .unwrap_or('?');
        Face {
            font,
            id,
            units_per_em,
            ascent: f32::from(metrics.ascender) / units_per_em,
            descent: f32::from(metrics.descender) / units_per_em,
            substitute,
            advances: RefCell::new(HashMap::new()),
        }
    }

    /// Whether the face can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        self.font.lookup_glyph_index(u32::from(c)).is_some()
    }

    /// The advance of `c` in em.
    fn advance(&self, c: char) -> f32 {
        if let Some(a) = self.advances.borrow().get(&c) {
            return *a;
        }
        let a = self
            .font
            .lookup_glyph_index(u32::from(c))
            .map(|g| f32::from(self.font.get_horizontal_advance(g)) / self.units_per_em)
            .unwrap_or(0.0);
        self.advances.borrow_mut().insert(c, a);
        a
    }

    /// The width of `text` at `size`, in points: the sum of its glyphs' advances.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// `text` as it can be drawn in this face, on one line: composed (NFC, as printpdf positions
    /// no marks), tabs and line breaks as spaces, other control and invisible format characters
    /// left out, and a visible substitute for any character the face has no glyph for.
    pub fn clean(&self, text: &str) -> String {
        text.nfc()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if c.is_control() => None,
                '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}' | '\u{FEFF}' => None,
                c if self.covers(c) => Some(c),
                _ => Some(self.substitute),
            })
            .collect()
    }
}

/// The faces a document is set in.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Text wrapped to `width` points: its own line breaks kept, lines broken between words, a
    /// word longer than the width broken between characters (never before a combining mark).
    /// Every line comes back cleaned for drawing; empty text gives no lines.
    pub fn wrap(&self, text: &str, style: &Style, width: f32) -> Vec<String> {
        let face = self.face(style.weight);
        let size = style.size;
        let space = face.width(" ", size);
        let mut lines = Vec::new();
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for paragraph in text.trim_end().split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in face.clean(paragraph).split(' ').filter(|w| !w.is_empty()) {
                let word_w = face.width(word, size);
                let gap = if line.is_empty() { 0.0 } else { space };
                if line_w + gap + word_w <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += gap + word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if word_w <= width {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                // A word wider than the line: as much as fits, broken after the last `.`, `@`,
                // `-` or `/` that fits (an address, a link), else between characters.
                let mut after_mark: Option<usize> = None;
                for c in word.chars() {
                    let w = face.width(c.encode_utf8(&mut [0; 4]), size);
                    if line_w + w > width && !line.is_empty() && !is_combining_mark(c) {
                        match after_mark.filter(|at| *at < line.len()) {
                            Some(at) => {
                                let rest = line.split_off(at);
                                lines.push(std::mem::replace(&mut line, rest));
                                line_w = face.width(&line, size);
                            }
                            None => {
                                lines.push(std::mem::take(&mut line));
                                line_w = 0.0;
                            }
                        }
                        after_mark = None;
                    }
                    line.push(c);
                    line_w += w;
                    if matches!(c, '.' | '@' | '-' | '/' | '_' | ',' | ';') {
                        after_mark = Some(line.len());
                    }
                }
            }
            lines.push(line);
        }
        while lines.first().is_some_and(|l| l.is_empty()) {
            lines.remove(0);
        }
        lines
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub weight: Weight,
    /// Size in points.
    pub size: f32,
    pub color: Rgb3,
}

impl Style {
    pub const fn new(weight: Weight, size: f32, color: Rgb3) -> Style {
        Style {
            weight,
            size,
            color,
        }
    }

    /// The height of one line of this text.
    pub fn line_height(&self) -> f32 {
        self.size * 1.32
    }
}

/// Where a cell's text lines up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One thing drawn in a strip, placed from the strip's top-left corner (`dy` downwards).
#[derive(Debug, Clone)]
pub enum Draw {
    /// A line of text, already cleaned for its face; `dy` is its baseline.
    Text {
        x: f32,
        dy: f32,
        text: String,
        style: Style,
    },
    /// A filled rectangle.
    Fill {
        x: f32,
        dy: f32,
        w: f32,
        h: f32,
        color: Rgb3,
    },
    /// A horizontal rule.
    Rule {
        x: f32,
        dy: f32,
        w: f32,
        thickness: f32,
        color: Rgb3,
    },
    /// An image of `px` pixels drawn into `w` × `h` points.
    Image {
        id: XObjectId,
        x: f32,
        dy: f32,
        w: f32,
        h: f32,
        px: (usize, usize),
    },
}

/// A band of the page, drawn whole on one page.
#[derive(Debug, Clone, Default)]
pub struct Strip {
    pub height: f32,
    pub draws: Vec<Draw>,
}

impl Strip {
    pub fn new(height: f32) -> Strip {
        Strip {
            height,
            draws: Vec::new(),
        }
    }

    /// A line of text whose line box starts `top` points down the strip, `x` being its left
    /// edge (or its right edge when aligned right).
    pub fn text(
        &mut self,
        fonts: &Fonts,
        x: f32,
        top: f32,
        text: &str,
        style: Style,
        align: Align,
    ) {
        let face = fonts.face(style.weight);
        let text = face.clean(text);
        if text.is_empty() {
            return;
        }
        let x = match align {
            Align::Left => x,
            Align::Right => x - face.width(&text, style.size),
        };
        let lh = style.line_height();
        let dy = top + (lh + (face.ascent + face.descent) * style.size) / 2.0;
        self.draws.push(Draw::Text { x, dy, text, style });
    }

    pub fn fill(&mut self, x: f32, dy: f32, w: f32, h: f32, color: Rgb3) {
        self.draws.push(Draw::Fill { x, dy, w, h, color });
    }

    pub fn rule(&mut self, x: f32, dy: f32, w: f32, thickness: f32, color: Rgb3) {
        self.draws.push(Draw::Rule {
            x,
            dy,
            w,
            thickness,
            color,
        });
    }
}

/// A table's column: its share of the width, how its cells line up and how they look.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub weight: f32,
    pub align: Align,
    pub style: Style,
}

/// How a table looks.
#[derive(Debug, Clone, Copy)]
pub struct TableLook {
    pub header: Style,
    pub header_fill: Rgb3,
    /// Space around a cell's text, across and down.
    pub pad_x: f32,
    pub pad_y: f32,
    /// The thin line under each row (`None`: no lines).
    pub rule: Option<(f32, Rgb3)>,
}

/// A table to lay out: a header row (repeated on every page it runs onto) and body rows.
pub struct Table<'a> {
    pub cols: &'a [Col],
    pub header: Option<Vec<String>>,
    pub rows: Vec<Vec<String>>,
    pub look: TableLook,
}

/// The page's margins in points.
#[derive(Debug, Clone, Copy)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// Strips stacked down pages of one size.
pub struct Flow<'f> {
    pub fonts: &'f Fonts,
    page_w: f32,
    page_h: f32,
    margins: Margins,
    pages: Vec<Vec<Op>>,
    /// How far down the current page the next strip goes.
    y: f32,
    /// Whether the current page holds nothing yet but its running heads.
    fresh: bool,
    /// Strips waiting to go on the same page as the next one placed.
    kept: Vec<(Option<u32>, Strip)>,
    /// Strips repeated at the top of every new page (a continued heading, a table's header),
    /// each standing in for the kept strip of the same tag.
    running: Vec<(u32, Strip)>,
    next_tag: u32,
    /// What the current page's operations have set.
    pen: Pen,
}

impl<'f> Flow<'f> {
    /// A flow on pages `page_w` × `page_h` points, its first page begun.
    pub fn new(fonts: &'f Fonts, page_w: f32, page_h: f32, margins: Margins) -> Flow<'f> {
        Flow {
            fonts,
            page_w,
            page_h,
            margins,
            pages: vec![Vec::new()],
            y: margins.top,
            fresh: true,
            kept: Vec::new(),
            running: Vec::new(),
            next_tag: 0,
            pen: Pen::default(),
        }
    }

    /// The left edge of the text area.
    pub fn left(&self) -> f32 {
        self.margins.left
    }

    /// The width of the text area.
    pub fn width(&self) -> f32 {
        self.page_w - self.margins.left - self.margins.right
    }

    /// The height a page offers below its running heads.
    pub fn usable_height(&self) -> f32 {
        let running: f32 = self.running.iter().map(|(_, s)| s.height).sum();
        (self.page_h - self.margins.top - self.margins.bottom - running).max(1.0)
    }

    /// Places a strip, on a new page when it does not fit on this one with the strips kept for
    /// it. A strip taller than a page goes at the top of one and runs over.
    pub fn place(&mut self, strip: Strip) {
        let kept: f32 = self.kept.iter().map(|(_, s)| s.height).sum();
        let bottom = self.page_h - self.margins.bottom;
        if self.y + kept + strip.height > bottom + 0.01 && !self.fresh {
            self.new_page();
        }
        for (_, k) in std::mem::take(&mut self.kept) {
            self.draw(&k);
        }
        self.draw(&strip);
        self.fresh = false;
    }

    /// Keeps a strip on the same page as the next one placed (a title with its first line).
    pub fn keep(&mut self, strip: Strip) {
        self.kept.push((None, strip));
    }

    /// A heading: `first` is kept with the next strip; `again` is drawn at the top of every
    /// later page until [`Flow::end_heading`] (a title marked as continued, a table's header).
    pub fn heading(&mut self, first: Strip, again: Strip) {
        let tag = self.next_tag;
        self.next_tag += 1;
        self.kept.push((Some(tag), first));
        self.running.push((tag, again));
    }

    /// Ends the innermost heading.
    pub fn end_heading(&mut self) {
        self.running.pop();
    }

    /// Vertical space; none at the top of a page.
    pub fn space(&mut self, h: f32) {
        if !self.kept.is_empty() {
            self.kept.push((None, Strip::new(h)));
        } else if !self.fresh {
            self.y += h;
        }
    }

    /// Ends the page; the next strip starts a new one.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.pen = Pen::default();
        self.y = self.margins.top;
        let running: Vec<Strip> = self
            .running
            .iter()
            .filter(|(tag, _)| !self.kept.iter().any(|(k, _)| *k == Some(*tag)))
            .map(|(_, s)| s.clone())
            .collect();
        for strip in &running {
            self.draw(strip);
        }
        self.fresh = true;
    }

    /// Wrapped text, a strip per line, indented by `indent`.
    pub fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        let width = self.width() - indent;
        for line in self.fonts.wrap(text, &style, width) {
            let mut strip = Strip::new(style.line_height());
            strip.text(
                self.fonts,
                self.left() + indent,
                0.0,
                &line,
                style,
                Align::Left,
            );
            self.place(strip);
        }
    }

    /// A table: its header kept with the first row and repeated on every page the table runs
    /// onto, each row whole on a page unless it is taller than a page (then split by lines).
    pub fn table(&mut self, table: &Table) {
        let total: f32 = table.cols.iter().map(|c| c.weight.max(0.0)).sum();
        let total = if total > 0.0 { total } else { 1.0 };
        let width = self.width();
        let mut xs = Vec::with_capacity(table.cols.len());
        let mut x = self.left();
        for col in table.cols {
            let w = width * col.weight.max(0.0) / total;
            xs.push((x, w));
            x += w;
        }
        let header = table.header.as_ref().map(|titles| {
            let styles: Vec<Col> = table
                .cols
                .iter()
                .map(|c| Col {
                    style: table.look.header,
                    ..*c
                })
                .collect();
            let lines = self.cell_lines(&styles, &xs, titles, &table.look);
            let mut strip = self.row_strip(&styles, &xs, &lines, 0, usize::MAX, &table.look);
            let h = strip.height;
            strip.draws.insert(
                0,
                Draw::Fill {
                    x: self.left(),
                    dy: 0.0,
                    w: width,
                    h,
                    color: table.look.header_fill,
                },
            );
            strip
        });
        if let Some(header) = &header {
            self.heading(header.clone(), header.clone());
        }
        for row in &table.rows {
            let lines = self.cell_lines(table.cols, &xs, row, &table.look);
            let line_h = table
                .cols
                .iter()
                .map(|c| c.style.line_height())
                .fold(0.0, f32::max);
            let most = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
            let room = self.usable_height() - 2.0 * table.look.pad_y;
            let per_strip = ((room / line_h).floor() as usize).max(1);
            let mut from = 0;
            while from < most {
                let strip = self.row_strip(table.cols, &xs, &lines, from, per_strip, &table.look);
                self.place(strip);
                from += per_strip;
            }
        }
        if header.is_some() {
            self.end_heading();
        }
    }

    /// Each cell's text wrapped to its column.
    fn cell_lines(
        &self,
        cols: &[Col],
        xs: &[(f32, f32)],
        cells: &[String],
        look: &TableLook,
    ) -> Vec<Vec<String>> {
        cols.iter()
            .zip(xs)
            .enumerate()
            .map(|(i, (col, (_, w)))| {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                self.fonts.wrap(text, &col.style, w - 2.0 * look.pad_x)
            })
            .collect()
    }

    /// The strip of lines `from..from + count` of a row's cells.
    fn row_strip(
        &self,
        cols: &[Col],
        xs: &[(f32, f32)],
        lines: &[Vec<String>],
        from: usize,
        count: usize,
        look: &TableLook,
    ) -> Strip {
        let shown = lines
            .iter()
            .map(|l| l.len().saturating_sub(from).min(count))
            .max()
            .unwrap_or(0)
            .max(1);
        let line_h = cols
            .iter()
            .map(|c| c.style.line_height())
            .fold(0.0, f32::max);
        let mut strip = Strip::new(shown as f32 * line_h + 2.0 * look.pad_y);
        for ((col, (x, w)), cell) in cols.iter().zip(xs).zip(lines) {
            let x = match col.align {
                Align::Left => x + look.pad_x,
                Align::Right => x + w - look.pad_x,
            };
            for (i, line) in cell.iter().skip(from).take(count).enumerate() {
                let top = look.pad_y + i as f32 * line_h + (line_h - col.style.line_height()) / 2.0;
                strip.text(self.fonts, x, top, line, col.style, col.align);
            }
        }
        if let Some((thickness, color)) = look.rule {
            strip.rule(self.left(), strip.height, self.width(), thickness, color);
        }
        strip
    }

    /// The pages, each with the strip `footer(page, pages)` drawn in its bottom margin (pages
    /// counted from 1).
    pub fn finish(mut self, footer: impl Fn(usize, usize) -> Strip) -> Vec<Vec<Op>> {
        if !self.kept.is_empty() {
            self.place(Strip::new(0.0));
        }
        let total = self.pages.len();
        let top = self.page_h - self.margins.bottom + 0.4 * self.margins.bottom;
        for page in 0..total {
            let strip = footer(page + 1, total);
            let ops = render(self.fonts, &mut Pen::default(), &strip, top, self.page_h);
            if let Some(p) = self.pages.get_mut(page) {
                p.extend(ops);
            }
        }
        self.pages
    }

    fn draw(&mut self, strip: &Strip) {
        let ops = render(self.fonts, &mut self.pen, strip, self.y, self.page_h);
        if let Some(page) = self.pages.last_mut() {
            page.extend(ops);
        }
        self.y += strip.height;
    }
}

fn color(c: Rgb3) -> Color {
    Color::Rgb(Rgb {
        r: c[0].clamp(0.0, 1.0),
        g: c[1].clamp(0.0, 1.0),
        b: c[2].clamp(0.0, 1.0),
        icc_profile: None,
    })
}

/// The drawing state a page's operations have set so far, so that they are not set again.
#[derive(Debug, Default)]
struct Pen {
    fill: Option<Rgb3>,
    stroke: Option<(Rgb3, f32)>,
    font: Option<(Weight, f32)>,
}

impl Pen {
    fn fill(&mut self, ops: &mut Vec<Op>, c: Rgb3) {
        if self.fill != Some(c) {
            ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }
}

/// A strip's drawing operations with its top `top` points down a page `page_h` high: fills,
/// rules and images first, then its text in one text object.
fn render(fonts: &Fonts, pen: &mut Pen, strip: &Strip, top: f32, page_h: f32) -> Vec<Op> {
    let mut ops = Vec::new();
    let y = |dy: f32| Pt(page_h - top - dy);
    for draw in &strip.draws {
        match draw {
            Draw::Text { .. } => {}
            Draw::Fill {
                x,
                dy,
                w,
                h,
                color: c,
            } => {
                pen.fill(&mut ops, *c);
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: y(dy + h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(PaintMode::Fill),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Draw::Rule {
                x,
                dy,
                w,
                thickness,
                color: c,
            } => {
                if pen.stroke != Some((*c, *thickness)) {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                    pen.stroke = Some((*c, *thickness));
                }
                let point = |x: f32| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: y(*dy),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x), point(x + w)],
                        is_closed: false,
                    },
                });
            }
            Draw::Image {
                id,
                x,
                dy,
                w,
                h,
                px,
            } => {
                let (pw, ph) = (px.0.max(1) as f32, px.1.max(1) as f32);
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(*x)),
                        translate_y: Some(y(dy + h)),
                        scale_x: Some(w / pw),
                        scale_y: Some(h / ph),
                        dpi: Some(72.0),
                        ..Default::default()
                    },
                });
            }
        }
    }
    let mut in_text = false;
    for draw in &strip.draws {
        let Draw::Text { x, dy, text, style } = draw else {
            continue;
        };
        if !in_text {
            ops.push(Op::StartTextSection);
            in_text = true;
        }
        pen.fill(&mut ops, style.color);
        if pen.font != Some((style.weight, style.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(fonts.face(style.weight).id.clone()),
                size: Pt(style.size),
            });
            pen.font = Some((style.weight, style.size));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(*x), y(*dy)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.clone())],
        });
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn fonts() -> Fonts {
        let (regular, bold) = super::super::pdf::faces().unwrap();
        Fonts {
            regular: Face::new(regular, FontId::new()),
            bold: Face::new(bold, FontId::new()),
        }
    }

    const BODY: Style = Style::new(Weight::Regular, 9.0, BLACK);

    #[test]
    fn text_is_measured_by_its_glyphs() {
        let fonts = fonts();
        let f = &fonts.regular;
        assert!(f.width("WWW", 10.0) > f.width("iii", 10.0));
        assert!((f.width("ab", 12.0) - f.width("a", 12.0) - f.width("b", 12.0)).abs() < 1e-3);
        assert!((f.width("Hồng", 20.0) - 2.0 * f.width("Hồng", 10.0)).abs() < 1e-3);
        assert!(fonts.bold.width("Nguyễn", 10.0) > f.width("Nguyễn", 10.0));
    }

    #[test]
    fn text_is_composed_and_missing_glyphs_are_substituted() {
        let fonts = fonts();
        let f = &fonts.regular;
        // "ễ" typed as e + circumflex + tilde comes out as one character.
        assert_eq!(f.clean("Nguye\u{302}\u{303}n"), "Nguyễn");
        let cleaned = f.clean("trà 🍵\u{200B}\tok");
        assert!(cleaned.starts_with("trà "));
        assert!(cleaned.ends_with(" ok"));
        assert_eq!(cleaned.chars().count(), "trà x ok".chars().count());
        assert!(cleaned.chars().all(|c| f.covers(c)));
    }

    #[test]
    fn wrapping_keeps_breaks_and_every_line_fits() {
        let fonts = fonts();
        let text =
            "Dòng một\n\nKhách muốn phòng tầng cao nhìn ra biển, giường đôi, không hút thuốc. \
                    Số tài khoản 00710012345670071001234567007100123456700710012345670071001234567 \
                    và bao.duong@hoabinh.com.vn";
        let width = 120.0;
        let lines = fonts.wrap(text, &BODY, width);
        assert_eq!(lines[0], "Dòng một");
        assert_eq!(lines[1], "", "the empty line kept");
        for line in &lines {
            assert!(
                fonts.regular.width(line, 9.0) <= width + 0.01,
                "{line:?} too wide"
            );
        }
        let joined: String = lines
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, original, "nothing lost");
        assert!(lines
            .iter()
            .any(|l| l.ends_with("hoabinh.com.") || l.ends_with("bao.duong@")));
        assert!(fonts.wrap("", &BODY, width).is_empty());
    }

    fn flow_test(rows: usize, lines_per_row: usize) -> (usize, Vec<usize>) {
        let fonts = fonts();
        let margins = Margins {
            top: 20.0,
            right: 20.0,
            bottom: 20.0,
            left: 20.0,
        };
        let mut flow = Flow::new(&fonts, 300.0, 200.0, margins);
        let cols = [
            Col {
                weight: 1.0,
                align: Align::Left,
                style: BODY,
            },
            Col {
                weight: 1.0,
                align: Align::Right,
                style: BODY,
            },
        ];
        let cell = vec!["x"; lines_per_row].join("\n");
        flow.table(&Table {
            cols: &cols,
            header: Some(vec!["HEAD".into(), "Amount".into()]),
            rows: (0..rows)
                .map(|i| vec![cell.clone(), i.to_string()])
                .collect(),
            look: TableLook {
                header: BODY,
                header_fill: grey(0.9),
                pad_x: 2.0,
                pad_y: 2.0,
                rule: Some((0.3, grey(0.8))),
            },
        });
        let pages = flow.finish(|_, _| Strip::new(5.0));
        let heads = pages
            .iter()
            .map(|ops| {
                ops.iter()
                    .filter(|op| {
                        matches!(op, Op::ShowText { items } if items.iter().any(|i| matches!(i, TextItem::Text(t) if t == "HEAD")))
                    })
                    .count()
            })
            .collect();
        (pages.len(), heads)
    }

    #[test]
    fn a_table_repeats_its_header_on_every_page() {
        let (pages, heads) = flow_test(40, 1);
        assert!(pages >= 3);
        assert!(heads.iter().all(|h| *h == 1), "{heads:?}");
        // A row taller than a page is split by lines, and still every page has the header.
        let (pages, heads) = flow_test(1, 30);
        assert!(pages >= 2);
        assert!(heads.iter().all(|h| *h == 1), "{heads:?}");
    }

    fn texts(ops: &[Op]) -> Vec<String> {
        ops.iter()
            .filter_map(|op| match op {
                Op::ShowText { items } => items.iter().find_map(|i| match i {
                    TextItem::Text(t) => Some(t.clone()),
                    _ => None,
                }),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_heading_goes_with_its_first_line_and_is_repeated_after() {
        let fonts = fonts();
        let margins = Margins {
            top: 10.0,
            right: 10.0,
            bottom: 10.0,
            left: 10.0,
        };
        let mut flow = Flow::new(&fonts, 200.0, 100.0, margins);
        flow.place(Strip::new(60.0));
        let title = |t: &str| {
            let mut s = Strip::new(12.0);
            s.text(&fonts, 10.0, 0.0, t, BODY, Align::Left);
            s
        };
        // 20 points left: the title fits, the title and its first line do not.
        flow.heading(title("Notes"), title("Notes (continued)"));
        flow.paragraph("one\ntwo\nthree\nfour\nfive\nsix", BODY, 0.0);
        flow.end_heading();
        let pages = flow.finish(|_, _| Strip::new(0.0));
        assert!(
            texts(&pages[0]).is_empty(),
            "a title alone at the foot of page 1"
        );
        assert_eq!(texts(&pages[1])[..2], ["Notes", "one"]);
        assert_eq!(texts(&pages[2])[0], "Notes (continued)");
        let all: Vec<String> = pages.iter().flat_map(|p| texts(p)).collect();
        assert_eq!(all.iter().filter(|t| t.starts_with("Notes")).count(), 2);
        assert_eq!(all.iter().filter(|t| !t.starts_with("Notes")).count(), 6);
    }
}
