// Generated from the Rust types in core/ by `UPDATE_BINDINGS=1 cargo test -p tripdesk bindings`.
// Do not edit by hand.

export type CustomerId = string;

export type StaffId = string;

export type LevelId = string;

export type CustomFieldId = string;

export type ErrorKind = "required" | "tooLong" | "invalidEmail" | "invalidPhone" | "invalidDate" | "twoDigitYear" | "dateInFuture" | "endBeforeStart" | "invalidFormat" | "codeTaken" | "duplicateInFile" | "unknownLevel" | "unknownStaff" | "unknownCustomer" | "invalidNumber" | "invalidChoice" | "invalidLink" | "invalidCurrency" | "invalidSwift" | "invalidAmount" | "amountTooLarge" | "amountNotPositive" | "prepaidOverdraw" | "hasPayments" | "currencyChanged" | "quoteBooked" | "quoteRejected" | "invalidImage" | "imageTooLarge" | "notFound" | "inUse" | "notAllowed" | "dbMissing" | "dbNewer" | "dbForeign" | "dbLocked" | "dbCorrupt" | "dbNotEmpty" | "fileUnreadable" | "fileEmpty" | "filePasswordProtected" | "fileTooLarge" | "fileUnsupported" | "cancelled" | "fileMissing" | "notAFile" | "storedFileMissing" | "noFilesFolder" | "backupFailed" | "diskFull" | "io" | "internal";

export type ErrorDto = { kind: ErrorKind, 
/**
 * English text, for logs and as the fallback when the UI has no words for `kind`.
 */
message: string, 
/**
 * The field the error belongs next to.
 */
field: string | null, 
/**
 * The one value the message names: a path, a code, a count.
 */
value: string | null, };

export type Customer = { id: CustomerId, code: string, full_name: string, gender: Gender, birth_date: string | null, 
/**
 * E.164 (`+84903123456`).
 */
phones: Array<string>, emails: Array<string>, address: string, 
/**
 * ISO 3166-1 alpha-2, or empty.
 */
country: string, company: string, position_title: string, level_id: LevelId | null, customer_type: CustomerType, source: string, referrer_id: CustomerId | null, 
/**
 * The group or unit the customer is assigned to.
 */
assigned_to: string, responsible_id: StaffId | null, facebook: string, zalo: string, linkedin: string, x: string, passport_no: string, passport_expiry: string | null, description: string, 
/**
 * Values of the custom fields, by custom field id.
 */
custom: { [key in string]: string }, last_contact_on: string | null, created_at: string, updated_at: string, archived_at: string | null, erased: boolean, };

export type Gender = "" | "female" | "male" | "other";

export type CustomerType = "individual" | "company" | "agency";

export type NewCustomer = { code: string, full_name: string, gender: Gender, birth_date: string, phones: Array<string>, emails: Array<string>, address: string, country: string, company: string, position_title: string, level_id: LevelId | null, customer_type: CustomerType, source: string, referrer_id: CustomerId | null, assigned_to: string, responsible_id: StaffId | null, facebook: string, zalo: string, linkedin: string, x: string, passport_no: string, passport_expiry: string, description: string, custom: { [key in string]: string }, last_contact_on: string, };

export type CustomerChange = { "field": "code", "value": string } | { "field": "full_name", "value": string } | { "field": "gender", "value": Gender } | { "field": "birth_date", "value": string } | { "field": "phones", "value": Array<string> } | { "field": "emails", "value": Array<string> } | { "field": "address", "value": string } | { "field": "country", "value": string } | { "field": "company", "value": string } | { "field": "position_title", "value": string } | { "field": "level_id", "value": LevelId | null } | { "field": "customer_type", "value": CustomerType } | { "field": "source", "value": string } | { "field": "referrer_id", "value": CustomerId | null } | { "field": "assigned_to", "value": string } | { "field": "responsible_id", "value": StaffId | null } | { "field": "facebook", "value": string } | { "field": "zalo", "value": string } | { "field": "linkedin", "value": string } | { "field": "x", "value": string } | { "field": "passport_no", "value": string } | { "field": "passport_expiry", "value": string } | { "field": "description", "value": string } | { "field": "last_contact_on", "value": string } | { "field": "custom", "value": { id: string, value: string, } };

export type CustomerRef = { id: CustomerId, code: string, full_name: string, archived: boolean, };

