//! The core group (v1): Pod, Service, Node, Namespace, ConfigMap, Event, PersistentVolume,
//! PersistentVolumeClaim and the types they use.

use super::meta::*;
use super::schema::*;

const PROTOCOLS: &[&str] = &["SCTP", "TCP", "UDP"];
const PULL_POLICIES: &[&str] = &["Always", "IfNotPresent", "Never"];
const RECLAIM_POLICIES: &[&str] = &["Delete", "Recycle", "Retain"];
const VOLUME_MODES: &[&str] = &["Block", "Filesystem"];
const TAINT_EFFECTS: &[&str] = &["NoExecute", "NoSchedule", "PreferNoSchedule"];

pub const POD: Schema = Schema {
    name: "Pod",
    description: "Pod is a group of containers that share a network identity and volumes and run together on one node. Clients create pods, the scheduler places them and the node's kubelet runs them.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("spec", Ty::Obj(&POD_SPEC), "What the pod should run and how."),
        f("status", Ty::Obj(&POD_STATUS), "What the pod is doing now, as its kubelet last reported. Read-only and possibly behind."),
    ],
};

pub const POD_TEMPLATE_SPEC: Schema = Schema {
    name: "PodTemplateSpec",
    description: "PodTemplateSpec is the blueprint a controller stamps pods from.",
    fields: &[
        f(
            "metadata",
            Ty::Obj(&OBJECT_META),
            "Labels and annotations every pod made from this template gets.",
        ),
        f(
            "spec",
            Ty::Obj(&POD_SPEC),
            "The spec every pod made from this template gets.",
        ),
    ],
};

pub const POD_SPEC: Schema = Schema {
    name: "PodSpec",
    description: "PodSpec describes the containers a pod runs, its volumes and where and how it may run.",
    fields: &[
        f("activeDeadlineSeconds", INT, "How long the pod may be active, counted from its start, before the kubelet fails it."),
        f("affinity", Ty::Obj(&AFFINITY), "Rules that attract the pod to, or keep it away from, nodes and other pods."),
        req("containers", Ty::Arr(&Ty::Obj(&CONTAINER)), "The containers of the pod. There must be at least one, and the list cannot change once the pod exists."),
        e("dnsPolicy", &["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"], "How the pod's resolv.conf is written. The default, ClusterFirst, points it at the cluster DNS with the namespace's search path."),
        f("hostname", STR, "The pod's hostname. When empty, the pod's name is used."),
        f("nodeName", STR, "The node the pod is bound to. The scheduler sets it; setting it at creation skips scheduling."),
        f("nodeSelector", STR_MAP, "Labels a node must carry for the pod to be scheduled onto it."),
        e("restartPolicy", &["Always", "Never", "OnFailure"], "When the kubelet restarts the pod's containers after they exit. Defaults to Always."),
        f("schedulerName", STR, "Which scheduler places the pod. Defaults to the default scheduler."),
        f("serviceAccountName", STR, "The service account the pod runs as."),
        f("subdomain", STR, "With a headless Service of this name, gives the pod the DNS name <hostname>.<subdomain>.<namespace>.svc.<cluster domain>."),
        f("terminationGracePeriodSeconds", INT, "How many seconds the containers get to stop after the termination signal before they are killed. Defaults to 30."),
        f("tolerations", Ty::Arr(&Ty::Obj(&TOLERATION)), "The node taints the pod accepts."),
        f("volumes", Ty::Arr(&Ty::Obj(&VOLUME)), "Volumes the pod's containers can mount."),
    ],
};

pub const AFFINITY: Schema = Schema {
    name: "Affinity",
    description:
        "Affinity groups the pod's node affinity, pod affinity and pod anti-affinity rules.",
    fields: &[],
};

