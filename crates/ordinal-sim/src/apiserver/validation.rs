//! Validation with the API server's messages (pkg/apis/*/validation).

use super::error::{ApiError, FieldError};
use crate::api::Object;

pub fn validate_create(obj: &Object) -> Result<(), ApiError> {
    let errs = field_errors(obj);
    if errs.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(obj.kind(), &obj.meta().name, &errs))
    }
}

pub fn validate_update(_old: &Object, new: &Object) -> Result<(), ApiError> {
    validate_create(new)
}

fn field_errors(obj: &Object) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Object::StatefulSet(s) = obj {
        if let Some(r) = s.spec.replicas {
            if r < 0 {
                errs.push(FieldError::invalid(
                    "spec.replicas",
                    r,
                    "must be greater than or equal to 0",
                ));
            }
        }
    }
    errs
}
