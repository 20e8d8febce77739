//! `kubectl get` — tables, other formats, and `-w` (rows streamed while simulated time runs).

use super::Kubectl;
use crate::errors::Failure;
use crate::input::flags::{b, l, v, Flag};
use crate::input::targets::{self, Targets};
use crate::input::targets::{ResourceArgs, TypeRef};
use crate::output::print_flags::{self, Format};
use crate::output::printers::{self, TableOpts};
use crate::output::table::TabWriter;
use ordinal_sim::api::{Kind, Object};
use ordinal_sim::apiserver::WatchType;
use std::rc::Rc;

pub const FLAGS: &[Flag] = &[
    v("output", Some('o')),
    l("selector", Some('l')),
    b("watch", Some('w')),
    b("watch-only", None),
    b("all-namespaces", Some('A')),
    b("show-labels", None),
    l("label-columns", Some('L')),
    b("no-headers", None),
    v("sort-by", None),
    b("ignore-not-found", None),
    v("template", None),
    b("show-kind", None),
    v("field-selector", None),
    b("output-watch-events", None),
    l("filename", Some('f')),
    v("chunk-size", None),
    b("show-managed-fields", None),
    b("recursive", Some('R')),
    b("allow-missing-template-keys", None),
];

/// Objects found, in print order, plus whether one was named explicitly.
struct Found {
    /// Shared: a name given many times (`get pods a a a …`) is one copy of its object.
    objs: Vec<Rc<Object>>,
    single: bool,
    kinds_requested: usize,
}

impl Kubectl<'_> {
    /// Resolves `-f` files or resource arguments into objects; missing names become errors
    /// in `self.errors` (kubectl keeps going).
    fn find(&mut self, args: &[String], all_ns: bool) -> Result<Found, Failure> {
        let sel = self.selector()?;
        let ns = self.namespace();
        let ignore_nf = self.flags.bool("ignore-not-found");
        let mut objs = Vec::new();
        let mut copies = super::Copies::default();
        // `run` has already refused a command line with neither arguments nor `-f`.
        let required = Failure::client("Required resource not specified.");
        match super::targets(self, args, required)? {
            Targets::Files(sources) => {
                let mut n = 0;
                let mut kinds = Vec::new();
                targets::visit_files(&sources, |t| {
                    n += 1;
                    if !kinds.contains(&t.kind) {
                        kinds.push(t.kind);
                    }
                    match self.st.get(t.kind, &t.namespace_or(&ns), &t.name) {
                        Some(o) => objs.push(copies.of(o)),
                        None if ignore_nf => {}
                        None => self
                            .errors
                            .push(targets::not_found(&TypeRef::Kind(t.kind), &t.name)),
                    }
                    Ok(())
                })?;
                Ok(Found {
                    objs,
                    single: n == 1,
                    kinds_requested: kinds.len(),
                })
            }
            Targets::Lists(types) => {
                objs.extend(
                    super::list_types(self, &types, all_ns, &sel)?
                        .into_iter()
                        .map(Rc::new),
                );
                Ok(Found {
                    objs,
                    single: false,
                    kinds_requested: types.len(),
                })
            }
            Targets::Named(items) => {
                if !sel.is_empty() {
                    return Err(Failure::client(
                        "selectors and the all flag cannot be used when passing resource/name arguments",
                    ));
                }
                let mut kinds: Vec<TypeRef> = Vec::new();
                for (t, name) in &items {
                    if !kinds.contains(t) {
                        kinds.push(t.clone());
                    }
                    let found = t.kind().and_then(|k| self.st.get(k, &ns, name));
                    match found {
                        Some(o) => objs.push(copies.of(o)),
                        None if ignore_nf => {}
                        None => self.errors.push(targets::not_found(t, name)),
                    }
                }
                Ok(Found {
                    objs,
                    single: items.len() == 1,
                    kinds_requested: kinds.len(),
                })
            }
        }
    }
}

fn table_opts(k: &Kubectl, wide: bool, all_ns: bool, with_kind: bool) -> TableOpts {
    TableOpts {
        wide,
        show_labels: k.flags.bool("show-labels"),
        with_namespace: all_ns,
        with_kind: with_kind || k.flags.bool("show-kind"),
        label_columns: k.flags.list("label-columns"),
        no_headers: k.flags.bool("no-headers"),
    }
}

