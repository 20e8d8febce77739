//! End-to-end checks of `Session::run`: what a learner types and what the terminal shows.

use ordinal_kubectl::{Session, SessionConfig};

const WEB_URL: &str = "https://k8s.io/examples/application/web/web.yaml";

/// A terminal whose working directory holds the tutorial's `web.yaml`.
fn session() -> Session {
    let mut config = SessionConfig::default();
    config.files.insert(
        "web.yaml".into(),
        ordinal_kubectl::session::tutorial_files()[WEB_URL].clone(),
    );
    Session::new(config)
}

fn run(s: &mut Session, line: &str) -> (String, i32) {
    let o = s.run(line, None);
    (o.combined, o.exit_code)
}

#[test]
fn apply_web_yaml_creates_then_is_unchanged() {
    let mut s = session();
    assert_eq!(
        run(&mut s, "kubectl apply -f web.yaml"),
        (
            "service/nginx created\nstatefulset.apps/web created\n".into(),
            0
        )
    );
    assert_eq!(
        run(
            &mut s,
            "kubectl apply -f https://k8s.io/examples/application/web/web.yaml"
        ),
        (
            "service/nginx unchanged\nstatefulset.apps/web unchanged\n".into(),
            0
        )
    );
    let (out, code) = run(&mut s, "kubectl get service nginx");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nnginx   ClusterIP   None         <none>        80/TCP    0s\n"
    );
}

#[test]
fn apply_from_stdin_heredoc_and_configured() {
    let mut s = session();
    let manifest = "kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"1\"\nEOF\n";
    assert_eq!(run(&mut s, manifest), ("configmap/cfg created\n".into(), 0));
    let changed = manifest.replace("a: \"1\"", "a: \"2\"");
    assert_eq!(
        run(&mut s, &changed),
        ("configmap/cfg configured\n".into(), 0)
    );
    let (out, _) = run(&mut s, "kubectl get cm cfg -o jsonpath='{.data.a}'");
    assert_eq!(out, "2");
    // Removing a key that was applied before deletes it (three-way merge).
    let removed = manifest.replace("data:\n  a: \"1\"\n", "data:\n  b: x\n");
    run(&mut s, &removed);
    let (out, _) = run(&mut s, "kubectl get cm cfg -o jsonpath='{.data}'");
    assert_eq!(out, "{\"b\":\"x\"}");
}

#[test]
fn kubectl_error_texts() {
    let mut s = session();
    let cases = [
        (
            "kubectl foo",
            "Error: unknown command \"foo\" for \"kubectl\"\n\nDid you mean this?\n\ttop\n\n",
        ),
        (
            "kubectl frobnicate",
            "Error: unknown command \"frobnicate\" for \"kubectl\"\n",
        ),
        (
            "kubectl get pods --bogus",
            "Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n",
        ),
        (
            "kubectl get foos",
            "error: the server doesn't have a resource type \"foos\"\n",
        ),
        (
            "kubectl get pods web-9",
            "Error from server (NotFound): pods \"web-9\" not found\n",
        ),
        (
            "kubectl get pods",
            "No resources found in default namespace.\n",
        ),
        (
            "kubectl get sts web",
            "Error from server (NotFound): statefulsets.apps \"web\" not found\n",
        ),
        (
            "kubectl apply -f nope.yaml",
            "error: the path \"nope.yaml\" does not exist\n",
        ),
        ("frobnicate", "bash: frobnicate: command not found\n"),
    ];
    for (line, want) in cases {
        let (out, code) = run(&mut s, line);
        assert_eq!(out, want, "{line}");
        assert_ne!(
            code == 0,
            want.starts_with("error") || want.starts_with("Error") || want.starts_with("bash"),
            "{line}"
        );
    }
}

