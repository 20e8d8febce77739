//! The challenges, in the order the picker offers them. Each is data (setup, goal, hints,
//! solution) and two functions: the goal check and the constraints watched at every step.

use crate::challenge::{Challenge, Ctx, Setup};
use crate::checks::{self, *};
use crate::manifests::*;

pub static ALL: &[&Challenge] = &[
    &DNS_NAMES,
    &SCALE_KEEP_CLAIMS,
    &CANARY_PARTITION,
    &FORCED_ROLLBACK,
    &NODE_DIED,
    &ADOPT_ORPHANS,
    &RESIZE_CLAIMS,
    &UNBLOCK_NEVER_READY,
    &MOVE_WEB_0,
    &DNS_BEFORE_READY,
    &CLEAN_UP_KEEP_SERVICE,
    &DEPLOYMENT_TO_STATEFULSET,
];

const OLD: &str = "registry.k8s.io/nginx-slim:0.21";
const NEW: &str = "registry.k8s.io/nginx-slim:0.24";
const WEB: [&str; 3] = ["web-0", "web-1", "web-2"];

type Watch = Result<(), (usize, String)>;

fn no_rules(_: &Ctx) -> Watch {
    Ok(())
}

/// Constraint `i`: no claim of the start deleted or replaced.
fn keep_claims(c: &Ctx, i: usize) -> Watch {
    match lost_claim(c.cluster, c.base) {
        Some(why) => Err((i, format!("{why}."))),
        None => Ok(()),
    }
}

/// Constraint `i`: none of `names` deleted or replaced.
fn keep_pods(c: &Ctx, i: usize, names: &[&str]) -> Watch {
    match replaced_pod(c.cluster, c.base, names) {
        Some(why) => Err((i, format!("{why}."))),
        None => Ok(()),
    }
}

/// Constraint `i`: the StatefulSet `name` of the start is never deleted.
fn keep_set(c: &Ctx, i: usize, name: &str) -> Watch {
    let Some(uid) = c.base.sets.get(name) else {
        return Ok(());
    };
    match set(c.cluster, name) {
        Some(s) if &s.metadata.uid == uid && s.metadata.deletion_timestamp.is_none() => Ok(()),
        _ => Err((i, format!("the StatefulSet {name} was deleted."))),
    }
}

/// `web has 3 of 3 pods Ready`, or why not.
fn all_ready(c: &Ctx, name: &str, want: usize) -> Result<(), String> {
    let n = ready_count(c.cluster, name);
    if n < want {
        return Err(format!("{n} of {want} pods of {name} are Ready."));
    }
    Ok(())
}

fn want_set<'a>(c: &'a Ctx, name: &str) -> Result<&'a ordinal_sim::api::StatefulSet, String> {
    set(c.cluster, name)
        .filter(|s| s.metadata.deletion_timestamp.is_none())
        .ok_or_else(|| format!("there is no StatefulSet {name}."))
}

// ---- 1 -----------------------------------------------------------------------------------

pub static DNS_NAMES: Challenge = Challenge {
    id: "dns-names",
    title: "Find each pod's DNS name",
    goal: "Create the StatefulSet in web.yaml and, once its three pods are Ready, look up web-0.nginx, web-1.nginx and web-2.nginx from inside the cluster.",
    teaches: "A StatefulSet's pods get stable names, and its headless Service gives each one a DNS name, <pod>.<service>, that other pods can resolve.",
    setup: Setup {
        nodes: 3,
        seed: 101,
        files: &[("web.yaml", WEB_3)],
        steps: &[],
        start_s: 0,
    },
    constraints: &[],
    max_commands: None,
    hints: &[
        "Apply the file first, then wait for the three pods in order: kubectl rollout status statefulset/web.",
        "DNS names are only answered inside the cluster, and nginx-slim has no nslookup: start a busybox pod with a shell (kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm).",
        "Inside it, run nslookup web-0.nginx, then web-1.nginx and web-2.nginx.",
    ],
    solution: &[
        "kubectl apply -f web.yaml",
        "kubectl rollout status statefulset/web",
        "kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm",
        "nslookup web-0.nginx",
        "nslookup web-1.nginx",
        "nslookup web-2.nginx",
        "exit",
    ],
    reference_commands: 3,
    goal_check: dns_names,
    watch: no_rules,
};