export type CustomerView = { customer: Customer, 
/**
 * The phones as she reads them (`090 312 34 56` for Vietnam, international otherwise).
 */
phones_display: Array<string>, referrer: CustomerRef | null, 
/**
 * The level "move on" leads to (Lead → Potential → Customer), when there is one.
 */
promote_to: LevelId | null, };

export type ErasePreview = { code: string, full_name: string, history_entries: number, referred_customers: number, };

export type CustomerQuery = { text: string, level_id: LevelId | null, responsible_id: StaffId | null, country: string | null, 
/**
 * The archived customers instead of the current ones.
 */
archived: boolean, sort: CustomerSort, descending: boolean, offset: number, limit: number, };

export type CustomerSort = "code" | "name" | "level" | "phone" | "email" | "responsible" | "last_contact";

export type CustomerRow = { id: CustomerId, code: string, full_name: string, level_id: LevelId | null, 
/**
 * The first phone, as she reads it.
 */
phone: string, email: string, responsible_id: StaffId | null, country: string, last_contact_on: string | null, archived: boolean, };

export type CustomerList = { total: number, rows: Array<CustomerRow>, };

export type Level = { id: LevelId, key: string, name: string, position: bigint, 
/**
 * Current customers at this level.
 */
customers: number, };

export type Staff = { id: StaffId, name: string, email: string, 
/**
 * No longer with the agency: kept so that her customers still name her.
 */
removed: boolean, 
/**
 * Current customers she is responsible for.
 */
customers: number, };

export type StaffInput = { name: string, email: string, };

export type Agency = { name: string, address: string, phone: string, email: string, 
/**
 * ISO 4217.
 */
default_currency: string, 
/**
 * `image/png`, `image/jpeg` or `image/webp`; empty when there is no logo.
 */
logo_mime: string, };

export type AgencyInput = { name: string, address: string, phone: string, email: string, default_currency: string, };

export type Language = "vi" | "en";

export type CustomFieldKind = "text" | "number" | "date" | "choice";

export type CustomField = { id: CustomFieldId, name: string, kind: CustomFieldKind, 
/**
 * The allowed values of a choice field.
 */
choices: Array<string>, position: bigint, };

export type CustomFieldInput = { name: string, kind: CustomFieldKind, choices: Array<string>, };

export type HistoryEntry = { 
/**
 * UTC, `2026-11-23T15:04:05.123Z`.
 */
at: string, 
/**
 * `app`, `import`, `cli`, `demo` or `sync`.
 */
origin: string, 
/**
 * The operation, as `Desk` names it: `add_customer`, `promote_customer`, ...
 */
action: string, 
/**
 * `insert`, `update`, `archive`, `restore` or `erase`.
 */
op: string, entity: string, changes: Array<FieldChange>, };

export type FieldChange = { field: string, old: unknown, new: unknown, 
/**
 * How the value reads when that is not the value itself: a referrer (`KH00012 Trần Văn
 * An`), phones in her format.
 */
old_label: string | null, new_label: string | null, };

export type CheckReport = { customers: number, problems: Array<string>, 
/**
 * What it found and put right (a writer's check only): a second check finds none of it.
 */
repaired: Array<string>, };

export type Reason = "auto" | "manual" | "close" | "before-import" | "before-restore" | "before-upgrade";

export type BackupInfo = { path: string, name: string, 
/**
 * UTC, RFC 3339.
 */
time: string, reason: Reason, bytes: number, customers: number, 
/**
 * Verified when it was made: it has its manifest.
 */
verified: boolean, };

export type BackupsView = { 
/**
 * The folder the backups are kept in.
 */
folder: string, 
/**
 * The second folder that receives a daily copy, if she named one.
 */
second_folder: string | null, 
/**
 * The second folder is named but not there now (a stick not plugged in).
 */
second_missing: boolean, 
/**
 * Newest first.
 */
backups: Array<BackupInfo>, };

export type Restored = { 
/**
 * The backup now in place.
 */
restored: BackupInfo, 
/**
 * The file as it was, kept first (never thinned).
 */
before: BackupInfo | null, };

export type DeskInfo = { path: string, customers: number, language: Language, };

export type Currency = { code: string, minor_units: number, };

export type Lookups = { levels: Array<Level>, staff: Array<Staff>, custom_fields: Array<CustomField>, customer_countries: Array<string>, units: Array<string>, recent: Array<CustomerRef>, care_methods: Array<ListEntry>, task_types: Array<ListEntry>, };

export type FileFormat = "xlsx" | "xls" | "ods" | "csv";