fn sort_by(objs: &mut [Rc<Object>], expr: &str) -> Result<(), Failure> {
    let path = if expr.starts_with('{') {
        expr.to_string()
    } else {
        format!("{{{expr}}}")
    };
    let mut keyed: Vec<(serde_json::Value, usize)> = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        let text = crate::output::jsonpath::render(&path, &o.to_json())
            .map_err(|e| Failure::client(format!("couldn't parse sort-by {expr}: {e}")))?;
        let v = text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::String(text));
        keyed.push((v, i));
    }
    ordinal_sim::sort::sort_by(&mut keyed, |a, b| match (&a.0, &b.0) {
        (serde_json::Value::Number(x), serde_json::Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(std::cmp::Ordering::Equal),
        (x, y) => {
            crate::output::jsonpath::value_text(x).cmp(&crate::output::jsonpath::value_text(y))
        }
    });
    let snapshot: Vec<Rc<Object>> = objs.to_vec();
    for (slot, (_, i)) in objs.iter_mut().zip(keyed) {
        *slot = snapshot[i].clone();
    }
    Ok(())
}

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    if args.is_empty() && !k.flags.has("filename") {
        return Err(Failure::Raw(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n".into(),
        ));
    }
    let format = print_flags::parse(k.flags.get("output"), k.flags.get("template"))?;
    let format = print_flags::with_files(format, &k.st.files, k.flags.bool("no-headers"))?;
    let all_ns = k.flags.bool("all-namespaces");
    if k.flags.bool("watch") || k.flags.bool("watch-only") {
        return watch(k, &args, format, all_ns);
    }
    let mut found = k.find(&args, all_ns)?;
    if let Some(expr) = k.flags.get("sort-by") {
        sort_by(&mut found.objs, expr)?;
    }
    let objs = found.objs;
    match &format {
        Format::Table { wide } => {
            let with_kind = found.kinds_requested > 1;
            let opts = table_opts(k, *wide, all_ns, with_kind);
            let mut printed_any = false;
            let mut i = 0;
            while i < objs.len() {
                let kind = objs[i].kind();
                let group: Vec<&Object> = objs[i..]
                    .iter()
                    .map(|o| &**o)
                    .take_while(|o| o.kind() == kind)
                    .collect();
                i += group.len();
                let mut rows = Vec::new();
                if !opts.no_headers {
                    let mut o = opts.clone();
                    o.with_namespace = all_ns && kind.namespaced();
                    rows.push(printers::header(kind, &o));
                }
                let now = k.st.now();
                for obj in &group {
                    let mut o = opts.clone();
                    o.with_namespace = all_ns && kind.namespaced();
                    rows.push(printers::row(obj, now, &o));
                }
                if printed_any && !opts.no_headers {
                    k.print("\n");
                }
                k.print(&crate::output::table::render(&rows));
                printed_any = true;
            }
            if !printed_any && k.errors.is_empty() && !k.flags.bool("ignore-not-found") {
                let all_namespaced = !all_ns
                    && targets::from_args(&args, targets::no_name())
                        .ok()
                        .map(|t| match t {
                            ResourceArgs::Lists(ts) => {
                                ts.iter().all(|t| t.kind().is_none_or(|k| k.namespaced()))
                            }
                            ResourceArgs::Named(ns) => ns
                                .iter()
                                .all(|(t, _)| t.kind().is_none_or(|k| k.namespaced())),
                        })
                        .unwrap_or(true);
                if all_namespaced {
                    let ns = k.namespace();
                    k.warn(&format!("No resources found in {ns} namespace."));
                } else {
                    k.warn("No resources found");
                }
            }
        }
        other => {
            let refs: Vec<&Object> = objs.iter().map(|o| &**o).collect();
            if refs.is_empty() && found.single {
                return Ok(());
            }
            let text = print_flags::render(other, &refs, found.single)?;
            k.print(&text);
        }
    }
    Ok(())
}