fn dns_names(c: &Ctx) -> Result<(), String> {
    want_set(c, "web")?;
    all_ready(c, "web", 3)?;
    for name in WEB {
        let ip = pod(c.cluster, name)
            .map(|p| p.status.pod_ip.clone())
            .unwrap_or_default();
        let host = format!("{name}.nginx");
        let looked_up = c.commands.iter().any(|r| {
            r.exit_code == 0 && r.line.contains(&host) && !ip.is_empty() && r.stdout.contains(&ip)
        });
        if !looked_up {
            return Err(format!(
                "nobody has resolved {host} from inside the cluster yet (nslookup in a pod)."
            ));
        }
    }
    Ok(())
}

// ---- 2 -----------------------------------------------------------------------------------

pub static SCALE_KEEP_CLAIMS: Challenge = Challenge {
    id: "scale-keep-claims",
    title: "Scale to one, keep every claim",
    goal: "Scale web down to a single pod, web-0, while the claims www-web-0, www-web-1 and www-web-2 all stay.",
    teaches: "Scaling down removes pods from the highest ordinal first and, by default (whenScaled: Retain), keeps their claims for when the set grows again.",
    setup: Setup {
        nodes: 3,
        seed: 102,
        files: &[("web.yaml", WEB_3)],
        steps: &[(0, "kubectl apply -f web.yaml")],
        start_s: 40,
    },
    constraints: &["without deleting any PersistentVolumeClaim"],
    max_commands: Some(2),
    hints: &[
        "You do not need to delete anything yourself: the controller removes pods when the set wants fewer.",
        "Change the set's replicas: kubectl scale.",
        "kubectl scale statefulset web --replicas=1, then watch web-2 go before web-1.",
    ],
    solution: &["kubectl scale statefulset web --replicas=1", "sleep 30"],
    reference_commands: 1,
    goal_check: scale_keep_claims,
    watch: |c| keep_claims(c, 0),
};

fn scale_keep_claims(c: &Ctx) -> Result<(), String> {
    let s = want_set(c, "web")?;
    let want = s.spec.replicas.unwrap_or(1);
    if want != 1 {
        return Err(format!("web still wants {want} replicas."));
    }
    for name in ["web-2", "web-1"] {
        if pod(c.cluster, name).is_some() {
            return Err(format!("{name} is still there."));
        }
    }
    if !ready(c.cluster, "web-0") {
        return Err("web-0 is not Ready.".into());
    }
    Ok(())
}

// ---- 3 -----------------------------------------------------------------------------------

pub static CANARY_PARTITION: Challenge = Challenge {
    id: "canary-partition",
    title: "A canary on web-2",
    goal: "Roll registry.k8s.io/nginx-slim:0.24 out to web-2 only: web-0 and web-1 keep running 0.21, untouched.",
    teaches: "A RollingUpdate partition updates only the pods whose ordinal is at least the partition; the others stay at the current revision, even if deleted.",
    setup: Setup {
        nodes: 3,
        seed: 103,
        files: &[("web.yaml", WEB_3)],
        steps: &[(0, "kubectl apply -f web.yaml")],
        start_s: 40,
    },
    constraints: &[
        "web-0 and web-1 are never restarted or replaced",
        "with a partition, not by hand",
    ],
    max_commands: None,
    hints: &[
        "Changing the image right away updates every pod, web-2 first, then web-1: set something up before.",
        "spec.updateStrategy.rollingUpdate.partition: pods with an ordinal below it are not updated.",
        "Patch the partition to 2, then kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.24.",
    ],
    solution: &[
        r#"kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'"#,
        "kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.24",
        "sleep 30",
    ],
    reference_commands: 2,
    goal_check: canary,
    watch: |c| keep_pods(c, 0, &["web-0", "web-1"]),
};

fn canary(c: &Ctx) -> Result<(), String> {
    let s = want_set(c, "web")?;
    let tmpl = s
        .spec
        .template
        .spec
        .containers
        .first()
        .map_or("", |k| k.image.as_str());
    if tmpl != NEW {
        return Err(format!("the set's template still runs {tmpl}."));
    }
    let partition = s
        .spec
        .update_strategy
        .as_ref()
        .and_then(|u| u.rolling_update.as_ref())
        .and_then(|r| r.partition)
        .unwrap_or(0);
    if partition != 2 {
        return Err(format!(
            "the set's partition is {partition}: every pod at or above it is updated."
        ));
    }
    for (name, want) in [("web-0", OLD), ("web-1", OLD), ("web-2", NEW)] {
        match pod(c.cluster, name) {
            Some(p) if is_ready(p) && image(p) == want => {}
            Some(p) if image(p) != want => {
                return Err(format!("{name} runs {}, not {want}.", image(p)))
            }
            _ => return Err(format!("{name} is not Ready.")),
        }
    }
    Ok(())
}

