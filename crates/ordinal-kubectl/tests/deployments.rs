//! kubectl's commands for Deployments, ReplicaSets and ReplicationControllers, through
//! `Session::run`: each error text a learner can provoke, and what the commands change.

use ordinal_kubectl::{Session, SessionConfig};

fn run(s: &mut Session, line: &str) -> (String, i32) {
    let o = s.run(line, None);
    (o.combined, o.exit_code)
}

fn with_web() -> Session {
    let mut s = Session::new(SessionConfig::default());
    let (out, code) = run(
        &mut s,
        "kubectl create deployment web --image=nginx:1.14.2 --replicas=3 --port=80",
    );
    assert_eq!((out.as_str(), code), ("deployment.apps/web created\n", 0));
    s
}

fn jsonpath(s: &mut Session, what: &str, path: &str) -> String {
    run(s, &format!("kubectl get {what} -o jsonpath='{path}'")).0
}

#[test]
fn create_deployment_builds_upstreams_object() {
    let mut s = with_web();
    assert_eq!(
        jsonpath(&mut s, "deploy web", "{.spec.selector.matchLabels.app}"),
        "web"
    );
    assert_eq!(jsonpath(&mut s, "deploy web", "{.spec.replicas}"), "3");
    assert_eq!(
        jsonpath(
            &mut s,
            "deploy web",
            "{.spec.template.spec.containers[0].name}"
        ),
        "nginx"
    );
    assert_eq!(
        jsonpath(
            &mut s,
            "deploy web",
            "{.spec.template.spec.containers[0].ports[0].containerPort}"
        ),
        "80"
    );
    let (out, code) = run(&mut s, "kubectl create deploy web --image=nginx");
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "Error from server (AlreadyExists): deployments.apps \"web\" already exists\n"
    );
}

#[test]
fn create_deployment_error_texts() {
    let mut s = Session::new(SessionConfig::default());
    for (line, want) in [
        (
            "kubectl create deployment web",
            "run.go:72] \"command failed\" err=\"required flag(s) \\\"image\\\" not set\"\n",
        ),
        (
            "kubectl create deployment --image=nginx",
            "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
        ),
        (
            "kubectl create deployment web --image=nginx --replicas=x",
            "Error: invalid argument \"x\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl create deployment --help' for usage.\n",
        ),
        (
            "kubectl create deployment web --image=a --image=b -- date",
            "error: cannot specify multiple --image options and command\n",
        ),
    ] {
        let (out, code) = run(&mut s, line);
        assert_eq!(code, 1, "{line}");
        assert!(out.ends_with(want), "{line}: {out}");
    }
    // Nothing was created by the failed lines.
    assert_eq!(
        run(&mut s, "kubectl get deploy").0,
        "No resources found in default namespace.\n"
    );
}

#[test]
fn set_image_changes_the_template_and_reports_upstreams_errors() {
    let mut s = with_web();
    run(&mut s, "kubectl create configmap cfg");
    assert_eq!(
        run(
            &mut s,
            "kubectl set image deployment/web nginx=nginx:1.16.1"
        ),
        ("deployment.apps/web image updated\n".into(), 0)
    );
    assert_eq!(
        jsonpath(
            &mut s,
            "deploy web",
            "{.spec.template.spec.containers[0].image}"
        ),
        "nginx:1.16.1"
    );
    // The same image again is an empty patch: nothing is printed.
    assert_eq!(
        run(
            &mut s,
            "kubectl set image deployment/web nginx=nginx:1.16.1"
        ),
        (String::new(), 0)
    );
    for (line, want) in [
        (
            "kubectl set image deployment/web x=nginx:1.16.1",
            "error: unable to find container named \"x\"\n",
        ),
        (
            "kubectl set image deployment/web",
            "error: at least one image update is required\n",
        ),
        (
            "kubectl set image deployment/web a=b c",
            "error: all resources must be specified before image changes: c\n",
        ),
        (
            "kubectl set image deployment/nope nginx=x",
            "Error from server (NotFound): deployments.apps \"nope\" not found\n",
        ),
        (
            "kubectl set image deployment/web '*=a' b=c",
            "error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n",
        ),
        (
            "kubectl set image cm/cfg a=b",
            "error: configmaps/cfg the object is not a pod or does not have a pod template: *v1.ConfigMap\n",
        ),
        ("kubectl set frob", "error: unknown command \"frob\"\nSee 'kubectl set -h' for help and examples\n"),
    ] {
        assert_eq!(run(&mut s, line), (want.to_string(), 1), "{line}");
    }
}

