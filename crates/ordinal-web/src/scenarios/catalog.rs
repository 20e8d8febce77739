//! The guided scenarios, in the order the picker lists them. Narration says what to notice;
//! the rule it illustrates is named in a comment (docs/reference/statefulset-controller.md).

use super::manifests::*;
use super::Cond::*;
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
        when: &[],
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
        )
        .when(&[ClaimExists("www-web-0"), PodExists("web-0")]),
        step(
            14,
            "kubectl get pods -l app=nginx",
            "Both pods are Running and Ready. Each has a stable name (web-0, web-1) and its own claim.",
        )
        .when(&[PodReady("web-0"), PodReady("web-1")]),
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
        )
        .when(&[Deleted("web-0", 16), Deleted("web-1", 16)]),
        step(
            24,
            "kubectl get pods -o wide -l app=nginx",
            "…and come back under the same names (web-0.nginx, web-1.nginx), usually with new IP addresses.",
        )
        .when(&[Recreated("web-0", 16), Recreated("web-1", 16), PodReady("web-0"), PodReady("web-1")]),
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
        step(0, "kubectl apply -f web.yaml", "Each pod's claim is stamped from the claim template www.")
        .when(&[ClaimExists("www-web-0")]),
        step(
            16,
            "kubectl delete pod -l app=nginx",
            "The pods are deleted, but their claims and volumes stay.",
        )
        .when(&[Deleted("web-0", 16), Deleted("web-1", 16), ClaimExists("www-web-0"), ClaimExists("www-web-1")]),
        step(
            24,
            "kubectl get pvc -l app=nginx",
            "The new web-0 and web-1 mount the same claims — and so the same volumes — as before.",
        )
        .when(&[Recreated("web-0", 16), Recreated("web-1", 16), PodStatus("web-0", "Running"), PodStatus("web-1", "Running")]),
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
        )
        .when(&[PodExists("web-2")]),
        step(
            50,
            "kubectl scale sts web --replicas=3",
            "Scaling down: web-4 goes first; web-3 is deleted only after web-4 is completely gone.",
        )
        .when(&[SetWants("web", 3), Deleted("web-4", 50)]),
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
        step(22, "sim probe web-0 readiness fail", "web-0 fails its readiness check: it is Running but not Ready.")
        .when(&[PodStatus("web-0", "Running"), PodNotReady("web-0")]),
        step(
            26,
            "kubectl scale sts web --replicas=1",
            "The set wants 1 replica, but the controller deletes nothing while web-0 is unhealthy.",
        )
        .when(&[SetWants("web", 1), PodNotReady("web-0"), PodStatus("web-2", "Running")]),
        step(46, "sim probe web-0 readiness auto", "web-0 is Ready again: now web-2, then web-1, are deleted.")
        .when(&[PodReady("web-0")]),
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
        )
        .when(&[PodGone("web-3"), PodGone("web-2"), ClaimUnused("www-web-3"), ClaimUnused("www-web-2")]),
        step(
            60,
            "kubectl scale sts web --replicas=4",
            "The new web-2 and web-3 reattach to their old claims: no new volumes are provisioned.",
        )
        .when(&[SetWants("web", 4), Recreated("web-2", 60), Recreated("web-3", 60), PodStatus("web-2", "Running"), PodStatus("web-3", "Running")]),
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
        )
        .when(&[SetWants("web", 1), Deleted("web-2", 24)]),
        step(
            50,
            "kubectl delete sts web",
            "whenDeleted: Retain — deleting the set leaves www-web-0 in place.",
        )
        .when(&[SetGone("web"), ClaimExists("www-web-0")]),
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
        )
        .when(&[Partition("web", 2)]),
        step(
            24,
            r#"kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'"#,
            "Canary: only web-2 is replaced with the update revision; web-0 and web-1 stay on the current revision.",
        )
        .when(&[PodUpdated("web-2"), PodCurrent("web-0"), PodCurrent("web-1")]),
        step(
            45,
            r#"kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}'"#,
            "Phased rollout: with the partition at 0, web-1 and then web-0 are replaced, highest first.",
        )
        .when(&[Partition("web", 0), Deleted("web-1", 45)]),
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
            r#"kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'"#,
            "A new update revision exists, but every pod keeps the current one.",
        )
        .when(&[PodCurrent("web-0"), PodCurrent("web-1"), PodCurrent("web-2")]),
        step(
            32,
            "kubectl delete pod web-1",
            "Only the pod you delete comes back with the update revision.",
        )
        .when(&[PodUpdated("web-1"), PodCurrent("web-0"), PodCurrent("web-2")]),
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
        )
        .when(&[Recreated("web-2", 22), PodNotReady("web-2")]),
        step(
            40,
            r#"kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.21"}]'"#,
            "The template is reverted (it matches revision 1, which is reused as revision 3), yet web-2 stays broken: the controller waits for it to become Ready before doing anything else.",
        )
        .when(&[UpdateRevision("web", 3), PodNotReady("web-2")]),
        step(
            60,
            "kubectl delete pod web-2",
            "Deleting the stuck pod by hand is the way out: it is recreated from the reverted template.",
        )
        .when(&[Recreated("web-2", 60)]),
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
        )
        .when(&[PodOn("web-1", "node-2")]),
        step(
            90,
            "kubectl get nodes",
            "After the grace period node-2 is NotReady (its Ready condition is Unknown: no kubelet reports) and tainted unreachable; web-1 is not Ready and its DNS name is gone. In five minutes it is evicted.",
        )
        .when(&[NodeStatus("node-2", "NotReady"), NodeTainted("node-2", "node.kubernetes.io/unreachable"), PodNotReady("web-1")]),
        step(
            380,
            "kubectl get pods -o wide",
            "web-1 was evicted but stays Terminating: no kubelet can confirm it stopped. The controller will not create a second web-1 — at most one pod per identity.",
        )
        .when(&[PodStatus("web-1", "Terminating")]),
        step(
            400,
            "kubectl delete pod web-1 --grace-period=0 --force",
            "Force delete removes the object without that confirmation, and web-1 is recreated at once — but its volume is local to node-2, so it waits, Pending. Never do this while the old pod may still run.",
        )
        .when(&[Recreated("web-1", 400), PodStatus("web-1", "Pending")]),
        step(
            420,
            "sim node heal node-2",
            "node-2 is back: its kubelet stops the old web-1, and the new web-1 starts next to its volume.",
        )
        .when(&[NodeStatus("node-2", "Ready"), Recreated("web-1", 400), PodReady("web-1"), PodOn("web-1", "node-2")]),
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
        )
        .when(&[PodExists("par-3")]),
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
        )
        .when(&[SetGone("web"), Deleted("web-0", 24), Deleted("web-1", 24), Deleted("web-2", 24)]),
        step(
            45,
            "kubectl get pvc",
            "The claims remain (whenDeleted: Retain), ready for a new set with the same name.",
        )
        .when(&[SetGone("web"), ClaimExists("www-web-0"), ClaimExists("www-web-1"), ClaimExists("www-web-2")]),
    ],
    end_ms: 55 * S,
    speed: 1.0,
};