pub const CONTAINER: Schema = Schema {
    name: "Container",
    description: "Container is one program the pod runs, from an image.",
    fields: &[
        f("args", STRS, "Arguments to the entrypoint. When empty, the image's own arguments are used."),
        f("command", STRS, "The entrypoint, run without a shell. When empty, the image's entrypoint is used."),
        f("env", Ty::Arr(&Ty::Obj(&ENV_VAR)), "Environment variables set in the container."),
        f("image", STR, "The image to run, as a registry reference."),
        e("imagePullPolicy", PULL_POLICIES, "When the kubelet pulls the image. Defaults to Always for :latest or an untagged image, else IfNotPresent."),
        f("livenessProbe", Ty::Obj(&PROBE), "A check that restarts the container when it fails too often."),
        req("name", STR, "The container's name, unique within the pod."),
        f("ports", Ty::Arr(&Ty::Obj(&CONTAINER_PORT)), "Ports the container listens on. Informational: a port not listed is still reachable."),
        f("readinessProbe", Ty::Obj(&PROBE), "A check that takes the pod out of Service endpoints while it fails."),
        f("resources", Ty::Obj(&RESOURCE_REQUIREMENTS), "The compute resources the container asks for and may not exceed."),
        f("startupProbe", Ty::Obj(&PROBE), "A check that must pass before the other probes start."),
        f("stdin", BOOL, "Whether the container keeps a stdin open for attaching."),
        f("stdinOnce", BOOL, "Whether stdin closes after the first attached session ends."),
        f("terminationMessagePath", STR, "The file whose contents become the container's termination message."),
        e("terminationMessagePolicy", &["FallbackToLogsOnError", "File"], "Where the termination message comes from."),
        f("tty", BOOL, "Whether the container gets a terminal."),
        f("volumeMounts", Ty::Arr(&Ty::Obj(&VOLUME_MOUNT)), "The pod's volumes mounted into the container's file system."),
    ],
};

pub const CONTAINER_PORT: Schema = Schema {
    name: "ContainerPort",
    description: "ContainerPort is one network port of a container.",
    fields: &[
        req("containerPort", INT, "The port number inside the pod."),
        f(
            "hostPort",
            INT,
            "A port on the node forwarded to the container port.",
        ),
        f("name", STR, "A name Services can refer to the port by."),
        e(
            "protocol",
            PROTOCOLS,
            "The port's protocol. Defaults to TCP.",
        ),
    ],
};

pub const ENV_VAR: Schema = Schema {
    name: "EnvVar",
    description: "EnvVar is one environment variable of a container.",
    fields: &[
        req("name", STR, "The variable's name."),
        f(
            "value",
            STR,
            "The variable's value; $(VAR) refers to variables defined before it.",
        ),
    ],
};

pub const RESOURCE_REQUIREMENTS: Schema = Schema {
    name: "ResourceRequirements",
    description: "ResourceRequirements holds the compute resources a container requests and its limits.",
    fields: &[
        f("limits", QUANTITIES, "The most of each resource the container may use."),
        f("requests", QUANTITIES, "The resources the scheduler reserves for the container. Default to the limits when only those are set."),
    ],
};

pub const VOLUME_MOUNT: Schema = Schema {
    name: "VolumeMount",
    description: "VolumeMount mounts one of the pod's volumes into a container.",
    fields: &[
        req(
            "mountPath",
            STR,
            "Where in the container the volume appears.",
        ),
        req("name", STR, "The name of the pod volume to mount."),
        f("readOnly", BOOL, "Mounts the volume read-only when true."),
    ],
};

pub const PROBE: Schema = Schema {
    name: "Probe",
    description: "Probe is a periodic check the kubelet runs against a container.",
    fields: &[
        f(
            "exec",
            Ty::Obj(&EXEC_ACTION),
            "Runs a command in the container; exit status 0 passes.",
        ),
        f(
            "failureThreshold",
            INT,
            "How many failures in a row count as failed. Defaults to 3.",
        ),
        f(
            "httpGet",
            Ty::Obj(&HTTP_GET_ACTION),
            "Sends an HTTP GET; a status from 200 to 399 passes.",
        ),
        f(
            "initialDelaySeconds",
            INT,
            "Seconds after the container starts before the first check.",
        ),
        f(
            "periodSeconds",
            INT,
            "Seconds between checks. Defaults to 10.",
        ),
        f(
            "successThreshold",
            INT,
            "How many passes in a row count as passed after a failure. Defaults to 1.",
        ),
        f(
            "tcpSocket",
            Ty::Obj(&TCP_SOCKET_ACTION),
            "Opens a TCP connection; connecting passes.",
        ),
        f(
            "timeoutSeconds",
            INT,
            "Seconds a check may take. Defaults to 1.",
        ),
    ],
};

