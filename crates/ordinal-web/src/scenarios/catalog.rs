//! The guided scenarios, in the order the picker lists them. Narration says what to notice;
//! the rule it illustrates is named in a comment (docs/reference/statefulset-controller.md).

use super::manifests::*;
use super::{File, Scenario, Step};

const S: u64 = 1_000;

const fn file(name: &'static str, text: &'static str) -> File {
    File { name, text }
}

const fn step(at_s: u64, run: &'static str, say: &'static str) -> Step {
    Step {
        at_ms: at_s * S,
        run,
        say,
    }
}

// R8: OrderedReady creates one pod at a time and waits for Running+Ready.
pub const ORDERED_CREATION: Scenario = Scenario {
    id: "ordered-creation",
    title: "Ordered creation",
    invite: "Press ▶ Play to watch the controller create web-0, then web-1 — one at a time, in order.",
    nodes: 3,
    seed: 7,
    files: &[file("web.yaml", WEB)],
    steps: &[
        step(
            0,
            "kubectl apply -f web.yaml",
            "The controller creates claim www-web-0 and pod web-0. web-1 is not created until web-0 is Running and Ready.",
        ),
        step(
            14,
            "kubectl get pods -l app=nginx",
            "Both pods are Running and Ready. Each has a stable name (web-0, web-1) and its own claim.",
        ),
    ],
    end_ms: 20 * S,
    speed: 1.0,
};

// DNS2–DNS4: names are stable, addresses are not.
pub const STABLE_NETWORK_IDENTITY: Scenario = Scenario {
    id: "stable-network-identity",
    title: "Stable network identity",
    invite: "Press ▶ Play, then watch the DNS panel: each pod gets a stable name under the headless Service nginx.",
    nodes: 3,
    seed: 11,
    files: &[file("web.yaml", WEB)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", "Watch the DNS panel: web-0.nginx appears only once web-0 is Ready."),
        step(
            16,
            "kubectl delete pod -l app=nginx",
            "Both pods are deleted. Their DNS records disappear while they are gone…",
        ),
        step(
            24,
            "kubectl get pods -o wide -l app=nginx",
            "…and come back under the same names (web-0.nginx, web-1.nginx), usually with new IP addresses.",
        ),
    ],
    end_ms: 32 * S,
    speed: 1.0,
};

// I4: each ordinal keeps its claim.
pub const STABLE_STORAGE: Scenario = Scenario {
    id: "stable-storage",
    title: "Stable storage",
    invite: "Press ▶ Play: each pod gets its own claim (www-web-0, www-web-1) and keeps it when it is recreated.",
    nodes: 3,
    seed: 13,
    files: &[file("web.yaml", WEB)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", "Each pod's claim is stamped from the claim template www."),
        step(
            16,
            "kubectl delete pod -l app=nginx",
            "The pods are deleted, but their claims and volumes stay.",
        ),
        step(
            24,
            "kubectl get pvc -l app=nginx",
            "The new web-0 and web-1 mount the same claims — and so the same volumes — as before.",
        ),
    ],
    end_ms: 32 * S,
    speed: 1.0,
};

// R10: scale-down deletes the highest ordinal first, one at a time.
pub const SCALE_DOWN: Scenario = Scenario {
    id: "scale-down",
    title: "Scale down, highest first",
    invite: "Press ▶ Play: scale web up to 5, then down to 3, and watch which pods go first.",
    nodes: 3,
    seed: 17,
    files: &[file("web.yaml", WEB)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", ""),
        step(
            15,
            "kubectl scale sts web --replicas=5",
            "Scaling up: web-2, web-3 and web-4 are created in order.",
        ),
        step(
            50,
            "kubectl scale sts web --replicas=3",
            "Scaling down: web-4 goes first; web-3 is deleted only after web-4 is completely gone.",
        ),
    ],
    end_ms: 80 * S,
    speed: 2.0,
};

