//! `-o` formats shared by get, apply, create, scale …

use crate::errors::Failure;
use crate::input::yaml;
use crate::output::custom_columns::{self, Column};
use crate::output::printers;
use crate::output::{gotemplate, jsonpath};
use ordinal_sim::api::Object;

#[derive(Clone, Debug, PartialEq)]
pub enum Format {
    Table {
        wide: bool,
    },
    Name,
    Yaml,
    Json,
    JsonPath(String),
    GoTemplate(String),
    CustomColumns {
        columns: Vec<Column>,
        no_headers: bool,
    },
    /// `custom-columns-file=FILE`, read by `with_files` before printing.
    CustomColumnsFile(String),
}

const ALLOWED: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/// `-o` (and `--template`) → a format. `table_allowed` is false for commands whose default is
/// a one-line message (apply, scale).
pub fn parse(o: Option<&str>, template: Option<&str>) -> Result<Format, Failure> {
    let o = match (o, template) {
        (None, Some(_)) | (Some(""), Some(_)) => "go-template",
        (None, None) => return Ok(Format::Table { wide: false }),
        (Some(o), _) => o,
    };
    let (name, arg) = match o.split_once('=') {
        Some((n, a)) => (n, Some(a.to_string())),
        None => (o, None),
    };
    let arg = arg.or_else(|| template.map(str::to_string));
    let need = |a: Option<String>, what: &str| {
        a.filter(|s| !s.is_empty()).ok_or_else(|| {
            Failure::client(format!("{what} format specified but no template given"))
        })
    };
    Ok(match name {
        "" => Format::Table { wide: false },
        "wide" => Format::Table { wide: true },
        "name" => Format::Name,
        "yaml" => Format::Yaml,
        "json" => Format::Json,
        "jsonpath" => Format::JsonPath(need(arg, "jsonpath")?),
        "go-template" | "template" => Format::GoTemplate(need(arg, "template")?),
        "custom-columns" => Format::CustomColumns {
            columns: custom_columns::from_spec(arg.as_deref().unwrap_or(""))?,
            no_headers: false,
        },
        "custom-columns-file" => match arg.filter(|a| !a.is_empty()) {
            Some(f) => Format::CustomColumnsFile(f),
            None => {
                return Err(Failure::client(
                    "custom-columns format specified but no custom columns given",
                ))
            }
        },
        _ => {
            return Err(Failure::client(format!(
                "unable to match a printer suitable for the output format \"{o}\", allowed formats are: {ALLOWED}"
            )))
        }
    })
}

/// Reads a `custom-columns-file` from the session's files; `--no-headers` applies to a spec
/// given inline only, as in kubectl.
pub fn with_files(
    format: Format,
    files: &std::collections::BTreeMap<String, String>,
    no_headers: bool,
) -> Result<Format, Failure> {
    Ok(match format {
        Format::CustomColumns { columns, .. } => Format::CustomColumns {
            columns,
            no_headers,
        },
        Format::CustomColumnsFile(path) => {
            let name = path.strip_prefix("./").unwrap_or(&path);
            let text = files.get(name).ok_or_else(|| {
                Failure::client(format!(
                    "error reading template {path}, open {path}: no such file or directory"
                ))
            })?;
            Format::CustomColumns {
                columns: custom_columns::from_template(text)?,
                no_headers: false,
            }
        }
        other => other,
    })
}

/// The most JSON the objects given to one printer may come to: as much as one command may
/// print (JSON and YAML are at least that long), and about 25 times that in memory as JSON
/// values. Only the same objects named again and again get there (`get pods a a a …`).
pub const MAX_PRINTED_JSON: usize = crate::shell::MAX_OUTPUT;

/// Prints objects in a non-table format. `single` is true when one object was asked for by
/// name (kubectl then prints the object, not a List).
pub fn render(format: &Format, objs: &[&Object], single: bool) -> Result<String, Failure> {
    render_with(format, objs, single, printers::to_value)
}

/// `render`, with `shape` turning each object into the value printed (e.g. the
/// `--dry-run=client` object of a kubectl generator, `output::generated`).
pub fn render_with(
    format: &Format,
    objs: &[&Object],
    single: bool,
    shape: impl Fn(&Object) -> serde_json::Value,
) -> Result<String, Failure> {
    if let Format::Name = format {
        return Ok(objs
            .iter()
            .map(|o| format!("{}\n", printers::name_of(o)))
            .collect());
    }
    let json: usize = objs
        .iter()
        .map(|o| ordinal_sim::apiserver::size::json_len(o))
        .sum();
    if json > MAX_PRINTED_JSON {
        return Err(Failure::client(format!(
            "the {} objects to print come to {json} bytes of JSON, more than the {MAX_PRINTED_JSON} one command may print",
            objs.len()
        )));
    }
    let value = || {
        if single && objs.len() == 1 {
            shape(objs[0])
        } else {
            printers::list_value(objs)
        }
    };
    match format {
        Format::Table { .. } | Format::Name => Ok(String::new()),
        Format::Yaml => Ok(yaml::to_yaml(&value())),
        Format::Json => Ok(yaml::to_json_pretty(&value())),
        Format::JsonPath(t) => {
            let t = strip_quotes(t);
            jsonpath::render(&t, &value())
                .map_err(|e| Failure::client(format!("error parsing jsonpath {t}, {e}")))
        }
        Format::GoTemplate(t) => {
            let t = strip_quotes(t);
            gotemplate::render(&t, &value())
                .map_err(|e| Failure::client(format!("error parsing template {t}, {e}")))
        }
        Format::CustomColumns {
            columns,
            no_headers,
        } => {
            let values: Vec<_> = objs.iter().map(|o| shape(o)).collect();
            custom_columns::print(columns, &values, *no_headers)
        }
        Format::CustomColumnsFile(path) => {
            Err(Failure::client(format!("error reading template {path}")))
        }
    }
}

fn strip_quotes(t: &str) -> String {
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(parse(None, None).unwrap(), Format::Table { wide: false });
        assert_eq!(
            parse(Some("wide"), None).unwrap(),
            Format::Table { wide: true }
        );
        assert_eq!(
            parse(Some("jsonpath={.a}"), None).unwrap(),
            Format::JsonPath("{.a}".into())
        );
        assert_eq!(
            parse(None, Some("{{.a}}")).unwrap(),
            Format::GoTemplate("{{.a}}".into())
        );
        assert_eq!(
            parse(Some("custom-columns=NAME:.metadata.name"), None).unwrap(),
            Format::CustomColumns {
                columns: vec![Column {
                    header: "NAME".into(),
                    field_spec: "{.metadata.name}".into()
                }],
                no_headers: false
            }
        );
        assert_eq!(
            parse(Some("custom-columns"), None).unwrap_err().render(),
            "error: custom-columns format specified but no custom columns given\n"
        );
        let missing = with_files(
            parse(Some("custom-columns-file=cols.txt"), None).unwrap(),
            &Default::default(),
            false,
        );
        assert_eq!(
            missing.unwrap_err().render(),
            "error: error reading template cols.txt, open cols.txt: no such file or directory\n"
        );
        assert!(parse(Some("xml"), None).unwrap_err().render().starts_with(
            "error: unable to match a printer suitable for the output format \"xml\""
        ));
    }
}
