//! The discovery group (discovery.k8s.io/v1): EndpointSlice.

use super::core::OBJECT_REFERENCE;
use super::meta::*;
use super::schema::*;

pub const ENDPOINT_SLICE: Schema = Schema {
    name: "EndpointSlice",
    description: "EndpointSlice lists some of the network endpoints behind a Service; the EndpointSlice controller keeps them in step with the pods the Service selects.",
    fields: &[
        ereq("addressType", &["FQDN", "IPv4", "IPv6"], "The kind of address every endpoint of the slice has. Cannot change."),
        API_VERSION,
        req("endpoints", Ty::Arr(&Ty::Obj(&ENDPOINT)), "The endpoints, at most 1000."),
        KIND,
        METADATA,
        f("ports", Ty::Arr(&Ty::Obj(&ENDPOINT_PORT)), "The ports every endpoint of the slice serves."),
    ],
};

pub const ENDPOINT: Schema = Schema {
    name: "Endpoint",
    description: "Endpoint is one backend of a Service, usually a pod.",
    fields: &[
        req(
            "addresses",
            STRS,
            "The endpoint's addresses, of the slice's address type.",
        ),
        f(
            "conditions",
            Ty::Obj(&ENDPOINT_CONDITIONS),
            "Whether the endpoint should receive traffic.",
        ),
        f(
            "hostname",
            STR,
            "The DNS label the endpoint is published under, such as a StatefulSet pod's name.",
        ),
        f("nodeName", STR, "The node the endpoint runs on."),
        f(
            "targetRef",
            Ty::Obj(&OBJECT_REFERENCE),
            "The object behind the endpoint, usually a pod.",
        ),
    ],
};

pub const ENDPOINT_CONDITIONS: Schema = Schema {
    name: "EndpointConditions",
    description: "EndpointConditions says whether an endpoint can take traffic.",
    fields: &[
        f("ready", BOOL, "Whether the endpoint should get new connections: serving and not terminating, or always with publishNotReadyAddresses."),
        f("serving", BOOL, "Whether the endpoint passes its readiness checks, even while terminating."),
        f("terminating", BOOL, "Whether the endpoint is being shut down."),
    ],
};

pub const ENDPOINT_PORT: Schema = Schema {
    name: "EndpointPort",
    description: "EndpointPort is one port the endpoints serve.",
    fields: &[
        f("name", STR, "The Service port's name."),
        f("port", INT, "The port number on the endpoints."),
        e(
            "protocol",
            &["SCTP", "TCP", "UDP"],
            "The port's protocol. Defaults to TCP.",
        ),
    ],
};