/// The first cattle pod of a Deployment or ReplicaSet, by label: cattle names are random, so a
/// scripted step finds them the way a learner would.
macro_rules! first_pod {
    ($app:literal) => {
        concat!(
            "$(kubectl get pods -l app=",
            $app,
            " -o jsonpath='{.items[0].metadata.name}')"
        )
    };
}

// Cattle and pets: a ReplicaSet's pods are interchangeable (docs/reference/replicaset.md);
// a StatefulSet's keep name, claim and DNS name (I4, DNS2).
pub const CATTLE_AND_PETS: Scenario = Scenario {
    id: "cattle-and-pets",
    title: "Cattle and pets, side by side",
    invite: "Press ▶ Play: the same nginx app as a Deployment (cattle) and as a StatefulSet (pets), in one cluster.",
    nodes: 3,
    seed: 59,
    files: &[file("cattle.yaml", CATTLE), file("pets.yaml", PETS)],
    steps: &[
        step(
            0,
            "kubectl apply -f cattle.yaml",
            "Cattle: the Deployment's ReplicaSet creates three pods at once, named after it plus five random characters. Pets: the StatefulSet creates pets-0, 1, 2 one at a time, each with a claim.",
        )
        .when(&[ReplicaSets("cattle", 1), Cattle("cattle", 3), PodExists("pets-0")]),
        step(0, "kubectl apply -f pets.yaml", ""),
        step(
            22,
            "kubectl get pods -o wide",
            "No cattle pod has an ordinal or a claim of its own; every pet has both, and a DNS name (pets-0.pets…) in the DNS panel.",
        )
        .when(&[PodReady("pets-0"), PodReady("pets-1"), PodReady("pets-2")]),
        step(
            26,
            concat!("kubectl delete pod ", first_pod!("cattle")),
            "One cattle pod is deleted. The ReplicaSet does not bring it back: it creates a new pod with a new random name and a new IP.",
        )
        .when(&[Cattle("cattle", 3), CattleNew("cattle", 26)]),
        step(
            36,
            "kubectl delete pod pets-1",
            "pets-1 is deleted, and comes back as pets-1: the same name, the same claim www-pets-1, the same DNS name pets-1.pets (usually with a new IP).",
        )
        .when(&[Recreated("pets-1", 36)]),
        step(
            52,
            "kubectl scale deployment cattle --replicas=2",
            "Scale the cattle down by one: the ReplicaSet picks the pod by its own ranking (not-ready before ready, newer before older…), not by name — you do not choose.",
        )
        .when(&[Cattle("cattle", 2)]),
        step(
            60,
            "kubectl scale statefulset pets --replicas=2",
            "Scale the pets down by one: the StatefulSet always removes the highest ordinal, pets-2, and keeps its claim www-pets-2 for when it comes back.",
        )
        .when(&[SetWants("pets", 2), Deleted("pets-2", 60), ClaimExists("www-pets-2")]),
    ],
    end_ms: 80 * S,
    speed: 1.0,
};

