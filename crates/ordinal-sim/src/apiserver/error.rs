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
    /// 413, from the HTTP layer before decoding.
    RequestEntityTooLarge,
    /// No reason (metav1.StatusReasonUnknown): errors passed through from etcd.
    Unknown,
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
            Reason::RequestEntityTooLarge => "RequestEntityTooLarge",
            Reason::Unknown => "",
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
            Reason::RequestEntityTooLarge => 413,
            Reason::Unknown => 500,
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
        write!(f, "{}: {}", self.field, self.body())
    }
}

impl FieldError {
    /// field.Error.ErrorBody: the text after `<field>: `.
    pub fn body(&self) -> String {
        if self.detail.is_empty() {
            self.type_and_value.clone()
        } else {
            format!("{}: {}", self.type_and_value, self.detail)
        }
    }

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
    /// field.TooLong: the value is left out of the message.
    pub fn too_long(field: &str, max_bytes: usize) -> Self {
        FieldError {
            field: field.into(),
            type_and_value: "Too long".into(),
            detail: format!("must have at most {max_bytes} bytes"),
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
    /// metav1.StatusDetails: set for Invalid, so a client reads the causes one by one instead of
    /// parsing them back out of `message` (a cause may itself contain ", ").
    pub details: Option<StatusDetails>,
}

/// metav1.StatusDetails: the object the error is about and its causes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusDetails {
    /// The kind without its group (`StatefulSet`, `Scale`).
    pub kind: String,
    pub name: String,
    pub causes: Vec<StatusCause>,
}

/// metav1.StatusCause of a field error: `field` and the error body (`Invalid value: -1: …`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusCause {
    pub field: String,
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
            details: None,
        }
    }

    pub fn already_exists(kind: Kind, name: &str) -> Self {
        ApiError {
            reason: Reason::AlreadyExists,
            message: format!("{} \"{name}\" already exists", kind.qualified_plural()),
            details: None,
        }
    }

    pub fn conflict(kind: Kind, name: &str) -> Self {
        ApiError {
            reason: Reason::Conflict,
            message: format!(
                "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                kind.qualified_plural()
            ),
            details: None,
        }
    }

    /// `StatefulSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be ...`;
    /// several errors are joined as `[a, b]` like the API server does.
    pub fn invalid(kind: Kind, name: &str, errs: &[FieldError]) -> Self {
        Self::invalid_group_kind(kind.name(), kind.group(), name, errs)
    }

    /// NewInvalid for a kind outside the kind table (`Scale.autoscaling`).
    pub fn invalid_group_kind(kind: &str, group: &str, name: &str, errs: &[FieldError]) -> Self {
        let qualified = match group {
            "" => kind.to_string(),
            g => format!("{kind}.{g}"),
        };
        // ErrorList.ToAggregate drops repeated messages; one stays bare, several go in brackets.
        let mut msgs: Vec<String> = Vec::new();
        for e in errs {
            let m = e.to_string();
            if !msgs.contains(&m) {
                msgs.push(m);
            }
        }
        let body = match msgs.as_slice() {
            [one] => one.clone(),
            many => format!("[{}]", many.join(", ")),
        };
        let causes = errs
            .iter()
            .map(|e| StatusCause {
                field: e.field.clone(),
                message: e.body(),
            })
            .collect();
        ApiError {
            reason: Reason::Invalid,
            message: format!("{qualified} \"{name}\" is invalid: {body}"),
            details: Some(StatusDetails {
                kind: kind.to_string(),
                name: name.to_string(),
                causes,
            }),
        }
    }

    pub fn internal() -> Self {
        ApiError {
            reason: Reason::InternalError,
            message: "Internal error occurred: API server failed".into(),
            details: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            reason: Reason::BadRequest,
            message: message.into(),
            details: None,
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError {
            reason: Reason::Forbidden,
            message: message.into(),
            details: None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.reason == Reason::NotFound
    }

    pub fn is_already_exists(&self) -> bool {
        self.reason == Reason::AlreadyExists
    }
}
