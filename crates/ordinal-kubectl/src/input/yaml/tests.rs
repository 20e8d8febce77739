use super::*;
use serde_json::json;

pub const WEB_YAML: &str = include_str!("../../../manifests/web.yaml");

#[test]
fn tutorial_web_yaml_parses_into_two_documents() {
    let docs = parse_documents(WEB_YAML).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(
        docs[0],
        json!({
            "apiVersion": "v1", "kind": "Service",
            "metadata": {"name": "nginx", "labels": {"app": "nginx"}},
            "spec": {"ports": [{"port": 80, "name": "web"}], "clusterIP": "None",
                     "selector": {"app": "nginx"}}
        })
    );
    let sts = &docs[1];
    assert_eq!(sts["spec"]["serviceName"], json!("nginx"));
    assert_eq!(sts["spec"]["replicas"], json!(2));
    assert_eq!(
        sts["spec"]["template"]["spec"]["containers"][0]["image"],
        json!("registry.k8s.io/nginx-slim:0.21")
    );
    assert_eq!(
        sts["spec"]["volumeClaimTemplates"][0]["spec"]["accessModes"],
        json!(["ReadWriteOnce"])
    );
    assert_eq!(
        sts["spec"]["volumeClaimTemplates"][0]["spec"]["resources"]["requests"]["storage"],
        json!("1Gi")
    );
}

#[test]
fn block_scalars_and_quotes() {
    let src = "a: |\n  line1\n  line2\nb: >-\n  folded\n  text\n\n  para\nc: 'it''s'\nd: \"tab\\there\"\ne: |-\n  keep\n";
    let v = &parse_documents(src).unwrap()[0];
    assert_eq!(v["a"], json!("line1\nline2\n"));
    assert_eq!(v["b"], json!("folded text\npara"));
    assert_eq!(v["c"], json!("it's"));
    assert_eq!(v["d"], json!("tab\there"));
    assert_eq!(v["e"], json!("keep"));
}

#[test]
fn flow_collections_and_json() {
    let v = &parse_documents("{\"a\": [1, 2, {\"b\": null}], \"c\": \"x\"}").unwrap()[0];
    assert_eq!(v, &json!({"a": [1, 2, {"b": null}], "c": "x"}));
    let v = &parse_documents("k: {a: 1, b: [x, w], c: }\nl: [ \"ReadWriteOnce\" ]\n").unwrap()[0];
    assert_eq!(
        v,
        &json!({"k": {"a": 1, "b": ["x", "w"], "c": null}, "l": ["ReadWriteOnce"]})
    );
    let v = &parse_documents("a: [1,\n  2,\n  3]\n").unwrap()[0];
    assert_eq!(v["a"], json!([1, 2, 3]));
}

#[test]
fn nested_sequences_and_compact_mappings() {
    let src = "items:\n- - a\n  - b\n- name: x\n  ports:\n  - 80\n  -   81\n- \n  name: z\n";
    let v = &parse_documents(src).unwrap()[0];
    assert_eq!(
        v["items"],
        json!([["a", "b"], {"name": "x", "ports": [80, 81]}, {"name": "z"}])
    );
}

#[test]
fn anchors_aliases_and_merge() {
    let src = "base: &b\n  x: 1\n  z: 2\nother:\n  <<: *b\n  z: 3\nlist: [&v 5, *v]\n";
    let v = &parse_documents(src).unwrap()[0];
    assert_eq!(v["other"], json!({"x": 1, "z": 3}));
    // YAML 1.1: `y` is a boolean, so the key becomes "true".
    assert_eq!(parse_documents("y: 1").unwrap()[0], json!({"true": 1}));
    assert_eq!(v["list"], json!([5, 5]));
}

#[test]
fn comments_documents_and_multiline_plain() {
    let src = "# top\n---\na: 1 # one\n---\n# empty doc\n---\nb: this is\n  continued\n...\n";
    let docs = parse_documents(src).unwrap();
    assert_eq!(
        docs,
        vec![json!({"a": 1}), json!({"b": "this is continued"})]
    );
}

fn error_of(src: &str) -> String {
    parse_documents(src).unwrap_err().to_string()
}

#[test]
fn errors_use_go_yaml_wording() {
    assert_eq!(
        error_of("a: b: c\n"),
        "yaml: line 1: mapping values are not allowed in this context"
    );
    // Over-indented key continues the plain scalar, then hits `:`.
    assert_eq!(
        error_of("metadata:\n  name: web\n    labels: x\n"),
        "yaml: line 3: mapping values are not allowed in this context"
    );
    assert_eq!(
        error_of("a:\n\tb: 1\n"),
        "yaml: line 2: found character that cannot start any token"
    );
    assert_eq!(
        error_of("a: 1\nkind Pod\nb: 2\n"),
        "yaml: line 3: could not find expected ':'"
    );
    assert_eq!(
        error_of("a: \"open\n"),
        "yaml: line 2: found unexpected end of stream"
    );
    assert_eq!(
        error_of("a: [1, 2\n"),
        "yaml: line 1: did not find expected ',' or ']'"
    );
    // Repeated keys are not an error for kubectl's YAML reader: the last one wins.
    assert_eq!(parse_documents("a: 1\na: 2\n").unwrap()[0], json!({"a": 2}));
    // Parser errors (not scanner errors) report the 0-based line, i.e. the line above.
    assert_eq!(
        error_of("a:\n    b: 1\n  c: 2\n"),
        "yaml: line 2: did not find expected key"
    );
}