export type CsvEncoding = "utf8" | "utf16_le" | "utf16_be" | "windows1258";

export type CsvOptions = { encoding: CsvEncoding, 
/**
 * `,`, `;` or `\t`.
 */
delimiter: string, };

export type FileChoice = { csv: CsvOptions | null, sheet: number | null, 
/**
 * Counted from 1.
 */
header_row: number | null, };

export type FileSummary = { file_name: string, format: FileFormat, csv: CsvOptions | null, sheets: Array<string>, sheet: number, 
/**
 * Counted from 1; 0 when the sheet is empty.
 */
header_row: number, headers: Array<string>, 
/**
 * The first rows of the sheet as text, for choosing the header row and seeing the data.
 */
top_rows: Array<Array<string>>, 
/**
 * The field each column fills: remembered from her last file with these headers, or
 * matched from the headers.
 */
columns: Array<ImportField | null>, 
/**
 * Whether `columns` is the mapping she used before.
 */
remembered: boolean, };

export type ImportField = { "field": "code" } | { "field": "full_name" } | { "field": "gender" } | { "field": "birth_date" } | { "field": "phones" } | { "field": "emails" } | { "field": "address" } | { "field": "country" } | { "field": "company" } | { "field": "position_title" } | { "field": "level" } | { "field": "customer_type" } | { "field": "source" } | { "field": "referrer" } | { "field": "assigned_to" } | { "field": "responsible" } | { "field": "facebook" } | { "field": "zalo" } | { "field": "linkedin" } | { "field": "x" } | { "field": "passport_no" } | { "field": "passport_expiry" } | { "field": "description" } | { "field": "last_contact_on" } | { "field": "custom", "id": string };

export type ImportSetup = { 
/**
 * The sheet, by its place in the workbook.
 */
sheet: number, 
/**
 * The header row, counted from 1 as the spreadsheet shows it.
 */
header_row: number, 
/**
 * The field each column fills, by column (none: ignored).
 */
columns: Array<ImportField | null>, 
/**
 * Fields every row gets, whatever the file says (a column still wins where it has a value).
 */
constants: Array<Constant>, on_duplicate: OnDuplicate, 
/**
 * Create the levels and staff the file names that do not exist yet.
 */
create_missing: boolean, 
/**
 * Rows matched to an existing customer by phone or email that she says are someone new.
 */
create_anyway: Array<number>, csv: CsvOptions | null, };

export type Constant = { field: ImportField, value: string, };

export type OnDuplicate = "skip" | "overwrite";

export type MatchedBy = "code" | "email" | "phone";

export type SkipReason = "repeated_header" | "total_row" | "exists" | "unchanged";

export type CellProblem = { 
/**
 * The column, counted from 0; none for a constant.
 */
column: number | null, 
/**
 * The column's header as the file writes it.
 */
header: string, 
/**
 * The field (`phones`, `custom.<id>`).
 */
field: string, kind: ErrorKind, value: string, };

export type ValueChange = { field: string, old: string, new: string, };

export type Outcome = { "kind": "create" } | { "kind": "update", customer: CustomerRef, matched_by: MatchedBy, changes: Array<ValueChange>, } | { "kind": "skip", reason: SkipReason, customer: CustomerRef | null, matched_by: MatchedBy | null, } | { "kind": "error", problems: Array<CellProblem>, };

export type RowOutcome = { 
/**
 * The row as the spreadsheet numbers it.
 */
row: number, code: string, full_name: string, outcome: Outcome, };

export type Preview = { created: number, updated: number, skipped: number, errors: number, 
/**
 * Blank rows, passed over without a word.
 */
blank_rows: number, 
/**
 * The rows in file order (blank rows left out), up to `MAX_LISTED`.
 */
rows: Array<RowOutcome>, 
/**
 * More rows than `rows` lists.
 */
truncated: boolean, 
/**
 * Levels and staff the file names that do not exist yet (created by the import when
 * she agrees).
 */
new_levels: Array<string>, new_staff: Array<string>, 
/**
 * Customer codes on more than one row.
 */
duplicates_in_file: Array<string>, };

export type ImportReport = { 
/**
 * The import's id, for its undo.
 */
id: string, created: number, updated: number, skipped: number, errors: number, 
/**
 * Rows that were not imported (errors, and existing customers skipped), which
 * `write_rejected` saves with a reason each.
 */
rejected: number, };

export type ImportRecord = { id: string, at: string, file_name: string, sheet: string, created: number, updated: number, skipped: number, errors: number, undone_at: string | null, };