pub const EXEC_ACTION: Schema = Schema {
    name: "ExecAction",
    description: "ExecAction runs a command inside the container.",
    fields: &[f(
        "command",
        STRS,
        "The command and its arguments, run without a shell.",
    )],
};

pub const HTTP_GET_ACTION: Schema = Schema {
    name: "HTTPGetAction",
    description: "HTTPGetAction sends an HTTP GET request to the pod.",
    fields: &[
        f("path", STR, "The request path."),
        req(
            "port",
            INT_OR_STRING,
            "The port number or the container port's name.",
        ),
        e(
            "scheme",
            &["HTTP", "HTTPS"],
            "HTTP or HTTPS. Defaults to HTTP.",
        ),
    ],
};

pub const TCP_SOCKET_ACTION: Schema = Schema {
    name: "TCPSocketAction",
    description: "TCPSocketAction opens a TCP connection to the pod.",
    fields: &[req(
        "port",
        INT_OR_STRING,
        "The port number or the container port's name.",
    )],
};

pub const TOLERATION: Schema = Schema {
    name: "Toleration",
    description: "Toleration lets a pod onto nodes with a matching taint.",
    fields: &[
        e("effect", TAINT_EFFECTS, "The taint effect to match; empty matches every effect."),
        f("key", STR, "The taint key to match; empty with operator Exists matches every taint."),
        e("operator", &["Equal", "Exists"], "Equal matches the value; Exists matches any value. Defaults to Equal."),
        f("tolerationSeconds", INT, "For NoExecute taints, how long the pod stays bound after the taint appears. Unset means forever."),
        f("value", STR, "The taint value to match with Equal."),
    ],
};

pub const VOLUME: Schema = Schema {
    name: "Volume",
    description: "Volume is storage the pod's containers can mount, named within the pod.",
    fields: &[
        f(
            "configMap",
            Ty::Obj(&CONFIG_MAP_VOLUME_SOURCE),
            "Files made from the keys of a ConfigMap.",
        ),
        f(
            "emptyDir",
            Ty::Obj(&EMPTY_DIR_VOLUME_SOURCE),
            "An empty directory that lives as long as the pod.",
        ),
        f(
            "hostPath",
            Ty::Obj(&HOST_PATH_VOLUME_SOURCE),
            "A file or directory of the node's own file system.",
        ),
        req(
            "name",
            STR,
            "The volume's name, which volume mounts refer to.",
        ),
        f(
            "persistentVolumeClaim",
            Ty::Obj(&PVC_VOLUME_SOURCE),
            "The volume bound to a PersistentVolumeClaim in the pod's namespace.",
        ),
    ],
};

pub const CONFIG_MAP_VOLUME_SOURCE: Schema = Schema {
    name: "ConfigMapVolumeSource",
    description: "ConfigMapVolumeSource turns a ConfigMap's keys into files.",
    fields: &[],
};

pub const EMPTY_DIR_VOLUME_SOURCE: Schema = Schema {
    name: "EmptyDirVolumeSource",
    description:
        "EmptyDirVolumeSource is scratch space that starts empty and is deleted with the pod.",
    fields: &[],
};

pub const HOST_PATH_VOLUME_SOURCE: Schema = Schema {
    name: "HostPathVolumeSource",
    description: "HostPathVolumeSource is a path on the node itself.",
    fields: &[
        req("path", STR, "The path on the node."),
        e(
            "type",
            &[
                "\"\"",
                "BlockDevice",
                "CharDevice",
                "Directory",
                "DirectoryOrCreate",
                "File",
                "FileOrCreate",
                "Socket",
            ],
            "What must exist at the path, checked before mounting. Empty checks nothing.",
        ),
    ],
};

pub const PVC_VOLUME_SOURCE: Schema = Schema {
    name: "PersistentVolumeClaimVolumeSource",
    description: "PersistentVolumeClaimVolumeSource mounts the volume a claim is bound to.",
    fields: &[
        req(
            "claimName",
            STR,
            "The name of the claim, in the pod's namespace.",
        ),
        f("readOnly", BOOL, "Mounts the volume read-only when true."),
    ],
};

