//! The customer sheet as a PDF, written in the layout layer ([`super::layout`]): the agency's
//! letterhead, the customer's name and code, then each section; the date printed and the page
//! ("Trang 1/2", counted per sheet) at the foot of every page. Set in Noto Sans, embedded and
//! subset, so the text is selectable and the file small.

use super::layout::{
    grey, Align, Col, Draw, Face, Flow, Fonts, Margins, Rgb3, Strip, Style, Table, TableLook,
    Weight, BLACK, PT_PER_MM,
};
use super::sheet::{self, Block, Section, Sheet};
use crate::error::{Error, ErrorKind, Result};
use printpdf::{
    Mm, OffsetDateTime, ParsedFont, PdfDocument, PdfPage, PdfSaveOptions, RawImage, XObjectId,
};
use std::sync::OnceLock;

const REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../assets/fonts/NotoSans-Regular.ttf"
));
const BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../assets/fonts/NotoSans-Bold.ttf"
));

/// The two faces, parsed once.
pub(crate) fn faces() -> Result<&'static (ParsedFont, ParsedFont)> {
    static FACES: OnceLock<Option<(ParsedFont, ParsedFont)>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let regular = ParsedFont::from_bytes(REGULAR, 0, &mut Vec::new())?;
            let bold = ParsedFont::from_bytes(BOLD, 0, &mut Vec::new())?;
            Some((regular, bold))
        })
        .as_ref()
        .ok_or_else(|| Error::invalid("font", ErrorKind::Internal, "Noto Sans does not parse"))
}

const ACCENT: Rgb3 = [0.09, 0.29, 0.42];
const MUTED: Rgb3 = grey(0.4);
const LINE: Rgb3 = grey(0.8);

const BODY: Style = Style::new(Weight::Regular, 9.0, BLACK);
const LABEL: Style = Style::new(Weight::Regular, 8.0, MUTED);
const REMARK: Style = Style::new(Weight::Regular, 8.5, MUTED);
const SECTION: Style = Style::new(Weight::Bold, 11.5, ACCENT);
const NOTE_TITLE: Style = Style::new(Weight::Bold, 8.5, grey(0.3));
const FOOT: Style = Style::new(Weight::Regular, 7.5, MUTED);

/// The logo, decoded once for a whole document: its bytes, and what they became (nothing when
/// they do not decode).
type Logo = (Vec<u8>, Option<(XObjectId, usize, usize)>);

/// A PDF being written: sheets added one after another, each starting on a new page.
pub struct PdfWriter {
    doc: PdfDocument,
    fonts: Fonts,
    pages: Vec<PdfPage>,
    logo: Option<Logo>,
}

impl PdfWriter {
    pub fn new(title: &str) -> Result<PdfWriter> {
        let (regular, bold) = faces()?;
        let mut doc = PdfDocument::new(title);
        let now = OffsetDateTime::now();
        let info = &mut doc.metadata.info;
        info.creation_date = now;
        info.modification_date = now;
        info.metadata_date = now;
        info.creator = "Tripdesk".into();
        info.producer = "Tripdesk".into();
        let fonts = Fonts {
            regular: Face::new(regular, doc.add_font(regular)),
            bold: Face::new(bold, doc.add_font(bold)),
        };
        Ok(PdfWriter {
            doc,
            fonts,
            pages: Vec::new(),
            logo: None,
        })
    }

    /// Lays a sheet out on new pages of its paper.
    pub fn add_sheet(&mut self, sheet: &Sheet) -> Result<()> {
        let logo = self.logo(sheet);
        let (w_mm, h_mm) = sheet.paper.size_mm();
        let margins = Margins {
            top: 14.0 * PT_PER_MM,
            right: 15.0 * PT_PER_MM,
            bottom: 16.0 * PT_PER_MM,
            left: 15.0 * PT_PER_MM,
        };
        let mut flow = Flow::new(&self.fonts, w_mm * PT_PER_MM, h_mm * PT_PER_MM, margins);
        letterhead(&mut flow, sheet, logo);
        for section in &sheet.sections {
            write_section(&mut flow, sheet, section);
        }
        let words = sheet.words();
        let printed = format!(
            "{} {}",
            words.printed,
            sheet.printed_at.format("%d/%m/%Y %H:%M")
        );
        let (left, width) = (flow.left(), flow.width());
        let fonts = &self.fonts;
        let pages = flow.finish(|page, total| {
            let mut strip = Strip::new(FOOT.line_height() + 4.0);
            strip.rule(left, 0.0, width, 0.4, LINE);
            strip.text(fonts, left, 4.0, &printed, FOOT, Align::Left);
            let number = format!("{} {page}/{total}", words.page);
            strip.text(fonts, left + width, 4.0, &number, FOOT, Align::Right);
            strip
        });
        for ops in pages {
            self.pages.push(PdfPage::new(Mm(w_mm), Mm(h_mm), ops));
        }
        Ok(())
    }

