//! Reading a file to import, whatever it claims to be: the kind is told from its first bytes,
//! the limits are checked before anything is decompressed, and rows are streamed so that a
//! big sheet never sits in memory whole.
//!
//! - A zip is an ODS (its `mimetype` says so) or an xlsx/xlsm (`xl/workbook.xml`); its central
//!   directory is checked against the caps below before calamine inflates anything. The zip
//!   crate stops any entry at its declared size, so a part that lies about its size fails
//!   cleanly instead of growing.
//! - An OLE file is an .xls, or a password-protected Office file (`EncryptionInfo`,
//!   `EncryptedPackage`: how Excel stores an xlsx with an open password).
//! - Anything else is text, read as CSV: the encoding and the delimiter are detected, and she
//!   may correct both.
//!
//! xlsx rows come from calamine's cell reader, one row at a time; xls and ods have no streaming
//! reader in calamine and are read a sheet at a time (their size is bounded by the caps).

use crate::error::{Error, ErrorKind, Result};
use calamine::{Data, DataRef, ExcelDateTime, Ods, Range, Reader, SheetType, Xls, XlsError, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use encoding_rs::{CoderResult, Decoder, Encoding};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The largest file she may import.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The most rows one sheet may have.
pub const MAX_ROWS: u32 = 1_000_000;

/// A workbook has a few dozen parts; thousands of entries is not a spreadsheet.
const MAX_ZIP_ENTRIES: usize = 10_000;
/// What a zip may inflate to, all entries together: XML compresses about 10:1, so a 50 MB
/// workbook is ~500 MB of XML at most; more is a zip bomb.
const MAX_INFLATED_BYTES: u64 = 600 * 1024 * 1024;
/// The largest part calamine loads whole (sharedStrings.xml, styles.xml, an ODS content.xml):
/// it becomes in-memory strings or cells, so it is held to less than the streamed sheets.
const MAX_WHOLE_PART_BYTES: u64 = 128 * 1024 * 1024;
/// Entries from this size up must not compress better than `MAX_RATIO`: real sheets stay
/// under ~30:1, deflated zeros reach 1000:1.
const RATIO_CHECKED_FROM: u64 = 10 * 1024 * 1024;
const MAX_RATIO: u64 = 200;
/// The most cells an ODS sheet, or the sheets of an .xls together, may span (calamine holds
/// such a sheet as a dense grid of ~32 bytes a cell, and `number-rows-repeated` or two
/// far-apart cells can make a huge grid from a few bytes).
const MAX_DENSE_CELLS: u64 = 20_000_000;
/// What calamine may hold for the sheets of an .xls or an ODS, which it reads whole: every
/// sheet at open, and a copy of the one asked for. Each cell of a sheet's grid (first to last
/// cell) is a `calamine::Data` twice, and each text cell also a heap string twice; a repeated
/// or shared text is copied into every cell that shows it.
const MAX_SHEET_BYTES: u64 = 512 * 1024 * 1024;
/// A heap string's own cost beyond its text (allocation rounding and header), as counted.
const STRING_OVERHEAD: u64 = 16;

/// Bytes calamine holds for `cells` grid cells and `text` bytes of strings (see
/// `MAX_SHEET_BYTES`).
fn sheet_bytes(cells: u64, text: u64) -> u64 {
    let cell = std::mem::size_of::<Data>() as u64;
    cells
        .saturating_mul(cell)
        .saturating_add(text)
        .saturating_mul(2)
}

/// Excel's last column (XFD): a cell beyond it is a broken file, not a wide one.
const MAX_COLUMNS: u32 = 16_384;
/// The longest piece of XML (a tag, the text between two tags) a workbook's part may hold: no
/// cell holds more than 32,767 characters, some 200 KB with every one escaped.
const MAX_XML_PIECE_BYTES: u64 = 1024 * 1024;
/// The most characters an Excel cell holds: a longer CSV field is no cell but a quotation
/// mark never closed (the rest of the file read as one field) or a file that is no table.
const MAX_CELL_CHARS: usize = 32_767;
/// How much of a text file the encoding and delimiter detection look at.
const SNIFF_BYTES: usize = 64 * 1024;
/// How many lines the delimiter detection compares.
const DELIMITER_LINES: usize = 50;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number cell (a phone typed as a number, a date serial in a cell without a date format).
    Number(f64),
    Bool(bool),
    /// A cell Excel formats as a date.
    Date(NaiveDateTime),
    /// `#N/A`, `#REF!` and the like.
    Error(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CsvEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
}

impl CsvEncoding {
    fn encoding(self) -> &'static Encoding {
        match self {
            CsvEncoding::Utf8 => encoding_rs::UTF_8,
            CsvEncoding::Utf16Le => encoding_rs::UTF_16LE,
            CsvEncoding::Utf16Be => encoding_rs::UTF_16BE,
            CsvEncoding::Windows1258 => encoding_rs::WINDOWS_1258,
        }
    }
}

/// How a CSV file is read: detected, shown to her, and hers to correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CsvOptions {
    pub encoding: CsvEncoding,
    /// `,`, `;` or `\t`.
    pub delimiter: char,
}

/// An open file to import.
pub struct Workbook {
    path: PathBuf,
    format: FileFormat,
    sheets: Vec<String>,
    csv: Option<CsvOptions>,
    source: Source,
    first_with_data: Option<usize>,
}

/// The open reader behind a workbook.
enum Source {
    Xlsx(Box<Xlsx<BufReader<File>>>),
    Xls(Box<Xls<BufReader<File>>>),
    Ods(Box<Ods<BufReader<File>>>),
    /// A CSV is read again from the file for each pass.
    Csv,
}