pub const POD_STATUS: Schema = Schema {
    name: "PodStatus",
    description: "PodStatus is what the kubelet last observed of a pod.",
    fields: &[
        f(
            "conditions",
            Ty::Arr(&Ty::Obj(&POD_CONDITION)),
            "The pod's conditions, such as PodScheduled, Initialized, ContainersReady and Ready.",
        ),
        f(
            "containerStatuses",
            Ty::Arr(&Ty::Obj(&CONTAINER_STATUS)),
            "One entry per container of the spec.",
        ),
        f(
            "hostIP",
            STR,
            "The primary IP address of the node the pod runs on.",
        ),
        f(
            "hostIPs",
            Ty::Arr(&Ty::Obj(&HOST_IP)),
            "All IP addresses of the node the pod runs on.",
        ),
        f("message", STR, "Why the pod is in its phase, for people."),
        e(
            "phase",
            &["Failed", "Pending", "Running", "Succeeded", "Unknown"],
            "Where the pod is in its life, in one word. A summary, not a state machine.",
        ),
        f(
            "podIP",
            STR,
            "The pod's primary IP address, once it has one.",
        ),
        f(
            "podIPs",
            Ty::Arr(&Ty::Obj(&POD_IP)),
            "All IP addresses of the pod.",
        ),
        e(
            "qosClass",
            &["BestEffort", "Burstable", "Guaranteed"],
            "The quality-of-service class its resources put the pod in.",
        ),
        f(
            "reason",
            STR,
            "Why the pod is in its phase, in CamelCase, such as Evicted.",
        ),
        f(
            "startTime",
            TIME,
            "When the kubelet accepted the pod, before pulling any image.",
        ),
    ],
};