// A ReplicaSet's replicas share the claim their template names: a ReadWriteOnce disk attaches to
// one node at a time (Multi-Attach), and the replicas that run write into the same files.
pub const DATABASE_AS_REPLICA_SET: Scenario = Scenario {
    id: "database-as-replicaset",
    title: "A database as a ReplicaSet",
    invite: "Press ▶ Play: three replicas of a database, one claim. Watch them fight over it.",
    nodes: 3,
    seed: 61,
    files: &[file("db.yaml", DB_RS), file("db-local.yaml", DB_LOCAL_RS)],
    steps: &[
        step(
            0,
            "kubectl apply -f db.yaml",
            "Three replicas, and the template names one claim, data: all three pods mount the same claim. There is no claim template as a StatefulSet has.",
        )
        .when(&[Cattle("db", 3)]),
        step(
            30,
            "kubectl get pods -o wide -l app=db",
            "The disk is ReadWriteOnce: it attaches to one node. Replicas on other nodes stay ContainerCreating — FailedAttachVolume, Multi-Attach error: the volume is already used by another pod.",
        )
        .when(&[CattleWaiting("db", "FailedAttachVolume")]),
        step(
            40,
            "kubectl delete rs db",
            "On a node-local volume the scheduler puts every replica on the volume's node instead…",
        )
        .when(&[Cattle("db-local", 3), CattleOnOneNode("db-local")]),
        step(40, "kubectl apply -f db-local.yaml", ""),
        step(
            70,
            "for p in $(kubectl get pods -l app=db-local -o jsonpath='{.items[*].metadata.name}'); do kubectl exec $p -- sh -c 'echo \"row from $(hostname)\" >> /var/lib/mysql/rows'; done",
            "…and all three run. Each replica writes one row into /var/lib/mysql/rows…",
        )
        .when(&[CattleReady("db-local", 3)]),
        step(
            74,
            concat!("kubectl exec ", first_pod!("db-local"), " -- cat /var/lib/mysql/rows"),
            "…and every row lands in the same file: three database processes writing the same data files, with nothing to keep them apart. A database needs a StatefulSet — a claim per replica.",
        )
        .when(&[CattleReady("db-local", 3)]),
    ],
    end_ms: 85 * S,
    speed: 1.0,
};