export type UndoPreview = { id: string, 
/**
 * Customers it created that go away.
 */
removed: number, 
/**
 * Customers it updated that get their old values back.
 */
restored: number, 
/**
 * Customers edited since the import: left as they are.
 */
blocked: Array<CustomerRef>, };

export type ListKind = "care_methods" | "task_types";

export type ListEntry = { id: string, key: string, name: string, position: bigint, };

export type ContactId = string;

export type Contact = { id: ContactId, customer_id: CustomerId, full_name: string, department: string, position_title: string, 
/**
 * E.164 (`+84903123456`), or empty.
 */
phone: string, 
/**
 * The phone as she reads it (`090 312 34 56`).
 */
phone_display: string, email: string, is_primary: boolean, created_at: string, updated_at: string, };

export type ContactInput = { full_name: string, department: string, position_title: string, phone: string, email: string, is_primary: boolean, };

export type AddressId = string;

export type AddressKind = "home" | "office" | "billing" | "delivery";

export type Address = { id: AddressId, customer_id: CustomerId, kind: AddressKind, 
/**
 * Number, street, ward and district: `12 Lê Lợi, Phường Bến Nghé, Quận 1`.
 */
line: string, city: string, 
/**
 * ISO 3166-1 alpha-2, or empty.
 */
country: string, is_default: boolean, created_at: string, updated_at: string, };

export type AddressInput = { kind: AddressKind, line: string, city: string, country: string, is_default: boolean, };

export type BankAccountId = string;

export type BankAccount = { id: BankAccountId, customer_id: CustomerId, 
/**
 * Digits and dashes, as the bank prints it, without spaces.
 */
account_number: string, 
/**
 * The holder's name as the bank has it (often upper case, without marks).
 */
account_name: string, bank_name: string, branch: string, 
/**
 * SWIFT (BIC), 8 or 11 characters in upper case, or empty.
 */
swift: string, is_default: boolean, created_at: string, updated_at: string, };

export type BankAccountInput = { account_number: string, account_name: string, bank_name: string, branch: string, swift: string, is_default: boolean, };

export type NoteId = string;

export type Note = { id: NoteId, customer_id: CustomerId, body: string, pinned: boolean, created_at: string, updated_at: string, };

export type NoteInput = { body: string, pinned: boolean, };

export type FollowUpState = "unfulfilled" | "processing" | "finish" | "out_of_date";

export type CareMethodId = string;

export type FollowUpId = string;

export type FollowUpStatus = "unfulfilled" | "processing" | "finish";

export type FollowUp = { id: FollowUpId, customer_id: CustomerId, method_id: CareMethodId | null, 
/**
 * Its method, named even when the method has since been removed from the choices.
 */
method: ListEntry | null, subject: string, content: string, 
/**
 * Her wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
due_at: string | null, 
/**
 * `YYYY-MM-DD`: set exactly when the status is Finish.
 */
done_on: string | null, result: string, status: FollowUpStatus, 
/**
 * What it shows as at the time it was read: its status, or out of date.
 */
state: FollowUpState, staff_id: StaffId | null, 
/**
 * UTC, as stored.
 */
created_at: string, updated_at: string, };

export type FollowUpInput = { method_id: CareMethodId | null, subject: string, content: string, 
/**
 * `YYYY-MM-DDTHH:MM` (a space for the `T` will do); a date alone (`2026-12-02` or
 * `02/12/2026`) is due at the end of that day, 23:59.
 */
due_at: string, 
/**
 * `YYYY-MM-DD` or `dd/mm/yyyy`.
 */
done_on: string, result: string, status: FollowUpStatus, staff_id: StaffId | null, };

export type FollowUpFilter = { 
/**
 * Words found in the subject, content or result, ignoring case and Vietnamese diacritics.
 */
keyword: string | null, method_id: CareMethodId | null, 
/**
 * `YYYY-MM-DD`, compared with the due date; inclusive. A follow-up without a due date
 * counts on the day it was written, as the Overview's care chart counts it.
 */
from: string | null, to: string | null, 
/**
 * The state it shows as (out of date included).
 */
state: FollowUpState | null, };

export type FollowUpPage = { items: Array<FollowUp>, total: number, };

export type DueFollowUp = { followup: FollowUp, customer: CustomerRef, };

export type StateCount = { state: FollowUpState, count: number, };

export type MethodSeries = { method_id: string, counts: Array<number>, };

