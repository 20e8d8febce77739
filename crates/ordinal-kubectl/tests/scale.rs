//! `kubectl scale` through the `/scale` subresource, as upstream's `cmd/scale/scale.go` and
//! `pkg/scale/scale.go`: each error text a learner can provoke, and what is (not) changed.

use ordinal_kubectl::{Session, SessionConfig};

fn run(s: &mut Session, line: &str) -> (String, i32) {
    let o = s.run(line, None);
    (o.combined, o.exit_code)
}

/// A Deployment `web` with 3 replicas and a bare pod `solo`.
fn cluster() -> Session {
    let mut s = Session::new(SessionConfig::default());
    for line in [
        "kubectl create deployment web --image=nginx:1.14.2 --replicas=3",
        "kubectl run solo --image=nginx",
    ] {
        assert_eq!(run(&mut s, line).1, 0, "{line}");
    }
    s
}

fn replicas(s: &mut Session) -> String {
    run(s, "kubectl get deploy web -o jsonpath='{.spec.replicas}'").0
}

#[test]
fn each_error_text_and_nothing_changed() {
    let mut s = cluster();
    let rv = run(
        &mut s,
        "kubectl get deploy web -o jsonpath='{.metadata.resourceVersion}'",
    )
    .0;
    let cases = [
        ("kubectl scale deploy web --replicas=1 --current-replicas=2", "error: Expected replicas to be 2, was 3\n".to_string()),
        ("kubectl scale deploy web --replicas=1 --resource-version=1", format!("error: Expected resource version to be 1, was {rv}\n")),
        ("kubectl scale deploy/web pod/solo --replicas=1 --resource-version=1", "error: cannot use --resource-version with multiple resources\n".into()),
        ("kubectl scale pod solo --replicas=2", "Error from server (NotFound): the server could not find the requested resource\n".into()),
        ("kubectl scale deploy nope --replicas=2", "Error from server (NotFound): deployments.apps \"nope\" not found\n".into()),
        ("kubectl scale deploy -l app=nothing --replicas=2", "error: no objects passed to scale\n".into()),
        ("kubectl scale deploy --replicas=2", "error: resource(s) were provided, but no name was specified\n".into()),
        ("kubectl scale deploy web --replicas=-1", "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n".into()),
        ("kubectl scale deploy web --replicas=2 --current-replicas=-2", "error: The --current-replicas must specify an integer of -1 or greater\n".into()),
        ("kubectl scale deploy web --replicas=two", "Error: invalid argument \"two\" for \"--replicas\" flag: strconv.ParseInt: parsing \"two\": invalid syntax\nSee 'kubectl scale --help' for usage.\n".into()),
        ("kubectl scale deploy web --replicas=2 --timeout=5", "Error: invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\"\nSee 'kubectl scale --help' for usage.\n".into()),
        ("kubectl scale deploy web --replicas=2 --timeout=5x", "Error: invalid argument \"5x\" for \"--timeout\" flag: time: unknown unit \"x\" in duration \"5x\"\nSee 'kubectl scale --help' for usage.\n".into()),
        ("kubectl scale deploy web --replicas=2 --timeout=soon", "Error: invalid argument \"soon\" for \"--timeout\" flag: time: invalid duration \"soon\"\nSee 'kubectl scale --help' for usage.\n".into()),
        ("kubectl scale deploy web --timeout=5", "Error: invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\"\nSee 'kubectl scale --help' for usage.\n".into()),
        ("kubectl scale deploy web --replicas=2 -o wide", "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n".into()),
        ("kubectl scale deploy web --replicas=2 --dry-run=maybe", "error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n".into()),
        ("kubectl scale deploy web --replicas=5 --dry-run=server --current-replicas=4", "error: Expected replicas to be 4, was 3\n".into()),
    ];
    for (line, want) in cases {
        assert_eq!(run(&mut s, line), (want, 1), "{line}");
        assert_eq!(replicas(&mut s), "3", "{line} changed spec.replicas");
    }
    let (out, code) = run(&mut s, "kubectl scale deploy web");
    assert!(
        out.contains("required flag(s) \\\"replicas\\\" not set"),
        "{out}"
    );
    assert_eq!(code, 1);
}