    /// The PDF's bytes, its fonts subset to the characters drawn.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        if self.pages.is_empty() {
            return Err(Error::invalid("sheets", ErrorKind::Required, "no sheet"));
        }
        self.doc.with_pages(std::mem::take(&mut self.pages));
        let options = PdfSaveOptions {
            subset_fonts: true,
            ..Default::default()
        };
        let mut warnings = Vec::new();
        let bytes = self.doc.save(&options, &mut warnings);
        if bytes.is_empty() {
            return Err(Error::invalid("pdf", ErrorKind::Internal, "empty PDF"));
        }
        Ok(bytes)
    }

    /// The sheet's logo as an image of the document, decoded the first time it is seen; a logo
    /// that does not decode is left out.
    fn logo(&mut self, sheet: &Sheet) -> Option<(XObjectId, usize, usize)> {
        let (_, bytes) = sheet.agency.logo.as_ref()?;
        if let Some((seen, image)) = &self.logo {
            if seen == bytes {
                return image.clone();
            }
        }
        let image = RawImage::decode_from_bytes(bytes, &mut Vec::new())
            .ok()
            .filter(|i| i.width > 0 && i.height > 0)
            .map(|i| {
                let (w, h) = (i.width, i.height);
                (self.doc.add_image(&i), w, h)
            });
        self.logo = Some((bytes.clone(), image.clone()));
        image
    }
}

/// The agency (logo, name, address · phone · email), then the title and the customer's name
/// and code.
fn letterhead(flow: &mut Flow, sheet: &Sheet, logo: Option<(XObjectId, usize, usize)>) {
    let fonts = flow.fonts;
    let (left, width) = (flow.left(), flow.width());
    let agency = &sheet.agency;
    let mut strip = Strip::new(0.0);
    let mut text_x = left;
    let mut height: f32 = 0.0;
    if let Some((id, px_w, px_h)) = logo {
        let (mut h, max_w) = (40.0, 120.0);
        let mut w = h * px_w as f32 / px_h as f32;
        if w > max_w {
            h *= max_w / w;
            w = max_w;
        }
        strip.draws.push(Draw::Image {
            id,
            x: left,
            dy: 0.0,
            w,
            h,
            px: (px_w, px_h),
        });
        text_x = left + w + 10.0;
        height = h;
    }
    let text_w = left + width - text_x;
    let name = Style::new(Weight::Bold, 13.0, BLACK);
    let contact = Style::new(Weight::Regular, 8.5, MUTED);
    let mut top = 0.0;
    for line in fonts.wrap(&agency.name, &name, text_w) {
        strip.text(fonts, text_x, top, &line, name, Align::Left);
        top += name.line_height();
    }
    let reach: Vec<&str> = [&agency.address, &agency.phone, &agency.email]
        .into_iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    for line in fonts.wrap(&reach.join("  ·  "), &contact, text_w) {
        strip.text(fonts, text_x, top, &line, contact, Align::Left);
        top += contact.line_height();
    }
    // The agency's lines centred beside a taller logo.
    if height > top {
        let shift = (height - top) / 2.0;
        for draw in &mut strip.draws {
            if let Draw::Text { dy, .. } = draw {
                *dy += shift;
            }
        }
    }
    height = height.max(top);
    if height > 0.0 {
        strip.height = height + 8.0;
        strip.rule(left, height + 6.0, width, 0.8, ACCENT);
        flow.place(strip);
    }

    // The title, then her name large with her code on the right.
    let words = sheet.words();
    let title = Style::new(Weight::Regular, 10.0, MUTED);
    let big = Style::new(Weight::Bold, 19.0, BLACK);
    let code = Style::new(Weight::Bold, 11.0, BLACK);
    let code_w = 130.0;
    let mut strip = Strip::new(title.line_height() + 10.0);
    strip.text(fonts, left, 10.0, words.title, title, Align::Left);
    strip.text(fonts, left + width, 10.0, words.code, LABEL, Align::Right);
    flow.place(strip);
    let lines = fonts.wrap(&sheet.customer_name, &big, width - code_w);
    for (i, line) in lines.iter().enumerate() {
        let mut strip = Strip::new(big.line_height());
        strip.text(fonts, left, 0.0, line, big, Align::Left);
        if i == 0 {
            let top = (big.line_height() - code.line_height()) / 2.0;
            strip.text(
                fonts,
                left + width,
                top,
                &sheet.customer_code,
                code,
                Align::Right,
            );
        }
        flow.place(strip);
    }
    flow.space(4.0);
}

