//! Errors printed the way kubectl's `cmdutil.CheckErr` prints them.

use ordinal_sim::apiserver::{ApiError, Reason};

/// A failed kubectl operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// An API status error: `Error from server (NotFound): pods "web-9" not found`.
    Api { reason: String, message: String },
    /// A status error with reason Invalid and details:
    /// `The StatefulSet "web" is invalid: spec.replicas: Invalid value: …`.
    Invalid {
        kind: String,
        name: String,
        causes: Vec<String>,
    },
    /// A client-side error; printed as `error: <msg>` unless it already has a prefix.
    Client(String),
    /// Printed exactly as is (usage text, messages with their own prefix).
    Raw(String),
    /// Nothing more to print; kubectl exits with this code (a command in a container failed).
    Exit(i32),
}

impl Failure {
    pub fn client(msg: impl Into<String>) -> Failure {
        Failure::Client(msg.into())
    }

    /// Converts an API server error. An Invalid error with details prints its causes
    /// (cmdutil's checkErr reads `Status.Details`, never the message).
    pub fn from_api(e: &ApiError) -> Failure {
        if e.reason == Reason::Invalid {
            if let Some(d) = &e.details {
                // statusCausesToAggrError: `field: message`, repeats dropped.
                let mut causes: Vec<String> = Vec::new();
                for c in &d.causes {
                    let msg = format!("{}: {}", c.field, c.message);
                    if !causes.contains(&msg) {
                        causes.push(msg);
                    }
                }
                return Failure::Invalid {
                    kind: d.kind.clone(),
                    name: d.name.clone(),
                    causes,
                };
            }
        }
        Failure::Api {
            reason: e.reason.as_str().to_string(),
            message: e.message.clone(),
        }
    }

    /// cmdutil.AddSourceToErr: status errors get `error when <verb> "<file>": ` in front.
    pub fn with_source(self, verb: &str, source: &str) -> Failure {
        if source.is_empty() {
            return self;
        }
        match self {
            Failure::Api { reason, message } => Failure::Api {
                reason,
                message: format!("error when {verb} \"{source}\": {message}"),
            },
            Failure::Client(m) => Failure::Client(format!("error when {verb} \"{source}\": {m}")),
            other => other,
        }
    }

    /// The text kubectl writes to stderr (always ends with a newline).
    pub fn render(&self) -> String {
        let mut s = match self {
            // StatusReasonUnknown (errors etcd passes through) prints no parentheses.
            Failure::Api { reason, message } if reason.is_empty() => {
                format!("Error from server: {message}")
            }
            Failure::Api { reason, message } => {
                format!("Error from server ({reason}): {message}")
            }
            Failure::Invalid { kind, name, causes } => {
                // cmdutil: details without a kind or name make it "The request is invalid".
                let head = if kind.is_empty() && name.is_empty() {
                    "The request is invalid: ".to_string()
                } else {
                    format!("The {kind} \"{name}\" is invalid: ")
                };
                match causes.as_slice() {
                    [] => head.trim_end_matches(": ").to_string(),
                    [one] => format!("{head}{one}"),
                    many => {
                        let mut s = format!("{head}\n");
                        for c in many {
                            s.push_str(&format!("* {c}\n"));
                        }
                        s
                    }
                }
            }
            Failure::Client(m) => {
                if m.starts_with("error: ") {
                    m.clone()
                } else {
                    format!("error: {m}")
                }
            }
            Failure::Raw(m) => m.clone(),
            Failure::Exit(_) => return String::new(),
        };
        if !s.ends_with('\n') {
            s.push('\n');
        }
        s
    }
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Failure {
        Failure::from_api(&e)
    }
}

/// `error: unknown flag: --x` + `See 'kubectl get --help' for usage.` (templater.FlagErrorFunc).
pub fn flag_error(cmd_path: &str, msg: &str) -> Failure {
    // cobra prints flag errors itself, with its "Error: " prefix.
    Failure::Raw(format!(
        "Error: {msg}\nSee '{cmd_path} --help' for usage.\n"
    ))
}

