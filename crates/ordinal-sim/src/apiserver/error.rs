//! API errors in the API server's own words (`pods "web-9" not found`).

use crate::api::Kind;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    NotFound,
    AlreadyExists,
    Conflict,
    Invalid,
    Forbidden,
    BadRequest,
    InternalError,
    MethodNotAllowed,
}

impl Reason {
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::NotFound => "NotFound",
            Reason::AlreadyExists => "AlreadyExists",
            Reason::Conflict => "Conflict",
            Reason::Invalid => "Invalid",
            Reason::Forbidden => "Forbidden",
            Reason::BadRequest => "BadRequest",
            Reason::InternalError => "InternalError",
            Reason::MethodNotAllowed => "MethodNotAllowed",
        }
    }

    pub fn code(&self) -> u16 {
        match self {
            Reason::NotFound => 404,
            Reason::AlreadyExists | Reason::Conflict => 409,
            Reason::Invalid => 422,
            Reason::Forbidden => 403,
            Reason::BadRequest => 400,
            Reason::InternalError => 500,
            Reason::MethodNotAllowed => 405,
        }
    }
}

/// One field error (`spec.replicas: Invalid value: -1: must be greater than or equal to 0`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    /// e.g. `Invalid value: -1`, `Required value`, `Unsupported value: "x"`, `Forbidden`.
    pub type_and_value: String,
    pub detail: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.type_and_value)?;
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        Ok(())
    }
}

impl FieldError {
    pub fn invalid(field: &str, value: impl fmt::Display, detail: &str) -> Self {
        FieldError {
            field: field.into(),
            type_and_value: format!("Invalid value: {value}"),
            detail: detail.into(),
        }
    }
    pub fn required(field: &str, detail: &str) -> Self {
        FieldError {
            field: field.into(),
            type_and_value: "Required value".into(),
            detail: detail.into(),
        }
    }
    pub fn unsupported(field: &str, value: &str, supported: &[&str]) -> Self {
        let list: Vec<String> = supported.iter().map(|s| format!("\"{s}\"")).collect();
        FieldError {
            field: field.into(),
            type_and_value: format!("Unsupported value: \"{value}\""),
            detail: format!("supported values: {}", list.join(", ")),
        }
    }
    pub fn forbidden(field: &str, detail: &str) -> Self {
        FieldError {
            field: field.into(),
            type_and_value: "Forbidden".into(),
            detail: detail.into(),
        }
    }
}

/// A failed API call. `message` is the full server message kubectl prints after
/// `Error from server (<reason>): `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub reason: Reason,
    pub message: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    pub fn not_found(kind: Kind, name: &str) -> Self {
        ApiError {
            reason: Reason::NotFound,
            message: format!("{} \"{name}\" not found", kind.qualified_plural()),
        }
    }

    pub fn already_exists(kind: Kind, name: &str) -> Self {
        ApiError {
            reason: Reason::AlreadyExists,
            message: format!("{} \"{name}\" already exists", kind.qualified_plural()),
        }
    }

    pub fn conflict(kind: Kind, name: &str) -> Self {
        ApiError {
            reason: Reason::Conflict,
            message: format!(
                "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                kind.qualified_plural()
            ),
        }
    }

    /// `StatefulSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be ...`;
    /// several errors are joined as `[a, b]` like the API server does.
    pub fn invalid(kind: Kind, name: &str, errs: &[FieldError]) -> Self {
        let qualified = match kind.group() {
            "" => kind.name().to_string(),
            g => format!("{}.{g}", kind.name()),
        };
        let body = match errs {
            [one] => one.to_string(),
            many => format!(
                "[{}]",
                many.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        ApiError {
            reason: Reason::Invalid,
            message: format!("{qualified} \"{name}\" is invalid: {body}"),
        }
    }

    pub fn internal() -> Self {
        ApiError {
            reason: Reason::InternalError,
            message: "Internal error occurred: API server failed".into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            reason: Reason::BadRequest,
            message: message.into(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError {
            reason: Reason::Forbidden,
            message: message.into(),
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.reason == Reason::NotFound
    }

    pub fn is_already_exists(&self) -> bool {
        self.reason == Reason::AlreadyExists
    }
}