// ---- 4 -----------------------------------------------------------------------------------

pub static FORCED_ROLLBACK: Challenge = Challenge {
    id: "forced-rollback",
    title: "Escape the forced-rollback trap",
    goal: "A rollout to an image that does not exist got stuck at web-2. Get all three pods Running and Ready on registry.k8s.io/nginx-slim:0.21 again.",
    teaches: "With OrderedReady, a pod that never becomes Ready blocks the controller, even after you revert the template; you must delete the broken pod yourself (upstream's forced rollback).",
    setup: Setup {
        nodes: 3,
        seed: 104,
        files: &[("web.yaml", WEB_3)],
        steps: &[
            (0, "kubectl apply -f web.yaml"),
            (
                40,
                "kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:does-not-exist",
            ),
        ],
        start_s: 70,
    },
    constraints: &[
        "without deleting any PersistentVolumeClaim",
        "without deleting the StatefulSet",
    ],
    max_commands: None,
    hints: &[
        "First put the template back the way it was: kubectl rollout undo statefulset/web.",
        "Look at web-2 afterwards: the controller waits for it to become Ready before it does anything else, and it never will.",
        "Delete web-2: it is recreated from the reverted template.",
    ],
    solution: &[
        "kubectl rollout undo statefulset/web",
        "kubectl delete pod web-2",
        "sleep 30",
    ],
    reference_commands: 2,
    goal_check: forced_rollback,
    watch: |c| keep_claims(c, 0).and_then(|_| keep_set(c, 1, "web")),
};

fn forced_rollback(c: &Ctx) -> Result<(), String> {
    let s = want_set(c, "web")?;
    let tmpl = s
        .spec
        .template
        .spec
        .containers
        .first()
        .map_or("", |k| k.image.as_str());
    if tmpl != OLD {
        return Err(format!("the set's template asks for {tmpl}."));
    }
    for name in WEB {
        match pod(c.cluster, name) {
            Some(p) if image(p) != OLD => {
                return Err(format!("{name} still runs {}.", image(p)));
            }
            Some(p) if is_ready(p) => {}
            _ => return Err(format!("{name} is not Ready.")),
        }
    }
    Ok(())
}

// ---- 5 -----------------------------------------------------------------------------------

pub static NODE_DIED: Challenge = Challenge {
    id: "node-died",
    title: "A node died: move web-1 safely",
    goal: "web-1's node has lost its network for good, with web-1 still running on it. Get web-1 Running and Ready on another node, with its data.",
    teaches: "The controller never starts a second web-1 while the first may still run. Force-deleting the pod breaks that promise; fencing the machine (turning it off for good) keeps it.",
    setup: Setup {
        nodes: 3,
        seed: 105,
        files: &[("storage.yaml", NETWORK_DISK), ("web.yaml", WEB_3_NETWORK)],
        steps: &[
            (0, "kubectl apply -f storage.yaml"),
            (0, "kubectl apply -f web.yaml"),
            (
                40,
                "sim node cut $(kubectl get pod web-1 -o jsonpath='{.spec.nodeName}')",
            ),
        ],
        start_s: 100,
    },
    constraints: &[
        "never two copies of web-1 running at once",
        "web-1 keeps its claim www-web-1 (its data)",
    ],
    max_commands: None,
    hints: &[
        "The old web-1 still runs on the unreachable node: nothing the API server does can stop it.",
        "Force-deleting web-1 lets the controller start a second one while the first still runs. Make sure the machine is really gone first.",
        "Fence the node: sim node remove <node> turns the machine off for good and deletes its Node; then wait for web-1 to come back elsewhere.",
    ],
    solution: &[
        "sim node remove $(kubectl get pod web-1 -o jsonpath='{.spec.nodeName}')",
        "sleep 3m",
    ],
    reference_commands: 1,
    goal_check: node_died,
    watch: node_died_rules,
};