impl Workbook {
    /// Opens and sniffs the file. `csv` overrides what detection would choose for a CSV file.
    pub fn open(path: &Path, csv: Option<CsvOptions>) -> Result<Workbook> {
        let mut file = open_file(path)?;
        let mut head = [0u8; 8];
        let head_len = read_up_to(&mut file, &mut head).map_err(|e| unreadable(path, e))?;
        let head = head.get(..head_len).unwrap_or_default();
        let mut book = match sniff(head) {
            Sniffed::Zip => open_zip(path, file)?,
            Sniffed::Ole => open_ole(path, file)?,
            Sniffed::Unsupported(what) => {
                return Err(Error::bad_file(
                    path,
                    ErrorKind::FileUnsupported,
                    format!("{what}, not a spreadsheet"),
                ))
            }
            Sniffed::Text => {
                if let Some(ext) = zip_only_extension(path) {
                    // Excel itself refuses these: a workbook of this kind is always a zip.
                    return Err(Error::bad_file(
                        path,
                        ErrorKind::FileUnreadable,
                        format!("named .{ext} but not a zip: a damaged or truncated workbook"),
                    ));
                }
                open_csv(path, file, csv)?
            }
        };
        if book.sheets.is_empty() {
            return Err(Error::bad_file(path, ErrorKind::FileEmpty, "no worksheet"));
        }
        match book.find_first_sheet_with_data()? {
            Some(i) => book.first_with_data = Some(i),
            None => {
                return Err(Error::bad_file(
                    path,
                    ErrorKind::FileEmpty,
                    "no cell has a value",
                ))
            }
        }
        Ok(book)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn format(&self) -> FileFormat {
        self.format
    }

    /// The sheets' names, in the workbook's order (one, the file's name, for a CSV).
    pub fn sheet_names(&self) -> &[String] {
        &self.sheets
    }

    /// The CSV reading in force, detected or given.
    pub fn csv_options(&self) -> Option<CsvOptions> {
        self.csv
    }

    /// The first sheet with at least one non-empty cell (0 if none has).
    pub fn first_sheet_with_data(&mut self) -> Result<usize> {
        if let Some(i) = self.first_with_data {
            return Ok(i);
        }
        let found = self.find_first_sheet_with_data()?.unwrap_or(0);
        self.first_with_data = Some(found);
        Ok(found)
    }

    fn find_first_sheet_with_data(&mut self) -> Result<Option<usize>> {
        for i in 0..self.sheets.len() {
            for row in self.rows(i)? {
                if !row?.is_empty() {
                    return Ok(Some(i));
                }
            }
        }
        Ok(None)
    }

    /// Streams the rows of sheet `sheet`, from the file's first row: the n-th item is the
    /// file's row n+1, blank rows included (as empty vectors), trailing empty cells trimmed.
    /// More than `MAX_ROWS` rows is an error (`FileTooLarge`) when that row is reached.
    pub fn rows(
        &mut self,
        sheet: usize,
    ) -> Result<Box<dyn Iterator<Item = Result<Vec<Cell>>> + '_>> {
        let name = self.sheets.get(sheet).ok_or(Error::NotFound("sheet"))?;
        let path = self.path.as_path();
        match &mut self.source {
            Source::Xlsx(xlsx) => {
                let cells = shielded(path, move || xlsx.worksheet_cells_reader(name))?
                    .map_err(|e| unreadable(path, format!("sheet {name}: {e}")))?;
                Ok(Box::new(Fused::new(XlsxRows {
                    path: path.to_path_buf(),
                    cells,
                    next_row: 0,
                    ahead: None,
                    cells_done: false,
                })))
            }
            Source::Xls(xls) => {
                let range = shielded(path, || xls.worksheet_range(name))?
                    .map_err(|e| xls_error(path, e))?;
                Ok(Box::new(RangeRows::new(path, range)))
            }
            Source::Ods(ods) => {
                let range = shielded(path, || ods.worksheet_range(name))?
                    .map_err(|e| unreadable(path, format!("sheet {name}: {e}")))?;
                Ok(Box::new(RangeRows::new(path, range)))
            }
            Source::Csv => {
                let options = self.csv.ok_or(Error::NotFound("csv options"))?;
                Ok(Box::new(Fused::new(CsvRows::open(path, options)?)))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sniffing

enum Sniffed {
    Zip,
    Ole,
    Text,
    Unsupported(&'static str),
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn sniff(head: &[u8]) -> Sniffed {
    const KNOWN: [(&[u8], &str); 10] = [
        (b"%PDF", "a PDF"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"{\\rtf", "an RTF document"),
        (b"\x7FELF", "a program"),
        (b"MZ", "a program"),
    ];
    if head.starts_with(b"PK\x03\x04") {
        return Sniffed::Zip;
    }
    if head.starts_with(&OLE_MAGIC) {
        return Sniffed::Ole;
    }
    if head.starts_with(b"PK\x05\x06") {
        return Sniffed::Unsupported("an empty zip");
    }
    for (magic, what) in KNOWN {
        if head.starts_with(magic) {
            return Sniffed::Unsupported(what);
        }
    }
    Sniffed::Text
}

/// The extension, when it names a kind of workbook that is always a zip.
fn zip_only_extension(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "ods").then_some(ext)
}

fn open_file(path: &Path) -> Result<File> {
    let file = File::open(path).map_err(|e| unreadable(path, format!("cannot open: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| unreadable(path, format!("cannot stat: {e}")))?;
    if !meta.is_file() {
        return Err(unreadable(path, "not a file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::bad_file(
            path,
            ErrorKind::FileTooLarge,
            format!(
                "{} bytes, over the {MAX_FILE_BYTES} bytes allowed",
                meta.len()
            ),
        ));
    }
    if meta.len() == 0 {
        return Err(Error::bad_file(path, ErrorKind::FileEmpty, "0 bytes"));
    }
    Ok(file)
}

/// Reads until `buf` is full or the file ends; returns how much was read.
fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        let Some(rest) = buf.get_mut(filled..) else {
            break;
        };
        match r.read(rest) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

fn unreadable(path: &Path, detail: impl std::fmt::Display) -> Error {
    Error::bad_file(path, ErrorKind::FileUnreadable, detail.to_string())
}

fn too_large(path: &Path, detail: impl Into<String>) -> Error {
    Error::bad_file(path, ErrorKind::FileTooLarge, detail)
}

/// Runs a call into calamine so that a panic on a malformed file becomes `FileUnreadable`.
fn shielded<T>(path: &Path, f: impl FnOnce() -> T) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f))
        .map_err(|_| unreadable(path, "the spreadsheet reader stopped on a malformed file"))
}

// ---------------------------------------------------------------------------------------------
// Zip: xlsx, xlsm, ods

#[derive(Clone, Copy, PartialEq)]
enum ZipKind {
    Xlsx,
    Ods,
}

fn open_zip(path: &Path, mut file: File) -> Result<Workbook> {
    let kind = {
        let mut archive = zip::ZipArchive::new(BufReader::new(&file))
            .map_err(|e| unreadable(path, format!("a broken zip: {e}")))?;
        let kind = zip_kind(path, &mut archive)?;
        check_zip_limits(path, &archive, kind)?;
        check_xml_pieces(path, &mut archive)?;
        if kind == ZipKind::Ods {
            check_ods_grid(path, &mut archive)?;
        }
        kind
    };
    file.rewind().map_err(|e| unreadable(path, e))?;
    let reader = BufReader::new(file);
    match kind {
        ZipKind::Xlsx => {
            let xlsx: Xlsx<_> = shielded(path, || Xlsx::new(reader))?
                .map_err(|e| unreadable(path, format!("a broken xlsx: {e}")))?;
            let sheets = worksheet_names(xlsx.sheets_metadata());
            Ok(Workbook::new(
                path,
                FileFormat::Xlsx,
                sheets,
                Source::Xlsx(Box::new(xlsx)),
            ))
        }
        ZipKind::Ods => {
            let ods: Ods<_> = shielded(path, || Ods::new(reader))?.map_err(|e| match e {
                calamine::OdsError::Password => Error::bad_file(
                    path,
                    ErrorKind::FilePasswordProtected,
                    "an ods with a password",
                ),
                calamine::OdsError::CellLimitExceeded { requested, max } => {
                    too_large(path, format!("{requested} cells, over calamine's {max}"))
                }
                e => unreadable(path, format!("a broken ods: {e}")),
            })?;
            let sheets = worksheet_names(ods.sheets_metadata());
            Ok(Workbook::new(
                path,
                FileFormat::Ods,
                sheets,
                Source::Ods(Box::new(ods)),
            ))
        }
    }
}

fn worksheet_names(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

impl Workbook {
    fn new(path: &Path, format: FileFormat, sheets: Vec<String>, source: Source) -> Workbook {
        Workbook {
            path: path.to_path_buf(),
            format,
            sheets,
            csv: None,
            source,
            first_with_data: None,
        }
    }
}

fn zip_kind<R: Read + Seek>(path: &Path, archive: &mut zip::ZipArchive<R>) -> Result<ZipKind> {
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_lowercase()))
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    if let Some(i) = archive.index_for_name("mimetype") {
        let mut mime = Vec::new();
        let entry = archive
            .by_index(i)
            .map_err(|e| unreadable(path, format!("mimetype: {e}")))?;
        entry
            .take(256)
            .read_to_end(&mut mime)
            .map_err(|e| unreadable(path, format!("mimetype: {e}")))?;
        let mime = String::from_utf8_lossy(&mime);
        let mime = mime.trim();
        if mime.starts_with("application/vnd.oasis.opendocument.spreadsheet") {
            return Ok(ZipKind::Ods);
        }
        if mime.starts_with("application/vnd.oasis.opendocument") {
            return Err(Error::bad_file(
                path,
                ErrorKind::FileUnsupported,
                format!("an OpenDocument file that is not a spreadsheet ({mime})"),
            ));
        }
    }
    if has("xl/workbook.xml") {
        return Ok(ZipKind::Xlsx);
    }
    let detail = if has("xl/workbook.bin") {
        "an Excel binary workbook (.xlsb)"
    } else if has("word/document.xml") {
        "a Word document"
    } else if has("ppt/presentation.xml") {
        "a PowerPoint presentation"
    } else {
        "a zip that holds no spreadsheet"
    };
    Err(Error::bad_file(path, ErrorKind::FileUnsupported, detail))
}

/// The caps, from the central directory alone: nothing is inflated here.
fn check_zip_limits<R: Read + Seek>(
    path: &Path,
    archive: &zip::ZipArchive<R>,
    kind: ZipKind,
) -> Result<()> {
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(too_large(
            path,
            format!("{} zip entries, over {MAX_ZIP_ENTRIES}", archive.len()),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_data(i)
            .map_err(|e| unreadable(path, format!("zip entry {i}: {e}")))?;
        let name = entry.name().map(|n| n.to_lowercase()).unwrap_or_default();
        if entry.encrypted() {
            return Err(Error::bad_file(
                path,
                ErrorKind::FilePasswordProtected,
                format!("zip entry {name} is encrypted"),
            ));
        }
        let size = entry.size();
        total = total.saturating_add(size);
        if total > MAX_INFLATED_BYTES {
            return Err(too_large(
                path,
                format!("would inflate past {MAX_INFLATED_BYTES} bytes"),
            ));
        }
        if size >= RATIO_CHECKED_FROM && size / entry.compressed_size().max(1) > MAX_RATIO {
            return Err(too_large(
                path,
                format!(
                    "{name} inflates {size} bytes from {}: a zip bomb",
                    entry.compressed_size()
                ),
            ));
        }
        let loaded_whole = match kind {
            ZipKind::Xlsx => {
                (name.ends_with(".xml") || name.ends_with(".rels"))
                    && !name.starts_with("xl/worksheets/")
            }
            ZipKind::Ods => name.ends_with(".xml"),
        };
        if loaded_whole && size > MAX_WHOLE_PART_BYTES {
            return Err(too_large(
                path,
                format!("{name} is {size} bytes, over {MAX_WHOLE_PART_BYTES}"),
            ));
        }
    }
    Ok(())
}

/// Refuses a part holding a piece of XML (a tag, the text between two tags, a comment, a
/// CDATA section) longer than `MAX_XML_PIECE_BYTES`. calamine's XML reader holds each piece
/// whole, and copies it: a part that keeps within every cap above can still inflate to one
/// cell of hundreds of megabytes, and take gigabytes to read. Only parts bigger than the cap
/// can hold such a piece, so the ordinary small ones are not inflated here.
fn check_xml_pieces<R: Read + Seek>(path: &Path, archive: &mut zip::ZipArchive<R>) -> Result<()> {
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .map_err(|e| unreadable(path, format!("zip entry {i}: {e}")))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let lower = name.to_lowercase();
        let xml = lower.ends_with(".xml") || lower.ends_with(".rels");
        if !xml || entry.size() <= MAX_XML_PIECE_BYTES {
            continue;
        }
        let fits = xml_pieces_fit(
            BufReader::with_capacity(64 * 1024, entry),
            MAX_XML_PIECE_BYTES,
        )
        .map_err(|e| unreadable(path, format!("{name}: {e}")))?;
        if !fits {
            return Err(too_large(
                path,
                format!(
                    "{name} has a cell or tag of more than {MAX_XML_PIECE_BYTES} bytes, more \
                     than a cell holds"
                ),
            ));
        }
    }
    Ok(())
}

/// Whether every piece of the XML (as its reader splits it into events) is at most `limit`
/// bytes long.
fn xml_pieces_fit(mut xml: impl BufRead, limit: u64) -> std::io::Result<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum Piece {
        Text,
        /// Just after `<`: what follows tells a tag from a comment, a CDATA section, a
        /// processing instruction or a DOCTYPE.
        Open,
        Tag,
        Comment,
        Cdata,
        Instruction,
        Doctype,
    }
    let mut piece = Piece::Text;
    let mut len: u64 = 0;
    let mut quote = 0u8;
    let mut head: Vec<u8> = Vec::with_capacity(8);
    let mut last = [0u8; 2];
    let mut depth = 0u32;
    loop {
        let buf = xml.fill_buf()?;
        if buf.is_empty() {
            return Ok(true);
        }
        let n = buf.len();
        for &b in buf {
            len += 1;
            if len > limit {
                return Ok(false);
            }
            if piece == Piece::Open {
                head.push(b);
                piece = match head.as_slice() {
                    [b'?'] => Piece::Instruction,
                    [b'!', b'-', b'-'] => Piece::Comment,
                    b"![CDATA[" => Piece::Cdata,
                    h if b"![CDATA[".starts_with(h) || b"!--".starts_with(h) => Piece::Open,
                    [b'!', ..] => {
                        depth = 1;
                        Piece::Doctype
                    }
                    _ => Piece::Tag,
                };
                last = [0, 0];
                if !matches!(piece, Piece::Tag | Piece::Doctype) {
                    continue;
                }
            }
            let ended = match piece {
                Piece::Text => {
                    if b == b'<' {
                        piece = Piece::Open;
                        head.clear();
                        len = 1;
                    }
                    false
                }
                Piece::Open => false,
                Piece::Tag => {
                    if quote != 0 {
                        if b == quote {
                            quote = 0;
                        }
                        false
                    } else if b == b'"' || b == b'\'' {
                        quote = b;
                        false
                    } else {
                        b == b'>'
                    }
                }
                Piece::Comment => b == b'>' && last == *b"--",
                Piece::Cdata => b == b'>' && last == *b"]]",
                Piece::Instruction => b == b'>' && last[1] == b'?',
                Piece::Doctype => {
                    if b == b'<' {
                        depth += 1;
                    } else if b == b'>' {
                        depth -= 1;
                    }
                    depth == 0
                }
            };
            last = [last[1], b];
            if ended {
                piece = Piece::Text;
                len = 0;
            }
        }
        xml.consume(n);
    }
}

/// Refuses an ODS whose sheets would make a grid of more than `MAX_DENSE_CELLS` cells, from a
/// quick scan of content.xml's tags (`number-rows-repeated` lets a few bytes span millions).
fn check_ods_grid<R: Read + Seek>(path: &Path, archive: &mut zip::ZipArchive<R>) -> Result<()> {
    let Some(i) = archive.index_for_name("content.xml") else {
        return Ok(()); // calamine says what is wrong
    };
    let entry = archive
        .by_index(i)
        .map_err(|e| unreadable(path, format!("content.xml: {e}")))?;
    let (cells, all_cells, text) = ods_grid_cells(BufReader::new(entry))
        .map_err(|e| unreadable(path, format!("content.xml: {e}")))?;
    if cells > MAX_DENSE_CELLS {
        return Err(too_large(
            path,
            format!("a sheet spans {cells} cells, over {MAX_DENSE_CELLS}"),
        ));
    }
    let bytes = sheet_bytes(all_cells, text);
    if bytes > MAX_SHEET_BYTES {
        return Err(too_large(
            path,
            format!("sheets that take {bytes} bytes to read, over {MAX_SHEET_BYTES}"),
        ));
    }
    Ok(())
}

/// The largest grid (rows × columns from the first to the last cell that may hold a value) of
/// the ODS content.xml's tables, the grids of all tables added up, and the bytes of text in
/// their cells, each cell's text counted as often as the cell is repeated.
fn ods_grid_cells(mut xml: impl BufRead) -> std::io::Result<(u64, u64, u64)> {
    #[derive(Default)]
    struct Table {
        row: u64,
        row_start: u64,
        row_repeat: u64,
        col: u64,
        rows: Option<(u64, u64)>,
        cols: Option<(u64, u64)>,
    }
    impl Table {
        fn area(&self) -> u64 {
            match (self.rows, self.cols) {
                (Some((r0, r1)), Some((c0, c1))) => (r1 - r0)
                    .saturating_add(1)
                    .saturating_mul((c1 - c0).saturating_add(1)),
                _ => 0,
            }
        }
    }
    fn widen(span: &mut Option<(u64, u64)>, from: u64, to: u64) {
        *span = Some(match *span {
            Some((a, b)) => (a.min(from), b.max(to)),
            None => (from, to),
        });
    }
    fn repeat(tag: &[u8], attr: &[u8]) -> u64 {
        let Some(at) = tag.windows(attr.len()).position(|w| w == attr) else {
            return 1;
        };
        let digits = tag.get(at + attr.len()..).unwrap_or_default();
        let mut n: u64 = 0;
        for d in digits.iter().take_while(|b| b.is_ascii_digit()) {
            n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
        }
        n.max(1)
    }

    let mut biggest = 0u64;
    let mut all = 0u64;
    let mut text = 0u64;
    // The repeats of the text cell being read (columns × rows), while inside one.
    let mut in_cell: Option<u64> = None;
    let mut table = Table::default();
    let mut skipped = Vec::new();
    let mut tag = Vec::new();
    loop {
        skipped.clear();
        if xml.read_until(b'<', &mut skipped)? == 0 {
            break;
        }
        if let Some(times) = in_cell {
            let len = skipped.len().saturating_sub(1) as u64;
            text = text.saturating_add(times.saturating_mul(len));
        }
        tag.clear();
        if xml.read_until(b'>', &mut tag)? == 0 {
            break;
        }
        let name_len = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .unwrap_or(tag.len());
        let name = tag.get(..name_len).unwrap_or_default();
        match name {
            b"table:table" => {
                biggest = biggest.max(table.area());
                all = all.saturating_add(table.area());
                table = Table::default();
            }
            b"/table:table-cell" | b"/table:covered-table-cell" => in_cell = None,
            b"table:table-row" => {
                table.row_start = table.row;
                table.row_repeat = repeat(&tag, b"table:number-rows-repeated=\"");
                table.row = table.row.saturating_add(table.row_repeat);
                table.col = 0;
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let n = repeat(&tag, b"table:number-columns-repeated=\"");
                let self_closing = tag.ends_with(b"/>");
                let has_value = tag.windows(17).any(|w| w == b"office:value-type");
                if has_value || !self_closing {
                    let last_row = table.row_start.saturating_add(table.row_repeat.max(1)) - 1;
                    widen(&mut table.rows, table.row_start, last_row);
                    widen(&mut table.cols, table.col, table.col.saturating_add(n - 1));
                }
                if !self_closing {
                    let times = n.saturating_mul(table.row_repeat.max(1));
                    text = text.saturating_add(times.saturating_mul(STRING_OVERHEAD));
                    in_cell = Some(times);
                }
                table.col = table.col.saturating_add(n);
            }
            _ => {}
        }
    }
    Ok((
        biggest.max(table.area()),
        all.saturating_add(table.area()),
        text,
    ))
}

// ---------------------------------------------------------------------------------------------
// OLE: xls, or a password-protected Office file

fn open_ole(path: &Path, mut file: File) -> Result<Workbook> {
    let streams = ole_stream_names(&mut file).map_err(|e| unreadable(path, e))?;
    let has = |name: &str| streams.iter().any(|s| s.eq_ignore_ascii_case(name));
    if has("EncryptedPackage") || has("EncryptionInfo") {
        return Err(Error::bad_file(
            path,
            ErrorKind::FilePasswordProtected,
            "an Office file saved with a password",
        ));
    }
    if !has("Workbook") && !has("Book") {
        if has("WordDocument") {
            return Err(Error::bad_file(
                path,
                ErrorKind::FileUnsupported,
                "a Word document",
            ));
        }
        if has("PowerPoint Document") {
            return Err(Error::bad_file(
                path,
                ErrorKind::FileUnsupported,
                "a PowerPoint presentation",
            ));
        }
    }
    check_xls(path, &mut file)?;
    file.rewind().map_err(|e| unreadable(path, e))?;
    let reader = BufReader::new(file);
    let xls: Xls<_> = shielded(path, || Xls::new(reader))?.map_err(|e| xls_error(path, e))?;
    let sheets = worksheet_names(xls.sheets_metadata());
    Ok(Workbook::new(
        path,
        FileFormat::Xls,
        sheets,
        Source::Xls(Box::new(xls)),
    ))
}

fn xls_error(path: &Path, e: XlsError) -> Error {
    match e {
        XlsError::Password => Error::bad_file(
            path,
            ErrorKind::FilePasswordProtected,
            "an xls with a password",
        ),
        e => unreadable(path, format!("a broken xls: {e}")),
    }
}

/// The names of the entries in an OLE file's directory. Directory entries are 128 bytes,
/// aligned on 128 bytes after the 512-byte header whatever the sector size; each starts with
/// its name in UTF-16LE, its length in bytes at 0x40 and its type at 0x42. Scanning every
/// aligned slot finds them without following the FAT, and a slot of sheet data can hardly
/// pass for one (the name must end in NUL at the stated length, the type must be valid).
fn ole_stream_names(file: &mut File) -> std::io::Result<Vec<String>> {
    file.rewind()?;
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let mut header = [0u8; 512];
    if read_up_to(&mut reader, &mut header)? < header.len() {
        return Ok(Vec::new());
    }
    let mut names = Vec::new();
    let mut slot = [0u8; 128];
    while read_up_to(&mut reader, &mut slot)? == slot.len() {
        if let Some(name) = directory_entry_name(&slot) {
            names.push(name);
        }
    }
    Ok(names)
}

fn directory_entry_name(slot: &[u8; 128]) -> Option<String> {
    let len = usize::from(u16::from_le_bytes([slot[0x40], slot[0x41]]));
    let typ = slot[0x42];
    if !(4..=64).contains(&len) || !len.is_multiple_of(2) || !matches!(typ, 1 | 2 | 5) {
        return None;
    }
    let units: Vec<u16> = slot
        .get(..len)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let (last, name) = units.split_last()?;
    if *last != 0 || name.contains(&0) {
        return None;
    }
    String::from_utf16(name).ok()
}

/// Refuses an .xls that calamine would read into unbounded memory, from the file's own
/// structure: calamine follows the OLE sector chains to their end (one that loops grows
/// forever), reserves room for as many cells as a sheet's DIMENSIONS record announces, and
/// lays each sheet out as a dense grid from its first to its last cell (two cells a few bytes
/// apart in the file can span 65,536 × 65,536). The Workbook stream is read here as calamine
/// reads it, with the chains held to the sectors the file has.
fn check_xls(path: &Path, file: &mut File) -> Result<()> {
    file.rewind().map_err(|e| unreadable(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, e))?;
    let Some(stream) = ole_workbook_stream(&bytes).map_err(|why| unreadable(path, why))? else {
        return Ok(()); // calamine says what is wrong
    };
    drop(bytes);
    let (cells, text) = biff_grid_cells(&stream)
        .ok_or_else(|| unreadable(path, "sheets that overlap in the workbook stream"))?;
    if cells > MAX_DENSE_CELLS {
        return Err(too_large(
            path,
            format!("sheets that span {cells} cells, over {MAX_DENSE_CELLS}"),
        ));
    }
    let bytes = sheet_bytes(cells, text);
    if bytes > MAX_SHEET_BYTES {
        return Err(too_large(
            path,
            format!("sheets that take {bytes} bytes to read, over {MAX_SHEET_BYTES}"),
        ));
    }
    Ok(())
}

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
/// Streams under this size live in the mini stream, in 64-byte sectors.
const MINI_STREAM_CUTOFF: usize = 4096;

fn le_u16(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2)
        .map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

fn le_u32(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn le_u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// A chain of sectors as calamine reads it: from `id` to ENDOFCHAIN or until `len` bytes are
/// read. Every sector must be whole in the file, and the chain may not visit more sectors than
/// there are: where calamine would read past the end or go round for ever, this refuses.
fn ole_chain<'a>(
    mut id: u32,
    len: usize,
    next: &[u32],
    sectors: usize,
    sector: impl Fn(u32) -> Option<&'a [u8]>,
) -> std::result::Result<Vec<u8>, &'static str> {
    let mut out = Vec::new();
    let mut steps = 0usize;
    while id != ENDOFCHAIN {
        let bytes = sector(id).ok_or("a sector past the end of the file")?;
        steps += 1;
        if steps > sectors {
            return Err("a sector chain that loops");
        }
        let take = bytes.len().min(len - out.len());
        out.extend_from_slice(bytes.get(..take).unwrap_or_default());
        if out.len() >= len {
            break;
        }
        id = *next
            .get(id as usize)
            .ok_or("a sector chain that leaves the allocation table")?;
    }
    Ok(out)
}

/// The Workbook (or, in BIFF5, Book) stream of an OLE file, read as calamine reads it.
/// `Ok(None)` for a file calamine refuses by itself.
fn ole_workbook_stream(bytes: &[u8]) -> std::result::Result<Option<Vec<u8>>, &'static str> {
    let Some(header) = bytes.get(..512) else {
        return Ok(None);
    };
    let size: usize = match le_u16(header, 30) {
        9 => 512,
        12 => 4096,
        _ => return Ok(None),
    };
    if le_u16(header, 32) != 6 {
        return Ok(None);
    }
    // Sector n is at (n + 1) × size: the header takes the first one.
    let sectors = (bytes.len() / size).saturating_sub(1);
    let sector = |id: u32| {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };

    let mut difat: Vec<u32> = le_u32s(header.get(76..).unwrap_or_default()).collect();
    let mut id = le_u32(header, 68);
    let mut steps = 0usize;
    while id < RESERVED_SECTORS {
        steps += 1;
        if steps > sectors {
            return Err("a sector chain that loops");
        }
        difat.extend(le_u32s(
            sector(id).ok_or("a sector past the end of the file")?,
        ));
        id = difat.pop().unwrap_or(ENDOFCHAIN);
    }
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_sectors.len() > sectors {
        return Err("more allocation sectors than the file has");
    }
    let mut fat = Vec::new();
    for id in fat_sectors {
        fat.extend(le_u32s(
            sector(id).ok_or("a sector past the end of the file")?,
        ));
    }

    let directory = ole_chain(le_u32(header, 48), usize::MAX, &fat, sectors, sector)?;
    // (name, first sector, size) of each 128-byte entry, named as calamine names them.
    let entries: Vec<(String, u32, usize)> = directory
        .chunks_exact(128)
        .map(|e| {
            let mut name = encoding_rs::UTF_16LE
                .decode(e.get(..64).unwrap_or_default())
                .0
                .into_owned();
            if let Some(nul) = name.bytes().position(|b| b == 0) {
                name.truncate(nul);
            }
            let len = if size == 512 {
                u64::from(le_u32(e, 120))
            } else {
                u64::from(le_u32(e, 120)) | u64::from(le_u32(e, 124)) << 32
            };
            (
                name,
                le_u32(e, 116),
                usize::try_from(len).unwrap_or(usize::MAX),
            )
        })
        .collect();
    let Some(root) = entries.first() else {
        return Ok(None);
    };

    let mini_fat_sectors = le_u32(header, 64) as usize;
    let (mini_fat, mini_stream) = if mini_fat_sectors > 0 {
        let mini_stream = ole_chain(root.1, root.2, &fat, sectors, sector)?;
        let mini_fat = ole_chain(
            le_u32(header, 60),
            mini_fat_sectors.saturating_mul(size),
            &fat,
            sectors,
            sector,
        )?;
        (le_u32s(&mini_fat).collect::<Vec<_>>(), mini_stream)
    } else {
        (Vec::new(), Vec::new())
    };

    let named = |n: &str| entries.iter().find(|e| e.0.eq_ignore_ascii_case(n));
    let Some((_, start, len)) = named("Workbook").or_else(|| named("Book")) else {
        return Ok(None);
    };
    let stream = if *len < MINI_STREAM_CUTOFF {
        let mini_sector = |id: u32| {
            let start = (id as usize).checked_mul(64)?;
            mini_stream.get(start..start.checked_add(64)?)
        };
        ole_chain(*start, *len, &mini_fat, mini_stream.len() / 64, mini_sector)?
    } else {
        ole_chain(*start, *len, &fat, sectors, sector)?
    };
    Ok(Some(stream))
}

/// The BIFF records from `at` on, as calamine splits them: (type, data), up to the end of
/// the stream or a record cut short.
fn biff_records(stream: &[u8], at: usize) -> impl Iterator<Item = (u16, &[u8])> + '_ {
    let mut rest = stream.get(at..).unwrap_or_default();
    std::iter::from_fn(move || {
        let typ = le_u16(rest, 0);
        let len = usize::from(le_u16(rest, 2));
        let data = rest.get(4..4 + len)?;
        rest = rest.get(4 + len..).unwrap_or_default();
        Some((typ, data))
    })
}

