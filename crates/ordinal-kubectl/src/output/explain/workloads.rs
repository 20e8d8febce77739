//! Deployments and ReplicaSets (apps/v1) and ReplicationControllers (v1): the controllers whose
//! pods are interchangeable.

use super::core::POD_TEMPLATE_SPEC;
use super::meta::*;
use super::schema::*;

pub const DEPLOYMENT: Schema = Schema {
    name: "Deployment",
    description: "Deployment keeps a number of interchangeable pods running and rolls out changes to their template through ReplicaSets, one per template revision.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("spec", Ty::Obj(&DEPLOYMENT_SPEC), "The pods the Deployment should run and how changes roll out."),
        f("status", Ty::Obj(&DEPLOYMENT_STATUS), "What the controller last observed of the Deployment. Read-only and possibly behind."),
    ],
};

pub const DEPLOYMENT_SPEC: Schema = Schema {
    name: "DeploymentSpec",
    description: "DeploymentSpec describes the pods a Deployment runs and how it replaces them.",
    fields: &[
        f("minReadySeconds", INT, "How long a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0."),
        f("paused", BOOL, "While true, template changes are not rolled out."),
        f("progressDeadlineSeconds", INT, "How long a rollout may go without progress before the Progressing condition says ProgressDeadlineExceeded. Defaults to 600."),
        f("replicas", INT, "How many pods should run. Defaults to 1."),
        f("revisionHistoryLimit", INT, "How many old ReplicaSets are kept for rollbacks. Defaults to 10."),
        req("selector", Ty::Obj(&LABEL_SELECTOR), "Which pods belong to the Deployment; it must match the template's labels and cannot change in apps/v1."),
        f("strategy", Ty::Obj(&DEPLOYMENT_STRATEGY), "How old pods are replaced by new ones."),
        req("template", Ty::Obj(&POD_TEMPLATE_SPEC), "The pods to create. Every pod gets a generated name; all of them share whatever volumes the template names."),
    ],
};

pub const DEPLOYMENT_STRATEGY: Schema = Schema {
    name: "DeploymentStrategy",
    description: "DeploymentStrategy says how a Deployment replaces its pods.",
    fields: &[
        f("rollingUpdate", Ty::Obj(&ROLLING_UPDATE_DEPLOYMENT), "Parameters of RollingUpdate."),
        e("type", &["Recreate", "RollingUpdate"], "Recreate removes every old pod before creating new ones; RollingUpdate replaces them gradually within maxSurge and maxUnavailable. Defaults to RollingUpdate."),
    ],
};

pub const ROLLING_UPDATE_DEPLOYMENT: Schema = Schema {
    name: "RollingUpdateDeployment",
    description: "RollingUpdateDeployment holds the bounds of a rolling update.",
    fields: &[
        f("maxSurge", INT_OR_STRING, "How many pods, or what percentage of replicas (rounded up), may run above the desired number during the update. Defaults to 25%."),
        f("maxUnavailable", INT_OR_STRING, "How many pods, or what percentage of replicas (rounded down), may be unavailable during the update. Defaults to 25%; it cannot be 0 when maxSurge is 0."),
    ],
};

pub const DEPLOYMENT_STATUS: Schema = Schema {
    name: "DeploymentStatus",
    description: "DeploymentStatus is what the Deployment controller last observed.",
    fields: &[
        f(
            "availableReplicas",
            INT,
            "Pods ready for at least minReadySeconds.",
        ),
        f(
            "collisionCount",
            INT,
            "How often ReplicaSet names collided; used to make new names.",
        ),
        f(
            "conditions",
            Ty::Arr(&Ty::Obj(&DEPLOYMENT_CONDITION)),
            "The Deployment's conditions: Available, Progressing, ReplicaFailure.",
        ),
        f(
            "observedGeneration",
            INT,
            "The generation of the spec this status describes.",
        ),
        f("readyReplicas", INT, "Pods with a Ready condition."),
        f(
            "replicas",
            INT,
            "Pods of all its ReplicaSets that are not terminating.",
        ),
        f(
            "unavailableReplicas",
            INT,
            "Pods still needed before the Deployment has all its replicas available.",
        ),
        f("updatedReplicas", INT, "Pods with the newest template."),
    ],
};

pub const DEPLOYMENT_CONDITION: Schema = Schema {
    name: "DeploymentCondition",
    description: "DeploymentCondition is one aspect of a Deployment's state.",
    fields: &[
        f("lastTransitionTime", TIME, "When the status last changed."),
        f(
            "lastUpdateTime",
            TIME,
            "When the condition was last written.",
        ),
        f("message", STR, "Details of the last change, for people."),
        f(
            "reason",
            STR,
            "Why the condition last changed, in CamelCase.",
        ),
        req("status", STR, "True, False or Unknown."),
        req("type", STR, "Which condition this is."),
    ],
};