#[test]
fn malformed_yaml_unknown_field_and_kind() {
    let mut s = session();
    s.set_file(
        "bad.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: 80: 81\n",
    );
    assert_eq!(
        run(&mut s, "kubectl apply -f bad.yaml"),
        (
            "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context\n".into(),
            1
        )
    );
    s.set_file(
        "web.yaml",
        &ordinal_kubectl::session::tutorial_files()[WEB_URL].replace(
            "  serviceName: \"nginx\"",
            "  serviceName: \"nginx\"\n  foo: 1",
        ),
    );
    assert_eq!(
        run(&mut s, "kubectl apply -f web.yaml"),
        (
            "service/nginx created\nError from server (BadRequest): error when creating \"web.yaml\": StatefulSet in version \"v1\" cannot be handled as a StatefulSet: strict decoding error: unknown field \"spec.foo\"\n".into(),
            1
        )
    );
    s.set_file(
        "f.yaml",
        "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n",
    );
    assert_eq!(
        run(&mut s, "kubectl apply -f f.yaml"),
        (
            "error: resource mapping not found for name: \"x\" namespace: \"\" from \"f.yaml\": no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first\n".into(),
            1
        )
    );
}

#[test]
fn namespaces_and_context() {
    let mut s = session();
    assert_eq!(
        run(&mut s, "kubectl create namespace demo"),
        ("namespace/demo created\n".into(), 0)
    );
    assert_eq!(
        run(
            &mut s,
            "kubectl config set-context --current --namespace=demo"
        ),
        ("Context \"ordinal\" modified.\n".into(), 0)
    );
    assert_eq!(s.namespace(), "demo");
    assert_eq!(
        run(&mut s, "kubectl get pods"),
        ("No resources found in demo namespace.\n".into(), 0)
    );
    let (out, _) = run(&mut s, "kubectl get ns");
    assert!(out.starts_with("NAME              STATUS   AGE\ndefault           Active   0s\ndemo              Active   0s\n"), "{out}");
}

#[test]
fn scale_and_delete_messages() {
    let mut s = session();
    run(&mut s, "kubectl apply -f web.yaml");
    assert_eq!(
        run(&mut s, "kubectl scale sts web --replicas=5"),
        ("statefulset.apps/web scaled\n".into(), 0)
    );
    assert_eq!(
        run(&mut s, "kubectl get sts web -o jsonpath='{.spec.replicas}'"),
        ("5".into(), 0)
    );
    assert_eq!(
        run(&mut s, "kubectl scale sts web --replicas=-1"),
        ("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n".into(), 1)
    );
    assert_eq!(
        run(
            &mut s,
            "kubectl scale sts web --current-replicas=2 --replicas=3"
        ),
        ("error: Expected replicas to be 2, was 5\n".into(), 1)
    );
    let (out, code) = run(&mut s, "kubectl delete svc nginx --force --grace-period=0");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\nservice \"nginx\" force deleted\n"
    );
    assert_eq!(
        run(&mut s, "kubectl delete pods --all"),
        ("No resources found\n".into(), 0)
    );
}

#[test]
fn shell_for_loop_and_history() {
    let mut s = session();
    let (out, code) = run(&mut s, "for i in 0 1; do echo \"web-$i\"; done");
    assert_eq!((out.as_str(), code), ("web-0\nweb-1\n", 0));
    run(&mut s, "sleep 90s");
    assert_eq!(s.sim().now(), 90_000);
    assert_eq!(s.history().len(), 2);
    assert_eq!(
        run(&mut s, "echo 'unterminated"),
        (
            "bash: unexpected EOF while looking for matching `''\n".into(),
            2
        )
    );
}

#[test]
fn version_and_api_resources() {
    let mut s = session();
    assert_eq!(
        run(&mut s, "kubectl version"),
        (
            "Client Version: v1.33.0\nKustomize Version: v5.6.0\nServer Version: v1.33.0\n".into(),
            0
        )
    );
    let (out, _) = run(&mut s, "kubectl api-resources");
    assert!(
        out.starts_with(
            "NAME                     SHORTNAMES   APIVERSION            NAMESPACED   KIND\n"
        ),
        "{out}"
    );
    assert!(out.contains("\nstatefulsets             sts          apps/v1               true         StatefulSet\n"), "{out}");
}

