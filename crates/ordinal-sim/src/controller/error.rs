//! Controller errors as Go's error strings, so event messages can quote them (`... failed error: <err>`).

use crate::apiserver::{ApiError, Reason};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncError {
    pub message: String,
    /// The API reason when the error came straight from the API server.
    pub reason: Option<Reason>,
}

impl SyncError {
    pub fn new(message: impl Into<String>) -> Self {
        SyncError {
            message: message.into(),
            reason: None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.reason == Some(Reason::NotFound)
    }

    pub fn is_already_exists(&self) -> bool {
        self.reason == Some(Reason::AlreadyExists)
    }

    /// utilerrors.NewAggregate: one error prints as itself, several as `[a, b]` (deduplicated).
    pub fn aggregate(errs: Vec<SyncError>) -> Option<SyncError> {
        let mut seen: Vec<String> = Vec::new();
        for e in &errs {
            if !seen.contains(&e.message) {
                seen.push(e.message.clone());
            }
        }
        match seen.len() {
            0 => None,
            1 => errs.into_iter().next(),
            _ => Some(SyncError::new(format!("[{}]", seen.join(", ")))),
        }
    }
}

impl From<ApiError> for SyncError {
    fn from(e: ApiError) -> Self {
        SyncError {
            message: e.message,
            reason: Some(e.reason),
        }
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub type SyncResult<T> = Result<T, SyncError>;