// R8/R10 (SC-40): OrderedReady halts when any pod is unhealthy.
pub const SCALE_DOWN_BLOCKED: Scenario = Scenario {
    id: "scale-down-blocked",
    title: "Scale-down blocked by an unhealthy pod",
    invite: "Press ▶ Play: web-0 stops being Ready, and the controller refuses to scale down until it recovers.",
    nodes: 3,
    seed: 19,
    files: &[file("web.yaml", WEB_3_PROBE)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", ""),
        step(22, "sim probe web-0 readiness fail", "web-0 fails its readiness check: it is Running but not Ready."),
        step(
            26,
            "kubectl scale sts web --replicas=1",
            "The set wants 1 replica, but the controller deletes nothing while web-0 is unhealthy.",
        ),
        step(46, "sim probe web-0 readiness auto", "web-0 is Ready again: now web-2, then web-1, are deleted."),
    ],
    end_ms: 70 * S,
    speed: 1.0,
};

// P1/P2: claims outlive pods and are reused on scale-up.
pub const CLAIMS_KEPT: Scenario = Scenario {
    id: "claims-kept",
    title: "Claims kept and reattached",
    invite: "Press ▶ Play: scale down and back up, and watch the claims of the removed pods wait for them.",
    nodes: 3,
    seed: 23,
    files: &[file("web.yaml", WEB)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", ""),
        step(14, "kubectl scale sts web --replicas=4", ""),
        step(
            40,
            "kubectl scale sts web --replicas=2",
            "web-3 and web-2 are deleted, but www-web-3 and www-web-2 stay behind, detached.",
        ),
        step(
            60,
            "kubectl scale sts web --replicas=4",
            "The new web-2 and web-3 reattach to their old claims: no new volumes are provisioned.",
        ),
    ],
    end_ms: 85 * S,
    speed: 2.0,
};

// P3–P5: persistentVolumeClaimRetentionPolicy.
pub const RETENTION_POLICY: Scenario = Scenario {
    id: "retention-policy",
    title: "Claim retention policy",
    invite: "Press ▶ Play: with whenScaled: Delete, scaling down removes the claims too.",
    nodes: 3,
    seed: 29,
    files: &[file("web.yaml", WEB_RETENTION)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", ""),
        step(
            24,
            "kubectl scale sts web --replicas=1",
            "whenScaled: Delete — each removed pod's claim is owned by the pod first, then garbage-collected with it.",
        ),
        step(
            50,
            "kubectl delete sts web",
            "whenDeleted: Retain — deleting the set leaves www-web-0 in place.",
        ),
    ],
    end_ms: 75 * S,
    speed: 1.0,
};

// U2/U3: partition, canary and phased rollout.
pub const ROLLING_UPDATE_PARTITION: Scenario = Scenario {
    id: "rolling-update-partition",
    title: "Rolling update with a partition",
    invite: "Press ▶ Play: a new image rolls out to ordinals at or above the partition only.",
    nodes: 3,
    seed: 31,
    files: &[file("web.yaml", WEB_3)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", ""),
        step(
            22,
            r#"kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'"#,
            "The partition is 2: only ordinals 2 and up will be updated.",
        ),
        step(
            24,
            r#"kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.27"}]'"#,
            "Canary: only web-2 is replaced with the update revision; web-0 and web-1 stay on the current revision.",
        ),
        step(
            45,
            r#"kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}'"#,
            "Phased rollout: with the partition at 0, web-1 and then web-0 are replaced, highest first.",
        ),
    ],
    end_ms: 80 * S,
    speed: 1.0,
};

// U9: OnDelete never replaces pods by itself.
pub const ON_DELETE: Scenario = Scenario {
    id: "on-delete",
    title: "OnDelete updates",
    invite: "Press ▶ Play: with OnDelete, a new template changes nothing until you delete a pod.",
    nodes: 3,
    seed: 37,
    files: &[file("web.yaml", WEB_ON_DELETE)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", ""),
        step(
            22,
            r#"kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.27"}]'"#,
            "A new update revision exists, but every pod keeps the current one.",
        ),
        step(
            32,
            "kubectl delete pod web-1",
            "Only the pod you delete comes back with the update revision.",
        ),
    ],
    end_ms: 55 * S,
    speed: 1.0,
};