#[test]
fn scale_goes_through_each_kind_with_a_scale_subresource() {
    let mut s = with_web();
    assert_eq!(
        run(&mut s, "kubectl scale deploy web --replicas=5"),
        ("deployment.apps/web scaled\n".into(), 0)
    );
    assert_eq!(jsonpath(&mut s, "deploy web", "{.spec.replicas}"), "5");
    assert_eq!(
        run(
            &mut s,
            "kubectl scale deployment/web --current-replicas=3 --replicas=1"
        ),
        ("error: Expected replicas to be 3, was 5\n".into(), 1)
    );
    assert_eq!(jsonpath(&mut s, "deploy web", "{.spec.replicas}"), "5");
}

#[test]
fn pause_resume_restart_and_undo_error_texts() {
    let mut s = with_web();
    let lines = [
        ("kubectl rollout pause deployment/web", "deployment.apps/web paused\n", 0),
        ("kubectl rollout pause deployment/web", "error: deployments.apps \"web\" is already paused\n", 1),
        ("kubectl rollout restart deployment/web", "error: can't restart paused deployment (run rollout resume first)\n", 1),
        ("kubectl rollout resume deployment/web", "deployment.apps/web resumed\n", 0),
        ("kubectl rollout resume deployment/web", "error: deployments.apps \"web\" is not paused\n", 1),
        ("kubectl rollout undo deployment/web --to-revision=5", "error: unable to find specified revision 5 in history\n", 1),
        ("kubectl rollout undo deployment/web --to-revision=-1", "error: unable to find specified revision -1 in history\n", 1),
        ("kubectl rollout undo deployment/web", "error: no rollout history found for deployment \"web\"\n", 1),
        ("kubectl rollout undo deployment/web --to-revision=x", "Error: invalid argument \"x\" for \"--to-revision\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl rollout undo --help' for usage.\n", 1),
        ("kubectl rollout history deployment/web --revision=-2", "error: revision must be a positive integer: -2\n", 1),
        ("kubectl rollout history deployment/web", "deployment.apps/web \nNo rollout history found.\n", 0),
        ("kubectl rollout status deployment/web --watch=false --revision=2", "error: desired revision (2) is different from the running revision (0)\n", 1),
        ("kubectl rollout restart deployment/web", "deployment.apps/web restarted\n", 0),
    ];
    for (line, want, code) in lines {
        assert_eq!(run(&mut s, line), (want.to_string(), code), "{line}");
    }
    assert_eq!(
        jsonpath(
            &mut s,
            "deploy web",
            "{.spec.template.metadata.annotations}"
        ),
        "{\"kubectl.kubernetes.io/restartedAt\":\"2026-01-01T00:00:00Z\"}"
    );
    assert_eq!(jsonpath(&mut s, "deploy web", "{.spec.paused}"), "");
}

#[test]
fn expose_takes_selector_ports_and_labels_from_the_deployment() {
    let mut s = with_web();
    assert_eq!(
        run(&mut s, "kubectl expose deployment web"),
        ("service/web exposed\n".into(), 0)
    );
    assert_eq!(jsonpath(&mut s, "svc web", "{.spec.selector.app}"), "web");
    assert_eq!(jsonpath(&mut s, "svc web", "{.spec.ports[0].port}"), "80");
    assert_eq!(
        jsonpath(&mut s, "svc web", "{.spec.ports[0].targetPort}"),
        "80"
    );
    assert_eq!(jsonpath(&mut s, "svc web", "{.metadata.labels.app}"), "web");
    run(&mut s, "kubectl create deployment noport --image=nginx");
    for (line, want) in [
        (
            "kubectl expose deployment noport",
            "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n",
        ),
        (
            "kubectl expose deployment web",
            "Error from server (AlreadyExists): services \"web\" already exists\n",
        ),
        (
            "kubectl expose",
            "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
        ),
    ] {
        assert_eq!(run(&mut s, line), (want.to_string(), 1), "{line}");
    }
    assert_eq!(
        run(
            &mut s,
            "kubectl expose deployment noport --port=8080 --name=other --type=NodePort"
        ),
        ("service/other exposed\n".into(), 0)
    );
    assert_eq!(jsonpath(&mut s, "svc other", "{.spec.type}"), "NodePort");
}

