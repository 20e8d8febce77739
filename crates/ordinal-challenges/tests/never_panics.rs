//! Property: no check panics, on any cluster state. Random command sequences (faults, deletions,
//! odd patches, waits) are run against random challenges and seeds; then every challenge's
//! goal check and constraints are run on every resulting cluster, whatever it started as.

use ordinal_challenges::checks::Baseline;
use ordinal_challenges::{run_script, Ctx, ALL};
use ordinal_sim::rng::Rng;

const MOVES: &[&str] = &[
    "kubectl scale statefulset web --replicas=0",
    "kubectl scale statefulset web --replicas=5",
    "kubectl scale statefulset web --replicas=1",
    "kubectl delete pod web-0",
    "kubectl delete pod web-1 --grace-period=0 --force",
    "kubectl delete pod web-2 --wait=false",
    "kubectl delete pvc --all --wait=false",
    "kubectl delete statefulset web",
    "kubectl delete statefulset web --cascade=orphan",
    "kubectl delete service nginx",
    "kubectl delete -f web.yaml",
    "kubectl delete deployment db",
    "kubectl apply -f web.yaml",
    "kubectl apply -f web-2gi.yaml",
    "kubectl apply -f db.yaml",
    "kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.24",
    "kubectl set image statefulset/web nginx=nope:0",
    "kubectl rollout undo statefulset/web",
    r#"kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":9}}}}'"#,
    r#"kubectl patch statefulset web --type=json -p='[{"op":"remove","path":"/spec/template/spec/containers"}]'"#,
    r#"kubectl patch statefulset web --type=json -p='[{"op":"remove","path":"/spec/volumeClaimTemplates/0"}]'"#,
    r#"kubectl patch service nginx -p '{"spec":{"publishNotReadyAddresses":true}}'"#,
    "kubectl cordon node-1",
    "kubectl drain node-2 --ignore-daemonsets",
    "kubectl delete node node-3",
    "sim node cut node-1",
    "sim node stop node-2",
    "sim node remove node-3",
    "sim node heal node-1",
    "sim node add",
    "sim crash web-0",
    "sim probe web-1 readiness fail",
    "kubectl run -i --tty --image busybox:1.28 t --restart=Never --rm",
    "nslookup web-0.nginx",
    "exit",
    "kubectl exec web-0 -- sh -c 'rm -rf /usr/share/nginx/html'",
    "sleep 7s",
    "sleep 2m",
    "}{ ][ \u{0}",
    "",
];

#[test]
fn no_check_panics_on_random_cluster_states() {
    let mut rng = Rng::new(13);
    let mut clusters = Vec::new();
    for case in 0..36 {
        let ch = ALL[rng.below(ALL.len() as u64) as usize];
        let n = 3 + rng.below(6);
        let script: Vec<&str> = (0..n)
            .map(|_| MOVES[rng.below(MOVES.len() as u64) as usize])
            .collect();
        let seed = rng.below(1_000);
        // The attempt itself checks after every command and every step of each wait.
        let run = run_script(ch, Some(seed), &script.join("\n"));
        let said = run.attempt.status().sentence();
        assert!(!said.is_empty() && said.len() < 400, "case {case}: {said}");
        let _ = run.attempt.summary(run.session.sim().cluster());
        clusters.push((
            run.session,
            run.attempt.baseline().clone(),
            run.attempt.records().to_vec(),
        ));
    }
    // Every challenge's checks over every state, with its own and with an empty baseline.
    for (session, base, records) in &clusters {
        let empty = Baseline::default();
        for base in [base, &empty] {
            let ctx = Ctx {
                cluster: session.sim().cluster(),
                base,
                commands: records,
            };
            for ch in ALL {
                if let Err(why) = (ch.goal_check)(&ctx) {
                    assert!(why.ends_with('.'), "{}: {why}", ch.id);
                }
                if let Err((i, why)) = (ch.watch)(&ctx) {
                    assert!(i < ch.constraints.len(), "{}: constraint {i}", ch.id);
                    assert!(why.ends_with('.'), "{}: {why}", ch.id);
                }
            }
        }
    }
}
