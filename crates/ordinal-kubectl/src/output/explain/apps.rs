//! The apps group (apps/v1): StatefulSet and ControllerRevision.

use super::core::{POD_TEMPLATE_SPEC, PVC};
use super::meta::*;
use super::schema::*;

pub const STATEFUL_SET: Schema = Schema {
    name: "StatefulSet",
    description: "StatefulSet runs a set of pods that keep their identity: each pod has an ordinal, a stable name and DNS name, and its own volumes that follow it when it is replaced.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("spec", Ty::Obj(&STATEFUL_SET_SPEC), "The pods the set should run."),
        f("status", Ty::Obj(&STATEFUL_SET_STATUS), "What the controller last observed of the set. Read-only and possibly behind."),
    ],
};

pub const STATEFUL_SET_SPEC: Schema = Schema {
    name: "StatefulSetSpec",
    description: "StatefulSetSpec describes the pods of a StatefulSet and how they are created, updated and removed.",
    fields: &[
        f("minReadySeconds", INT, "How long a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0."),
        f("ordinals", Ty::Obj(&STATEFUL_SET_ORDINALS), "Where the pods' ordinals start."),
        f("persistentVolumeClaimRetentionPolicy", Ty::Obj(&PVC_RETENTION_POLICY), "Whether the claims made from volumeClaimTemplates are deleted with the set or when it scales down. By default they are kept."),
        e("podManagementPolicy", &["OrderedReady", "Parallel"], "OrderedReady creates pods one at a time in ordinal order, each after the previous is ready, and removes them in reverse; Parallel creates and removes them all at once. Cannot change."),
        f("replicas", INT, "How many pods the set should run. Defaults to 1."),
        f("revisionHistoryLimit", INT, "How many old revisions the controller keeps for rollbacks. Defaults to 10."),
        req("selector", Ty::Obj(&LABEL_SELECTOR), "Which pods belong to the set; it must match the template's labels and cannot change."),
        f("serviceName", STR, "The headless Service that gives the pods their DNS names, <pod>.<serviceName>.<namespace>.svc. The set does not create it."),
        req("template", Ty::Obj(&POD_TEMPLATE_SPEC), "The pods to create. Each gets the set's name and its ordinal as its name, and claims of its own for the volumeClaimTemplates."),
        f("updateStrategy", Ty::Obj(&STATEFUL_SET_UPDATE_STRATEGY), "How pods are replaced when the template changes."),
        f("volumeClaimTemplates", Ty::Arr(&Ty::Obj(&PVC)), "Claims every pod gets, named <template>-<pod>. They outlive their pods unless the retention policy says otherwise."),
    ],
};

pub const STATEFUL_SET_ORDINALS: Schema = Schema {
    name: "StatefulSetOrdinals",
    description: "StatefulSetOrdinals sets the range of ordinals a set uses.",
    fields: &[f(
        "start",
        INT,
        "The first ordinal; replicas pods are numbered from here. Defaults to 0.",
    )],
};

pub const PVC_RETENTION_POLICY: Schema = Schema {
    name: "StatefulSetPersistentVolumeClaimRetentionPolicy",
    description: "StatefulSetPersistentVolumeClaimRetentionPolicy says when the claims made for a set's pods are deleted.",
    fields: &[
        e("whenDeleted", &["Delete", "Retain"], "What happens to the claims when the set is deleted. Defaults to Retain."),
        e("whenScaled", &["Delete", "Retain"], "What happens to the claims of pods removed by scaling down. Defaults to Retain."),
    ],
};

pub const STATEFUL_SET_UPDATE_STRATEGY: Schema = Schema {
    name: "StatefulSetUpdateStrategy",
    description: "StatefulSetUpdateStrategy says how a set replaces its pods after a template change.",
    fields: &[
        f("rollingUpdate", Ty::Obj(&ROLLING_UPDATE), "Parameters of RollingUpdate."),
        e("type", &["OnDelete", "RollingUpdate"], "RollingUpdate replaces pods from the highest ordinal down; OnDelete waits for pods to be deleted by hand. Defaults to RollingUpdate."),
    ],
};

pub const ROLLING_UPDATE: Schema = Schema {
    name: "RollingUpdateStatefulSetStrategy",
    description: "RollingUpdateStatefulSetStrategy holds the parameters of a rolling update.",
    fields: &[
        f("maxUnavailable", INT_OR_STRING, "How many pods, or what percentage, may be unavailable during the update. Defaults to 1; needs the MaxUnavailableStatefulSet feature."),
        f("partition", INT, "Only pods with an ordinal at or above this number are updated; the rest keep the old revision. Defaults to 0."),
    ],
};

pub const STATEFUL_SET_STATUS: Schema = Schema {
    name: "StatefulSetStatus",
    description: "StatefulSetStatus is what the StatefulSet controller last observed.",
    fields: &[
        f(
            "availableReplicas",
            INT,
            "Pods ready for at least minReadySeconds.",
        ),
        f(
            "collisionCount",
            INT,
            "How often revision names collided; used to make new names.",
        ),
        f(
            "conditions",
            Ty::Arr(&Ty::Obj(&STATEFUL_SET_CONDITION)),
            "The set's conditions.",
        ),
        f("currentReplicas", INT, "Pods at the current revision."),
        f(
            "currentRevision",
            STR,
            "The revision of the pods before the update in progress.",
        ),
        f(
            "observedGeneration",
            INT,
            "The generation of the spec this status describes.",
        ),
        f("readyReplicas", INT, "Pods with a Ready condition."),
        req("replicas", INT, "Pods the controller created."),
        f(
            "updateRevision",
            STR,
            "The revision pods are being updated to.",
        ),
        f("updatedReplicas", INT, "Pods at the update revision."),
    ],
};

pub const STATEFUL_SET_CONDITION: Schema = Schema {
    name: "StatefulSetCondition",
    description: "StatefulSetCondition is one aspect of a set's state.",
    fields: &[
        f("lastTransitionTime", TIME, "When the status last changed."),
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

pub const RAW_EXTENSION: Schema = Schema {
    name: "RawExtension",
    description: "RawExtension is an embedded object kept as the JSON it was written in.",
    fields: &[],
};

pub const CONTROLLER_REVISION: Schema = Schema {
    name: "ControllerRevision",
    description: "ControllerRevision is an immutable snapshot of the state a controller rolls out, such as a StatefulSet's pod template, kept so it can roll back to it.",
    fields: &[
        API_VERSION,
        f("data", Ty::Obj(&RAW_EXTENSION), "The snapshot."),
        KIND,
        METADATA,
        req("revision", INT, "The revision's number, higher for newer revisions."),
    ],
};