#[test]
fn help_texts_of_the_new_commands() {
    let mut s = Session::new(SessionConfig::default());
    for (line, has) in [
        (
            "kubectl set image --help",
            "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1",
        ),
        (
            "kubectl create deployment --help",
            "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]",
        ),
        ("kubectl create deploy --help", "-r, --replicas=1"),
        (
            "kubectl expose --help",
            "kubectl expose (-f FILENAME | TYPE NAME)",
        ),
        (
            "kubectl rollout pause --help",
            "kubectl rollout pause RESOURCE [options]",
        ),
        (
            "kubectl rollout resume --help",
            "kubectl rollout resume RESOURCE [options]",
        ),
        (
            "kubectl set",
            "image            Update the image of a pod template",
        ),
    ] {
        let (out, code) = run(&mut s, line);
        assert_eq!(code, 0, "{line}");
        assert!(out.contains(has), "{line}: {out}");
    }
}

/// Every word Tab offers after a command is one this kubectl accepts in that place.
#[test]
fn completion_words_are_accepted() {
    let mut s = with_web();
    for w in ordinal_kubectl::cmd::completion_words() {
        let line = match w {
            "image" => "kubectl set image deploy/web nginx=nginx:1.15".to_string(),
            "deployment" => "kubectl create deployment other --image=nginx".to_string(),
            "undo" => "kubectl rollout undo deploy/web --dry-run=server".to_string(),
            "pause" | "resume" => format!("kubectl rollout {w} deploy/web"),
            flag if flag.starts_with("--") => {
                let cmd = match flag {
                    "--image=" => "create deployment x2 --image=nginx",
                    "--port=" => "create deployment x3 --image=nginx --port=80",
                    "--to-revision=" => "rollout undo deploy/web --to-revision=0 --dry-run=server",
                    "--revision=" => "rollout history deploy/web --revision=0",
                    "--target-port=" => "expose deploy/web --name=t1 --target-port=80",
                    "--type=" => "expose deploy/web --name=t2 --type=NodePort",
                    _ => "get pods --show-labels",
                };
                format!("kubectl {cmd}")
            }
            sub => format!("kubectl rollout {sub} deploy/web --watch=false"),
        };
        let out = s.run(&line, None);
        assert!(
            !out.stderr.contains("unknown") && !out.stderr.contains("Unexpected"),
            "{line}: {}",
            out.stderr
        );
    }
}

#[test]
fn set_resources_changes_limits_and_reports_upstreams_errors() {
    let mut s = with_web();
    assert_eq!(
        run(
            &mut s,
            "kubectl set resources deployment/web -c=nginx --limits=cpu=200m,memory=512Mi"
        ),
        (
            "deployment.apps/web resource requirements updated\n".into(),
            0
        )
    );
    assert_eq!(
        jsonpath(
            &mut s,
            "deploy web",
            "{.spec.template.spec.containers[0].resources.limits.memory}"
        ),
        "512Mi"
    );
    for (line, want) in [
        (
            "kubectl set resources deployment/web",
            "error: you must specify an update to requests or limits (in the form of --requests/--limits)\n",
        ),
        (
            "kubectl set resources deployment/web -c=x --limits=cpu=1",
            "error: unable to find container named x\n",
        ),
        (
            "kubectl set resources deployment/web --requests=cpu",
            "error: invalid argument syntax cpu, expected <resource>=<value>\n",
        ),
    ] {
        assert_eq!(run(&mut s, line), (want.to_string(), 1), "{line}");
    }
}

/// A ReplicaSet has no rollout: each subcommand says so in its own words.
#[test]
fn rollout_of_a_replica_set_is_not_implemented() {
    let mut s = with_web();
    run(&mut s, "sleep 10s");
    let rs = run(
        &mut s,
        "kubectl get rs -o jsonpath='{.items[0].metadata.name}'",
    )
    .0;
    assert!(rs.starts_with("web-"), "{rs}");
    for (sub, want) in [
        (
            "status",
            "error: no status viewer has been implemented for ReplicaSet.apps\n".to_string(),
        ),
        (
            "history",
            "error: no history viewer has been implemented for \"ReplicaSet.apps\"\n".to_string(),
        ),
        (
            "undo",
            "error: no rollbacker has been implemented for \"ReplicaSet.apps\"\n".to_string(),
        ),
        (
            "pause",
            format!("error: replicasets.apps \"{rs}\" pausing is not supported\n"),
        ),
        (
            "restart",
            format!("error: replicasets.apps \"{rs}\" restarting is not supported\n"),
        ),
    ] {
        assert_eq!(
            run(&mut s, &format!("kubectl rollout {sub} rs/{rs}")),
            (want, 1),
            "{sub}"
        );
    }
    assert_eq!(
        run(&mut s, "kubectl rollout history rs/nope"),
        (
            "Error from server (NotFound): replicasets.apps \"nope\" not found\n".into(),
            1
        )
    );
}