#[test]
fn emitter_matches_kubectl_style() {
    let v = json!({
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": {"name": "web", "labels": {"app": "nginx"},
                     "annotations": {"x": "{\"a\":1}\n", "rev": "1", "empty": ""},
                     "creationTimestamp": "2026-01-01T00:00:05Z"},
        "spec": {"replicas": 2, "template": {"spec": {"containers": [
            {"name": "nginx", "ports": [{"containerPort": 80, "name": "web"}],
             "resources": {}, "command": ["sh", "-c", "echo: hi"]}]}}},
        "status": {"ok": true, "n": null, "y": "n"}
    });
    let expected = "apiVersion: apps/v1
kind: StatefulSet
metadata:
  annotations:
    empty: \"\"
    rev: \"1\"
    x: |
      {\"a\":1}
  creationTimestamp: \"2026-01-01T00:00:05Z\"
  labels:
    app: nginx
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
      - command:
        - sh
        - -c
        - 'echo: hi'
        name: nginx
        ports:
        - containerPort: 80
          name: web
        resources: {}
status:
  \"n\": null
  ok: true
  \"y\": \"n\"
";
    assert_eq!(to_yaml(&v), expected);
    // And it reads back to the same value.
    assert_eq!(parse_documents(expected).unwrap()[0], v);
}

#[test]
fn emitter_folds_long_plain_strings_like_go_yaml() {
    let msg = "0/3 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/3 nodes are available";
    let out = to_yaml(&json!({ "message": msg }));
    assert_eq!(
        out,
        "message: '0/3 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/unreachable:\n  }. preemption: 0/3 nodes are available'\n"
    );
    assert_eq!(parse_documents(&out).unwrap()[0]["message"], json!(msg));
}

#[test]
fn natural_key_order() {
    let v = json!({"web-10": 1, "web-2": 2, "Zed": 3, "alpha": 4, "-x": 5});
    assert_eq!(
        to_yaml(&v),
        "-x: 5\nZed: 3\nalpha: 4\nweb-2: 2\nweb-10: 1\n"
    );
}

/// A tiny seeded generator (xorshift) so the fuzz tests need no dependency.
pub(crate) struct Gen(u64);
impl Gen {
    pub fn new(seed: u64) -> Gen {
        Gen(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[test]
fn fuzz_random_text_never_panics() {
    let atoms = [
        " ", "  ", "\n", "\t", "-", "- ", ":", ": ", "a", "key", "'", "\"", "[", "]", "{", "}",
        ",", "#", "|", ">", "&x", "*x", "!!str", "---", "...", "<<", "\\", "1", "yes", "~", "?",
        "%", "\r\n", "é", "@",
    ];
    for seed in 0..3000u64 {
        let mut g = Gen::new(seed);
        let n = g.below(40);
        let s: String = (0..n).map(|_| g.pick(&atoms)).collect();
        let _ = parse_documents(&s);
    }
}

#[test]
fn fuzz_mutated_manifest_never_panics_and_errors_have_lines() {
    for seed in 0..1500u64 {
        let mut g = Gen::new(seed);
        let mut chars: Vec<char> = WEB_YAML.chars().collect();
        for _ in 0..1 + g.below(4) {
            let at = g.below(chars.len());
            match g.below(3) {
                0 => {
                    chars.remove(at);
                }
                1 => chars.insert(at, ['"', ':', '\t', '[', '-', ' ', '\n', '\''][g.below(8)]),
                _ => chars[at] = ' ',
            }
        }
        let s: String = chars.into_iter().collect();
        if let Err(e) = parse_documents(&s) {
            let lines = s.split('\n').count();
            assert!(
                e.line >= 1 && e.line <= lines + 1,
                "seed {seed}: line {} of {lines}",
                e.line
            );
            assert!(e.to_string().starts_with("yaml: "));
        }
    }
}

#[test]
fn fuzz_emit_then_parse_round_trips() {
    fn random_value(g: &mut Gen, depth: usize) -> serde_json::Value {
        match if depth > 3 { g.below(4) } else { g.below(7) } {
            0 => json!(null),
            1 => json!(g.below(2) == 0),
            2 => json!(g.below(100000) as i64 - 500),
            3 => {
                let pieces = [
                    "a",
                    " ",
                    ":",
                    "# ",
                    "yes",
                    "1",
                    "-",
                    "'",
                    "\"",
                    "\n",
                    "x y",
                    "{",
                    "é",
                    "\t",
                    "0755",
                    "2026-01-01",
                    "",
                ];
                let n = g.below(6);
                json!((0..n).map(|_| g.pick(&pieces)).collect::<String>())
            }
            4 | 5 => {
                let n = g.below(4);
                let mut m = serde_json::Map::new();
                for i in 0..n {
                    let k = ["name", "a b", "yes", "x:y", "1", "", "web-2", "#k"][g.below(8)];
                    m.insert(format!("{k}{i}"), random_value(g, depth + 1));
                }
                serde_json::Value::Object(m)
            }
            _ => {
                let n = g.below(4);
                serde_json::Value::Array((0..n).map(|_| random_value(g, depth + 1)).collect())
            }
        }
    }
    for seed in 0..2000u64 {
        let mut g = Gen::new(seed);
        let v = random_value(&mut g, 0);
        let text = to_yaml(&v);
        let back = parse_documents(&text).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        let back = back.into_iter().next().unwrap_or(serde_json::Value::Null);
        assert_eq!(back, v, "seed {seed}:\n{text}");
    }
}
