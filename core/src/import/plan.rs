//! Every row's outcome, decided before anything is written: create, update (old → new), skip
//! (and why) or error (which cell, what is wrong). The import writes exactly what the plan
//! says, in one transaction.

use super::columns::{header_key, header_text, ImportField};
use super::read::{Cell, CsvOptions};
use super::values::{self, cell_text, is_blank, Problem};
use crate::customers::{self, display_phone, fields::apply, Customer, CustomerChange, CustomerRef};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{CustomerId, LevelId, StaffId};
use crate::settings::CustomField;
use crate::text::first_folded_alphanumeric;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use ts_rs::TS;

/// What she chose in the wizard (or on the command line).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportSetup {
    /// The sheet, by its place in the workbook.
    pub sheet: u32,
    /// The header row, counted from 1 as the spreadsheet shows it.
    pub header_row: u32,
    /// The field each column fills, by column (none: ignored).
    pub columns: Vec<Option<ImportField>>,
    /// Fields every row gets, whatever the file says (a column still wins where it has a value).
    pub constants: Vec<Constant>,
    pub on_duplicate: OnDuplicate,
    /// Create the levels and staff the file names that do not exist yet.
    pub create_missing: bool,
    /// Rows matched to an existing customer by phone or email that she says are someone new.
    pub create_anyway: Vec<u32>,
    pub csv: Option<CsvOptions>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Constant {
    pub field: ImportField,
    pub value: String,
}

/// What happens to a row whose customer already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    Skip,
    Overwrite,
}

/// How a row was matched to a customer who is already on file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    Code,
    Email,
    Phone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    RepeatedHeader,
    TotalRow,
    /// The customer exists and she chose to skip existing ones.
    Exists,
    /// The customer exists and the row changes nothing.
    Unchanged,
}

/// One cell that cannot be imported as it is.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CellProblem {
    /// The column, counted from 0; none for a constant.
    pub column: Option<u32>,
    /// The column's header as the file writes it.
    pub header: String,
    /// The field (`phones`, `custom.<id>`).
    pub field: String,
    pub kind: ErrorKind,
    pub value: String,
}

/// One field's old and new value, as she reads them.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ValueChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    Create,
    Update {
        customer: CustomerRef,
        matched_by: MatchedBy,
        changes: Vec<ValueChange>,
    },
    Skip {
        reason: SkipReason,
        customer: Option<CustomerRef>,
        matched_by: Option<MatchedBy>,
    },
    Error {
        problems: Vec<CellProblem>,
    },
}

/// A row of the file and what will happen to it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RowOutcome {
    /// The row as the spreadsheet numbers it.
    pub row: u32,
    pub code: String,
    pub full_name: String,
    pub outcome: Outcome,
}

/// A row ready to write.
pub(super) enum Planned {
    Blank,
    Skip(SkipReason),
    Error(Vec<CellProblem>),
    Create(Box<Draft>),
    Update {
        id: CustomerId,
        matched_by: MatchedBy,
        draft: Box<Draft>,
    },
    /// On file already, and she chose to skip those.
    Exists {
        id: CustomerId,
        matched_by: MatchedBy,
    },
}

/// The values a row gives, validated; the names of levels or staff still to create.
#[derive(Debug, Clone, Default)]
pub(super) struct Draft {
    /// For a create: the customer as it will be stored (before levels, staff and code that
    /// the import itself makes).
    pub customer: Customer,
    pub set: Vec<CustomerChange>,
    pub phones: Option<Vec<String>>,
    pub new_level: Option<String>,
    pub new_staff: Option<String>,
    /// A referrer by a code this file creates: linked once every row is in.
    pub referrer_code: Option<String>,
}