/// The most bytes each shared string (SST) becomes in UTF-8, from its character count: up to
/// 2 bytes a character for 8-bit text, 3 for UTF-16. The SST record and its CONTINUE records
/// are read as one; where a string's characters go on in a CONTINUE record, that record starts
/// with a new flags byte.
fn sst_string_bytes(records: &[&[u8]]) -> Vec<u64> {
    let mut out = Vec::new();
    let Some(first) = records.first() else {
        return out;
    };
    let count = le_u32(first, 4) as usize;
    let mut part = 0usize;
    let mut at = 8usize;
    // The next byte, moving to the next record at a record's end.
    let next = |part: &mut usize, at: &mut usize| -> Option<u8> {
        loop {
            let record = records.get(*part)?;
            if let Some(b) = record.get(*at) {
                *at += 1;
                return Some(*b);
            }
            *part += 1;
            *at = 0;
        }
    };
    while out.len() < count {
        let Some(lo) = next(&mut part, &mut at) else {
            break;
        };
        let Some(hi) = next(&mut part, &mut at) else {
            break;
        };
        let chars = u64::from(u16::from_le_bytes([lo, hi]));
        let Some(mut flags) = next(&mut part, &mut at) else {
            break;
        };
        let runs = if flags & 0x08 != 0 {
            let (Some(a), Some(b)) = (next(&mut part, &mut at), next(&mut part, &mut at)) else {
                break;
            };
            usize::from(u16::from_le_bytes([a, b]))
        } else {
            0
        };
        let ext = if flags & 0x04 != 0 {
            let mut n = [0u8; 4];
            for b in &mut n {
                *b = next(&mut part, &mut at).unwrap_or(0);
            }
            u32::from_le_bytes(n) as usize
        } else {
            0
        };
        let mut bytes = 0u64;
        let mut left = chars;
        while left > 0 {
            let Some(record) = records.get(part) else {
                break;
            };
            if at >= record.len() {
                // The characters go on in the next record, after its flags byte.
                part += 1;
                at = 0;
                match records.get(part).and_then(|r| r.first()) {
                    Some(f) => {
                        flags = *f;
                        at = 1;
                    }
                    None => break,
                }
                continue;
            }
            let width = if flags & 1 != 0 { 2 } else { 1 };
            let here = ((record.len() - at) / width).max(1) as u64;
            let take = here.min(left);
            at += take as usize * width;
            bytes += take * if width == 2 { 3 } else { 2 };
            left -= take;
        }
        for _ in 0..runs * 4 + ext {
            if next(&mut part, &mut at).is_none() {
                break;
            }
        }
        out.push(bytes);
    }
    out
}

