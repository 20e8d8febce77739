//! Types every kind shares (meta/v1 and the apimachinery primitives).

use super::schema::*;

pub const TIME_SCHEMA: Schema = Schema {
    name: "Time",
    description:
        "Time is an instant written as an RFC 3339 timestamp with second precision, in UTC.",
    fields: &[],
};
pub const TIME: Ty = Ty::Scalar("string", &TIME_SCHEMA);

pub const QUANTITY_SCHEMA: Schema = Schema {
    name: "Quantity",
    description: "Quantity is an exact decimal amount with an optional suffix: binary (Ki, Mi, Gi) or decimal (m, k, M, G) multiples, as in 500m, 1Gi or 2.",
    fields: &[],
};
pub const QUANTITIES: Ty = Ty::Map(&Ty::Obj(&QUANTITY_SCHEMA));

pub const INT_OR_STRING_SCHEMA: Schema = Schema {
    name: "IntOrString",
    description: "IntOrString holds either a whole number or a string, such as a port number or a port name, or a count or a percentage.",
    fields: &[],
};
pub const INT_OR_STRING: Ty = Ty::Obj(&INT_OR_STRING_SCHEMA);

pub const API_VERSION: Field = f(
    "apiVersion",
    STR,
    "The group and version of the schema this object is written in, such as v1 or apps/v1. The server converts what it stores to the version a client asks for.",
);
pub const KIND: Field = f(
    "kind",
    STR,
    "The type of object this is, in CamelCase, such as Pod or StatefulSet. The server can tell it from the URL a request goes to; it cannot change.",
);
pub const METADATA: Field = f(
    "metadata",
    Ty::Obj(&OBJECT_META),
    "The object's name, namespace, labels, annotations, owners and the bookkeeping the server keeps for it.",
);

pub const OBJECT_META: Schema = Schema {
    name: "ObjectMeta",
    description: "ObjectMeta is what every stored object carries besides its spec and status: identity, labels, owners and the server's bookkeeping.",
    fields: &[
        f("annotations", STR_MAP, "Free-form key/value data for tools and people. Unlike labels, annotations cannot be selected on."),
        f("creationTimestamp", TIME, "When the server created the object. Set by the server; read-only."),
        f("deletionGracePeriodSeconds", INT, "How many seconds the object has left to go away gracefully once deletion was asked for. Set by the server; read-only."),
        f("deletionTimestamp", TIME, "When the object will be removed, set by the server as soon as deletion is requested. Until then finalizers and graceful termination may still run; read-only."),
        f("finalizers", STRS, "Names of the cleanups that must finish before the object is removed. Each controller deletes its own entry when its work is done."),
        f("generateName", STR, "A prefix the server completes with a random suffix to make a unique name when name is empty."),
        f("generation", INT, "A counter of changes to the desired state, raised by the server on every spec change. Read-only."),
        f("labels", STR_MAP, "Key/value pairs that selectors match, so Services, controllers and kubectl -l can find the object."),
        f("name", STR, "The object's name, unique per kind within a namespace. Most kinds need a DNS subdomain; it cannot be changed."),
        f("namespace", STR, "The namespace the object lives in. Empty for cluster-scoped kinds; it cannot be changed."),
        f("ownerReferences", Ty::Arr(&Ty::Obj(&OWNER_REFERENCE)), "The objects this one depends on. When every owner is gone the garbage collector deletes this object; at most one owner is the managing controller."),
        f("resourceVersion", STR, "An opaque version of this object that changes on every write. Clients pass it back for optimistic concurrency and to resume watches; read-only."),
        f("uid", STR, "A value unique in time and space that identifies this object, set by the server at creation. Read-only."),
    ],
};

pub const OWNER_REFERENCE: Schema = Schema {
    name: "OwnerReference",
    description: "OwnerReference names an object that owns this one, in the owner's namespace.",
    fields: &[
        req("apiVersion", STR, "The owner's API version."),
        f(
            "blockOwnerDeletion",
            BOOL,
            "When true, a foreground deletion of the owner waits until this object is gone.",
        ),
        f(
            "controller",
            BOOL,
            "True for the one owner that manages this object.",
        ),
        req("kind", STR, "The owner's kind."),
        req("name", STR, "The owner's name."),
        req(
            "uid",
            STR,
            "The owner's uid, so a new object with the same name is not taken for the owner.",
        ),
    ],
};

pub const LABEL_SELECTOR: Schema = Schema {
    name: "LabelSelector",
    description: "LabelSelector picks objects by their labels. All of its conditions must hold; an empty selector matches everything and a missing one matches nothing.",
    fields: &[
        f("matchExpressions", Ty::Arr(&Ty::Obj(&LABEL_SELECTOR_REQUIREMENT)), "Conditions on label keys and values, all of which must hold."),
        f("matchLabels", STR_MAP, "Labels the object must carry with exactly these values."),
    ],
};

pub const LABEL_SELECTOR_REQUIREMENT: Schema = Schema {
    name: "LabelSelectorRequirement",
    description:
        "LabelSelectorRequirement is one condition on a label: a key, an operator and values.",
    fields: &[
        req("key", STR, "The label key the condition is about."),
        req(
            "operator",
            STR,
            "How the key relates to the values: In, NotIn, Exists or DoesNotExist.",
        ),
        f(
            "values",
            STRS,
            "The values for In and NotIn; must be empty for Exists and DoesNotExist.",
        ),
    ],
};