/// Random command lines (kubectl words, flags, quotes, shell syntax) never panic and always
/// produce an exit code; the session stays usable afterwards.
#[test]
fn explain_error_texts() {
    let mut s = session();
    let cases: &[(&str, &str)] = &[
        ("kubectl explain", "error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n"),
        ("kubectl explain pods sts", "error: We accept only this format: explain RESOURCE\n"),
        ("kubectl explain foo", "error: the server doesn't have a resource type \"foo\"\n"),
        ("kubectl explain daemonsets", "error: daemonsets are not simulated by Ordinal, so there is no schema to explain\n"),
        ("kubectl explain pods.spec.nope", "KIND:       Pod\nVERSION:    v1\n\nerror: field \"nope\" does not exist\n"),
        ("kubectl explain sts --api-version=apps/v2", "error: couldn't find resource for \"apps/v2, Resource=statefulsets\"\n"),
        ("kubectl explain sts --api-version=v1", "error: GVR (/v1, Resource=statefulsets) not found in OpenAPI schema\n"),
        ("kubectl explain sts --api-version=a/b/c", "error: unexpected GroupVersion string: a/b/c\n"),
        // With --api-version only the first segment names the type.
        ("kubectl explain statefulsets.apps --api-version=apps/v1", "GROUP:      apps\nKIND:       StatefulSet\nVERSION:    v1\n\nerror: field \"apps\" does not exist\n"),
    ];
    for (line, want) in cases {
        assert_eq!(run(&mut s, line), (want.to_string(), 1), "{line}");
    }
    let (out, code) = run(&mut s, "kubectl explain cm");
    assert_eq!(code, 0);
    assert!(out
        .starts_with("KIND:       ConfigMap\nVERSION:    v1\n\nDESCRIPTION:\n    ConfigMap holds"));
    assert!(out.ends_with("  metadata\t<ObjectMeta>\n    The object's name, namespace, labels, annotations, owners and the\n    bookkeeping the server keeps for it.\n\n\n"));
}

#[test]
fn fuzz_random_command_lines_never_panic() {
    let words = [
        "kubectl",
        "get",
        "pods",
        "po",
        "sts",
        "web",
        "web-0",
        "-o",
        "yaml",
        "json",
        "wide",
        "name",
        "jsonpath={.items[*].metadata.name}",
        "-l",
        "app=nginx",
        "-n",
        "default",
        "-A",
        "--show-labels",
        "describe",
        "delete",
        "--force",
        "--grace-period=0",
        "scale",
        "--replicas=2",
        "apply",
        "-f",
        "web.yaml",
        "-",
        "patch",
        "-p",
        "'{\"spec\":{}}'",
        "--type=json",
        "rollout",
        "status",
        "history",
        "undo",
        "label",
        "a=b",
        "a-",
        "annotate",
        "exec",
        "--",
        "sh",
        "-c",
        "'echo hi > /tmp/x'",
        "cat",
        "/tmp/x",
        "sim",
        "node",
        "stop",
        "node-1",
        "probe",
        "readiness",
        "fail",
        "crash",
        "sleep",
        "1s",
        "|",
        ";",
        "&&",
        "'",
        "\"",
        "$(",
        ")",
        "for",
        "i",
        "in",
        "do",
        "done",
        "wait",
        "--for=delete",
        "--timeout=1s",
        "cordon",
        "drain",
        "node-2",
        "--ignore-daemonsets",
        "run",
        "t",
        "--image=busybox:1.28",
        "--restart=Never",
        "version",
        "api-resources",
        "config",
        "set-context",
        "--current",
        "--namespace=x",
        "-w",
        "--request-timeout=2s",
    ];
    let mut s = session();
    run(&mut s, "kubectl apply -f web.yaml");
    run(&mut s, "sleep 20s");
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..400 {
        let mut line = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = 1 + (seed % 7) as usize;
        for k in 0..n {
            let idx = ((seed >> (k * 5)) as usize) % words.len();
            if k > 0 {
                line.push(' ');
            }
            line.push_str(words[idx]);
        }
        let o = s.run(&line, None);
        // The terminal view holds exactly what went to stdout and stderr, and time never
        // runs backwards.
        assert_eq!(o.combined.len(), o.stdout.len() + o.stderr.len(), "{line}");
        assert!(o.finished_ms >= o.started_ms, "{line}");
        if s.in_container() {
            s.run("exit", None);
        }
    }
    let (out, code) = run(&mut s, "kubectl get ns default -o name");
    assert_eq!((out.as_str(), code), ("namespace/default\n", 0));
}

