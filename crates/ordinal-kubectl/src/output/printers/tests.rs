//! Table layouts checked against real kubectl output (column names, order, `<none>` cells and
//! tabwriter spacing), written out by hand from kubectl documentation and printers.go.

use super::*;
use crate::output::table;
use ordinal_sim::api::*;
use ordinal_sim::time::Timestamp;

fn render(objs: &[Object], now: Millis, o: &TableOpts) -> String {
    let kind = objs[0].kind();
    let mut rows = Vec::new();
    if !o.no_headers {
        rows.push(header(kind, o));
    }
    for obj in objs {
        rows.push(row(obj, now, o));
    }
    table::render(&rows)
}

fn running_pod(name: &str, ip: &str, node: &str, created_ms: u64) -> Object {
    let mut p = Pod::default();
    p.metadata.name = name.into();
    p.metadata.namespace = "default".into();
    p.metadata.creation_timestamp = Some(Timestamp(created_ms));
    p.metadata.labels.insert("app".into(), "nginx".into());
    p.spec.node_name = node.into();
    p.spec.containers.push(Container {
        name: "nginx".into(),
        image: "registry.k8s.io/nginx-slim:0.24".into(),
        ..Default::default()
    });
    p.status.phase = "Running".into();
    p.status.pod_ip = ip.into();
    p.status.container_statuses.push(ContainerStatus {
        name: "nginx".into(),
        ready: true,
        state: ContainerState {
            running: Some(ContainerStateRunning { started_at: None }),
            ..Default::default()
        },
        ..Default::default()
    });
    p.status.conditions.push(Condition {
        type_: "Ready".into(),
        status: "True".into(),
        ..Default::default()
    });
    Object::Pod(p)
}

#[test]
fn get_pods_default_and_wide() {
    let pods = [
        running_pod("web-0", "10.244.1.5", "node-1", 0),
        running_pod("web-1", "10.244.2.7", "node-2", 19_000),
    ];
    assert_eq!(
        render(&pods, 79_000, &TableOpts::default()),
        "NAME    READY   STATUS    RESTARTS   AGE\n\
         web-0   1/1     Running   0          79s\n\
         web-1   1/1     Running   0          60s\n"
    );
    let wide = TableOpts {
        wide: true,
        ..Default::default()
    };
    assert_eq!(
        render(&pods, 79_000, &wide),
        "NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n\
         web-0   1/1     Running   0          79s   10.244.1.5   node-1   <none>           <none>\n\
         web-1   1/1     Running   0          60s   10.244.2.7   node-2   <none>           <none>\n"
    );
    let labels = TableOpts {
        show_labels: true,
        with_namespace: true,
        ..Default::default()
    };
    assert_eq!(
        render(&pods[..1], 79_000, &labels),
        "NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE   LABELS\n\
         default     web-0   1/1     Running   0          79s   app=nginx\n"
    );
}

#[test]
fn get_statefulset_and_service() {
    let mut s = StatefulSet::default();
    s.metadata.name = "web".into();
    s.metadata.creation_timestamp = Some(Timestamp(0));
    s.spec.replicas = Some(2);
    s.status.ready_replicas = 2;
    s.spec.template.spec.containers.push(Container {
        name: "nginx".into(),
        image: "registry.k8s.io/nginx-slim:0.24".into(),
        ..Default::default()
    });
    let sts = [Object::StatefulSet(s)];
    assert_eq!(
        render(&sts, 20_000, &TableOpts::default()),
        "NAME   READY   AGE\nweb    2/2     20s\n"
    );
    assert_eq!(
        render(&sts, 20_000, &TableOpts { wide: true, ..Default::default() }),
        "NAME   READY   AGE   CONTAINERS   IMAGES\nweb    2/2     20s   nginx        registry.k8s.io/nginx-slim:0.24\n"
    );
    let mut svc = Service::default();
    svc.metadata.name = "nginx".into();
    svc.metadata.creation_timestamp = Some(Timestamp(0));
    svc.spec.cluster_ip = "None".into();
    svc.spec.ports.push(ServicePort {
        name: "web".into(),
        port: 80,
        ..Default::default()
    });
    svc.spec.selector.insert("app".into(), "nginx".into());
    // The tutorial's `kubectl get service nginx`.
    assert_eq!(
        render(&[Object::Service(svc)], 12_000, &TableOpts::default()),
        "NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n\
         nginx   ClusterIP   None         <none>        80/TCP    12s\n"
    );
}