/// What calamine would hold for the sheets of a Workbook stream: the cells (for each sheet,
/// the larger of the room its DIMENSIONS records reserve and the grid from its first to its
/// last cell, added up), and the bytes of the shared strings its cells copy (each LabelSst
/// cell its string, each counted with `STRING_OVERHEAD`). `None` when the sheets overlap (a
/// sheet's records read more than once).
fn biff_grid_cells(stream: &[u8]) -> Option<(u64, u64)> {
    const BOF: u16 = 0x0809;
    const EOF: u16 = 0x000A;
    /// Number, Label, RString, BoolErr, RK, LabelSst, Formula: one cell at (row, column).
    const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];
    let mut sheets = Vec::new();
    // The SST record and the CONTINUE records right after it.
    let mut sst: Vec<&[u8]> = Vec::new();
    let mut in_sst = false;
    for (typ, data) in biff_records(stream, 0) {
        match typ {
            0x0085 => sheets.push(le_u32(data, 0) as usize), // BoundSheet8: where the sheet is
            0x00FC => sst = vec![data],
            0x003C if in_sst => sst.push(data),
            EOF => break,
            _ => {}
        }
        in_sst = typ == 0x00FC || (typ == 0x003C && in_sst);
    }
    let strings = sst_string_bytes(&sst);
    let mut text = 0u64;
    let mut total = 0u64;
    let mut read = 0usize;
    for at in sheets {
        let mut depth = 0usize;
        let mut seen_bof = false;
        let mut reserved = 0u64;
        let mut grid: Option<(u32, u32, u32, u32)> = None;
        let mut widen = |row: u32, first: u32, last: u32| {
            let (r0, r1, c0, c1) = grid.unwrap_or((row, row, first, last));
            grid = Some((r0.min(row), r1.max(row), c0.min(first), c1.max(last)));
        };
        for (typ, data) in biff_records(stream, at) {
            read += 4 + data.len();
            if read > stream.len() {
                return None;
            }
            // Nested substreams (charts) are skipped, as calamine skips them.
            if depth > 0 {
                match typ {
                    BOF => depth += 1,
                    EOF => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let row = u32::from(le_u16(data, 0));
            let col = u32::from(le_u16(data, 2));
            match typ {
                BOF if seen_bof => depth += 1,
                BOF => seen_bof = true,
                EOF => break,
                0x0200 => reserved = reserved.max(dimensions_cells(data)),
                0x00FD if data.len() >= 10 => {
                    widen(row, col, col);
                    let string = strings.get(le_u32(data, 6) as usize).copied().unwrap_or(0);
                    text = text.saturating_add(string.saturating_add(STRING_OVERHEAD));
                }
                t if CELLS.contains(&t) && data.len() >= 4 => widen(row, col, col),
                // String: the value of the formula before it, or of A1 before any.
                0x0207 => widen(0, 0, 0),
                // MulRk: one cell a 6-byte RK from the first column on.
                0x00BD if data.len() >= 6 => {
                    widen(row, col, col + (data.len() as u32 - 6) / 6);
                }
                _ => {}
            }
        }
        let spanned = grid.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        });
        total = total.saturating_add(reserved.max(spanned));
    }
    Some((total, text))
}