/// The target resolver's error texts, command by command (kubectl's own wording, kept
/// byte-identical when the commands moved onto one resolver).
#[test]
fn target_errors_keep_each_commands_text() {
    let mut s = session();
    run(&mut s, "kubectl apply -f web.yaml");
    for (line, want) in [
        ("kubectl get", "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n"),
        ("kubectl get sts/", "error: arguments in resource/name form must have a single resource and name\n"),
        ("kubectl get pods -l app=nginx web-0", "error: selectors and the all flag cannot be used when passing resource/name arguments\n"),
        ("kubectl get -f nope.yaml", "error: the path \"nope.yaml\" does not exist\n"),
        ("kubectl describe", "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n"),
        ("kubectl describe deploy/x", "Error from server (NotFound): deployments.apps \"x\" not found\n"),
        ("kubectl delete", "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"),
        ("kubectl delete pods", "error: resource(s) were provided, but no name was specified\n"),
        ("kubectl delete pod web-0 -l app=nginx", "error: name cannot be provided when a selector is specified\n"),
        ("kubectl delete deploy/x", "Error from server (NotFound): deployments.apps \"x\" not found\n"),
        ("kubectl scale --replicas=2", "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"),
        ("kubectl scale deploy/x --replicas=1", "Error from server (NotFound): deployments.apps \"x\" not found\n"),
        ("kubectl patch -p '{}'", "error: must specify resource name\nSee 'kubectl patch -h' for help and examples\n"),
        ("kubectl patch sts -p '{}'", "error: resource(s) were provided, but no name was specified\n"),
        ("kubectl patch sts/nope -p '{}'", "Error from server (NotFound): statefulsets.apps \"nope\" not found\n"),
        ("kubectl patch sts web -p '{\"spec\":{\"replicas\":\"x\"}}'", "The request is invalid: patch: Invalid value: \"map[spec:map[replicas:x]]\": unrecognized type: int32\n"),
        ("kubectl label pods a=b", "error: resource(s) were provided, but no name was specified\n"),
        ("kubectl label deploy/x a=b", "Error from server (NotFound): deployments.apps \"x\" not found\n"),
        ("kubectl wait --for=delete", "error: resource(s) were provided, but no name was specified\n"),
        ("kubectl wait pods --for=condition=Ready", "error: resource(s) were provided, but no name was specified\n"),
        ("kubectl wait foo/x --for=delete", "error: the server doesn't have a resource type \"foo\"\n"),
        ("kubectl rollout status", "error: required resource not specified\n"),
        // The builder fetches the object before the status viewer is chosen.
        ("kubectl rollout status pod/web-0", "Error from server (NotFound): pods \"web-0\" not found\n"),
        ("kubectl rollout status sts/nope", "Error from server (NotFound): statefulsets.apps \"nope\" not found\n"),
    ] {
        let o = s.run(line, None);
        assert_eq!((o.stderr.as_str(), o.exit_code), (want, 1), "{line}");
    }
}