pub const POD_CONDITION: Schema = Schema {
    name: "PodCondition",
    description: "PodCondition is one aspect of a pod's state and when it last changed.",
    fields: &[
        f(
            "lastProbeTime",
            TIME,
            "When the condition was last checked.",
        ),
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

pub const HOST_IP: Schema = Schema {
    name: "HostIP",
    description: "HostIP is one IP address of the pod's node.",
    fields: &[req("ip", STR, "The address.")],
};

pub const POD_IP: Schema = Schema {
    name: "PodIP",
    description: "PodIP is one IP address of the pod.",
    fields: &[req("ip", STR, "The address.")],
};

pub const CONTAINER_STATUS: Schema = Schema {
    name: "ContainerStatus",
    description: "ContainerStatus is what the kubelet last observed of one container.",
    fields: &[
        f(
            "containerID",
            STR,
            "The runtime's id of the container, as <runtime>://<id>.",
        ),
        req("image", STR, "The image the container runs."),
        req(
            "imageID",
            STR,
            "The digest of the image the container runs.",
        ),
        f(
            "lastState",
            Ty::Obj(&CONTAINER_STATE),
            "How the previous run of the container ended.",
        ),
        req("name", STR, "The container's name from the spec."),
        req(
            "ready",
            BOOL,
            "Whether the container passes its readiness probe.",
        ),
        req(
            "restartCount",
            INT,
            "How many times the kubelet restarted the container.",
        ),
        f(
            "started",
            BOOL,
            "Whether the container passed its startup probe.",
        ),
        f(
            "state",
            Ty::Obj(&CONTAINER_STATE),
            "What the container is doing now.",
        ),
    ],
};

pub const CONTAINER_STATE: Schema = Schema {
    name: "ContainerState",
    description: "ContainerState is one of waiting, running or terminated. When none is set the container is waiting.",
    fields: &[
        f("running", Ty::Obj(&CONTAINER_STATE_RUNNING), "The container is running."),
        f("terminated", Ty::Obj(&CONTAINER_STATE_TERMINATED), "The container ran and exited."),
        f("waiting", Ty::Obj(&CONTAINER_STATE_WAITING), "The container is not running yet."),
    ],
};

pub const CONTAINER_STATE_WAITING: Schema = Schema {
    name: "ContainerStateWaiting",
    description: "ContainerStateWaiting says why a container is not running yet.",
    fields: &[
        f("message", STR, "Details, for people."),
        f(
            "reason",
            STR,
            "Why the container waits, such as ContainerCreating or CrashLoopBackOff.",
        ),
    ],
};

pub const CONTAINER_STATE_RUNNING: Schema = Schema {
    name: "ContainerStateRunning",
    description: "ContainerStateRunning says since when a container runs.",
    fields: &[f("startedAt", TIME, "When the container last started.")],
};

pub const CONTAINER_STATE_TERMINATED: Schema = Schema {
    name: "ContainerStateTerminated",
    description: "ContainerStateTerminated says how a container's run ended.",
    fields: &[
        req(
            "exitCode",
            INT,
            "The exit status of the container's process.",
        ),
        f("finishedAt", TIME, "When the container exited."),
        f(
            "reason",
            STR,
            "Why it exited, such as Completed, Error or OOMKilled.",
        ),
        f("startedAt", TIME, "When that run started."),
    ],
};

pub const SERVICE: Schema = Schema {
    name: "Service",
    description: "Service gives a set of pods one name and a stable address: a virtual IP the proxy balances over them, or, when headless, DNS records for each of them.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("spec", Ty::Obj(&SERVICE_SPEC), "Which pods the Service covers and how it exposes them."),
        f("status", Ty::Obj(&SERVICE_STATUS), "What the cluster did for the Service, such as a load balancer. Read-only."),
    ],
};

pub const SERVICE_SPEC: Schema = Schema {
    name: "ServiceSpec",
    description: "ServiceSpec says which pods a Service covers and on which ports.",
    fields: &[
        f("clusterIP", STR, "The virtual IP of the Service, picked by the server unless given. None makes a headless Service: no virtual IP, DNS answers with the pods' own addresses. Cannot change."),
        f("clusterIPs", STRS, "The virtual IPs, one per IP family; the first equals clusterIP."),
        f("ports", Ty::Arr(&Ty::Obj(&SERVICE_PORT)), "The ports the Service exposes."),
        f("publishNotReadyAddresses", BOOL, "Publishes the addresses of pods that are not ready, so they get DNS names as soon as they have an IP. StatefulSets use it to let peers find each other before they are ready."),
        f("selector", STR_MAP, "Labels of the pods that receive the Service's traffic. Without a selector, endpoints are managed by hand."),
        e("sessionAffinity", &["ClientIP", "None"], "ClientIP keeps a client on the same pod. Defaults to None."),
        e("type", &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"], "How the Service is exposed. Defaults to ClusterIP, reachable inside the cluster only."),
    ],
};

pub const SERVICE_PORT: Schema = Schema {
    name: "ServicePort",
    description: "ServicePort is one port a Service exposes.",
    fields: &[
        f(
            "name",
            STR,
            "The port's name; needed when there are several, and what SRV records are named after.",
        ),
        req("port", INT, "The port the Service listens on."),
        e(
            "protocol",
            PROTOCOLS,
            "The port's protocol. Defaults to TCP.",
        ),
        f(
            "targetPort",
            INT_OR_STRING,
            "The port number or container port name on the pods. Defaults to port.",
        ),
    ],
};

pub const SERVICE_STATUS: Schema = Schema {
    name: "ServiceStatus",
    description: "ServiceStatus is what the cluster did for a Service.",
    fields: &[],
};

pub const NODE: Schema = Schema {
    name: "Node",
    description: "Node is a machine that runs pods, registered and kept up to date by its kubelet.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("spec", Ty::Obj(&NODE_SPEC), "How the node may be used."),
        f(
            "status",
            Ty::Obj(&NODE_STATUS),
            "The node's state as its kubelet last reported. Read-only.",
        ),
    ],
};

pub const NODE_SPEC: Schema = Schema {
    name: "NodeSpec",
    description: "NodeSpec says how a node may be used.",
    fields: &[
        f(
            "podCIDR",
            STR,
            "The range the node's pods get IP addresses from.",
        ),
        f("providerID", STR, "The machine's id at its cloud provider."),
        f(
            "taints",
            Ty::Arr(&Ty::Obj(&TAINT)),
            "Taints that keep pods without a matching toleration away.",
        ),
        f(
            "unschedulable",
            BOOL,
            "Keeps new pods off the node; kubectl cordon sets it.",
        ),
    ],
};

pub const TAINT: Schema = Schema {
    name: "Taint",
    description:
        "Taint marks a node so that only pods tolerating it are scheduled or keep running there.",
    fields: &[
        ereq(
            "effect",
            TAINT_EFFECTS,
            "What happens to pods that do not tolerate the taint.",
        ),
        req("key", STR, "The taint's key."),
        f("timeAdded", TIME, "When a NoExecute taint was added."),
        f("value", STR, "The taint's value."),
    ],
};

pub const NODE_STATUS: Schema = Schema {
    name: "NodeStatus",
    description: "NodeStatus is a node's state as its kubelet and the node controller last saw it.",
    fields: &[
        f(
            "addresses",
            Ty::Arr(&Ty::Obj(&NODE_ADDRESS)),
            "The node's addresses, such as its InternalIP and Hostname.",
        ),
        f(
            "allocatable",
            QUANTITIES,
            "The resources left for pods once the system's share is taken.",
        ),
        f("capacity", QUANTITIES, "The node's total resources."),
        f(
            "conditions",
            Ty::Arr(&Ty::Obj(&NODE_CONDITION)),
            "The node's conditions, such as Ready and MemoryPressure.",
        ),
        f(
            "nodeInfo",
            Ty::Obj(&NODE_SYSTEM_INFO),
            "Versions and ids of the machine's software.",
        ),
        f(
            "volumesAttached",
            Ty::Arr(&Ty::Obj(&ATTACHED_VOLUME)),
            "Volumes attached to the node.",
        ),
        f(
            "volumesInUse",
            STRS,
            "Volumes the node's pods have mounted.",
        ),
    ],
};

pub const NODE_ADDRESS: Schema = Schema {
    name: "NodeAddress",
    description: "NodeAddress is one address of a node.",
    fields: &[
        req("address", STR, "The address."),
        req(
            "type",
            STR,
            "Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.",
        ),
    ],
};

pub const NODE_CONDITION: Schema = Schema {
    name: "NodeCondition",
    description: "NodeCondition is one aspect of a node's health.",
    fields: &[
        f(
            "lastHeartbeatTime",
            TIME,
            "When the kubelet last confirmed the condition.",
        ),
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

pub const NODE_SYSTEM_INFO: Schema = Schema {
    name: "NodeSystemInfo",
    description: "NodeSystemInfo describes a node's operating system and node software.",
    fields: &[
        req("architecture", STR, "The CPU architecture."),
        req(
            "containerRuntimeVersion",
            STR,
            "The container runtime and its version.",
        ),
        req("kernelVersion", STR, "The kernel version."),
        req("kubeletVersion", STR, "The kubelet version."),
        req("operatingSystem", STR, "The operating system."),
        req("osImage", STR, "The operating system image."),
    ],
};

pub const ATTACHED_VOLUME: Schema = Schema {
    name: "AttachedVolume",
    description: "AttachedVolume is a volume attached to a node.",
    fields: &[
        req(
            "devicePath",
            STR,
            "Where the volume's device is on the node.",
        ),
        req("name", STR, "The volume's name."),
    ],
};

pub const NAMESPACE: Schema = Schema {
    name: "Namespace",
    description: "Namespace is a scope for names: objects of one kind must have different names within a namespace, and deleting it deletes everything in it.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("status", Ty::Obj(&NAMESPACE_STATUS), "Whether the namespace is in use or going away. Read-only."),
    ],
};

pub const NAMESPACE_STATUS: Schema = Schema {
    name: "NamespaceStatus",
    description: "NamespaceStatus says where a namespace is in its life.",
    fields: &[e(
        "phase",
        &["Active", "Terminating"],
        "Active, or Terminating while its contents are deleted.",
    )],
};

pub const CONFIG_MAP: Schema = Schema {
    name: "ConfigMap",
    description: "ConfigMap holds configuration as key/value pairs that pods read as environment variables or files.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("data", STR_MAP, "The configuration: keys are file-name-like, values are text."),
    ],
};

pub const EVENT: Schema = Schema {
    name: "Event",
    description: "Event is a report that something happened to an object, recorded by the component that saw it. Events expire after a while.",
    fields: &[
        API_VERSION,
        f("count", INT, "How many times the same event happened."),
        f("firstTimestamp", TIME, "When the event was first seen."),
        req("involvedObject", Ty::Obj(&OBJECT_REFERENCE), "The object the event is about."),
        KIND,
        f("lastTimestamp", TIME, "When the event was last seen."),
        f("message", STR, "What happened, for people."),
        req("metadata", Ty::Obj(&OBJECT_META), "The event's own name, namespace and bookkeeping."),
        f("reason", STR, "What happened, in CamelCase, for machines."),
        f("reportingComponent", STR, "The controller or kubelet that recorded the event."),
        f("source", Ty::Obj(&EVENT_SOURCE), "The component and host that recorded the event."),
        f("type", STR, "Normal or Warning."),
    ],
};

pub const EVENT_SOURCE: Schema = Schema {
    name: "EventSource",
    description: "EventSource names who recorded an event.",
    fields: &[
        f("component", STR, "The recording component."),
        f("host", STR, "The node it ran on."),
    ],
};

pub const OBJECT_REFERENCE: Schema = Schema {
    name: "ObjectReference",
    description: "ObjectReference points at one object, by kind, namespace and name.",
    fields: &[
        f("apiVersion", STR, "The object's API version."),
        f(
            "fieldPath",
            STR,
            "A part of the object, such as one container: spec.containers{web}.",
        ),
        f("kind", STR, "The object's kind."),
        f("name", STR, "The object's name."),
        f("namespace", STR, "The object's namespace."),
        f(
            "resourceVersion",
            STR,
            "The object's version the reference was made from.",
        ),
        f("uid", STR, "The object's uid."),
    ],
};

pub const PV: Schema = Schema {
    name: "PersistentVolume",
    description: "PersistentVolume is a piece of storage in the cluster, provisioned by an administrator or a provisioner, that a claim can bind.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("spec", Ty::Obj(&PV_SPEC), "The storage and how it may be used."),
        f("status", Ty::Obj(&PV_STATUS), "Whether the volume is available, bound or released. Read-only."),
    ],
};