fn node_died(c: &Ctx) -> Result<(), String> {
    let dead = c.base.node_of("web-1").unwrap_or("");
    match pod(c.cluster, "web-1") {
        Some(p) if p.spec.node_name == dead => {
            Err(format!("web-1 is still on {dead}, which is unreachable."))
        }
        Some(p) if is_ready(p) => Ok(()),
        Some(_) => Err("web-1 is not Ready yet.".into()),
        None => Err("there is no web-1.".into()),
    }
}

fn node_died_rules(c: &Ctx) -> Watch {
    if running_copies(c.cluster, "web-1") > 1 {
        return Err((
            0,
            "two copies of web-1 ran at once: the old one on the unreachable node was never stopped."
                .into(),
        ));
    }
    let kept =
        c.base.claims.get("www-web-1").is_none_or(|uid| {
            claim(c.cluster, "www-web-1").is_some_and(|p| &p.metadata.uid == uid)
        });
    if !kept {
        return Err((1, "claim www-web-1 was deleted.".into()));
    }
    Ok(())
}

// ---- 6 -----------------------------------------------------------------------------------

pub static ADOPT_ORPHANS: Challenge = Challenge {
    id: "adopt-orphans",
    title: "Bring back a deleted StatefulSet",
    goal: "The StatefulSet web was deleted with --cascade=orphan; its pods still run. Recreate it so that it adopts web-0, web-1 and web-2 as they are, with their data.",
    teaches: "A controller adopts orphans its selector matches: a StatefulSet recreated with the same name, selector and template takes back the running pods and their claims without restarting them.",
    setup: Setup {
        nodes: 3,
        seed: 106,
        files: &[("web.yaml", WEB_3)],
        steps: &[
            (0, "kubectl apply -f web.yaml"),
            (40, "kubectl delete statefulset web --cascade=orphan"),
        ],
        start_s: 45,
    },
    constraints: &[
        "no pod is deleted or replaced",
        "without deleting any PersistentVolumeClaim",
    ],
    max_commands: None,
    hints: &[
        "Look at the pods' owners: kubectl get pod web-0 -o jsonpath='{.metadata.ownerReferences}' is empty now.",
        "A new StatefulSet with the same selector adopts matching pods; if its template differs, it will then replace them.",
        "Apply web.yaml again, unchanged.",
    ],
    solution: &["kubectl apply -f web.yaml", "sleep 10"],
    reference_commands: 1,
    goal_check: adopted,
    watch: |c| keep_pods(c, 0, &WEB).and_then(|_| keep_claims(c, 1)),
};

fn adopted(c: &Ctx) -> Result<(), String> {
    want_set(c, "web")?;
    owned_and_ready(c)
}

fn owned_and_ready(c: &Ctx) -> Result<(), String> {
    let uid = want_set(c, "web")?.metadata.uid.clone();
    for name in WEB {
        let Some(p) = pod(c.cluster, name) else {
            return Err(format!("there is no {name}."));
        };
        let owned = p
            .metadata
            .controller_ref()
            .is_some_and(|r| r.kind == "StatefulSet" && r.uid == uid);
        if !owned {
            return Err(format!("{name} has no owner yet."));
        }
        if !is_ready(p) {
            return Err(format!("{name} is not Ready."));
        }
    }
    Ok(())
}

// ---- 7 -----------------------------------------------------------------------------------

pub static RESIZE_CLAIMS: Challenge = Challenge {
    id: "resize-claims",
    title: "Change the claim template's size",
    goal: "Make web's claim template ask for 2Gi (web-2gi.yaml has it) while web-0, web-1 and web-2 keep running with their claims.",
    teaches: "volumeClaimTemplates cannot be changed in place; deleting the set with --cascade=orphan and recreating it keeps the pods and claims (existing claims keep their size: only new ones get 2Gi).",
    setup: Setup {
        nodes: 3,
        seed: 107,
        files: &[("web.yaml", WEB_3), ("web-2gi.yaml", WEB_3_2GI)],
        steps: &[(0, "kubectl apply -f web.yaml")],
        start_s: 40,
    },
    constraints: &[
        "no pod is deleted or replaced",
        "without deleting any PersistentVolumeClaim",
    ],
    max_commands: None,
    hints: &[
        "Try kubectl apply -f web-2gi.yaml and read the error: which fields may an update change?",
        "The set can be deleted without touching its pods: --cascade=orphan.",
        "kubectl delete statefulset web --cascade=orphan, then kubectl apply -f web-2gi.yaml: the new set adopts the pods.",
    ],
    solution: &[
        "kubectl delete statefulset web --cascade=orphan",
        "kubectl apply -f web-2gi.yaml",
        "sleep 10",
    ],
    reference_commands: 2,
    goal_check: resized,
    watch: |c| keep_pods(c, 0, &WEB).and_then(|_| keep_claims(c, 1)),
};