/// The cells calamine reserves room for from a DIMENSIONS record, computed as it computes
/// them (in a release build its `u32` arithmetic wraps: first > last is 4 billion rows).
fn dimensions_cells(data: &[u8]) -> u64 {
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u32::from(le_u16(data, 0)),
            u32::from(le_u16(data, 2)),
            u32::from(le_u16(data, 4)),
            u32::from(le_u16(data, 6)),
        ),
        14 | 16 => (
            le_u32(data, 0),
            le_u32(data, 4),
            u32::from(le_u16(data, 8)),
            u32::from(le_u16(data, 10)),
        ),
        _ => return 0, // calamine refuses the record
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (end_row, end_col) = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    let rows = u64::from(end_row.wrapping_sub(rf).wrapping_add(1));
    let cols = u64::from(end_col.wrapping_sub(cf).wrapping_add(1));
    rows.saturating_mul(cols)
}

// ---------------------------------------------------------------------------------------------
// Rows of an xlsx sheet, streamed

struct XlsxRows<'a> {
    path: PathBuf,
    cells: calamine::XlsxCellReader<'a, BufReader<File>>,
    /// The file row (0-based) the next item is.
    next_row: u32,
    /// A cell read ahead, of a later row: (row, column, value).
    ahead: Option<(u32, u32, Cell)>,
    cells_done: bool,
}

