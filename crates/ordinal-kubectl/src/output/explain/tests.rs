use super::*;
use ordinal_sim::api::Kind;

fn run(kind: Kind, path: &[&str], recursive: bool) -> Explained {
    let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
    explain(kind.info(), &path, recursive)
}

#[test]
fn wraps_like_go_wordwrap() {
    assert_eq!(wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
    assert_eq!(wrap("aaa bbb ccc", 8), "aaa bbb\nccc");
    // Line breaks are dropped first, so joined descriptions run together.
    assert_eq!(wrap("one.\ntwo", 76), "one.two");
    // A word longer than the line gets a line of its own and is not split.
    assert_eq!(wrap("a bbbbbbbbbb c", 5), "a\nbbbbbbbbbb\nc");
    assert_eq!(indent("a\nb", 4), "    a\n    b");
}

#[test]
fn a_scalar_field_with_an_enum() {
    let e = run(Kind::StatefulSet, &["spec", "podManagementPolicy"], false);
    assert_eq!(e.error, None);
    assert_eq!(
        e.out,
        "GROUP:      apps\nKIND:       StatefulSet\nVERSION:    v1\n\n\
         FIELD: podManagementPolicy <string>\nENUM:\n    OrderedReady\n    Parallel\n\n\
         DESCRIPTION:\n    OrderedReady creates pods one at a time in ordinal order, each after the\n    \
         previous is ready, and removes them in reverse; Parallel creates and removes\n    \
         them all at once. Cannot change.\n\n"
    );
}

#[test]
fn an_object_field_lists_its_type_and_fields() {
    let e = run(Kind::Pod, &["spec", "containers", "ports"], false);
    assert_eq!(
        e.out,
        "KIND:       Pod\nVERSION:    v1\n\nFIELD: ports <[]ContainerPort>\n\n\n\
         DESCRIPTION:\n    Ports the container listens on. Informational: a port not listed is still\n    \
         reachable.ContainerPort is one network port of a container.\n\
         FIELDS:\n  containerPort\t<integer> -required-\n    The port number inside the pod.\n\n  \
         hostPort\t<integer>\n    A port on the node forwarded to the container port.\n\n  \
         name\t<string>\n    A name Services can refer to the port by.\n\n  \
         protocol\t<string>\n  enum: SCTP, TCP, UDP\n    The port's protocol. Defaults to TCP.\n\n\n"
    );
}

#[test]
fn recursive_nests_two_spaces_a_level() {
    let e = run(Kind::StatefulSet, &["spec", "updateStrategy"], true);
    assert!(e.out.ends_with(
        "FIELDS:\n  rollingUpdate\t<RollingUpdateStatefulSetStrategy>\n    \
         maxUnavailable\t<IntOrString>\n    partition\t<integer>\n  \
         type\t<string>\n  enum: OnDelete, RollingUpdate\n\n"
    ));
}

#[test]
fn enums_past_four_are_elided_in_lists() {
    let e = run(Kind::Pod, &["spec", "volumes", "hostPath"], false);
    assert!(e
        .out
        .contains("  type\t<string>\n  enum: \"\", BlockDevice, CharDevice, Directory, ....\n"));
}

#[test]
fn an_unknown_field_names_the_last_segment_after_the_header() {
    let e = run(Kind::Pod, &["foo", "bar"], false);
    assert_eq!(e.out, "KIND:       Pod\nVERSION:    v1\n\n");
    assert_eq!(
        e.error.as_deref(),
        Some("error: field \"bar\" does not exist")
    );
    // Past a primitive there is nothing to follow.
    let e = run(Kind::Pod, &["spec", "hostname", "x"], false);
    assert_eq!(
        e.error.as_deref(),
        Some("error: field \"x\" does not exist")
    );
}

#[test]
fn every_kind_has_a_schema_with_sorted_unique_fields_and_descriptions() {
    fn check(s: &'static Schema, seen: &mut Vec<&'static str>) {
        if seen.contains(&s.name) {
            return;
        }
        seen.push(s.name);
        assert!(!s.description.is_empty(), "{} has no description", s.name);
        let mut names: Vec<&str> = s.fields.iter().map(|f| f.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), s.fields.len(), "{} repeats a field", s.name);
        for f in s.fields {
            assert!(!f.description.is_empty(), "{}.{}", s.name, f.name);
            let mut sorted = f.enums.to_vec();
            sorted.sort();
            assert_eq!(sorted, f.enums, "{}.{} enum order", s.name, f.name);
            if let Some(sub) = f.ty.schema() {
                check(sub, seen);
            }
        }
    }
    let mut seen = Vec::new();
    for k in Kind::ALL {
        let root = root(k);
        assert_eq!(root.name, k.info().name);
        let top: Vec<&str> = root.fields.iter().map(|f| f.name).collect();
        assert!(top.contains(&"apiVersion") && top.contains(&"kind") && top.contains(&"metadata"));
        check(root, &mut seen);
    }
}