pub const PV_SPEC: Schema = Schema {
    name: "PersistentVolumeSpec",
    description: "PersistentVolumeSpec describes a volume's storage and the claim it is bound to.",
    fields: &[
        f("accessModes", STRS, "How the volume can be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod."),
        f("capacity", QUANTITIES, "The volume's size."),
        f("claimRef", Ty::Obj(&OBJECT_REFERENCE), "The claim the volume is bound to."),
        f("csi", Ty::Obj(&CSI_SOURCE), "Storage managed by a CSI driver."),
        f("hostPath", Ty::Obj(&HOST_PATH_VOLUME_SOURCE), "A directory on one node; for single-node testing."),
        f("local", Ty::Obj(&LOCAL_VOLUME_SOURCE), "A disk or directory of one node, reachable only from there."),
        f("nodeAffinity", Ty::Obj(&VOLUME_NODE_AFFINITY), "The nodes the volume can be used from; pods using it are scheduled there."),
        e("persistentVolumeReclaimPolicy", RECLAIM_POLICIES, "What happens to the volume when its claim is deleted."),
        f("storageClassName", STR, "The class the volume belongs to; only claims of that class bind it."),
        e("volumeMode", VOLUME_MODES, "A file system or a raw block device. Defaults to Filesystem."),
    ],
};