impl XlsxRows<'_> {
    /// The next cell that holds something.
    fn next_value(&mut self) -> Result<Option<(u32, u32, Cell)>> {
        while !self.cells_done {
            let next = shielded(&self.path, || self.cells.next_cell())?
                .map_err(|e| unreadable(&self.path, format!("a broken sheet: {e}")))?;
            let Some(cell) = next else {
                self.cells_done = true;
                break;
            };
            let (row, col) = cell.get_position();
            let value = from_data_ref(cell.get_value());
            if value != Cell::Empty {
                return Ok(Some((row, col, value)));
            }
        }
        Ok(None)
    }

    fn next_row(&mut self) -> Result<Option<Vec<Cell>>> {
        let first = match self.ahead.take() {
            Some(cell) => cell,
            None => match self.next_value()? {
                Some(cell) => cell,
                None => return Ok(None),
            },
        };
        let row = first.0;
        if row < self.next_row {
            return Err(unreadable(
                &self.path,
                format!("row {} comes after row {}", row + 1, self.next_row),
            ));
        }
        if self.next_row >= MAX_ROWS {
            return Err(too_many_rows(&self.path));
        }
        if row > self.next_row {
            self.ahead = Some(first);
            self.next_row += 1;
            return Ok(Some(Vec::new()));
        }
        let mut cells = Vec::new();
        place(&self.path, &mut cells, first.1, first.2)?;
        loop {
            match self.next_value()? {
                Some((r, col, value)) if r == row => place(&self.path, &mut cells, col, value)?,
                Some(other) => {
                    self.ahead = Some(other);
                    break;
                }
                None => break,
            }
        }
        self.next_row += 1;
        trim_end(&mut cells);
        Ok(Some(cells))
    }
}

fn place(path: &Path, cells: &mut Vec<Cell>, col: u32, value: Cell) -> Result<()> {
    if col >= MAX_COLUMNS {
        return Err(unreadable(
            path,
            format!("a cell in column {}, past Excel's last", col + 1),
        ));
    }
    let col = col as usize;
    if cells.len() <= col {
        cells.resize(col + 1, Cell::Empty);
    }
    if let Some(slot) = cells.get_mut(col) {
        *slot = value;
    }
    Ok(())
}

fn too_many_rows(path: &Path) -> Error {
    too_large(path, format!("more than {MAX_ROWS} rows"))
}