/// Reads rows into plans. One per plan or import.
pub(super) struct Planner<'a> {
    conn: &'a Connection,
    setup: &'a ImportSetup,
    headers: Vec<String>,
    header_keys: Vec<String>,
    /// The columns each field is read from.
    columns: HashMap<ImportField, Vec<usize>>,
    /// Every field a row fills (mapped or constant), in field order, with its columns and its
    /// constant: worked out once, not for every row.
    sources: Vec<Source>,
    custom: Vec<CustomField>,
    levels: HashMap<String, LevelId>,
    staff: HashMap<String, StaffId>,
    contacts: Option<HashMap<String, CustomerId>>,
    /// Codes seen so far (upper case), with the rows that had them.
    seen_codes: HashMap<String, Vec<u32>>,
    /// Codes on more than one row (known from the plan when importing).
    pub duplicate_codes: HashSet<String>,
    pub new_levels: BTreeMap<String, String>,
    pub new_staff: BTreeMap<String, String>,
    /// Rows whose referrer is a code not on file: it must be a code further down the file.
    pub pending_referrers: Vec<(u32, String)>,
    row: u32,
    /// Level, staff and country names as read before: a list repeats a handful of them on
    /// every row, and folding each again is most of reading them.
    known_names: HashMap<String, String>,
    known_countries: HashMap<String, Option<String>>,
}

/// The most names remembered: past it, a column of names that are all different is read
/// as before, without memory growing with the file.
const NAMES_REMEMBERED: usize = 4096;

/// Where a field's values come from.
struct Source {
    field: ImportField,
    columns: Vec<usize>,
    constant: Option<Cell>,
}

