//! `ordinal --svg-at`: a scenario's or a script's cluster as one SVG, and its errors.

use std::path::Path;
use std::process::Command;

fn ordinal(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_ordinal"))
        .args(args)
        .output()
        .expect("run ordinal");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_scenario_at_an_instant_is_one_svg_on_stdout() {
    let (svg, err, code) = ordinal(&["--svg-at", "20s", "ordered-creation"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(
        "aria-label=\"Ordered creation at 20s: 2 pods (web-0 Running, web-1 Running), 2 claims.\""
    ));
    assert!(svg.contains("data-pod=\"web-1\""));
}

#[test]
fn a_script_is_drawn_at_an_instant_of_its_own_timeline() {
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/01-ordered-creation.sh");
    let out = std::env::temp_dir().join(format!("ordinal-svg-{}.svg", std::process::id()));
    let (stdout, err, code) = ordinal(&[
        "--svg-at",
        "1m",
        script.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!((code, err.as_str(), stdout.as_str()), (0, "", ""));
    let svg = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    assert!(
        svg.contains("aria-label=\"01-ordered-creation.sh at 1m0s: "),
        "{}",
        &svg[..300]
    );
    assert!(svg.contains("data-pod=\"web-0\""));
}

#[test]
fn bad_svg_requests_are_errors_in_the_clis_style() {
    let (out, err, code) = ordinal(&["--svg-at", "12x", "ordered-creation"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with("ordinal: invalid argument \"12x\" for \"--svg-at\" flag: time: unknown unit \"x\" in duration \"12x\"\n"),
        "{err}"
    );
    let (_, err, code) = ordinal(&["--svg-at", "7h", "ordered-creation"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "ordinal: 7h0m0s is past the last instant a picture shows (6h0m0s)\n"
    );
    let (_, err, code) = ordinal(&["--svg-at", "5s", "no-such-scenario"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("ordinal: unknown scenario or challenge \"no-such-scenario\"; scenarios: ordered-creation, "), "{err}");
    let (_, err, code) = ordinal(&["-o", "x.svg", "ordered-creation"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("ordinal: -o is for --svg-at\n"), "{err}");
    let (_, err, code) = ordinal(&[
        "--svg-at",
        "5s",
        "ordered-creation",
        "-o",
        "/nonexistent-dir/x.svg",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("ordinal: cannot write /nonexistent-dir/x.svg: "),
        "{err}"
    );
}