/// Refuses a CSV record that no spreadsheet could have written, before its fields become
/// cells: more fields than Excel has columns, or a field longer than a cell holds.
fn check_record(path: &Path, record: &csv::StringRecord, line: u64) -> Result<()> {
    if record.len() > MAX_COLUMNS as usize {
        return Err(too_large(
            path,
            format!(
                "line {line} has {} fields, past Excel's last column ({MAX_COLUMNS})",
                record.len()
            ),
        ));
    }
    let long = record
        .iter()
        .find(|f| f.len() > MAX_CELL_CHARS && f.chars().count() > MAX_CELL_CHARS);
    if let Some(field) = long {
        let hint = if field.contains('\n') {
            ": a quotation mark that is never closed?"
        } else {
            ""
        };
        return Err(unreadable(
            path,
            format!(
                "line {line} has a field of {} characters, more than a cell holds \
                 ({MAX_CELL_CHARS}){hint}",
                field.chars().count()
            ),
        ));
    }
    Ok(())
}

/// A reader of rows one at a time: `Ok(None)` at the end.
trait RowReader {
    fn next_row(&mut self) -> Result<Option<Vec<Cell>>>;
}

impl RowReader for XlsxRows<'_> {
    fn next_row(&mut self) -> Result<Option<Vec<Cell>>> {
        XlsxRows::next_row(self)
    }
}

impl RowReader for CsvRows {
    fn next_row(&mut self) -> Result<Option<Vec<Cell>>> {
        CsvRows::next_row(self)
    }
}

/// A row reader as an iterator that stops for good after the end or the first error.
struct Fused<R> {
    reader: R,
    done: bool,
}

impl<R> Fused<R> {
    fn new(reader: R) -> Self {
        Fused {
            reader,
            done: false,
        }
    }
}

impl<R: RowReader> Iterator for Fused<R> {
    type Item = Result<Vec<Cell>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.reader.next_row();
        self.done = !matches!(next, Ok(Some(_)));
        next.transpose()
    }
}

// ---------------------------------------------------------------------------------------------
// Rows of an xls or ods sheet, from calamine's range

struct RangeRows {
    path: PathBuf,
    range: Range<Data>,
    next_row: u32,
    done: bool,
}

impl RangeRows {
    fn new(path: &Path, range: Range<Data>) -> RangeRows {
        RangeRows {
            path: path.to_path_buf(),
            range,
            next_row: 0,
            done: false,
        }
    }
}

impl Iterator for RangeRows {
    type Item = Result<Vec<Cell>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let (Some(start), Some(end)) = (self.range.start(), self.range.end()) else {
            self.done = true;
            return None;
        };
        let row = self.next_row;
        if row > end.0 {
            self.done = true;
            return None;
        }
        if row >= MAX_ROWS {
            self.done = true;
            return Some(Err(too_many_rows(&self.path)));
        }
        self.next_row += 1;
        let mut cells = Vec::new();
        if row >= start.0 {
            cells.resize(start.1 as usize, Cell::Empty);
            for col in start.1..=end.1.min(MAX_COLUMNS - 1) {
                let value = self
                    .range
                    .get_value((row, col))
                    .map_or(Cell::Empty, from_data);
                cells.push(value);
            }
        }
        trim_end(&mut cells);
        Some(Ok(cells))
    }
}

// ---------------------------------------------------------------------------------------------
// Cells

fn text_cell(s: &str) -> Cell {
    let s = crate::text::clean(s);
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn date_cell(dt: &ExcelDateTime) -> Cell {
    let value = dt.as_f64();
    // Serials from 0 to 31 Dec 9999; anything else is not a date Excel can show.
    if dt.is_duration() || !(0.0..2_958_466.0).contains(&value) {
        return Cell::Number(value);
    }
    dt.as_datetime().map_or(Cell::Number(value), Cell::Date)
}

/// An ISO date from an ODS `date-value` ("1985-03-12", "1985-03-12T00:00:00.000Z").
fn iso_date_cell(s: &str) -> Cell {
    let t = s.trim().trim_end_matches('Z');
    if let Ok(dt) = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f") {
        return Cell::Date(dt);
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Cell::Date(d.and_time(chrono::NaiveTime::MIN));
    }
    text_cell(s)
}

fn from_data_ref(v: &DataRef<'_>) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => date_cell(dt),
        DataRef::DateTimeIso(s) => iso_date_cell(s),
        DataRef::DurationIso(s) => text_cell(s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn from_data(v: &Data) -> Cell {
    match v {
        Data::Empty => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => date_cell(dt),
        Data::DateTimeIso(s) => iso_date_cell(s),
        Data::DurationIso(s) => text_cell(s),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn trim_end(cells: &mut Vec<Cell>) {
    while cells.last() == Some(&Cell::Empty) {
        cells.pop();
    }
}

// ---------------------------------------------------------------------------------------------
// CSV

fn open_csv(path: &Path, mut file: File, given: Option<CsvOptions>) -> Result<Workbook> {
    file.rewind().map_err(|e| unreadable(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, e))?;
    let detected = detect_encoding(&bytes).map_err(|why| unreadable(path, why))?;
    let sample = decode_sample(&bytes, detected);
    drop(bytes);
    check_text(&sample).map_err(|(kind, why)| Error::bad_file(path, kind, why))?;
    let options = match given {
        Some(options) => {
            if !matches!(options.delimiter, ',' | ';' | '\t' | '|') {
                return Err(Error::invalid(
                    "delimiter",
                    ErrorKind::InvalidChoice,
                    format!("{:?} is not a CSV delimiter", options.delimiter),
                ));
            }
            options
        }
        None => CsvOptions {
            encoding: detected,
            delimiter: detect_delimiter(&sample.text, sample.complete),
        },
    };
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "CSV".to_string());
    let mut book = Workbook::new(path, FileFormat::Csv, vec![name], Source::Csv);
    book.csv = Some(options);
    Ok(book)
}

/// The encoding of a text file, or why it is not text.
fn detect_encoding(bytes: &[u8]) -> std::result::Result<CsvEncoding, String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Ok(CsvEncoding::Utf8);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Ok(CsvEncoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Ok(CsvEncoding::Utf16Be);
    }
    let sample = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    // UTF-16 without a BOM: ASCII characters (digits, delimiters, spaces, Latin letters) have a
    // NUL on one side, and only on that side.
    let pairs = sample.len() / 2;
    if pairs >= 2 {
        let (mut even, mut odd) = (0usize, 0usize);
        for pair in sample.chunks_exact(2) {
            even += usize::from(pair[0] == 0);
            odd += usize::from(pair[1] == 0);
        }
        if odd * 5 >= pairs && even * 10 <= odd {
            return Ok(CsvEncoding::Utf16Le);
        }
        if even * 5 >= pairs && odd * 10 <= even {
            return Ok(CsvEncoding::Utf16Be);
        }
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(format!("a NUL byte at offset {at}: binary data, not text"));
    }
    if mostly_utf8(bytes) {
        return Ok(CsvEncoding::Utf8);
    }
    Ok(CsvEncoding::Windows1258)
}

/// Whether the bytes are UTF-8: valid, or cut in the middle of the last character, or with
/// stray bad bytes far outnumbered by good multi-byte characters (a file edited by two tools).
/// Windows-1258 text, whose accented letters are single bytes, fails at almost every one.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut bad = 0usize;
    let mut good_multibyte = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                let prefix = rest.get(..valid).unwrap_or_default();
                good_multibyte += prefix.iter().filter(|b| (**b & 0xC0) == 0xC0).count();
                match e.error_len() {
                    None => break, // cut at the end
                    Some(n) => {
                        bad += 1;
                        rest = rest.get(valid + n..).unwrap_or_default();
                    }
                }
            }
        }
    }
    bad == 0 || good_multibyte >= bad * 10
}

struct Sample {
    text: String,
    /// Whether the sample is the whole file.
    complete: bool,
}

