//! The simulation core must stay pure Rust: no browser bindings, no OS randomness. It runs the same
//! natively (CLI, property tests) and in the browser. This test fails as soon as a crate below
//! (directly or transitively, as a normal or build dependency, on any target) enters its tree.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

/// Crate names (exact, or as `name-*` families) that must never be in ordinal-sim's tree.
const FORBIDDEN: &[&str] = &["web-sys", "js-sys", "wasm-bindgen", "gloo", "getrandom"];

fn is_forbidden(name: &str) -> bool {
    FORBIDDEN.iter().any(|f| {
        name == *f
            || name
                .strip_prefix(f)
                .is_some_and(|rest| rest.starts_with('-'))
    })
}

/// Every package in `package`'s normal+build dependency tree, for all targets.
fn dependency_tree(package: &str) -> Vec<String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(&workspace)
        .args([
            "tree",
            "--quiet",
            "--package",
            package,
            "--edges",
            "normal,build",
        ])
        .args(["--target", "all", "--prefix", "none", "--format", "{p}"])
        .output()
        .expect("run `cargo tree`");
    assert!(
        output.status.success(),
        "`cargo tree -p {package}` failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut names: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

fn forbidden_deps(package: &str) -> Vec<String> {
    dependency_tree(package)
        .into_iter()
        .filter(|n| is_forbidden(n))
        .collect()
}

#[test]
fn ordinal_sim_has_no_browser_or_os_randomness_dependencies() {
    let tree = dependency_tree("ordinal-sim");
    assert!(
        tree.iter().any(|n| n == "ordinal-sim"),
        "cargo tree output not understood: {tree:?}"
    );
    let bad: Vec<_> = tree.iter().filter(|n| is_forbidden(n)).collect();
    assert!(
        bad.is_empty(),
        "ordinal-sim must stay pure Rust, but its dependency tree contains {bad:?}. \
         Put browser code in ordinal-web; take randomness as a seed. \
         See `cargo tree -p ordinal-sim -e normal,build --target all -i <crate>`."
    );
}

/// The check itself must be able to fail: the web app does depend on these crates.
#[test]
fn the_check_catches_browser_dependencies() {
    let bad = forbidden_deps("ordinal-web");
    for expected in ["web-sys", "js-sys", "wasm-bindgen"] {
        assert!(
            bad.iter().any(|n| n == expected),
            "{expected} not detected in ordinal-web: {bad:?}"
        );
    }
}

#[test]
fn forbidden_names_match_families_only() {
    assert!(is_forbidden("gloo-utils"));
    assert!(is_forbidden("wasm-bindgen-futures"));
    assert!(is_forbidden("getrandom"));
    assert!(!is_forbidden("gloomy"));
    assert!(!is_forbidden("serde"));
}