// U8: forced rollback deadlock with OrderedReady.
pub const FORCED_ROLLBACK: Scenario = Scenario {
    id: "forced-rollback",
    title: "The forced-rollback trap",
    invite: "Press ▶ Play: a broken image gets stuck, and reverting the template is not enough.",
    nodes: 3,
    seed: 41,
    files: &[file("web.yaml", WEB_3)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", ""),
        step(
            22,
            r#"kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:does-not-exist"}]'"#,
            "web-2 is replaced with an image that cannot be pulled: it never becomes Ready.",
        ),
        step(
            40,
            r#"kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'"#,
            "The template is reverted (it matches revision 1, which is reused as revision 3), yet web-2 stays broken: the controller waits for it to become Ready before doing anything else.",
        ),
        step(
            60,
            "kubectl delete pod web-2",
            "Deleting the stuck pod by hand is the way out: it is recreated from the reverted template.",
        ),
    ],
    end_ms: 80 * S,
    speed: 1.0,
};

// N1–N5: node failure and at-most-one.
pub const NODE_FAILURE: Scenario = Scenario {
    id: "node-failure",
    title: "Node failure and at-most-one",
    invite: "Press ▶ Play: node-2 loses its network, and the controller will not start a second web-1.",
    nodes: 3,
    seed: 43,
    files: &[file("web.yaml", WEB_3)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", ""),
        step(
            25,
            "sim node cut node-2",
            "node-2 is cut off from the control plane; web-1 keeps running there, but nobody can see it.",
        ),
        step(
            90,
            "kubectl get nodes",
            "After the grace period node-2 is Unknown and tainted unreachable; web-1 is no longer Ready and its DNS name is gone. In five minutes it will be evicted.",
        ),
        step(
            380,
            "kubectl get pods -o wide",
            "web-1 was evicted but stays Terminating: no kubelet can confirm it stopped. The controller will not create a second web-1 — at most one pod per identity.",
        ),
        step(
            400,
            "kubectl delete pod web-1 --grace-period=0 --force",
            "Force delete removes the object without that confirmation, and web-1 is recreated at once — but its volume is local to node-2, so it waits, Pending. Never do this while the old pod may still run.",
        ),
        step(
            420,
            "sim node heal node-2",
            "node-2 is back: its kubelet stops the old web-1, and the new web-1 starts next to its volume.",
        ),
    ],
    end_ms: 460 * S,
    speed: 8.0,
};

// R8 vs burst: Parallel creates everything at once.
pub const PARALLEL_VS_ORDERED: Scenario = Scenario {
    id: "parallel-vs-ordered",
    title: "Parallel vs OrderedReady",
    invite: "Press ▶ Play: web (OrderedReady) and par (Parallel) each want 4 pods — see which is faster.",
    nodes: 3,
    seed: 47,
    files: &[file("web.yaml", WEB_4), file("par.yaml", PAR)],
    steps: &[
        step(
            0,
            "kubectl apply -f web.yaml",
            "web creates one pod at a time; par creates all four at once.",
        ),
        step(0, "kubectl apply -f par.yaml", ""),
    ],
    end_ms: 40 * S,
    speed: 1.0,
};

// D2/D3: deleting a set without scaling to 0 first.
pub const DELETE_WITHOUT_SCALING: Scenario = Scenario {
    id: "delete-without-scaling",
    title: "Deleting a StatefulSet without scaling to 0",
    invite: "Press ▶ Play: deleting the set removes its pods all at once, in no particular order.",
    nodes: 3,
    seed: 53,
    files: &[file("web.yaml", WEB_3)],
    steps: &[
        step(0, "kubectl apply -f web.yaml", ""),
        step(
            24,
            "kubectl delete statefulset web",
            "No ordering guarantee: the garbage collector deletes every pod at once. Scale to 0 first for an ordered shutdown.",
        ),
        step(
            45,
            "kubectl get pvc",
            "The claims remain (whenDeleted: Retain), ready for a new set with the same name.",
        ),
    ],
    end_ms: 55 * S,
    speed: 1.0,
};

pub const ALL: &[&Scenario] = &[
    &ORDERED_CREATION,
    &STABLE_NETWORK_IDENTITY,
    &STABLE_STORAGE,
    &SCALE_DOWN,
    &SCALE_DOWN_BLOCKED,
    &CLAIMS_KEPT,
    &RETENTION_POLICY,
    &ROLLING_UPDATE_PARTITION,
    &ON_DELETE,
    &FORCED_ROLLBACK,
    &NODE_FAILURE,
    &PARALLEL_VS_ORDERED,
    &DELETE_WITHOUT_SCALING,
];
