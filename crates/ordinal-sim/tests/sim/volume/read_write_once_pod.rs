//! ReadWriteOncePod (ST3): the scheduler's VolumeRestrictions plugin lets one pod in the whole
//! cluster use the claim; a second replica stays Pending until the first is gone.

use super::{cattle, scheduled_condition};
use ordinal_sim::api::{Kind, Object};
use ordinal_sim::testing::node::*;

const WANT: &str = "0/3 nodes are available: 3 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.";
/// The same refusal for a pod pinned to the first pod's node: NodeAffinity rules out the others.
const WANT_PINNED: &str = "0/3 nodes are available: 1 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.";

#[test]
fn st3_a_second_pod_on_a_read_write_once_pod_claim_is_refused_by_the_scheduler() {
    let mut c = cluster();
    c.create(Object::StorageClass(network_class("disk", "Immediate")))
        .unwrap();
    let mut data = pvc("data", Some("disk"), "1Gi");
    data.spec.access_modes = vec!["ReadWriteOncePod".into()];
    c.create(Object::PersistentVolumeClaim(data)).unwrap();
    create(&mut c, cattle("web-hx7pd"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "web-hx7pd"));
    let first = get(&c, "web-hx7pd").unwrap().spec.node_name;

    // Even on the same node: the mode is about pods, not nodes.
    create(&mut c, on_node(cattle("web-q2slv"), &first));
    create(&mut c, cattle("web-zc8rn"));
    c.advance_by(2_000).unwrap();
    for (name, want) in [("web-q2slv", WANT_PINNED), ("web-zc8rn", WANT)] {
        let p = get(&c, name).unwrap();
        assert_eq!(
            (p.spec.node_name.as_str(), p.status.phase.as_str()),
            ("", "Pending")
        );
        assert_eq!(
            scheduled_condition(&c, name),
            ("False".into(), "Unschedulable".into(), want.into())
        );
        assert_eq!(
            events_for(&c, name),
            [("FailedScheduling".to_string(), want.to_string())]
        );
    }

    // The first user leaves: one of the waiting pods (the older) gets the claim, the other
    // keeps waiting.
    c.delete(Kind::Pod, "default", "web-hx7pd", &Default::default())
        .unwrap();
    poll_until(&mut c, 60_000, |c| is_ready(c, "web-q2slv"));
    c.advance_by(5_000).unwrap();
    let last = get(&c, "web-zc8rn").unwrap();
    assert_eq!(last.spec.node_name, "");
    assert_eq!(scheduled_condition(&c, "web-zc8rn").2, WANT);
}