// Deployment RollingUpdate under maxSurge/maxUnavailable (docs/reference/deployment.md) against
// the StatefulSet's one-at-a-time, highest-ordinal-first update (R13).
pub const ROLLING_UPDATE_TWO_WAYS: Scenario = Scenario {
    id: "rolling-update-two-ways",
    title: "Rolling update, two ways",
    invite: "Press ▶ Play: the same new image goes to a Deployment and to a StatefulSet at the same moment.",
    nodes: 3,
    seed: 67,
    files: &[file("cattle.yaml", CATTLE_SURGE), file("pets.yaml", PETS)],
    steps: &[
        step(0, "kubectl apply -f cattle.yaml", ""),
        step(0, "kubectl apply -f pets.yaml", ""),
        step(
            28,
            "kubectl set image deployment/cattle nginx=registry.k8s.io/nginx-slim:0.24",
            "The Deployment makes a new ReplicaSet and surges two new pods at once (maxSurge 2); the old ReplicaSet shrinks only as new pods become available (maxUnavailable 0).",
        )
        .when(&[ReplicaSets("cattle", 2)]),
        step(
            28,
            "kubectl set image statefulset/pets nginx=registry.k8s.io/nginx-slim:0.24",
            "",
        ),
        step(
            36,
            "",
            "The StatefulSet replaces one pod at a time from the highest ordinal down: pets-2, then pets-1, then pets-0, each only after the one before is Running and Ready.",
        )
        .when(&[Recreated("pets-2", 28)]),
        step(
            70,
            "kubectl get rs,pods",
            "The old ReplicaSet is kept at 0 replicas for `kubectl rollout undo`; the StatefulSet keeps its old revision as a ControllerRevision.",
        )
        .when(&[ReplicaSets("cattle", 2), Recreated("pets-0", 28)]),
    ],
    end_ms: 80 * S,
    speed: 1.0,
};

// Node loss: eviction (N1–N5). A ReplicaSet replaces a pod as soon as it is terminating; a
// StatefulSet waits until the old pod is gone (at most one); a bare pod has nobody to replace it.
pub const NODE_DIES_THREE_WAYS: Scenario = Scenario {
    id: "node-dies-three-ways",
    title: "The node dies: cattle, pets and a bare pod",
    invite: "Press ▶ Play: node-2 loses its network with a Deployment's pod, a StatefulSet's pod and a bare pod on it.",
    nodes: 3,
    seed: 71,
    files: &[file("cattle.yaml", CATTLE), file("pets.yaml", PETS), file("bare.yaml", BARE_POD)],
    steps: &[
        step(0, "kubectl apply -f cattle.yaml", ""),
        step(
            0,
            "kubectl apply -f pets.yaml",
            "Three replicas of each workload, spread over the three nodes.",
        )
        .when(&[Cattle("cattle", 3), PodExists("pets-0")]),
        step(
            20,
            "kubectl apply -f bare.yaml",
            "And a bare pod, put on node-2 by hand: no controller owns it.",
        )
        .when(&[PodOn("bare", "node-2")]),
        step(
            25,
            "sim node cut node-2",
            "node-2 is cut off from the control plane. Its pods keep running there, but nobody can see them.",
        )
        .when(&[PodOn("bare", "node-2")]),
        step(
            90,
            "kubectl get nodes",
            "After the grace period node-2 is NotReady (its Ready condition is Unknown: no kubelet reports) and tainted unreachable; its pods are not Ready. In five minutes they are evicted.",
        )
        .when(&[NodeStatus("node-2", "NotReady"), NodeTainted("node-2", "node.kubernetes.io/unreachable"), PodNotReady("bare")]),
        step(
            380,
            "kubectl get pods -o wide",
            "Evicted, all three stay Terminating: no kubelet can confirm they stopped. The ReplicaSet has replaced its pod elsewhere; the StatefulSet waits (at most one pets-N); nothing replaces the bare pod.",
        )
        .when(&[PodStatus("bare", "Terminating"), Cattle("cattle", 3)]),
        step(
            410,
            "sim node heal node-2",
            "node-2 is back: its kubelet stops the old pods. Only now is the pet recreated under its old name; the bare pod is simply gone.",
        )
        .when(&[NodeStatus("node-2", "Ready"), PodGone("bare")]),
    ],
    end_ms: 450 * S,
    speed: 8.0,
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
    &CATTLE_AND_PETS,
    &DATABASE_AS_REPLICA_SET,
    &ROLLING_UPDATE_TWO_WAYS,
    &NODE_DIES_THREE_WAYS,
];
