//! The TypeScript of every type that crosses to the UI, generated from the Rust types into
//! `ui/src/lib/api/types.ts`. A test fails when that file is stale;
//! `UPDATE_BINDINGS=1 cargo test -p tripdesk bindings` writes it.

use ts_rs::{Config, TS};

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = Config::new();
    let mut out = String::from(
        "// Generated from the Rust types in core/ by `UPDATE_BINDINGS=1 cargo test -p tripdesk bindings`.\n\
         // Do not edit by hand.\n",
    );
    macro_rules! declare {
        ($($ty:ty),* $(,)?) => {
            $(
                out.push_str("\nexport ");
                out.push_str(&<$ty as TS>::decl(&cfg));
                out.push('\n');
            )*
        };
    }
    use crate::check::CheckReport;
    use crate::currency::Currency;
    use crate::customers::*;
    use crate::dashboard::{Birthday, Dashboard, PassportExpiry};
    use crate::error::{ErrorDto, ErrorKind};
    use crate::followups::{
        DueFollowUp, FollowUp, FollowUpFilter, FollowUpInput, FollowUpPage, FollowUpStatus,
    };
    use crate::history::{FieldChange, HistoryEntry};
    use crate::import::{
        CellProblem, Constant, CsvEncoding, CsvOptions, FileChoice, FileFormat, FileSummary,
        ImportField, ImportRecord, ImportReport, ImportSetup, MatchedBy, OnDuplicate, Outcome,
        Preview, RowOutcome, SkipReason, UndoPreview, ValueChange,
    };
    use crate::levels::Level;
    use crate::lists::{ListEntry, ListKind};
    use crate::settings::{
        Agency, AgencyInput, CustomField, CustomFieldInput, CustomFieldKind, Language,
    };
    use crate::staff::{Staff, StaffInput};
    use crate::stats::{FollowUpCharts, MethodSeries, StateCount};
    use crate::tasks::{
        AttachableFile, CustomerTask, Task, TaskFile, TaskInput, TaskPage, TaskPriority, TaskStatus,
    };
    use crate::{CareMethodId, FollowUpId};
    use crate::{CustomFieldId, CustomerId, LevelId, StaffId};
    use crate::{DeskInfo, Lookups};
    use crate::{TaskFileId, TaskId, TaskTypeId};
    declare!(
        CustomerId,
        StaffId,
        LevelId,
        CustomFieldId,
        ErrorKind,
        ErrorDto,
        Customer,
        Gender,
        CustomerType,
        NewCustomer,
        CustomerChange,
        CustomerRef,
        CustomerView,
        ErasePreview,
        CustomerQuery,
        CustomerSort,
        CustomerRow,
        CustomerList,
        Level,
        Staff,
        StaffInput,
        Agency,
        AgencyInput,
        Language,
        CustomFieldKind,
        CustomField,
        CustomFieldInput,
        HistoryEntry,
        FieldChange,
        CheckReport,
        crate::backup::Reason,
        crate::backup::BackupInfo,
        crate::backup::BackupsView,
        crate::backup::Restored,
        DeskInfo,
        Currency,
        Lookups,
        FileFormat,
        CsvEncoding,
        CsvOptions,
        FileChoice,
        FileSummary,
        ImportField,
        ImportSetup,
        Constant,
        OnDuplicate,
        MatchedBy,
        SkipReason,
        CellProblem,
        ValueChange,
        Outcome,
        RowOutcome,
        Preview,
        ImportReport,
        ImportRecord,
        UndoPreview,
        ListKind,
        ListEntry,
        crate::ContactId,
        crate::contacts::Contact,
        crate::contacts::ContactInput,
        crate::AddressId,
        crate::addresses::AddressKind,
        crate::addresses::Address,
        crate::addresses::AddressInput,
        crate::BankAccountId,
        crate::banks::BankAccount,
        crate::banks::BankAccountInput,
        crate::NoteId,
        crate::notes::Note,
        crate::notes::NoteInput,
        crate::followups::FollowUpState,
        CareMethodId,
        FollowUpId,
        FollowUpStatus,
        FollowUp,
        FollowUpInput,
        FollowUpFilter,
        FollowUpPage,
        DueFollowUp,
        StateCount,
        MethodSeries,
        FollowUpCharts,
        crate::FileId,
        crate::files::FileCategory,
        crate::files::FileRecord,
        crate::files::FilePage,
        TaskTypeId,
        TaskId,
        TaskFileId,
        TaskPriority,
        TaskStatus,
        TaskFile,
        AttachableFile,
        Task,
        TaskInput,
        TaskPage,
        CustomerTask,
        Birthday,
        PassportExpiry,
        Dashboard,
        crate::money::Amount,
        crate::AgencyAccountId,
        crate::QuoteId,
        crate::LineId,
        crate::BookingId,
        crate::PaymentId,
        crate::TopUpId,
        crate::lines::LineInput,
        crate::lines::Line,
        // quotes
        crate::quotes::QuoteRef,
        crate::quotes::QuoteStatus,
        crate::quotes::QuoteInput,
        crate::quotes::Quote,
        crate::quotes::QuotePage,
        crate::quotes::PricedLines,
        // bookings
        crate::bookings::BookingRef,
        crate::bookings::BookingStatus,
        crate::bookings::PaymentMethod,
        crate::bookings::BookingInput,
        crate::bookings::Booking,
        crate::bookings::Payment,
        crate::bookings::PaymentInput,
        crate::bookings::BookingPage,
        // prepaid
        crate::agency_accounts::AgencyAccount,
        crate::agency_accounts::AgencyAccountInput,
        crate::prepaid::TopUp,
        crate::prepaid::TopUpInput,
        crate::prepaid::PrepaidEntryKind,
        crate::prepaid::PrepaidEntry,
        crate::prepaid::PrepaidView,
        crate::prepaid::Revenue,
        crate::export::SectionId,
        crate::export::Paper,
        crate::export::SheetSettings,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::typescript;
    use std::path::PathBuf;

    #[test]
    fn bindings_in_the_ui_match_the_rust_types() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/api/types.ts");
        let fresh = typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("writing the bindings");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p tripdesk bindings` and commit it",
            path.display()
        );
    }
}
