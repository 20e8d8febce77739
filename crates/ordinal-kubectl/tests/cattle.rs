//! Cattle seen from the terminal: bare pods that share one claim write to the same file
//! (`kubectl exec`), and their names are not DNS names unless `hostname`/`subdomain` say so.

use ordinal_kubectl::{Session, SessionConfig};

fn run(s: &mut Session, line: &str) -> (String, i32) {
    let o = s.run(line, None);
    (o.combined, o.exit_code)
}

/// A bare busybox pod labelled app=web mounting claim `data` at /data; `extra` is added to its
/// spec (e.g. hostname and subdomain).
fn cattle(name: &str, image: &str, extra: &str) -> String {
    format!(
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels:\n    app: web\nspec:\n{extra}  containers:\n  - name: app\n    image: {image}\n    command: [sleep, \"3600\"]\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data\n"
    )
}

/// A claim `data`, a ClusterIP Service `web` and a headless Service `web-headless` over
/// app=web, and three pods on the claim; web-w9h2k sets hostname/subdomain.
fn cluster() -> Session {
    let mut s = Session::new(SessionConfig::default());
    let mut manifest = String::from(
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web-headless\nspec:\n  clusterIP: None\n  selector:\n    app: web\n  ports:\n  - port: 80\n",
    );
    manifest.push_str(&cattle("web-5x7bq", "busybox:1.28", ""));
    manifest.push_str(&cattle("web-kd2mf", "busybox:1.36", ""));
    manifest.push_str(&cattle(
        "web-w9h2k",
        "busybox:1.28",
        "  hostname: db\n  subdomain: web-headless\n",
    ));
    let (out, code) = run(
        &mut s,
        &format!("kubectl apply -f - <<EOF\n{manifest}EOF\n"),
    );
    assert_eq!(code, 0, "{out}");
    run(&mut s, "sleep 30s");
    let (out, _) = run(&mut s, "kubectl get pods -o wide");
    assert_eq!(out.matches("Running").count(), 3, "{out}");
    s
}

fn pod_ip(s: &mut Session, name: &str) -> String {
    run(
        s,
        &format!("kubectl get pod {name} -o jsonpath='{{.status.podIP}}'"),
    )
    .0
}

#[test]
fn every_replica_appends_to_the_same_file() {
    let mut s = cluster();
    for name in ["web-5x7bq", "web-kd2mf", "web-w9h2k"] {
        let line = format!("kubectl exec {name} -- sh -c 'echo hi from {name} >> /data/log'");
        assert_eq!(run(&mut s, &line), (String::new(), 0));
    }
    let want = "hi from web-5x7bq\nhi from web-kd2mf\nhi from web-w9h2k\n";
    for name in ["web-5x7bq", "web-kd2mf", "web-w9h2k"] {
        assert_eq!(
            run(&mut s, &format!("kubectl exec {name} -- cat /data/log")),
            (want.to_string(), 0)
        );
    }
}

#[test]
fn cattle_names_do_not_resolve_unless_hostname_and_subdomain_are_set() {
    let mut s = cluster();
    let server =
        "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n";
    // busybox 1.28's applet goes through the search list: a pod name under the Service is
    // no DNS name.
    assert_eq!(
        run(&mut s, "kubectl exec web-5x7bq -- nslookup web-kd2mf.web-headless"),
        (
            format!("{server}nslookup: can't resolve 'web-kd2mf.web-headless'\ncommand terminated with exit code 1\n"),
            1
        )
    );
    // The pod that set hostname db and subdomain web-headless has db.web-headless.
    let db = pod_ip(&mut s, "web-w9h2k");
    assert_eq!(
        run(&mut s, "kubectl exec web-5x7bq -- nslookup db.web-headless"),
        (
            format!("{server}Name:      db.web-headless\nAddress 1: {db} db.web-headless.default.svc.cluster.local\n\n"),
            0
        )
    );
    // The ClusterIP Service answers with its one virtual IP.
    let vip = run(
        &mut s,
        "kubectl get svc web -o jsonpath='{.spec.clusterIP}'",
    )
    .0;
    assert_eq!(
        run(&mut s, "kubectl exec web-5x7bq -- nslookup web"),
        (
            format!("{server}Name:      web\nAddress 1: {vip} web.default.svc.cluster.local\n\n"),
            0
        )
    );
    // The headless Service answers with every ready pod's IP.
    let (out, code) = run(&mut s, "kubectl exec web-5x7bq -- nslookup web-headless");
    assert_eq!(code, 0);
    for name in ["web-5x7bq", "web-kd2mf", "web-w9h2k"] {
        let ip = pod_ip(&mut s, name);
        assert!(out.contains(&format!(" {ip}")), "{name} {ip} in {out}");
    }
    assert_eq!(out.matches("Address ").count(), 4, "{out}");
    // busybox 1.36 queries a dotted name as given, so it must be written out in full.
    let fq = "web-5x7bq.web-headless.default.svc.cluster.local";
    assert_eq!(
        run(&mut s, &format!("kubectl exec web-kd2mf -- nslookup {fq}")),
        (
            format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find {fq}: NXDOMAIN\n\n** server can't find {fq}: NXDOMAIN\n\ncommand terminated with exit code 1\n"),
            1
        )
    );
}