/// A section: its title in bold over a thin rule (repeated, marked continued, on the pages the
/// section runs onto), then its blocks.
fn write_section(flow: &mut Flow, sheet: &Sheet, section: &Section) {
    flow.space(12.0);
    let continued = format!("{} {}", section.title, sheet.words().continued);
    let first = title_strip(flow, &section.title);
    let again = title_strip(flow, &continued);
    flow.heading(first, again);
    for (i, block) in section.blocks.iter().enumerate() {
        if i > 0 {
            flow.space(5.0);
        }
        write_block(flow, sheet, block);
    }
    flow.end_heading();
}

fn title_strip(flow: &Flow, title: &str) -> Strip {
    let h = SECTION.line_height();
    let mut strip = Strip::new(h + 5.0);
    strip.text(flow.fonts, flow.left(), 0.0, title, SECTION, Align::Left);
    strip.rule(flow.left(), h + 1.5, flow.width(), 0.5, ACCENT);
    strip
}

fn write_block(flow: &mut Flow, sheet: &Sheet, block: &Block) {
    let language = sheet.language;
    match block {
        Block::Fields(fields) => {
            let label = Col {
                weight: 1.15,
                align: Align::Left,
                style: LABEL,
            };
            let value = Col {
                weight: 1.6,
                align: Align::Left,
                style: BODY,
            };
            let rows = fields
                .chunks(2)
                .map(|pair| {
                    pair.iter()
                        .flat_map(|(l, c)| [l.clone(), c.display(language)])
                        .collect()
                })
                .collect();
            flow.table(&Table {
                cols: &[label, value, label, value],
                header: None,
                rows,
                look: TableLook {
                    header: BODY,
                    header_fill: grey(1.0),
                    pad_x: 3.0,
                    pad_y: 2.5,
                    rule: Some((0.3, grey(0.9))),
                },
            });
        }
        Block::Table { columns, rows } => {
            let cols: Vec<Col> = columns
                .iter()
                .map(|c| Col {
                    weight: c.weight,
                    align: match c.align {
                        sheet::Align::Left => Align::Left,
                        sheet::Align::Right => Align::Right,
                    },
                    style: BODY,
                })
                .collect();
            flow.table(&Table {
                cols: &cols,
                header: Some(columns.iter().map(|c| c.title.clone()).collect()),
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.display(language)).collect())
                    .collect(),
                look: TableLook {
                    header: Style::new(Weight::Bold, 8.0, grey(0.2)),
                    header_fill: grey(0.92),
                    pad_x: 3.0,
                    pad_y: 2.5,
                    rule: Some((0.3, LINE)),
                },
            });
        }
        Block::Paragraph { title, body } => {
            if !title.trim().is_empty() {
                let mut strip = Strip::new(NOTE_TITLE.line_height());
                strip.text(flow.fonts, flow.left(), 0.0, title, NOTE_TITLE, Align::Left);
                flow.keep(strip);
            }
            flow.paragraph(body, BODY, 0.0);
        }
        Block::Remark(text) => flow.paragraph(text, REMARK, 0.0),
    }
}
