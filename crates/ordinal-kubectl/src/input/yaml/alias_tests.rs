//! Alias bombs ("billion laughs"): every alias is charged by the size of what it copies, in
//! block and flow context alike, and the limit stops the parse long before the document is built.

use super::parse::{parse_documents, parse_single_counted, MAX_ALIAS_EXPANSION};

/// `a: &a [lol ×9]`, then `b: &b [*a ×9]` … `i: &i [*h ×9]`: 9^9 strings once expanded.
fn flow_bomb() -> String {
    let mut s = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ('a'..='h').zip('b'..='i') {
        let items = vec![format!("*{prev}"); 9].join(",");
        s.push_str(&format!("{name}: &{name} [{items}]\n"));
    }
    s
}

/// The same bomb written as one flow mapping, so nothing is in block context.
fn all_flow_bomb() -> String {
    let mut parts = vec!["a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]".to_string()];
    for (prev, name) in ('a'..='h').zip('b'..='i') {
        let items = vec![format!("*{prev}"); 9].join(", ");
        parts.push(format!("{name}: &{name} [{items}]"));
    }
    format!("{{{}}}\n", parts.join(", "))
}

/// The same bomb in block sequences only.
fn block_bomb() -> String {
    let mut s = String::from("a: &a\n");
    for _ in 0..9 {
        s.push_str("  - lol\n");
    }
    for (prev, name) in ('a'..='h').zip('b'..='i') {
        s.push_str(&format!("{name}: &{name}\n"));
        for _ in 0..9 {
            s.push_str(&format!("  - *{prev}\n"));
        }
    }
    s
}

fn assert_stopped_by_limit(src: &str) {
    let e = parse_documents(src).unwrap_err();
    assert_eq!(e.to_string(), "yaml: document contains excessive aliasing");
    let (r, expanded) = parse_single_counted(src);
    assert_eq!(
        r.unwrap_err().to_string(),
        "yaml: document contains excessive aliasing"
    );
    // The counter crossed the limit by at most one alias (the biggest anchor that fits is
    // itself under the limit), so the work done is bounded by about twice the limit.
    assert!(expanded > MAX_ALIAS_EXPANSION, "{expanded}");
    assert!(expanded <= 2 * MAX_ALIAS_EXPANSION, "{expanded}");
}

#[test]
fn flow_sequence_aliases_count_against_the_expansion_limit() {
    let src = flow_bomb();
    assert!(src.len() < 600, "{}", src.len());
    assert_stopped_by_limit(&src);
}

#[test]
fn aliases_inside_a_flow_mapping_count_too() {
    assert_stopped_by_limit(&all_flow_bomb());
    // `{k: *a}` values, not just sequence items.
    let mut s = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (prev, name) in ('a'..='h').zip('b'..='i') {
        let items: Vec<String> = (0..10).map(|n| format!("k{n}: *{prev}")).collect();
        s.push_str(&format!("{name}: &{name} {{{}}}\n", items.join(", ")));
    }
    assert_stopped_by_limit(&s);
}

#[test]
fn block_aliases_count_against_the_expansion_limit() {
    assert_stopped_by_limit(&block_bomb());
}

#[test]
fn modest_alias_use_is_accepted_and_counted() {
    let (r, expanded) = parse_single_counted("a: &a [1, 2, 3]\nb: [*a, *a]\nc: *a\n");
    let v = r.unwrap().unwrap();
    assert_eq!(v["b"], serde_json::json!([[1, 2, 3], [1, 2, 3]]));
    assert_eq!(v["c"], serde_json::json!([1, 2, 3]));
    // Three aliases of a four-node sequence.
    assert_eq!(expanded, 12);
}
