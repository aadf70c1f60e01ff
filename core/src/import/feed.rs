//! The rows of a sheet read on a thread of their own and handed over in batches: inflating
//! and parsing the file runs beside the planning instead of before it.

use super::read::{Cell, Workbook};
use crate::error::{Error, ErrorKind, Result};
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// Rows per batch: enough that handing a batch over costs nothing beside reading it.
const ROWS_PER_BATCH: usize = 256;
/// Batches read ahead of the planning, at most (the rest of the file waits in the file).
const BATCHES_AHEAD: usize = 8;

enum Message {
    Rows(Vec<Vec<Cell>>),
    Failed(Error),
    End,
}

/// The rows of one sheet, from the file's first row, as `Workbook::rows` gives them.
pub(super) struct RowFeed {
    path: PathBuf,
    receiver: Receiver<Message>,
    batch: std::vec::IntoIter<Vec<Cell>>,
    done: bool,
}

/// Starts reading `sheet` of `book` on another thread. The thread stops at the end of the
/// sheet, at its first error, or as soon as the feed is dropped.
pub(super) fn read_ahead(mut book: Workbook, sheet: usize) -> RowFeed {
    let (sender, receiver) = sync_channel(BATCHES_AHEAD);
    let path = book.path().to_path_buf();
    std::thread::spawn(move || {
        let message = match send_rows(&mut book, sheet, &sender) {
            Ok(()) => Message::End,
            Err(e) => Message::Failed(e),
        };
        // A feed dropped early has stopped listening: nothing is left to tell it.
        sender.send(message).ok();
    });
    RowFeed {
        path,
        receiver,
        batch: Vec::new().into_iter(),
        done: false,
    }
}

fn send_rows(book: &mut Workbook, sheet: usize, sender: &SyncSender<Message>) -> Result<()> {
    let mut batch = Vec::with_capacity(ROWS_PER_BATCH);
    for row in book.rows(sheet)? {
        batch.push(row?);
        if batch.len() == ROWS_PER_BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(ROWS_PER_BATCH));
            if sender.send(Message::Rows(full)).is_err() {
                return Ok(());
            }
        }
    }
    if !batch.is_empty() {
        sender.send(Message::Rows(batch)).ok();
    }
    Ok(())
}

impl Iterator for RowFeed {
    type Item = Result<Vec<Cell>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.batch.next() {
                return Some(Ok(row));
            }
            if self.done {
                return None;
            }
            match self.receiver.recv() {
                Ok(Message::Rows(rows)) => self.batch = rows.into_iter(),
                Ok(Message::End) => self.done = true,
                Ok(Message::Failed(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                // The reading thread ended without a word: it stopped on something unforeseen,
                // and the rows it did not send must not pass for the end of the sheet.
                Err(_) => {
                    self.done = true;
                    return Some(Err(Error::bad_file(
                        &self.path,
                        ErrorKind::FileUnreadable,
                        "the spreadsheet reader stopped unexpectedly",
                    )));
                }
            }
        }
    }
}