fn resized(c: &Ctx) -> Result<(), String> {
    let s = want_set(c, "web")?;
    let size = s
        .spec
        .volume_claim_templates
        .first()
        .and_then(|t| t.spec.resources.requests.get("storage"))
        .cloned()
        .unwrap_or_default();
    if size != "2Gi" {
        return Err(format!("web's claim template asks for {size}, not 2Gi."));
    }
    owned_and_ready(c)
}

// ---- 8 -----------------------------------------------------------------------------------

pub static UNBLOCK_NEVER_READY: Challenge = Challenge {
    id: "unblock-never-ready",
    title: "Unblock a set stuck behind a pod",
    goal: "web-0's readiness probe fetches /index.html, which its empty volume does not have, so it is never Ready and web-1 and web-2 are never created. Get all three pods Ready.",
    teaches: "OrderedReady creates each pod only once the one before is Running and Ready: a probe that never passes blocks the whole set, and fixing the template does not replace the stuck pod by itself.",
    setup: Setup {
        nodes: 3,
        seed: 108,
        files: &[("web.yaml", WEB_3_HTTP_PROBE)],
        steps: &[(0, "kubectl apply -f web.yaml")],
        start_s: 30,
    },
    constraints: &[
        "without deleting the StatefulSet",
        "without deleting any PersistentVolumeClaim",
    ],
    max_commands: None,
    hints: &[
        "kubectl describe pod web-0: the readiness probe fails with 404. Waiting will not help.",
        "Fix the probe in the set's template (a tcpSocket probe on port 80 passes); the stuck pod keeps the old one until it is replaced.",
        "Patch the template's readinessProbe, then delete web-0.",
    ],
    solution: &[
        r#"kubectl patch statefulset web --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/readinessProbe","value":{"tcpSocket":{"port":80},"periodSeconds":2}}]'"#,
        "kubectl delete pod web-0",
        "sleep 60",
    ],
    reference_commands: 2,
    goal_check: |c| {
        want_set(c, "web")?;
        all_ready(c, "web", 3)
    },
    watch: |c| keep_set(c, 0, "web").and_then(|_| keep_claims(c, 1)),
};

// ---- 9 -----------------------------------------------------------------------------------

pub static MOVE_WEB_0: Challenge = Challenge {
    id: "move-web-0",
    title: "Move web-0 to another node",
    goal: "Move web-0 to a different node than the one it runs on now, keeping its data: the same claim www-web-0 and the same volume.",
    teaches: "A pod's identity and claim follow it to whatever node the scheduler picks; cordoning a node keeps new pods off it, and a network disk can be attached elsewhere.",
    setup: Setup {
        nodes: 3,
        seed: 109,
        files: &[("storage.yaml", NETWORK_DISK), ("web.yaml", WEB_3_NETWORK)],
        steps: &[
            (0, "kubectl apply -f storage.yaml"),
            (0, "kubectl apply -f web.yaml"),
        ],
        start_s: 40,
    },
    constraints: &[
        "without deleting any PersistentVolumeClaim",
        "web-1 and web-2 are never restarted or replaced",
    ],
    max_commands: None,
    hints: &[
        "Deleting web-0 alone may bring it back on the same node.",
        "Mark web-0's node unschedulable first: kubectl cordon.",
        "kubectl cordon <web-0's node>, then kubectl delete pod web-0.",
    ],
    solution: &[
        "kubectl cordon $(kubectl get pod web-0 -o jsonpath='{.spec.nodeName}')",
        "kubectl delete pod web-0",
        "sleep 30",
    ],
    reference_commands: 2,
    goal_check: moved,
    watch: |c| keep_claims(c, 0).and_then(|_| keep_pods(c, 1, &["web-1", "web-2"])),
};