export type FollowUpCharts = { 
/**
 * All four states, in `FollowUpState::ALL` order, zeros included.
 */
by_state: Array<StateCount>, 
/**
 * `YYYY-MM`, oldest first, ending with the current month.
 */
months: Array<string>, 
/**
 * One per current care method, in her order.
 */
series: Array<MethodSeries>, };

export type FileId = string;

export type FileCategory = "contract" | "passport" | "visa" | "quote" | "invoice" | "other";

export type FileRecord = { id: FileId, customer_id: CustomerId, 
/**
 * The file's name as she sees it (the picked file's name until she renames it).
 */
name: string, category: FileCategory, 
/**
 * The hex SHA-256 of the bytes, which names the stored file.
 */
sha256: string, 
/**
 * In bytes.
 */
size: number, 
/**
 * UTC, when it was added.
 */
created_at: string, 
/**
 * The stored bytes are gone from the `files` folder (moved or deleted outside Tripdesk).
 */
missing: boolean, };

export type FilePage = { items: Array<FileRecord>, 
/**
 * All her files, on every page.
 */
total: number, };

export type TaskTypeId = string;

export type TaskId = string;

export type TaskFileId = string;

export type TaskPriority = "low" | "normal" | "high" | "urgent";

export type TaskStatus = "todo" | "in_progress" | "done" | "cancelled";

export type TaskFile = { id: TaskFileId, file_id: FileId, name: string, category: string, 
/**
 * Bytes.
 */
size: number, };

export type AttachableFile = { file_id: FileId, name: string, category: string, 
/**
 * Bytes.
 */
size: number, };

export type Task = { id: TaskId, customer_id: CustomerId, name: string, starts_on: string | null, finishes_on: string | null, 
/**
 * Who operates it.
 */
staff_id: StaffId | null, type_id: TaskTypeId | null, 
/**
 * Its type, named even when the type has since been removed from the choices.
 */
task_type: ListEntry | null, priority: TaskPriority, status: TaskStatus, description: string, 
/**
 * The day it was marked done.
 */
done_on: string | null, files: Array<TaskFile>, created_at: string, updated_at: string, };

export type TaskInput = { name: string, starts_on: string, finishes_on: string, staff_id: StaffId | null, type_id: TaskTypeId | null, priority: TaskPriority, status: TaskStatus, description: string, };

export type TaskPage = { items: Array<Task>, 
/**
 * All her current tasks, and how many of them are still open.
 */
total: number, open: number, };

export type CustomerTask = { task: Task, customer: CustomerRef, };

export type Birthday = { customer: CustomerRef, birth_date: string, 
/**
 * The day it is celebrated this time.
 */
on: string, 
/**
 * The age she turns.
 */
age: number, 
/**
 * Days from today (0 is today).
 */
in_days: number, };

export type PassportExpiry = { customer: CustomerRef, passport_no: string, expires_on: string, expired: boolean, };

export type Dashboard = { today: string, 
/**
 * The days of this month that have tasks.
 */
task_days: Array<string>, 
/**
 * Open tasks due today or earlier: today's first, then the overdue ones latest first
 * (at most 100).
 */
due_tasks: Array<CustomerTask>, 
/**
 * How many open tasks are due today or earlier in all.
 */
due_tasks_total: number, 
/**
 * Follow-ups due today or earlier that are not finished, in the same order (at most 100).
 */
due_followups: Array<DueFollowUp>, 
/**
 * How many follow-ups are due today or earlier in all.
 */
due_followups_total: number, birthdays: Array<Birthday>, passports: Array<PassportExpiry>, recent: Array<CustomerRef>, };

export type Amount = { currency: string, amount: string, };

export type AgencyAccountId = string;

export type QuoteId = string;

export type LineId = string;

export type BookingId = string;

export type PaymentId = string;

export type TopUpId = string;

export type LineInput = { 
/**
 * The line it edits; `None` for a new line.
 */
id: LineId | null, description: string, quantity: number, unit_price: string, };

export type Line = { id: LineId, description: string, quantity: number, unit_price: string, 
/**
 * Quantity × unit price.
 */
amount: string, };

export type QuoteRef = { id: QuoteId, code: string, };

export type QuoteStatus = "draft" | "sent" | "accepted" | "rejected" | "expired";

export type QuoteInput = { title: string, destination: string, departure_on: string, days: number, nights: number, adults: number, children: number, infants: number, currency: string, valid_until: string, status: QuoteStatus, notes: string, lines: Array<LineInput>, };