/// component-base's `cli.Run` logs errors it cannot print otherwise (required flags) as a
/// klog line: `E0101 00:00:05.000000    1234 run.go:72] "command failed" err="…"`.
pub fn command_failed(now_ms: u64, msg: &str) -> Failure {
    let ts = ordinal_sim::time::Timestamp(now_ms).rfc3339();
    let (date, time) = (&ts[5..10], &ts[11..19]);
    let micros = (now_ms % 1000) * 1000;
    let escaped = msg.replace('\\', "\\\\").replace('"', "\\\"");
    Failure::Raw(format!(
        "E{}{} {time}.{micros:06}    1234 run.go:72] \"command failed\" err=\"{escaped}\"\n",
        &date[0..2],
        &date[3..5]
    ))
}

/// cmdutil.UsageErrorf: `error: <msg>` + `See 'kubectl get -h' for help and examples`.
pub fn usage_error(cmd_path: &str, msg: &str) -> Failure {
    Failure::Raw(format!(
        "error: {msg}\nSee '{cmd_path} -h' for help and examples\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ordinal_sim::api::Kind;
    use ordinal_sim::apiserver::FieldError;

    #[test]
    fn an_error_without_a_reason_prints_no_parentheses() {
        let etcd = ApiError {
            reason: ordinal_sim::apiserver::Reason::Unknown,
            message: "etcdserver: request is too large".into(),
            details: None,
        };
        assert_eq!(
            Failure::from_api(&etcd).render(),
            "Error from server: etcdserver: request is too large\n"
        );
    }

    #[test]
    fn renders_like_check_err() {
        let nf = Failure::from_api(&ApiError::not_found(Kind::Pod, "web-9"));
        assert_eq!(
            nf.render(),
            "Error from server (NotFound): pods \"web-9\" not found\n"
        );
        let inv = Failure::from_api(&ApiError::invalid(
            Kind::StatefulSet,
            "web",
            &[FieldError::invalid(
                "spec.replicas",
                -1,
                "must be greater than or equal to 0",
            )],
        ));
        assert_eq!(
            inv.render(),
            "The StatefulSet \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n"
        );
        let two = Failure::from_api(&ApiError::invalid(
            Kind::Pod,
            "p",
            &[
                FieldError::required("a", ""),
                FieldError::required("b", "x"),
            ],
        ));
        assert_eq!(
            two.render(),
            "The Pod \"p\" is invalid: \n* a: Required value\n* b: Required value: x\n"
        );
        // A cause with its own ", " stays one bullet: causes come from the details.
        let imm = Failure::from_api(&ApiError::invalid(
            Kind::StatefulSet,
            "web",
            &[
                FieldError::invalid(
                    "spec.template.metadata.labels",
                    "map[string]string{\"app\":\"nginx\"}",
                    "`selector` does not match template `labels`",
                ),
                FieldError::forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"),
            ],
        ));
        assert_eq!(
            imm.render(),
            "The StatefulSet \"web\" is invalid: \n\
             * spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"nginx\"}: `selector` does not match template `labels`\n\
             * spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n"
        );
        // The same cause twice prints once (statusCausesToAggrError).
        let dup = Failure::from_api(&ApiError::invalid(
            Kind::Pod,
            "p",
            &[FieldError::required("a", ""), FieldError::required("a", "")],
        ));
        assert_eq!(
            dup.render(),
            "The Pod \"p\" is invalid: a: Required value\n"
        );
        let scale = Failure::from_api(&ApiError::invalid_group_kind(
            "Scale",
            "autoscaling",
            "web",
            &[FieldError::invalid(
                "spec.replicas",
                -1,
                "must be greater than or equal to 0",
            )],
        ));
        assert_eq!(
            scale.render(),
            "The Scale \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n"
        );
        let exists = Failure::from_api(&ApiError::already_exists(Kind::Service, "nginx"))
            .with_source("creating", "web.yaml");
        assert_eq!(
            exists.render(),
            "Error from server (AlreadyExists): error when creating \"web.yaml\": services \"nginx\" already exists\n"
        );
    }
}