/// `get -w`: print the current rows, then one row per change while simulated time runs,
/// until nothing changed for a while (a learner would press Ctrl-C) or `--request-timeout`.
fn watch(k: &mut Kubectl, args: &[String], format: Format, all_ns: bool) -> Result<(), Failure> {
    // Watching what `-f` names is refused below, as "more than 1 resource" (files unread).
    let target = if k.flags.has("filename") {
        None
    } else {
        let required = Failure::client("Required resource not specified.");
        Some(targets::from_args(args, required)?)
    };
    let (kind, names): (Kind, Vec<String>) = match &target {
        Some(ResourceArgs::Lists(ts)) if ts.len() == 1 => match ts[0].kind() {
            Some(kd) => (kd, Vec::new()),
            None => return Ok(()),
        },
        Some(ResourceArgs::Named(items)) if items.iter().all(|(t, _)| *t == items[0].0) => {
            match items[0].0.kind() {
                Some(kd) => (kd, items.iter().map(|(_, n)| n.clone()).collect()),
                None => return Ok(()),
            }
        }
        _ => {
            return Err(Failure::client(
                "watch is only supported on individual resources and resource collections - more than 1 resource was found",
            ))
        }
    };
    let sel = k.selector()?;
    let ns = k.namespace();
    let opts = table_opts(
        k,
        matches!(format, Format::Table { wide: true }),
        all_ns,
        false,
    );
    let events_col = k.flags.bool("output-watch-events");
    let mut tw = TabWriter::new();
    let mut header_printed = false;
    let matches = |o: &Object| -> bool {
        (all_ns || !kind.namespaced() || o.meta().namespace == ns)
            && sel.matches(&o.meta().labels)
            && (names.is_empty() || names.contains(&o.meta().name))
    };
    let print_row = |k: &mut Kubectl,
                     tw: &mut TabWriter,
                     header_printed: &mut bool,
                     obj: &Object,
                     event: &str,
                     now: u64| {
        match &format {
            Format::Table { .. } => {
                let mut text = String::new();
                if !*header_printed && !opts.no_headers {
                    let mut h = printers::header(kind, &opts);
                    if events_col {
                        h.insert(0, "EVENT".into());
                    }
                    text.push_str(&h.join("\t"));
                    text.push('\n');
                }
                *header_printed = true;
                let mut r = printers::row(obj, now, &opts);
                if events_col {
                    r.insert(0, event.to_string());
                }
                text.push_str(&r.join("\t"));
                text.push('\n');
                tw.write(&text);
                let s = tw.flush();
                k.print(&s);
            }
            f => {
                // Custom columns print their header once, for the first object.
                let later = match f {
                    Format::CustomColumns { columns, .. } if *header_printed => {
                        Some(Format::CustomColumns {
                            columns: columns.clone(),
                            no_headers: true,
                        })
                    }
                    _ => None,
                };
                let f = later.as_ref().unwrap_or(f);
                if let Ok(s) = print_flags::render(f, &[obj], true) {
                    let sep = if matches!(f, Format::Yaml) && *header_printed {
                        "---\n"
                    } else {
                        ""
                    };
                    *header_printed = true;
                    k.print(&format!("{sep}{s}"));
                }
            }
        }
    };
    if !k.flags.bool("watch-only") {
        let initial: Vec<Object> = if names.is_empty() {
            k.list_kind(kind, all_ns, &sel)?
        } else {
            let mut v = Vec::new();
            for n in &names {
                match k.st.get(kind, &ns, n) {
                    Some(o) => v.push(o.clone()),
                    None => {
                        return Err(Failure::from_api(
                            &ordinal_sim::apiserver::ApiError::not_found(kind, n),
                        ))
                    }
                }
            }
            v
        };
        // The initial list is flushed as one table.
        if !initial.is_empty() {
            let now = k.st.now();
            let mut text = String::new();
            if !opts.no_headers {
                let mut h = printers::header(kind, &opts);
                if events_col {
                    h.insert(0, "EVENT".into());
                }
                text.push_str(&h.join("\t"));
                text.push('\n');
            }
            header_printed = true;
            for o in &initial {
                let mut r = printers::row(o, now, &opts);
                if events_col {
                    r.insert(0, "ADDED".into());
                }
                text.push_str(&r.join("\t"));
                text.push('\n');
            }
            if let Format::Table { .. } = format {
                tw.write(&text);
                let s = tw.flush();
                k.print(&s);
            } else {
                header_printed = false;
                for o in &initial {
                    print_row(k, &mut tw, &mut header_printed, o, "ADDED", now);
                }
            }
        }
    }
    let explicit_timeout = k
        .flags
        .get("request-timeout")
        .and_then(crate::input::flags::parse_duration_ms);
    let start = k.st.now();
    let (deadline, quiet) = match explicit_timeout {
        Some(ms) if ms > 0 => (start + ms.min(k.st.limits.max_wait_ms), None),
        _ => (
            start + k.st.limits.watch_max_ms,
            Some(k.st.limits.watch_quiet_ms),
        ),
    };
    let mut last_change = start;
    // Matching changes while time runs, each with the instant it happened.
    let mut pending: Vec<(Object, &'static str, u64)> = Vec::new();
    k.st.watch_until(deadline, |st, ev| {
        if let Some(ev) = ev {
            if ev.kind == kind && matches(&ev.object) {
                let name = match ev.type_ {
                    WatchType::Added => "ADDED",
                    WatchType::Modified => "MODIFIED",
                    WatchType::Deleted => "DELETED",
                };
                pending.push((ev.object.clone(), name, ev.at));
                last_change = ev.at;
            }
            return false;
        }
        quiet.is_some_and(|q| st.now().saturating_sub(last_change) >= q)
    });
    // Rows show the age the object had when the change happened, and appear at that instant.
    k.out.mark(start);
    for (obj, ev, at) in pending {
        print_row(k, &mut tw, &mut header_printed, &obj, ev, at);
        k.out.mark(at);
    }
    Ok(())
}
