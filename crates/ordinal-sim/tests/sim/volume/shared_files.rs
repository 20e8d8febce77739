//! Every replica writes to the same files (ST4): a volume's files belong to the volume, so
//! what one pod appends through the shared claim every other pod on it reads; a StatefulSet's
//! pods each have a claim of their own and see only their own files.

use super::cattle;
use ordinal_sim::api::Object;
use ordinal_sim::testing::e2e::{http_probe, start, stateful_set};
use ordinal_sim::testing::node::*;

#[test]
fn st4_cattle_on_one_claim_append_to_one_file() {
    let mut c = cluster();
    c.create(Object::PersistentVolumeClaim(pvc("data", None, "1Gi")))
        .unwrap();
    let names = ["web-6tq9z", "web-fn3kd", "web-r2wxb"];
    for name in names {
        create(&mut c, cattle(name));
    }
    poll_until(&mut c, 15_000, |c| names.iter().all(|n| is_ready(c, n)));
    for name in names {
        c.write_file(
            "default",
            name,
            None,
            "/data/log",
            &format!("hi from {name}\n"),
            true,
        )
        .unwrap();
    }
    let all = "hi from web-6tq9z\nhi from web-fn3kd\nhi from web-r2wxb\n";
    for name in names {
        assert_eq!(
            c.read_file("default", name, None, "/data/log").unwrap(),
            all,
            "{name} reads every replica's lines"
        );
    }
    // Outside the volume each container has its own root file system.
    c.write_file("default", "web-6tq9z", None, "/tmp/mine", "x", false)
        .unwrap();
    assert_eq!(
        c.read_file("default", "web-fn3kd", None, "/tmp/mine")
            .unwrap_err()
            .to_string(),
        "/tmp/mine: No such file or directory"
    );
}

#[test]
fn st4_stateful_set_pods_keep_their_own_files() {
    let mut c = cluster();
    start(&mut c, stateful_set("ss", 2, true, http_probe()));
    poll_until(&mut c, 30_000, |c| {
        is_ready(c, "ss-0") && is_ready(c, "ss-1")
    });
    for name in ["ss-0", "ss-1"] {
        c.write_file(
            "default",
            name,
            None,
            "/data/log",
            &format!("hi from {name}\n"),
            true,
        )
        .unwrap();
    }
    assert_eq!(
        c.read_file("default", "ss-0", None, "/data/log").unwrap(),
        "hi from ss-0\n"
    );
    assert_eq!(
        c.read_file("default", "ss-1", None, "/data/log").unwrap(),
        "hi from ss-1\n"
    );
}