impl<'a> Planner<'a> {
    pub fn new(
        conn: &'a Connection,
        setup: &'a ImportSetup,
        header_cells: &[Cell],
        custom: Vec<CustomField>,
    ) -> Result<Planner<'a>> {
        let headers: Vec<String> = header_cells.iter().map(header_text).collect();
        let mut columns: HashMap<ImportField, Vec<usize>> = HashMap::new();
        for (i, field) in setup.columns.iter().enumerate() {
            if let Some(field) = field {
                columns.entry(field.clone()).or_default().push(i);
            }
        }
        let mut fields: Vec<ImportField> = setup.columns.iter().flatten().cloned().collect();
        fields.extend(setup.constants.iter().map(|c| c.field.clone()));
        fields.sort();
        fields.dedup();
        let sources = fields
            .into_iter()
            .map(|field| Source {
                columns: columns.get(&field).cloned().unwrap_or_default(),
                constant: setup
                    .constants
                    .iter()
                    .find(|k| k.field == field)
                    .map(|k| Cell::Text(k.value.clone())),
                field,
            })
            .collect();
        Ok(Planner {
            conn,
            setup,
            columns,
            sources,
            header_keys: headers.iter().map(|h| header_key(h)).collect(),
            headers,
            custom,
            levels: level_names(conn)?,
            staff: staff_names(conn)?,
            contacts: None,
            seen_codes: HashMap::new(),
            duplicate_codes: HashSet::new(),
            new_levels: BTreeMap::new(),
            new_staff: BTreeMap::new(),
            pending_referrers: Vec::new(),
            row: 0,
            known_names: HashMap::new(),
            known_countries: HashMap::new(),
        })
    }

    fn header(&self, column: usize) -> String {
        self.headers.get(column).cloned().unwrap_or_default()
    }

    /// The cells of the columns mapped to `field`, with their column.
    fn cells_for<'c>(
        &'c self,
        cells: &'c [Cell],
        field: &ImportField,
    ) -> impl Iterator<Item = (usize, &'c Cell)> + 'c {
        self.columns
            .get(field)
            .into_iter()
            .flatten()
            .filter_map(move |&i| cells.get(i).map(|c| (i, c)))
    }

    /// `fold_name(text)`, remembered.
    fn name_key(&mut self, text: &str) -> String {
        if let Some(key) = self.known_names.get(text) {
            return key.clone();
        }
        let key = fold_name(text);
        if self.known_names.len() < NAMES_REMEMBERED {
            self.known_names.insert(text.to_owned(), key.clone());
        }
        key
    }

    /// `values::country_code(text)`, remembered.
    fn country(&mut self, text: &str) -> Option<String> {
        if let Some(code) = self.known_countries.get(text) {
            return code.clone();
        }
        let code = values::country_code(text);
        if self.known_countries.len() < NAMES_REMEMBERED {
            self.known_countries.insert(text.to_owned(), code.clone());
        }
        code
    }

    /// The code and name a row gives, for the preview's first columns.
    pub fn code_and_name(&self, cells: &[Cell]) -> (String, String) {
        let first = |field: ImportField| {
            self.cells_for(cells, &field)
                .map(|(_, c)| cell_text(c))
                .find(|t| !t.is_empty())
                .unwrap_or_default()
        };
        (first(ImportField::Code), first(ImportField::FullName))
    }

    /// Notes a row's code (its key, upper case); a code seen before is a duplicate in the file.
    fn note_code(&mut self, row: u32, key: &str) {
        if key.is_empty() {
            return;
        }
        match self.seen_codes.get_mut(key) {
            Some(rows) => {
                rows.push(row);
                self.duplicate_codes.insert(key.to_owned());
            }
            None => {
                self.seen_codes.insert(key.to_owned(), vec![row]);
            }
        }
    }

    /// The rows that had a code (upper case), in file order.
    pub fn rows_with_code(&self, code: &str) -> &[u32] {
        self.seen_codes
            .get(code)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Whether a code is on some row of the file read so far.
    pub fn seen_code(&self, code: &str) -> bool {
        self.seen_codes.contains_key(&code.to_uppercase())
    }

    pub fn plan_row(&mut self, row: u32, cells: &[Cell]) -> Result<Planned> {
        self.row = row;
        if cells.iter().all(is_blank) {
            return Ok(Planned::Blank);
        }
        if self.is_repeated_header(cells) {
            return Ok(Planned::Skip(SkipReason::RepeatedHeader));
        }
        let (code, name) = self.code_and_name(cells);
        if self.is_total_row(cells, &name) {
            return Ok(Planned::Skip(SkipReason::TotalRow));
        }
        let code_key = code.to_uppercase();
        self.note_code(row, &code_key);
        let mut problems = Vec::new();
        let mut draft = self.draft(cells, &mut problems)?;
        if !code.is_empty() && self.duplicate_codes.contains(&code_key) {
            problems.push(self.problem_at(
                cells,
                &ImportField::Code,
                Problem::new(ErrorKind::DuplicateInFile, code.clone()),
            ));
        }
        // The rules of the record itself, on the customer a create will store: every problem,
        // not the first.
        for change in &draft.set {
            if let Err(e) = apply_read(self.conn, &mut draft.customer, change.clone()) {
                problems.push(self.problem_from_error(cells, change, &e));
            }
        }
        if name.is_empty()
            && !problems
                .iter()
                .any(|p| p.field == ImportField::FullName.key())
        {
            problems.push(self.problem_at(
                cells,
                &ImportField::FullName,
                Problem::new(ErrorKind::Required, ""),
            ));
        }
        if !problems.is_empty() {
            return Ok(Planned::Error(problems));
        }
        let existing = self.existing(&code, &draft, row)?;
        Ok(match existing {
            None => {
                if let Some(phones) = draft.phones.take() {
                    draft.customer.phones = phones;
                }
                // A create writes the customer alone: its changes need not be kept.
                draft.set = Vec::new();
                Planned::Create(Box::new(draft))
            }
            Some((id, matched_by)) if self.setup.on_duplicate == OnDuplicate::Overwrite => {
                Planned::Update {
                    id,
                    matched_by,
                    draft: Box::new(draft),
                }
            }
            Some((id, matched_by)) => Planned::Exists { id, matched_by },
        })
    }

    /// The customer on file a row is about: by its code, else (without a code) by an email or
    /// a phone she already has, unless she said this row is someone new.
    pub fn existing(
        &mut self,
        code: &str,
        draft: &Draft,
        row: u32,
    ) -> Result<Option<(CustomerId, MatchedBy)>> {
        if !code.is_empty() {
            let id: Option<CustomerId> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM customers WHERE code = ?1 COLLATE NOCASE AND erased_at IS NULL",
                )?
                .query_row([code], |r| r.get(0))
                .optional()?;
            return Ok(id.map(|id| (id, MatchedBy::Code)));
        }
        if self.setup.create_anyway.contains(&row) {
            return Ok(None);
        }
        let emails: Vec<String> = draft
            .set
            .iter()
            .filter_map(|c| match c {
                CustomerChange::Emails(e) => Some(e.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        let phones = draft.phones.clone().unwrap_or_default();
        if emails.is_empty() && phones.is_empty() {
            return Ok(None);
        }
        let contacts = match &self.contacts {
            Some(c) => c,
            None => {
                self.contacts = Some(contacts(self.conn)?);
                self.contacts.as_ref().ok_or(Error::NotFound("contacts"))?
            }
        };
        for e in &emails {
            if let Some(id) = contacts.get(&e.to_lowercase()) {
                return Ok(Some((id.clone(), MatchedBy::Email)));
            }
        }
        for p in &phones {
            if let Some(id) = contacts.get(p) {
                return Ok(Some((id.clone(), MatchedBy::Phone)));
            }
        }
        Ok(None)
    }

    fn is_repeated_header(&self, cells: &[Cell]) -> bool {
        // Cheap first: a repeated header has a header's text in its first named column.
        let first = self.header_keys.iter().position(|k| !k.is_empty());
        let looks = first.is_some_and(|i| match cells.get(i) {
            // Cheaper still: the key's first letter, before the whole key.
            Some(Cell::Text(t)) => {
                first_folded_alphanumeric(t) == self.header_keys[i].chars().next()
                    && header_key(t) == self.header_keys[i]
            }
            _ => false,
        });
        if !looks {
            return false;
        }
        let named: usize = self.header_keys.iter().filter(|k| !k.is_empty()).count();
        let same = cells
            .iter()
            .zip(&self.header_keys)
            .filter(|(c, k)| !k.is_empty() && header_key(&cell_text(c)) == **k)
            .count();
        named > 0 && same >= 2.max(named.div_ceil(2))
    }

    /// "Tổng cộng: 301 khách", "Total: 301", or a row of bare numbers without a name.
    fn is_total_row(&self, cells: &[Cell], name: &str) -> bool {
        let first = cells.iter().find(|c| !is_blank(c)).map(cell_text);
        let first = first.as_deref().unwrap_or_default();
        // Every word below starts with one of these letters: most rows stop here.
        let key = match first_folded_alphanumeric(first) {
            Some('t' | 'c' | 's' | 'g') => header_key(first),
            _ => String::new(),
        };
        let words: Vec<&str> = key.split(' ').collect();
        let totalish = matches!(
            words.as_slice(),
            ["tong" | "cong" | "total" | "sum" | "subtotal"]
                | ["tong", "cong" | "so", ..]
                | ["grand", "total", ..]
                | ["total" | "subtotal", ..]
        ) || (words.first() == Some(&"tong")
            && words
                .get(1)
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())));
        let only_numbers = name.is_empty()
            && cells
                .iter()
                .all(|c| is_blank(c) || matches!(c, Cell::Number(_)));
        totalish || only_numbers
    }

    fn problem_at(&self, cells: &[Cell], field: &ImportField, p: Problem) -> CellProblem {
        let column = self
            .cells_for(cells, field)
            .map(|(i, _)| i)
            .next()
            .or_else(|| {
                self.setup
                    .columns
                    .iter()
                    .position(|f| f.as_ref() == Some(field))
            });
        CellProblem {
            column: column.map(|c| c as u32),
            header: column.map(|c| self.header(c)).unwrap_or_default(),
            field: field.key(),
            kind: p.kind,
            value: p.value,
        }
    }

    fn problem_from_error(
        &self,
        cells: &[Cell],
        change: &CustomerChange,
        e: &Error,
    ) -> CellProblem {
        let field = import_field_of(change);
        let (kind, value) = match e {
            Error::Invalid { kind, detail, .. } => (*kind, detail.clone()),
            other => (other.kind(), other.to_string()),
        };
        // The cell's text names what is wrong, except where the error's detail is the limit
        // (too long: "at most 200").
        let value = if value.is_empty() {
            self.cells_for(cells, &field)
                .map(|(_, c)| cell_text(c))
                .find(|t| !t.is_empty())
                .unwrap_or(value)
        } else {
            value
        };
        self.problem_at(cells, &field, Problem::new(kind, value))
    }

    /// The row's values as changes to a customer, each read from its cell(s) or constant.
    fn draft(&mut self, cells: &[Cell], problems: &mut Vec<CellProblem>) -> Result<Draft> {
        let mut draft = Draft::default();
        let sources = std::mem::take(&mut self.sources);
        let mut found: Vec<&Cell> = Vec::new();
        for source in &sources {
            found.clear();
            found.extend(
                source
                    .columns
                    .iter()
                    .filter_map(|&i| cells.get(i))
                    .filter(|c| !is_blank(c)),
            );
            if found.is_empty() {
                found.extend(source.constant.as_ref());
            }
            if found.is_empty() {
                continue;
            }
            if let Err(p) = self.read_field(&source.field, &found, &mut draft) {
                problems.push(self.problem_at(cells, &source.field, p));
            }
        }
        self.sources = sources;
        Ok(draft)
    }

    fn read_field(
        &mut self,
        field: &ImportField,
        cells: &[&Cell],
        d: &mut Draft,
    ) -> Result<(), Problem> {
        use CustomerChange as C;
        let first = cells.first().copied().unwrap_or(&Cell::Empty);
        let text = cell_text(first);
        let iso = |cell: &Cell| -> Result<String, Problem> {
            Ok(values::cell_date(cell)?
                .map(customers::iso_day)
                .unwrap_or_default())
        };
        let change = match field {
            ImportField::Code => C::Code(text),
            ImportField::FullName => C::FullName(text),
            ImportField::Gender => C::Gender(values::cell_gender(first)?),
            ImportField::BirthDate => C::BirthDate(iso(first)?),
            ImportField::PassportExpiry => C::PassportExpiry(iso(first)?),
            ImportField::LastContactOn => C::LastContactOn(iso(first)?),
            ImportField::Phones => {
                let mut all = Vec::new();
                for c in cells {
                    for p in values::cell_phones(c)? {
                        if !all.contains(&p) {
                            all.push(p);
                        }
                    }
                }
                if all.len() > 10 {
                    return Err(Problem::new(ErrorKind::TooLong, "10"));
                }
                d.phones = Some(all);
                return Ok(());
            }
            ImportField::Emails => {
                let mut all: Vec<String> = Vec::new();
                for c in cells {
                    for e in values::cell_emails(c)? {
                        if !all.iter().any(|x| x.eq_ignore_ascii_case(&e)) {
                            all.push(e);
                        }
                    }
                }
                C::Emails(all)
            }
            ImportField::Address => C::Address(text),
            ImportField::Country => C::Country(
                self.country(&text)
                    .ok_or_else(|| Problem::new(ErrorKind::InvalidChoice, text.clone()))?,
            ),
            ImportField::Company => C::Company(text),
            ImportField::PositionTitle => C::PositionTitle(text),
            ImportField::Level => {
                let key = self.name_key(&text);
                match self.levels.get(&key) {
                    Some(id) => C::LevelId(Some(id.clone())),
                    None if self.setup.create_missing && text.chars().count() <= 100 => {
                        self.new_levels.insert(key, text.clone());
                        d.new_level = Some(text);
                        return Ok(());
                    }
                    None => return Err(Problem::new(ErrorKind::UnknownLevel, text)),
                }
            }
            ImportField::CustomerType => C::CustomerType(
                values::customer_type_named(&text)
                    .ok_or_else(|| Problem::new(ErrorKind::InvalidChoice, text.clone()))?,
            ),
            ImportField::Source => C::Source(text),
            ImportField::Referrer => {
                let id: Option<CustomerId> = self
                    .conn
                    .prepare_cached("SELECT id FROM customers WHERE code = ?1 COLLATE NOCASE AND erased_at IS NULL")
                    .and_then(|mut s| s.query_row([&text], |r| r.get(0)).optional())
                    .map_err(|e| Problem::new(ErrorKind::Internal, e.to_string()))?;
                match id {
                    Some(id) => C::ReferrerId(Some(id)),
                    None => {
                        // A code of this file (above or below): linked when every row is in.
                        self.pending_referrers.push((self.row, text.clone()));
                        d.referrer_code = Some(text);
                        return Ok(());
                    }
                }
            }
            ImportField::AssignedTo => C::AssignedTo(text),
            ImportField::Responsible => {
                let key = self.name_key(&text);
                match self.staff.get(&key) {
                    Some(id) => C::ResponsibleId(Some(id.clone())),
                    None if self.setup.create_missing
                        && !text.contains('@')
                        && text.chars().count() <= 100 =>
                    {
                        self.new_staff.insert(key, text.clone());
                        d.new_staff = Some(text);
                        return Ok(());
                    }
                    None => return Err(Problem::new(ErrorKind::UnknownStaff, text)),
                }
            }
            ImportField::Facebook => C::Facebook(text),
            ImportField::Zalo => C::Zalo(text),
            ImportField::Linkedin => C::Linkedin(text),
            ImportField::X => C::X(text),
            ImportField::PassportNo => C::PassportNo(text),
            ImportField::Description => C::Description(
                cells
                    .iter()
                    .map(|c| cell_text(c))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ImportField::Custom(id) => {
                let kind = self.custom.iter().find(|f| f.id.0 == *id).map(|f| f.kind);
                let value = match (kind, first) {
                    (Some(crate::settings::CustomFieldKind::Date), cell) => iso(cell)?,
                    _ => text,
                };
                C::Custom {
                    id: id.clone(),
                    value,
                }
            }
        };
        d.set.push(change);
        Ok(())
    }
}

fn import_field_of(change: &CustomerChange) -> ImportField {
    use CustomerChange as C;
    match change {
        C::Code(_) => ImportField::Code,
        C::FullName(_) => ImportField::FullName,
        C::Gender(_) => ImportField::Gender,
        C::BirthDate(_) => ImportField::BirthDate,
        C::Phones(_) => ImportField::Phones,
        C::Emails(_) => ImportField::Emails,
        C::Address(_) => ImportField::Address,
        C::Country(_) => ImportField::Country,
        C::Company(_) => ImportField::Company,
        C::PositionTitle(_) => ImportField::PositionTitle,
        C::LevelId(_) => ImportField::Level,
        C::CustomerType(_) => ImportField::CustomerType,
        C::Source(_) => ImportField::Source,
        C::ReferrerId(_) => ImportField::Referrer,
        C::AssignedTo(_) => ImportField::AssignedTo,
        C::ResponsibleId(_) => ImportField::Responsible,
        C::Facebook(_) => ImportField::Facebook,
        C::Zalo(_) => ImportField::Zalo,
        C::Linkedin(_) => ImportField::Linkedin,
        C::X(_) => ImportField::X,
        C::PassportNo(_) => ImportField::PassportNo,
        C::PassportExpiry(_) => ImportField::PassportExpiry,
        C::Description(_) => ImportField::Description,
        C::LastContactOn(_) => ImportField::LastContactOn,
        C::Custom { id, .. } => ImportField::Custom(id.clone()),
    }
}

/// Applies a change read from a row. A level or a staff member the row names was found in
/// the planner's own lists, read from the file as it is now: she exists, and asking the
/// database again for every row would only repeat that.
fn apply_read(conn: &Connection, c: &mut Customer, change: CustomerChange) -> Result<()> {
    match change {
        CustomerChange::LevelId(Some(id)) => c.level_id = Some(id),
        CustomerChange::ResponsibleId(Some(id)) => c.responsible_id = Some(id),
        other => apply(conn, c, other)?,
    }
    Ok(())
}

/// A level or staff name as it is matched: folded, single spaces.
pub(super) fn fold_name(text: &str) -> String {
    header_key(text)
}

/// Every name a level answers to: its own, and the built-in names in both languages.
fn level_names(conn: &Connection) -> Result<HashMap<String, LevelId>> {
    let mut names = HashMap::new();
    for level in crate::levels::all(conn)? {
        let builtin: &[&str] = match level.key.as_str() {
            "lead" => &["lead", "khach tiem nang moi", "moi"],
            "potential" => &["potential", "tiem nang", "khach tiem nang"],
            "customer" => &["customer", "khach hang", "khach"],
            "vip" => &["vip", "khach vip", "khach hang vip"],
            _ => &[],
        };
        for name in builtin {
            names.insert((*name).to_owned(), level.id.clone());
        }
        if !level.name.is_empty() {
            names.insert(fold_name(&level.name), level.id.clone());
        }
    }
    Ok(names)
}

/// Every name a staff member answers to: full name, email, and a given name no one else has.
fn staff_names(conn: &Connection) -> Result<HashMap<String, StaffId>> {
    let staff = crate::staff::all(conn)?;
    let mut names = HashMap::new();
    let mut given: HashMap<String, Vec<StaffId>> = HashMap::new();
    for s in staff.iter().filter(|s| !s.removed) {
        names.insert(fold_name(&s.name), s.id.clone());
        if !s.email.is_empty() {
            // Looked up as any name is, folded: `tuan.le@x.vn` is `tuan le x vn` both ways.
            names.insert(fold_name(&s.email), s.id.clone());
        }
        if let Some(last) = fold_name(&s.name).rsplit(' ').next() {
            given.entry(last.to_owned()).or_default().push(s.id.clone());
        }
    }
    for (name, ids) in given {
        if let [only] = ids.as_slice() {
            names.entry(name).or_insert_with(|| only.clone());
        }
    }
    Ok(names)
}

/// Emails (lowercase) and phones (E.164) of the customers on file.
fn contacts(conn: &Connection) -> Result<HashMap<String, CustomerId>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT id, phones, emails FROM customers WHERE erased_at IS NULL ORDER BY created_at",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, CustomerId>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (id, phones, emails) = row?;
        let phones: Vec<String> = serde_json::from_str(&phones).unwrap_or_default();
        let emails: Vec<String> = serde_json::from_str(&emails).unwrap_or_default();
        for key in phones
            .into_iter()
            .chain(emails.into_iter().map(|e| e.to_lowercase()))
        {
            out.entry(key).or_insert_with(|| id.clone());
        }
    }
    Ok(out)
}