pub const REPLICA_SET: Schema = Schema {
    name: "ReplicaSet",
    description: "ReplicaSet keeps a number of interchangeable pods matching its selector running, replacing any that go away. Deployments create and scale them.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("spec", Ty::Obj(&REPLICA_SET_SPEC), "The pods the ReplicaSet should run."),
        f("status", Ty::Obj(&REPLICA_SET_STATUS), "What the controller last observed of the ReplicaSet. Read-only and possibly behind."),
    ],
};

pub const REPLICA_SET_SPEC: Schema = Schema {
    name: "ReplicaSetSpec",
    description: "ReplicaSetSpec describes the pods a ReplicaSet runs.",
    fields: &[
        f("minReadySeconds", INT, "How long a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0."),
        f("replicas", INT, "How many pods should run. Defaults to 1."),
        req("selector", Ty::Obj(&LABEL_SELECTOR), "Which pods count towards replicas; it must match the template's labels."),
        f("template", Ty::Obj(&POD_TEMPLATE_SPEC), "The pods to create when there are too few; each gets the ReplicaSet's name and a random suffix."),
    ],
};

pub const REPLICA_SET_STATUS: Schema = Schema {
    name: "ReplicaSetStatus",
    description: "ReplicaSetStatus is what the ReplicaSet controller last observed.",
    fields: &[
        f(
            "availableReplicas",
            INT,
            "Pods ready for at least minReadySeconds.",
        ),
        f(
            "conditions",
            Ty::Arr(&Ty::Obj(&REPLICA_SET_CONDITION)),
            "The ReplicaSet's conditions.",
        ),
        f(
            "fullyLabeledReplicas",
            INT,
            "Pods whose labels match the template's labels.",
        ),
        f(
            "observedGeneration",
            INT,
            "The generation of the spec this status describes.",
        ),
        f("readyReplicas", INT, "Pods with a Ready condition."),
        req(
            "replicas",
            INT,
            "Pods the controller counts, excluding terminating ones.",
        ),
    ],
};

pub const REPLICA_SET_CONDITION: Schema = Schema {
    name: "ReplicaSetCondition",
    description: "ReplicaSetCondition is one aspect of a ReplicaSet's state.",
    fields: &[
        f("lastTransitionTime", TIME, "When the status last changed."),
        f("message", STR, "Details of the last change, for people."),
        f(
            "reason",
            STR,
            "Why the condition last changed, in CamelCase.",
        ),
        req("status", STR, "True, False or Unknown."),
        req("type", STR, "Which condition this is: ReplicaFailure."),
    ],
};

pub const REPLICATION_CONTROLLER: Schema = Schema {
    name: "ReplicationController",
    description: "ReplicationController is the older form of ReplicaSet: it keeps a number of pods matching an equality-based selector running.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("spec", Ty::Obj(&REPLICATION_CONTROLLER_SPEC), "The pods the controller should run."),
        f("status", Ty::Obj(&REPLICATION_CONTROLLER_STATUS), "What the controller last observed. Read-only and possibly behind."),
    ],
};

pub const REPLICATION_CONTROLLER_SPEC: Schema = Schema {
    name: "ReplicationControllerSpec",
    description: "ReplicationControllerSpec describes the pods a ReplicationController runs.",
    fields: &[
        f("minReadySeconds", INT, "How long a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0."),
        f("replicas", INT, "How many pods should run. Defaults to 1."),
        f("selector", STR_MAP, "Labels a pod must have to count towards replicas. Defaults to the template's labels."),
        f("template", Ty::Obj(&POD_TEMPLATE_SPEC), "The pods to create when there are too few."),
    ],
};

pub const REPLICATION_CONTROLLER_STATUS: Schema = Schema {
    name: "ReplicationControllerStatus",
    description: "ReplicationControllerStatus is what the controller last observed.",
    fields: &[
        f(
            "availableReplicas",
            INT,
            "Pods ready for at least minReadySeconds.",
        ),
        f(
            "conditions",
            Ty::Arr(&Ty::Obj(&REPLICA_SET_CONDITION)),
            "The controller's conditions.",
        ),
        f(
            "fullyLabeledReplicas",
            INT,
            "Pods whose labels match the template's labels.",
        ),
        f(
            "observedGeneration",
            INT,
            "The generation of the spec this status describes.",
        ),
        f("readyReplicas", INT, "Pods with a Ready condition."),
        req(
            "replicas",
            INT,
            "Pods the controller counts, excluding terminating ones.",
        ),
    ],
};