fn decode_sample(bytes: &[u8], encoding: CsvEncoding) -> Sample {
    let complete = bytes.len() <= SNIFF_BYTES;
    let sample = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    let (text, _) = encoding.encoding().decode_with_bom_removal(sample);
    Sample {
        text: text.into_owned(),
        complete,
    }
}

/// Refuses text that is binary data after all, or a web page saved with a spreadsheet's name.
fn check_text(sample: &Sample) -> std::result::Result<(), (ErrorKind, String)> {
    let mut chars = 0usize;
    let mut odd = 0usize;
    for c in sample.text.chars() {
        chars += 1;
        let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}');
        if control || c == '\u{FFFD}' {
            odd += 1;
        }
    }
    if chars > 0 && odd * 100 > chars {
        return Err((
            ErrorKind::FileUnreadable,
            format!("{odd} control or undecodable characters in the first {chars}: not text"),
        ));
    }
    let start: String = sample
        .text
        .trim_start()
        .chars()
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    for markup in ["<!doctype", "<html", "<?xml", "<table", "<meta", "<head"] {
        if start.starts_with(markup) {
            return Err((
                ErrorKind::FileUnsupported,
                "an HTML or XML page, not a CSV (open it in Excel and save it as .xlsx)"
                    .to_string(),
            ));
        }
    }
    Ok(())
}

/// The delimiter that splits the first lines into the same number (more than one) of fields
/// most often; `,` when none does.
fn detect_delimiter(sample: &str, complete: bool) -> char {
    let mut best = (',', 0usize, 0usize);
    for delimiter in [',', ';', '\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter as u8)
            .from_reader(sample.as_bytes());
        let mut counts: Vec<usize> = reader
            .records()
            .take(DELIMITER_LINES + 1)
            .map(|r| r.map_or(0, |r| r.len()))
            .collect();
        if counts.len() > DELIMITER_LINES || !complete {
            counts.pop(); // the line after those compared, or one cut by the sample's end
        }
        let mut frequency: HashMap<usize, usize> = HashMap::new();
        for n in counts.into_iter().filter(|n| *n > 1) {
            *frequency.entry(n).or_default() += 1;
        }
        if let Some((fields, lines)) = frequency
            .into_iter()
            .max_by_key(|(fields, lines)| (*lines, *fields))
        {
            if (lines, fields) > (best.1, best.2) {
                best = (delimiter, lines, fields);
            }
        }
    }
    best.0
}

/// A reader of a text file's bytes as UTF-8, decoding as it goes.
struct DecodingReader<R> {
    inner: R,
    decoder: Decoder,
    input: Box<[u8]>,
    in_pos: usize,
    in_len: usize,
    output: Box<[u8]>,
    out_pos: usize,
    out_len: usize,
    eof: bool,
    finished: bool,
}

impl<R: Read> DecodingReader<R> {
    fn new(inner: R, encoding: &'static Encoding) -> Self {
        DecodingReader {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; 32 * 1024].into_boxed_slice(),
            in_pos: 0,
            in_len: 0,
            output: vec![0; 64 * 1024].into_boxed_slice(),
            out_pos: 0,
            out_len: 0,
            eof: false,
            finished: false,
        }
    }

    fn fill(&mut self) -> std::io::Result<()> {
        self.out_pos = 0;
        self.out_len = 0;
        while self.out_len == 0 && !self.finished {
            if self.in_pos == self.in_len && !self.eof {
                self.in_pos = 0;
                self.in_len = loop {
                    match self.inner.read(&mut self.input) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                };
                self.eof = self.in_len == 0;
            }
            let src = self.input.get(self.in_pos..self.in_len).unwrap_or_default();
            let (result, read, written, _) =
                self.decoder.decode_to_utf8(src, &mut self.output, self.eof);
            self.in_pos += read;
            self.out_len = written;
            if self.eof && result == CoderResult::InputEmpty {
                self.finished = true;
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.out_pos == self.out_len {
            self.fill()?;
        }
        let ready = self
            .output
            .get(self.out_pos..self.out_len)
            .unwrap_or_default();
        let n = ready.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), ready.get(..n)) {
            to.copy_from_slice(from);
        }
        self.out_pos += n;
        Ok(n)
    }
}

struct CsvRows {
    path: PathBuf,
    reader: csv::Reader<DecodingReader<File>>,
    record: csv::StringRecord,
    /// The file row (0-based) the next item is.
    next_row: u32,
    /// The line (1-based) the next record starts on when no blank line comes between.
    expected_line: u64,
    /// Blank lines still to yield before `pending`.
    blank_lines: u64,
    pending: Option<Vec<Cell>>,
}

impl CsvRows {
    fn open(path: &Path, options: CsvOptions) -> Result<CsvRows> {
        let file = open_file(path)?;
        let delimiter = u8::try_from(options.delimiter).map_err(|_| {
            Error::invalid("delimiter", ErrorKind::InvalidChoice, "not a CSV delimiter")
        })?;
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(DecodingReader::new(file, options.encoding.encoding()));
        Ok(CsvRows {
            path: path.to_path_buf(),
            reader,
            record: csv::StringRecord::new(),
            next_row: 0,
            expected_line: 1,
            blank_lines: 0,
            pending: None,
        })
    }

    fn next_row(&mut self) -> Result<Option<Vec<Cell>>> {
        if self.blank_lines == 0 && self.pending.is_none() {
            let more = self
                .reader
                .read_record(&mut self.record)
                .map_err(|e| unreadable(&self.path, format!("CSV: {e}")))?;
            if !more {
                return Ok(None);
            }
            // The csv crate skips blank lines; they are rows to her, as in Excel.
            let line = self
                .record
                .position()
                .map_or(self.expected_line, |p| p.line());
            self.blank_lines = line.saturating_sub(self.expected_line);
            check_record(&self.path, &self.record, line)?;
            let newlines: usize = self.record.iter().map(|f| f.matches('\n').count()).sum();
            self.expected_line = line + newlines as u64 + 1;
            let mut cells: Vec<Cell> = self.record.iter().map(text_cell).collect();
            trim_end(&mut cells);
            self.pending = Some(cells);
        }
        if self.next_row >= MAX_ROWS {
            return Err(too_many_rows(&self.path));
        }
        self.next_row += 1;
        if self.blank_lines > 0 {
            self.blank_lines -= 1;
            return Ok(Some(Vec::new()));
        }
        Ok(self.pending.take())
    }
}

#[cfg(test)]
mod tests {
    use super::xml_pieces_fit;

    fn fits(xml: &str) -> bool {
        // A tiny buffer, so that pieces cross the reads' boundaries.
        xml_pieces_fit(std::io::BufReader::with_capacity(3, xml.as_bytes()), 16).unwrap()
    }

    #[test]
    fn a_piece_is_measured_to_where_the_xml_reader_ends_it() {
        assert!(fits("<row r=\"1\"><c><v>1</v></c></row>"));
        assert!(!fits("<t>0123456789abcdef</t>"), "text between tags");
        assert!(!fits("<c r=\"0123456789abcdef\"/>"), "a tag");
        // A `>` inside a quoted attribute, a comment or a CDATA section does not end it.
        assert!(!fits("<c a='>>>>>>>>>>>>>>>>'/>"));
        assert!(!fits("<!-- > > > > > > > > > -->"));
        assert!(!fits("<![CDATA[> > > > > > > > > ]]>"));
        assert!(!fits("<?pi > > > > > > > > > ?>"));
        assert!(!fits("<!DOCTYPE x [<!ENTITY a 'b'><!ENTITY c 'd'>]>"));
        // Short pieces of each kind, one after another, fit.
        assert!(fits("<!-- a -->x<![CDATA[<b>]]><?p?><a b='>'/>"));
    }
}