/// A customer with a draft's values on top: what an update or a create will store.
pub(super) fn apply_draft(conn: &Connection, c: &mut Customer, draft: &Draft) -> Result<()> {
    for change in &draft.set {
        apply(conn, c, change.clone())?;
    }
    if let Some(phones) = &draft.phones {
        c.phones = phones.clone();
    }
    Ok(())
}

/// The changed fields of an update, as she reads them.
pub(super) fn value_changes(
    conn: &Connection,
    before: &Customer,
    after: &Customer,
    draft: &Draft,
) -> Result<Vec<ValueChange>> {
    let old = customers::loggable(before)?;
    let new = customers::loggable(after)?;
    let mut out = Vec::new();
    for (field, pair) in crate::db::diff(&old, &new) {
        let (o, n) = match pair {
            serde_json::Value::Array(p) if p.len() == 2 => (p[0].clone(), p[1].clone()),
            _ => continue,
        };
        if field == "custom" {
            for (k, v) in n.as_object().into_iter().flatten() {
                let was = o.get(k).cloned().unwrap_or_default();
                if &was != v {
                    out.push(ValueChange {
                        field: format!("custom.{k}"),
                        old: plain(&was),
                        new: plain(v),
                    });
                }
            }
            continue;
        }
        out.push(ValueChange {
            old: shown(conn, &field, &o)?,
            new: shown(conn, &field, &n)?,
            field,
        });
    }
    if let Some(level) = &draft.new_level {
        out.push(ValueChange {
            field: "level_id".into(),
            old: shown(conn, "level_id", &serde_json::to_value(&before.level_id)?)?,
            new: level.clone(),
        });
    }
    if let Some(staff) = &draft.new_staff {
        out.push(ValueChange {
            field: "responsible_id".into(),
            old: shown(
                conn,
                "responsible_id",
                &serde_json::to_value(&before.responsible_id)?,
            )?,
            new: staff.clone(),
        });
    }
    Ok(out)
}

fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a.iter().map(plain).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A stored value as the app shows it: names for ids, dd/mm/yyyy for dates.
fn shown(conn: &Connection, field: &str, v: &serde_json::Value) -> Result<String> {
    let text = plain(v);
    if text.is_empty() {
        return Ok(text);
    }
    Ok(match field {
        "level_id" => conn
            .query_row(
                "SELECT CASE WHEN name <> '' THEN name ELSE key END FROM customer_levels WHERE id = ?1",
                [&text],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(text),
        "responsible_id" => conn
            .query_row("SELECT name FROM staff WHERE id = ?1", [&text], |r| r.get(0))
            .optional()?
            .unwrap_or(text),
        "referrer_id" => customers::customer_ref(conn, &CustomerId(text.clone()))?
            .map(|r| format!("{} {}", r.code, r.full_name))
            .unwrap_or(text),
        "phones" => v
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str())
            .map(display_phone)
            .collect::<Vec<_>>()
            .join(", "),
        "birth_date" | "passport_expiry" | "last_contact_on" => {
            chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or(text)
        }
        _ => text,
    })
}

/// Whether a column mapped to "level" holds customer types instead (individual, company,
/// agency): the two share headers such as "Loại khách".
pub fn looks_like_customer_types(values: &[String]) -> bool {
    let filled: Vec<&String> = values.iter().filter(|v| !v.trim().is_empty()).collect();
    let types = filled
        .iter()
        .filter(|v| values::customer_type_named(v).is_some())
        .count();
    !filled.is_empty() && types * 10 >= filled.len() * 6
}