fn moved(c: &Ctx) -> Result<(), String> {
    let from = c.base.node_of("web-0").unwrap_or("");
    let Some(p) = pod(c.cluster, "web-0") else {
        return Err("there is no web-0.".into());
    };
    if p.spec.node_name == from {
        return Err(format!("web-0 still runs on {from}."));
    }
    let volume = claim(c.cluster, "www-web-0").map(|p| p.spec.volume_name.as_str());
    if volume != c.base.volumes.get("www-web-0").map(String::as_str) {
        return Err("www-web-0 is not bound to its original volume.".into());
    }
    if !is_ready(p) {
        return Err("web-0 is not Ready yet.".into());
    }
    Ok(())
}

// ---- 10 ----------------------------------------------------------------------------------

pub static DNS_BEFORE_READY: Challenge = Challenge {
    id: "dns-before-ready",
    title: "Resolvable before Ready",
    goal: "web-0 runs but its readiness probe never passes, so web-0.nginx does not resolve. Make web-0.nginx resolve in cluster DNS while web-0 stays not Ready.",
    teaches: "A headless Service publishes only Ready pods unless publishNotReadyAddresses is set: peers that must find each other before they are Ready (a database forming a cluster) need it.",
    setup: Setup {
        nodes: 3,
        seed: 110,
        files: &[("web.yaml", WEB_1_HTTP_PROBE)],
        steps: &[(0, "kubectl apply -f web.yaml")],
        start_s: 30,
    },
    constraints: &[
        "web-0 is never replaced",
        "the set's readiness probe stays as it is",
    ],
    max_commands: None,
    hints: &[
        "DNS answers for <pod>.nginx come from the Service's endpoints, which leave out pods that are not Ready.",
        "The Service nginx can be told to publish not-ready addresses too.",
        r#"kubectl patch service nginx -p '{"spec":{"publishNotReadyAddresses":true}}'"#,
    ],
    solution: &[
        r#"kubectl patch service nginx -p '{"spec":{"publishNotReadyAddresses":true}}'"#,
        "sleep 5",
    ],
    reference_commands: 1,
    goal_check: dns_before_ready,
    watch: dns_before_ready_rules,
};

fn dns_before_ready(c: &Ctx) -> Result<(), String> {
    if ready(c.cluster, "web-0") {
        return Err("web-0 became Ready.".into());
    }
    if checks::resolve(c.cluster, "web-0.nginx").is_empty() {
        return Err("web-0.nginx does not resolve.".into());
    }
    Ok(())
}

fn dns_before_ready_rules(c: &Ctx) -> Watch {
    keep_pods(c, 0, &["web-0"])?;
    let probe = set(c.cluster, "web")
        .and_then(|s| s.spec.template.spec.containers.first())
        .and_then(|k| k.readiness_probe.as_ref())
        .and_then(|p| p.http_get.as_ref())
        .map(|h| h.path.clone());
    if probe.as_deref() != Some("/index.html") {
        return Err((
            1,
            "the set's readiness probe was changed or removed.".into(),
        ));
    }
    Ok(())
}

// ---- 11 ----------------------------------------------------------------------------------

pub static CLEAN_UP_KEEP_SERVICE: Challenge = Challenge {
    id: "clean-up-keep-service",
    title: "Clean up, keep the Service",
    goal: "Remove the StatefulSet web, its pods and its claims (and with them their volumes), but keep the Service nginx.",
    teaches: "Deleting a StatefulSet leaves its claims behind (whenDeleted: Retain); they, and the data on their volumes, go only when you delete them. kubectl delete -f deletes every object in the file.",
    setup: Setup {
        nodes: 3,
        seed: 111,
        files: &[("web.yaml", WEB_3)],
        steps: &[(0, "kubectl apply -f web.yaml")],
        start_s: 40,
    },
    constraints: &["the Service nginx is never deleted"],
    max_commands: None,
    hints: &[
        "kubectl delete -f web.yaml would take the Service with it.",
        "After the set is gone, kubectl get pvc: the claims are still there.",
        "kubectl delete statefulset web, then kubectl delete pvc www-web-0 www-web-1 www-web-2.",
    ],
    solution: &[
        "kubectl delete statefulset web",
        "kubectl delete pvc www-web-0 www-web-1 www-web-2",
        "sleep 30",
    ],
    reference_commands: 2,
    goal_check: cleaned_up,
    watch: |c| {
        let uid = c.base.services.get("nginx");
        let kept = service(c.cluster, "nginx")
            .is_some_and(|s| Some(&s.metadata.uid) == uid && s.metadata.deletion_timestamp.is_none());
        if kept {
            Ok(())
        } else {
            Err((0, "the Service nginx was deleted.".into()))
        }
    },
};