pub const CSI_SOURCE: Schema = Schema {
    name: "CSIPersistentVolumeSource",
    description: "CSIPersistentVolumeSource is storage an external CSI driver manages.",
    fields: &[],
};

pub const LOCAL_VOLUME_SOURCE: Schema = Schema {
    name: "LocalVolumeSource",
    description: "LocalVolumeSource is storage attached to one node.",
    fields: &[req("path", STR, "The path on the node.")],
};

pub const VOLUME_NODE_AFFINITY: Schema = Schema {
    name: "VolumeNodeAffinity",
    description: "VolumeNodeAffinity limits the nodes a volume can be used from.",
    fields: &[f(
        "required",
        Ty::Obj(&NODE_SELECTOR),
        "The nodes that must match.",
    )],
};

pub const NODE_SELECTOR: Schema = Schema {
    name: "NodeSelector",
    description: "NodeSelector matches nodes: any one of its terms must match.",
    fields: &[req(
        "nodeSelectorTerms",
        Ty::Arr(&Ty::Obj(&NODE_SELECTOR_TERM)),
        "The terms, any of which may match.",
    )],
};

pub const NODE_SELECTOR_TERM: Schema = Schema {
    name: "NodeSelectorTerm",
    description: "NodeSelectorTerm is a set of conditions on node labels, all of which must hold.",
    fields: &[f(
        "matchExpressions",
        Ty::Arr(&Ty::Obj(&NODE_SELECTOR_REQUIREMENT)),
        "Conditions on node labels.",
    )],
};