export type Quote = { id: QuoteId, customer_id: CustomerId, code: string, title: string, destination: string, departure_on: string | null, days: number, nights: number, adults: number, children: number, infants: number, currency: string, valid_until: string | null, 
/**
 * Where it stands today: what she set, or Expired.
 */
status: QuoteStatus, 
/**
 * What she set (never Expired): what the dialog's choice starts from.
 */
set_status: QuoteStatus, lines: Array<Line>, 
/**
 * The sum of the lines, in the quote's currency.
 */
total: string, 
/**
 * The booking made from it, while that booking is current.
 */
booking: BookingRef | null, notes: string, created_at: string, updated_at: string, };

export type QuotePage = { items: Array<Quote>, 
/**
 * All her current quotes.
 */
total: number, };

export type PricedLines = { 
/**
 * Each line's quantity × unit price, in the order given.
 */
amounts: Array<string>, total: string, };

export type BookingRef = { id: BookingId, code: string, };

export type BookingStatus = "pending" | "confirmed" | "completed" | "cancelled";

export type PaymentMethod = "cash" | "transfer" | "card" | "prepaid";

export type BookingInput = { title: string, destination: string, departure_on: string, return_on: string, adults: number, children: number, infants: number, currency: string, status: BookingStatus, notes: string, lines: Array<LineInput>, };

export type Booking = { id: BookingId, customer_id: CustomerId, 
/**
 * `BK-2026-0001`.
 */
code: string, 
/**
 * The quote it was made from.
 */
quote: QuoteRef | null, title: string, destination: string, departure_on: string | null, return_on: string | null, adults: number, children: number, infants: number, currency: string, status: BookingStatus, notes: string, lines: Array<Line>, 
/**
 * Its current payments, by date.
 */
payments: Array<Payment>, 
/**
 * The sum of its lines.
 */
total: string, 
/**
 * The sum of its payments.
 */
paid: string, 
/**
 * Total − paid: negative when she paid more than the total.
 */
remaining: string, created_at: string, updated_at: string, };

export type Payment = { id: PaymentId, booking_id: BookingId, paid_on: string, amount: string, currency: string, method: PaymentMethod, 
/**
 * The agency's account a transfer went to; none for other methods.
 */
account_id: AgencyAccountId | null, reference: string, created_at: string, updated_at: string, };

export type PaymentInput = { paid_on: string, amount: string, method: PaymentMethod, account_id: AgencyAccountId | null, reference: string, };

export type BookingPage = { items: Array<Booking>, 
/**
 * All her current bookings.
 */
total: number, };

export type AgencyAccount = { id: AgencyAccountId, bank_name: string, 
/**
 * Digits and dashes, without spaces.
 */
account_number: string, 
/**
 * The holder's name as the bank has it.
 */
account_name: string, branch: string, 
/**
 * Its place in the list (smaller first).
 */
position: number, };

export type AgencyAccountInput = { bank_name: string, account_number: string, account_name: string, branch: string, };

export type TopUp = { id: TopUpId, customer_id: CustomerId, 
/**
 * Where the money came from.
 */
description: string, amount: string, currency: string, received_on: string, created_at: string, updated_at: string, };

export type TopUpInput = { description: string, amount: string, currency: string, received_on: string, };

export type PrepaidEntryKind = "top_up" | "credit_payment";

export type PrepaidEntry = { kind: PrepaidEntryKind, 
/**
 * The top-up's id, or the payment's.
 */
id: string, on: string, 
/**
 * The top-up's description, or the title of the booking paid.
 */
description: string, 
/**
 * The booking a credit payment paid.
 */
booking: BookingRef | null, 
/**
 * Positive for a top-up, negative for a credit payment.
 */
amount: string, currency: string, };

export type PrepaidView = { entries: Array<PrepaidEntry>, total_entries: number, 
/**
 * One per currency she has topped up or paid from credit in, by currency code; never a
 * total across currencies.
 */
balances: Array<Amount>, };

export type Revenue = { revenue: Array<Amount>, receipted: Array<Amount>, 
/**
 * Revenue less receipted; negative when she paid more than her bookings come to.
 */
owed: Array<Amount>, };

export type SectionId = "details" | "passport" | "contacts" | "addresses" | "bank_accounts" | "follow_ups" | "tasks" | "quotes" | "bookings" | "prepaid" | "revenue" | "notes";

export type Paper = "a4" | "letter";

export type SheetSettings = { sections: Array<SectionId>, paper: Paper, };