fn cleaned_up(c: &Ctx) -> Result<(), String> {
    if set(c.cluster, "web").is_some() {
        return Err("the StatefulSet web still exists.".into());
    }
    if let Some(p) = set_pods(c.cluster, "web").first() {
        return Err(format!("pod {} still exists.", p.metadata.name));
    }
    if let Some(p) = claims(c.cluster).find(|p| p.metadata.name.starts_with("www-web-")) {
        return Err(format!("claim {} still exists.", p.metadata.name));
    }
    if let Some(v) = c
        .base
        .volumes
        .values()
        .find(|v| volume(c.cluster, v).is_some())
    {
        return Err(format!("volume {v} still exists."));
    }
    Ok(())
}

// ---- 12 ----------------------------------------------------------------------------------

pub static DEPLOYMENT_TO_STATEFULSET: Challenge = Challenge {
    id: "deployment-to-statefulset",
    title: "From a Deployment that loses data to a StatefulSet",
    goal: "The database Deployment db keeps its data in an emptyDir, lost whenever its pod is replaced. Replace it with a StatefulSet db whose pod db-0 keeps /var/lib/mysql on a claim from a volumeClaimTemplate.",
    teaches: "A Deployment's pods are interchangeable and share whatever volume their template names; a StatefulSet gives each pod a stable name and a claim of its own that outlives it.",
    setup: Setup {
        nodes: 3,
        seed: 112,
        files: &[("db.yaml", DB_DEPLOYMENT)],
        steps: &[(0, "kubectl apply -f db.yaml")],
        start_s: 30,
    },
    constraints: &["never two database pods running at once"],
    max_commands: None,
    hints: &[
        "Two databases over one set of data is how data gets corrupted: remove the Deployment before starting the StatefulSet.",
        "A StatefulSet needs a serviceName (a headless Service) and, for per-pod storage, volumeClaimTemplates whose name the container mounts.",
        "kubectl delete deployment db, then apply a headless Service db and a StatefulSet db with a volumeClaimTemplate named data mounted at /var/lib/mysql.",
    ],
    solution: &[
        "kubectl delete deployment db",
        "sleep 40",
        concat!(
            r#"kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
---
"#,
            ordinal_kubectl::mysql_yaml!(
                "StatefulSet",
                "db",
                "",
                "  serviceName: db\n",
                "1",
                r#"  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
"#
            ),
            "EOF"
        ),
        "sleep 60",
    ],
    reference_commands: 2,
    goal_check: db_statefulset,
    watch: |c| {
        let n = c
            .cluster
            .kubelet
            .nodes
            .values()
            .flat_map(|n| n.pods.values())
            .filter(|r| r.namespace() == NS && r.pod.metadata.labels.get("app").map(String::as_str) == Some("db"))
            .filter(|r| r.containers.iter().any(|k| k.state.is_running()))
            .count();
        if n > 1 {
            Err((0, format!("{n} database pods ran at once.")))
        } else {
            Ok(())
        }
    },
};

fn db_statefulset(c: &Ctx) -> Result<(), String> {
    if deployment(c.cluster, "db").is_some() {
        return Err("the Deployment db still exists.".into());
    }
    let s = want_set(c, "db")?;
    let templates: Vec<&str> = s
        .spec
        .volume_claim_templates
        .iter()
        .map(|t| t.metadata.name.as_str())
        .collect();
    let mount = s
        .spec
        .template
        .spec
        .containers
        .iter()
        .flat_map(|k| &k.volume_mounts)
        .find(|m| m.mount_path.trim_end_matches('/') == "/var/lib/mysql");
    let Some(m) = mount.filter(|m| templates.contains(&m.name.as_str())) else {
        return Err("the set does not mount a claim template at /var/lib/mysql.".into());
    };
    let claim_name = format!("{}-db-0", m.name);
    if claim(c.cluster, &claim_name).is_none_or(|p| p.status.phase != "Bound") {
        return Err(format!("claim {claim_name} is not Bound yet."));
    }
    if !ready(c.cluster, "db-0") {
        return Err("db-0 is not Ready yet.".into());
    }
    Ok(())
}
