//! Every challenge's reference solution solves it, and the obvious wrong approaches do not.

use ordinal_challenges::{run_script, solution_script, Challenge, Status, ALL};

fn run(id: &str, script: &str) -> (Status, String) {
    let ch = Challenge::by_id(id).unwrap_or_else(|| panic!("no challenge {id}"));
    let r = run_script(ch, None, script);
    (r.attempt.status().clone(), r.transcript)
}

#[test]
fn every_reference_solution_solves_its_challenge_at_par() {
    assert!(ALL.len() >= 12, "{} challenges", ALL.len());
    let mut failures = Vec::new();
    for ch in ALL {
        let r = run_script(ch, None, &solution_script(ch));
        if !r.attempt.status().is_solved() {
            failures.push(format!(
                "{}: {}\n{}",
                ch.id,
                r.attempt.status().sentence(),
                r.transcript
            ));
        } else if r.attempt.commands_counted() != ch.reference_commands {
            failures.push(format!(
                "{}: {} commands changed the cluster, the table says {}",
                ch.id,
                r.attempt.commands_counted(),
                ch.reference_commands
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// (challenge, a wrong approach, what the status must say).
const WRONG: &[(&str, &str, &str)] = &[
    (
        "dns-names",
        "kubectl apply -f web.yaml\nkubectl rollout status statefulset/web\nkubectl get pods -o wide\n",
        "Not yet: nobody has resolved web-0.nginx",
    ),
    (
        "dns-names",
        "kubectl apply -f web.yaml\nkubectl rollout status statefulset/web\nkubectl exec web-0 -- nslookup web-0.nginx\n",
        "Not yet: nobody has resolved web-0.nginx",
    ),
    (
        "scale-keep-claims",
        "kubectl delete pvc www-web-2 --wait=false\nkubectl scale statefulset web --replicas=1\nsleep 30\n",
        "Failed \u{201c}without deleting any PersistentVolumeClaim\u{201d}: claim www-web-2 is being deleted.",
    ),
    (
        "scale-keep-claims",
        "kubectl delete pod web-1 web-2\nsleep 30\n",
        "Not yet: web still wants 3 replicas.",
    ),
    (
        "scale-keep-claims",
        "kubectl scale statefulset web --replicas=2\nkubectl get pods\nkubectl scale statefulset web --replicas=2\nkubectl scale statefulset web --replicas=1\nsleep 30\n",
        "Failed \u{201c}in at most 2 commands that change the cluster\u{201d}",
    ),
    (
        "canary-partition",
        "kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.24\nsleep 60\n",
        "Failed \u{201c}web-0 and web-1 are never restarted or replaced\u{201d}: web-1 is being deleted.",
    ),
    (
        "canary-partition",
        "kubectl patch statefulset web -p '{\"spec\":{\"updateStrategy\":{\"type\":\"OnDelete\",\"rollingUpdate\":null}}}'\nkubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.24\nkubectl delete pod web-2\nsleep 30\n",
        "Not yet: the set's partition is 0",
    ),
    (
        "forced-rollback",
        "kubectl rollout undo statefulset/web\nsleep 2m\n",
        "Not yet: web-2 still runs registry.k8s.io/nginx-slim:does-not-exist.",
    ),
    (
        "forced-rollback",
        "kubectl delete statefulset web\nkubectl apply -f web.yaml\nsleep 60\n",
        "Failed \u{201c}without deleting the StatefulSet\u{201d}",
    ),
    (
        "node-died",
        "sleep 5m\nkubectl delete pod web-1 --grace-period=0 --force\nsleep 10m\n",
        "Failed \u{201c}never two copies of web-1 running at once\u{201d}",
    ),
    (
        "node-died",
        "kubectl delete node $(kubectl get pod web-1 -o jsonpath='{.spec.nodeName}')\nsleep 10m\n",
        "Failed \u{201c}never two copies of web-1 running at once\u{201d}",
    ),
    (
        "node-died",
        "sleep 10m\n",
        "Not yet: web-1 is still on",
    ),
    (
        "adopt-orphans",
        "kubectl delete pod web-0 web-1 web-2\nkubectl apply -f web.yaml\nsleep 60\n",
        "Failed \u{201c}no pod is deleted or replaced\u{201d}: web-0",
    ),
    (
        "adopt-orphans",
        "kubectl apply -f web.yaml\nkubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.24\nsleep 60\n",
        "Failed \u{201c}no pod is deleted or replaced\u{201d}: web-2",
    ),
    (
        "resize-claims",
        "kubectl apply -f web-2gi.yaml\nsleep 10\n",
        "Not yet: web's claim template asks for 1Gi, not 2Gi.",
    ),
    (
        "resize-claims",
        "kubectl delete statefulset web\nkubectl apply -f web-2gi.yaml\nsleep 60\n",
        "Failed \u{201c}no pod is deleted or replaced\u{201d}",
    ),
    (
        "unblock-never-ready",
        "kubectl delete pod web-0\nsleep 2m\n",
        "Not yet: 0 of 3 pods of web are Ready.",
    ),
    (
        "unblock-never-ready",
        "kubectl patch statefulset web --type=json -p='[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/readinessProbe\",\"value\":{\"tcpSocket\":{\"port\":80},\"periodSeconds\":2}}]'\nsleep 2m\n",
        "Not yet: 0 of 3 pods of web are Ready.",
    ),
    (
        "move-web-0",
        "kubectl delete pvc www-web-0 --wait=false\nkubectl delete pod web-0\nsleep 60\n",
        "Failed \u{201c}without deleting any PersistentVolumeClaim\u{201d}: claim www-web-0",
    ),
    (
        "dns-before-ready",
        "kubectl delete pod web-0\nsleep 30\n",
        "Failed \u{201c}web-0 is never replaced\u{201d}",
    ),
    (
        "dns-before-ready",
        "kubectl patch statefulset web --type=json -p='[{\"op\":\"remove\",\"path\":\"/spec/template/spec/containers/0/readinessProbe\"}]'\nsleep 30\n",
        "Failed \u{201c}the set's readiness probe stays as it is\u{201d}",
    ),
    (
        "clean-up-keep-service",
        "kubectl delete -f web.yaml\nkubectl delete pvc www-web-0 www-web-1 www-web-2\nsleep 30\n",
        "Failed \u{201c}the Service nginx is never deleted\u{201d}",
    ),
    (
        "clean-up-keep-service",
        "kubectl delete statefulset web\nsleep 30\n",
        "Not yet: claim www-web-0 still exists.",
    ),
    (
        "move-web-0",
        "kubectl delete pod web-0\nsleep 60\n",
        "Not yet: web-0 still runs on",
    ),
    (
        "deployment-to-statefulset",
        "kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: mysql\n        image: mysql:8.0\n        volumeMounts:\n        - name: data\n          mountPath: /var/lib/mysql\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ \"ReadWriteOnce\" ]\n      resources:\n        requests:\n          storage: 1Gi\nEOF\nsleep 60\nkubectl delete deployment db\nsleep 60\n",
        "Failed \u{201c}never two database pods running at once\u{201d}: 2 database pods ran at once.",
    ),
    (
        "deployment-to-statefulset",
        "kubectl scale deployment db --replicas=0\nsleep 30\n",
        "Not yet: the Deployment db still exists.",
    ),
];

#[test]
fn wrong_approaches_do_not_solve_and_say_why() {
    let mut failures = Vec::new();
    for (id, script, want) in WRONG {
        let (status, transcript) = run(id, script);
        let said = status.sentence();
        if status.is_solved() || !said.starts_with(want) {
            failures.push(format!("{id}: want {want:?}, got {said:?}\n{transcript}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_challenge_has_a_wrong_approach_and_full_texts() {
    for ch in ALL {
        assert!(
            WRONG.iter().any(|(id, ..)| *id == ch.id),
            "{}: no wrong approach",
            ch.id
        );
        assert!((2..=3).contains(&ch.hints.len()), "{}: hints", ch.id);
        assert!(!ch.goal.is_empty() && !ch.teaches.is_empty() && !ch.title.is_empty());
        assert!(
            ch.goal.matches(". ").count() <= 2,
            "{}: goal in 1–2 sentences",
            ch.id
        );
    }
    let mut ids: Vec<_> = ALL.iter().map(|c| c.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), ALL.len(), "ids are unique");
}

/// Two copies of web-1 for a while, inside one command line that also ends them: only the
/// re-walk of the line's simulated time sees it, not a look at the end.
#[test]
fn a_constraint_broken_and_mended_inside_one_command_is_still_seen() {
    let ch = Challenge::by_id("node-died").unwrap();
    let session = ch.start_session(None);
    let dead = ordinal_challenges::checks::pod(session.sim().cluster(), "web-1")
        .unwrap()
        .spec
        .node_name
        .clone();
    let line = format!(
        "sleep 5m && kubectl delete pod web-1 --grace-period=0 --force && sleep 10m && sim node heal {dead} && sleep 1m\n"
    );
    let r = run_script(ch, None, &line);
    let end = r.session.sim().cluster();
    assert_eq!(
        ordinal_challenges::checks::running_copies(end, "web-1"),
        1,
        "at the end only one copy runs"
    );
    assert_eq!(
        r.attempt.status().sentence(),
        "Failed \u{201c}never two copies of web-1 running at once\u{201d}: two copies of web-1 ran at once: the old one on the unreachable node was never stopped.",
        "{}",
        r.transcript
    );
}

/// The reference solutions do not lean on one seed's placement (`ordinal challenge --seed N`).
#[test]
fn reference_solutions_solve_under_other_seeds_too() {
    let mut failures = Vec::new();
    for seed in [7, 2024] {
        for ch in ALL {
            let r = run_script(ch, Some(seed), &solution_script(ch));
            if !r.attempt.status().is_solved() {
                failures.push(format!(
                    "{} --seed {seed}: {}",
                    ch.id,
                    r.attempt.status().sentence()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