#[test]
fn workspace_files_directories_and_examples_only_by_url() {
    let mut s = session();
    assert_eq!(run(&mut s, "ls"), ("web.yaml\n".into(), 0));
    // The tutorial's examples are not files in the working directory.
    assert_eq!(
        run(&mut s, "kubectl apply -f web-parallel.yaml"),
        (
            "error: the path \"web-parallel.yaml\" does not exist\n".into(),
            1
        )
    );
    run(
        &mut s,
        "cat > m/b.yaml <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\nEOF",
    );
    run(
        &mut s,
        "cat > ./m/sub/a.yaml <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\nEOF",
    );
    assert_eq!(run(&mut s, "ls"), ("m\nweb.yaml\n".into(), 0));
    assert_eq!(run(&mut s, "ls m"), ("b.yaml\nsub\n".into(), 0));
    assert_eq!(run(&mut s, "cat m"), ("cat: m: Is a directory\n".into(), 1));
    assert_eq!(
        run(&mut s, "ls nope"),
        (
            "ls: cannot access 'nope': No such file or directory\n".into(),
            2
        )
    );
    assert_eq!(
        run(&mut s, "kubectl apply -f m/"),
        ("configmap/b created\n".into(), 0)
    );
    assert_eq!(
        run(&mut s, "kubectl apply -f /home/learner/m -R"),
        ("configmap/b unchanged\nconfigmap/a created\n".into(), 0)
    );
}

#[test]
fn files_past_the_size_bound_are_refused_with_a_clear_message() {
    let mut s = session();
    s.set_file("big.yaml", &"#".repeat(1024 * 1024 + 1));
    assert_eq!(
        run(&mut s, "kubectl apply -f big.yaml"),
        (
            "error: error reading \"big.yaml\": file is 1048577 bytes, larger than the 1048576-byte limit\n"
                .into(),
            1
        )
    );
    assert_eq!(
        run(&mut s, "cat big.yaml"),
        (
            "cat: big.yaml: file is 1048577 bytes, larger than the 1048576-byte limit\n".into(),
            1
        )
    );
}

#[test]
fn one_command_prints_at_most_four_mebibytes_and_the_terminal_goes_on() {
    let mut s = session();
    let line = format!("kubectl describe node{}", " node-1".repeat(5_000));
    let o = s.run(&line, None);
    assert_eq!(
        o.exit_code,
        1,
        "{} {}",
        o.stdout.len(),
        &o.stderr[..o.stderr.len().min(300)]
    );
    assert!(
        o.stdout.starts_with("Name:               node-1\n"),
        "{}",
        &o.stdout[..200]
    );
    assert!(
        o.stdout.len() <= 4 << 20 && o.stdout.len() > 4_000_000,
        "{}",
        o.stdout.len()
    );
    assert_eq!(
        o.stderr,
        "bash: output truncated: more than 4194304 bytes\n"
    );
    // What was cut is only the print: the session still answers.
    let (out, code) = run(&mut s, "kubectl get node node-1 -o name");
    assert_eq!((out.as_str(), code), ("node/node-1\n", 0));
}