#[test]
fn get_pvc_bound_and_pending() {
    let mut bound = PersistentVolumeClaim::default();
    bound.metadata.name = "www-web-0".into();
    bound.metadata.creation_timestamp = Some(Timestamp(0));
    bound.spec.volume_name = "pvc-15c268c7-b507-11e6-932f-42010a800002".into();
    bound.spec.storage_class_name = Some("standard".into());
    bound.status.phase = "Bound".into();
    bound.status.capacity.insert("storage".into(), "1Gi".into());
    bound.status.access_modes = vec!["ReadWriteOnce".into()];
    let mut pending = PersistentVolumeClaim::default();
    pending.metadata.name = "www-web-1".into();
    pending.metadata.creation_timestamp = Some(Timestamp(30_000));
    pending.spec.storage_class_name = Some("standard".into());
    pending.status.phase = "Pending".into();
    assert_eq!(
        render(
            &[
                Object::PersistentVolumeClaim(bound),
                Object::PersistentVolumeClaim(pending)
            ],
            60_000,
            &TableOpts::default()
        ),
        "NAME        STATUS    VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n\
         www-web-0   Bound     pvc-15c268c7-b507-11e6-932f-42010a800002   1Gi        RWO            standard       <unset>                 60s\n\
         www-web-1   Pending                                                                        standard       <unset>                 30s\n"
    );
}

#[test]
fn get_nodes_and_cordoned_node() {
    let mut n = Node::default();
    n.metadata.name = "kind-control-plane".into();
    n.metadata.creation_timestamp = Some(Timestamp(0));
    n.metadata.labels.insert(
        "node-role.kubernetes.io/control-plane".into(),
        String::new(),
    );
    n.status.node_info.kubelet_version = "v1.33.1".into();
    n.status.conditions.push(Condition {
        type_: "Ready".into(),
        status: "True".into(),
        ..Default::default()
    });
    let mut worker = n.clone();
    worker.metadata.name = "kind-worker".into();
    worker.metadata.labels.clear();
    worker.spec.unschedulable = true;
    worker.status.conditions[0].status = "Unknown".into();
    assert_eq!(
        render(
            &[Object::Node(n), Object::Node(worker)],
            600_000,
            &TableOpts::default()
        ),
        "NAME                 STATUS                        ROLES           AGE   VERSION\n\
         kind-control-plane   Ready                         control-plane   10m   v1.33.1\n\
         kind-worker          NotReady,SchedulingDisabled   <none>          10m   v1.33.1\n"
    );
}

#[test]
fn get_events_and_storageclass_and_revisions() {
    let mut e = Event::default();
    e.metadata.name = "web.1".into();
    e.involved_object.kind = "StatefulSet".into();
    e.involved_object.name = "web".into();
    e.type_ = "Normal".into();
    e.reason = "SuccessfulCreate".into();
    e.message = "create Pod web-0 in StatefulSet web successful".into();
    e.last_timestamp = Some(Timestamp(1_000));
    e.first_timestamp = Some(Timestamp(1_000));
    e.count = 1;
    assert_eq!(
        render(&[Object::Event(e)], 31_000, &TableOpts::default()),
        "LAST SEEN   TYPE     REASON             OBJECT            MESSAGE\n\
         30s         Normal   SuccessfulCreate   statefulset/web   create Pod web-0 in StatefulSet web successful\n"
    );
    let mut sc = StorageClass::default();
    sc.metadata.name = "standard".into();
    sc.metadata.creation_timestamp = Some(Timestamp(0));
    sc.metadata
        .annotations
        .insert(DEFAULT_CLASS_ANNOTATION.into(), "true".into());
    sc.provisioner = "rancher.io/local-path".into();
    sc.reclaim_policy = Some("Delete".into());
    sc.volume_binding_mode = Some("WaitForFirstConsumer".into());
    assert_eq!(
        render(&[Object::StorageClass(sc)], 3_600_000 * 5, &TableOpts::default()),
        "NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n\
         standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  5h\n"
    );
    let mut cr = ControllerRevision::default();
    cr.metadata.name = "web-6b5bd5f6c4".into();
    cr.metadata.creation_timestamp = Some(Timestamp(0));
    cr.metadata
        .owner_references
        .push(OwnerReference::controller(
            "apps/v1",
            "StatefulSet",
            "web",
            "u",
        ));
    cr.revision = 1;
    assert_eq!(
        render(&[Object::ControllerRevision(cr)], 90_000, &TableOpts { with_kind: true, ..Default::default() }),
        "NAME                                     CONTROLLER             REVISION   AGE\ncontrollerrevision.apps/web-6b5bd5f6c4   statefulset.apps/web   1          90s\n"
    );
}