pub const NODE_SELECTOR_REQUIREMENT: Schema = Schema {
    name: "NodeSelectorRequirement",
    description: "NodeSelectorRequirement is one condition on a node label.",
    fields: &[
        req("key", STR, "The label key."),
        ereq(
            "operator",
            &["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"],
            "How the key relates to the values.",
        ),
        f("values", STRS, "The values to compare with."),
    ],
};

pub const PV_STATUS: Schema = Schema {
    name: "PersistentVolumeStatus",
    description: "PersistentVolumeStatus is where a volume is in its life.",
    fields: &[
        f(
            "message",
            STR,
            "Why the volume is in its phase, for people.",
        ),
        e(
            "phase",
            &["Available", "Bound", "Failed", "Pending", "Released"],
            "Available, Bound, Released once its claim is gone, or Failed.",
        ),
        f(
            "reason",
            STR,
            "Why the volume is in its phase, in CamelCase.",
        ),
    ],
};

pub const PVC: Schema = Schema {
    name: "PersistentVolumeClaim",
    description: "PersistentVolumeClaim is a request for storage that binds one PersistentVolume for the claim's whole life.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        f("spec", Ty::Obj(&PVC_SPEC), "The storage asked for."),
        f("status", Ty::Obj(&PVC_STATUS), "Whether the claim is bound, and to what. Read-only."),
    ],
};

pub const PVC_SPEC: Schema = Schema {
    name: "PersistentVolumeClaimSpec",
    description: "PersistentVolumeClaimSpec says what storage a claim wants.",
    fields: &[
        f("accessModes", STRS, "How the volume must be mountable."),
        f("resources", Ty::Obj(&VOLUME_RESOURCE_REQUIREMENTS), "The least storage the volume must have."),
        f("storageClassName", STR, "The class the volume must belong to. Unset uses the default class; empty asks for a volume without a class."),
        e("volumeMode", VOLUME_MODES, "A file system or a raw block device. Defaults to Filesystem."),
        f("volumeName", STR, "Binds this exact volume."),
    ],
};

pub const VOLUME_RESOURCE_REQUIREMENTS: Schema = Schema {
    name: "VolumeResourceRequirements",
    description: "VolumeResourceRequirements holds the storage a claim requests and its limits.",
    fields: &[
        f("limits", QUANTITIES, "The most storage the claim may use."),
        f(
            "requests",
            QUANTITIES,
            "The least storage the volume must have.",
        ),
    ],
};

pub const PVC_STATUS: Schema = Schema {
    name: "PersistentVolumeClaimStatus",
    description: "PersistentVolumeClaimStatus is what the claim got.",
    fields: &[
        f("accessModes", STRS, "The access modes of the bound volume."),
        f("capacity", QUANTITIES, "The size of the bound volume."),
        f(
            "conditions",
            Ty::Arr(&Ty::Obj(&PVC_CONDITION)),
            "The claim's conditions, such as Resizing.",
        ),
        e(
            "phase",
            &["Bound", "Lost", "Pending"],
            "Pending until bound, Bound, or Lost when the volume disappeared.",
        ),
    ],
};

pub const PVC_CONDITION: Schema = Schema {
    name: "PersistentVolumeClaimCondition",
    description: "PersistentVolumeClaimCondition is one aspect of a claim's state.",
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