#[test]
fn patch_type_errors_speak_the_api_server_like_apply() {
    let mut s = session();
    run(&mut s, "kubectl apply -f web.yaml");
    // Strategic merge (the default): the unstructured converter's words, the patch as Go's %+v.
    for (patch, want) in [
        (
            r#"{"spec":{"replicas":0.5}}"#,
            r#""map[spec:map[replicas:0.5]]": cannot convert float64 to int32"#,
        ),
        (
            r#"{"spec":{"replicas":true}}"#,
            r#""map[spec:map[replicas:true]]": unrecognized type: int32"#,
        ),
        (
            r#"{"spec":{"template":{"spec":{"containers":"x"}}}}"#,
            r#""map[spec:map[template:map[spec:map[containers:x]]]]": cannot restore slice from string"#,
        ),
        (
            r#"{"spec":{"template":"x"}}"#,
            r#""map[spec:map[template:x]]": cannot restore struct from: string"#,
        ),
    ] {
        let o = s.run(&format!("kubectl patch sts web -p '{patch}'"), None);
        assert_eq!(
            (o.stderr.as_str(), o.exit_code),
            (
                format!("The request is invalid: patch: Invalid value: {want}\n").as_str(),
                1
            ),
            "{patch}"
        );
    }
    // A merge patch: the patched object's JSON, and encoding/json's words, as apply reports them.
    let o = s.run(
        r#"kubectl patch sts web --type=merge -p '{"spec":{"replicas":0.5}}'"#,
        None,
    );
    assert!(
        o.stderr.starts_with(
            r#"The request is invalid: patch: Invalid value: "{\"apiVersion\":\"apps/v1\","#
        ),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.ends_with(r#"": json: cannot unmarshal number 0.5 into Go struct field StatefulSetSpec.spec.replicas of type int32
"#),
        "{}",
        o.stderr
    );
    // Nothing changed.
    assert_eq!(
        run(&mut s, "kubectl get sts web -o jsonpath='{.spec.replicas}'"),
        ("2".into(), 0)
    );
}

#[test]
fn an_image_that_is_no_reference_waits_as_invalid_image_name() {
    let mut s = session();
    run(
        &mut s,
        "kubectl run x --image='<img src=x onerror=alert(1)>'",
    );
    run(&mut s, "sleep 10");
    let (pods, _) = run(&mut s, "kubectl get pods");
    assert_eq!(
        pods,
        "NAME   READY   STATUS             RESTARTS   AGE\nx      0/1     InvalidImageName   0          10s\n"
    );
    let (events, _) = run(
        &mut s,
        "kubectl get events -o custom-columns=REASON:.reason,MESSAGE:.message",
    );
    let msg = "Failed to apply default image tag \"<img src=x onerror=alert(1)>\": couldn't parse image name \"<img src=x onerror=alert(1)>\": invalid reference format";
    assert!(
        events.contains(&format!("InspectFailed   {msg}\n")),
        "{events}"
    );
    assert!(
        events.contains("Failed          Error: InvalidImageName\n"),
        "{events}"
    );
    assert!(!events.contains("Pulling"), "{events}");
}

#[test]
fn one_command_line_lets_at_most_an_hour_of_simulated_time_pass() {
    let mut s = session();
    let start = s.sim().now();
    let words = vec!["x"; 1000].join(" ");
    let out = s.run(&format!("for i in {words}; do sleep 1h; done"), None);
    assert_eq!(
        s.sim().now() - start,
        3_600_000,
        "time stops at the allowance"
    );
    assert!(
        out.stderr
            .starts_with("sleep: one command line may let at most 1h0m0s of simulated time pass\n"),
        "{out:?}"
    );
    assert_eq!(out.exit_code, 1);
    // The allowance is per line: the next line has its own hour.
    let (text, code) = run(&mut s, "sleep 30m");
    assert_eq!((text.as_str(), code), ("", 0));
    assert_eq!(s.sim().now() - start, 5_400_000);
    // A wait that meets the allowance ends as its own timeout would, without spinning.
    run(&mut s, "kubectl apply -f web.yaml");
    let (text, code) = run(
        &mut s,
        "sleep 59m; kubectl wait --for=jsonpath='{.spec.replicas}'=9 sts/web --timeout=2h; sleep 1s",
    );
    assert_eq!(
        text,
        "error: timed out waiting for the condition on statefulsets/web\n\
         sleep: one command line may let at most 1h0m0s of simulated time pass\n"
    );
    assert_eq!(code, 1);
    assert_eq!(s.sim().now() - start, 5_400_000 + 3_600_000);
}

#[test]
fn printing_one_object_named_thousands_of_times_is_refused_not_built() {
    let mut s = session();
    run(&mut s, "kubectl apply -f web.yaml");
    run(&mut s, "sleep 20s");
    let line = format!("kubectl get pods -o json{}", " web-0".repeat(10_000));
    let o = s.run(&line, None);
    assert_eq!(o.exit_code, 1);
    assert_eq!(o.stdout, "");
    assert!(
        o.stderr
            .starts_with("error: the 10000 objects to print come to ")
            && o.stderr
                .ends_with(" bytes of JSON, more than the 4194304 one command may print\n"),
        "{}",
        o.stderr
    );
    // A few names print as ever.
    let (out, code) = run(&mut s, "kubectl get pods web-0 web-0 -o name");
    assert_eq!((out.as_str(), code), ("pod/web-0\npod/web-0\n", 0));
}

/// The lines a terminal had shown by instant `t`.
fn shown_by(o: &ordinal_kubectl::CommandOutput, t: u64) -> &str {
    &o.combined[..o.written_by(t)]
}

#[test]
fn output_is_marked_with_when_it_was_written() {
    let mut s = session();
    let o = s.run("echo a; sleep 5; echo b; sleep 2", None);
    assert_eq!((o.started_ms, o.finished_ms), (0, 7_000));
    assert_eq!(shown_by(&o, 0), "a\n");
    assert_eq!(shown_by(&o, 4_999), "a\n");
    assert_eq!(shown_by(&o, 5_000), "a\nb\n");
    assert_eq!(o.marks.last(), Some(&(7_000, 4)));
    // A watch writes each row at the instant of its change.
    run(&mut s, "kubectl apply -f web.yaml");
    let w = s.run("kubectl get pods -w", None);
    let start = w.started_ms;
    let rows = |t| shown_by(&w, t).lines().count();
    assert_eq!(
        rows(start),
        0,
        "no pod yet when the watch starts:\n{}",
        w.combined
    );
    assert!(rows(start + 3_000) > 2, "{}", w.combined);
    assert!(rows(start + 3_000) < w.combined.lines().count());
    // `wait` prints each object's line when that object meets the condition.
    // (Scaled to 0, OrderedReady removes web-1, then web-0 once web-1 is gone.)
    let mut s = session();
    run(&mut s, "kubectl apply -f web.yaml; sleep 40");
    run(&mut s, "kubectl scale sts web --replicas=0");
    let w = s.run(
        "kubectl wait --for=delete pod/web-1 pod/web-0 --timeout=2m",
        None,
    );
    assert_eq!(w.exit_code, 0, "{}", w.combined);
    let lines = |t| shown_by(&w, t).lines().count();
    assert_eq!(lines(w.started_ms), 0, "{}", w.combined);
    assert_eq!(lines(w.finished_ms), 2, "{}", w.combined);
    let first = (w.started_ms..w.finished_ms)
        .step_by(100)
        .find(|t| lines(*t) == 1)
        .expect("web-1's line before web-0's");
    assert!(shown_by(&w, first).starts_with("pod/web-1 condition met"));
    // Through a pipe, a filter's output comes when the filter runs (after the watch).
    let p = s.run(
        "kubectl get pods -w --request-timeout=5s | grep web-0",
        None,
    );
    assert_eq!(shown_by(&p, p.finished_ms - 1), "");
}

#[test]
fn scripted_lines_run_at_their_instants_inside_a_wait() {
    let mut s = session();
    let (o, ran) = s.run_with_script(
        "sleep 10",
        None,
        vec![
            (4_000, "kubectl apply -f web.yaml".into()),
            (30_000, "kubectl get sts".into()),
        ],
    );
    assert_eq!(o.finished_ms, 10_000);
    assert_eq!(ran.len(), 1, "only the line the sleep reached");
    assert_eq!(
        (ran[0].0, ran[0].1.as_str()),
        (4_000, "kubectl apply -f web.yaml")
    );
    assert_eq!(
        ran[0].2.combined,
        "service/nginx created\nstatefulset.apps/web created\n"
    );
    let (row, _) = run(&mut s, "kubectl get sts web --no-headers");
    assert!(
        row.ends_with(" 6s\n"),
        "created at 4 s, seen at 10 s: {row}"
    );
    // Nothing queued is kept for the next line.
    let (_, ran) = s.run_with_script("sleep 30", None, Vec::new());
    assert!(ran.is_empty());
}