#[test]
fn dry_runs_print_and_change_nothing() {
    let mut s = cluster();
    assert_eq!(
        run(
            &mut s,
            "kubectl scale deploy web --replicas=5 --dry-run=client"
        ),
        ("deployment.apps/web scaled (dry run)\n".into(), 0)
    );
    assert_eq!(
        run(
            &mut s,
            "kubectl scale deploy web --replicas=5 --dry-run=server"
        ),
        ("deployment.apps/web scaled (server dry run)\n".into(), 0)
    );
    // A client dry run sends nothing, so even a pod "scales"; the server knows better.
    assert_eq!(
        run(
            &mut s,
            "kubectl scale pod solo --replicas=5 --dry-run=client"
        ),
        ("pod/solo scaled (dry run)\n".into(), 0)
    );
    assert_eq!(replicas(&mut s), "3");
}

#[test]
fn preconditions_that_hold_scale() {
    let mut s = cluster();
    let rv = run(
        &mut s,
        "kubectl get deploy web -o jsonpath='{.metadata.resourceVersion}'",
    )
    .0;
    let line = format!("kubectl scale deploy web --replicas=1 --current-replicas=3 --resource-version={rv} -o name");
    assert_eq!(run(&mut s, &line), ("deployment.apps/web\n".into(), 0));
    assert_eq!(replicas(&mut s), "1");
}

#[test]
fn a_missing_name_is_reported_after_the_others_are_scaled() {
    let mut s = cluster();
    assert_eq!(
        run(&mut s, "kubectl scale deploy nope web --replicas=2"),
        (
            "deployment.apps/web scaled\nError from server (NotFound): deployments.apps \"nope\" not found\n".into(),
            1
        )
    );
    assert_eq!(replicas(&mut s), "2");
}

#[test]
fn timeout_waits_until_the_new_size_is_observed() {
    let mut s = cluster();
    run(&mut s, "sleep 30s");
    assert_eq!(
        run(&mut s, "kubectl scale deploy web --replicas=5 --timeout=1m"),
        ("deployment.apps/web scaled\n".into(), 0)
    );
    // Waited for status.replicas: the Scale reads 5 of 5 straight after.
    assert_eq!(
        run(
            &mut s,
            "kubectl get deploy web -o jsonpath='{.status.replicas}'"
        )
        .0,
        "5"
    );
    // Scaling to 0 is observed once the pods are terminating (ReplicaSets do not count them).
    assert_eq!(
        run(&mut s, "kubectl scale deploy web --replicas=0 --timeout=1s"),
        ("deployment.apps/web scaled\n".into(), 0)
    );
}

#[test]
fn timeout_ends_with_upstreams_error() {
    let mut s = Session::new(SessionConfig::default());
    let web = include_str!("upstream/web.yaml");
    assert_eq!(s.run("kubectl apply -f -", Some(web)).exit_code, 0);
    run(&mut s, "sleep 30s");
    // OrderedReady: one pod at a time, each waiting to be Ready; a second sees only the first.
    assert_eq!(
        run(&mut s, "kubectl scale sts web --replicas=5 --timeout=1s"),
        (
            "error: timed out waiting for \"web\" to be synced\n".into(),
            1
        )
    );
    assert_eq!(
        run(&mut s, "kubectl get sts web -o jsonpath='{.spec.replicas}'").0,
        "5"
    );
}

#[test]
fn a_manifest_is_not_fetched_so_a_missing_object_stops_the_command() {
    let mut s = cluster();
    let docs = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nope\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";
    let o = s.run("kubectl scale -f - --replicas=1", Some(docs));
    assert_eq!(
        (o.combined.as_str(), o.exit_code),
        (
            "Error from server (NotFound): deployments.apps \"nope\" not found\n",
            1
        )
    );
    assert_eq!(replicas(&mut s), "3");
    let o = s.run(
        "kubectl scale -f - --replicas=1",
        Some(&docs[docs.find("---").unwrap() + 4..]),
    );
    assert_eq!(
        (o.combined.as_str(), o.exit_code),
        ("deployment.apps/web scaled\n", 0)
    );
    assert_eq!(replicas(&mut s), "1");
}
