//! Container restarts: CrashLoopBackOff timing, liveness kills, image pull back-off.

use ordinal_sim::api::{ExecAction, Probe};
use ordinal_sim::controller::kubelet::{probes::ProbeOverride, runtime::ProbeKind};
use ordinal_sim::controls::SimAction;
use ordinal_sim::testing::node::*;

fn restarts(c: &ordinal_sim::Cluster, name: &str) -> i32 {
    get(c, name).map_or(0, |p| {
        p.status
            .container_statuses
            .first()
            .map_or(0, |s| s.restart_count)
    })
}

#[test]
fn crash_loop_back_off_doubles_from_ten_seconds() {
    let mut c = cluster();
    let mut p = pod("crash", "busybox");
    p.spec.containers[0].command = vec!["sh".into(), "-c".into(), "exit 1".into()];
    create(&mut c, p);
    let mut times = Vec::new();
    for n in 1..=5 {
        times.push(poll_until(&mut c, 200_000, |c| restarts(c, "crash") >= n));
    }
    let gaps: Vec<u64> = times
        .windows(2)
        .map(|w| (w[1] - w[0] + 500) / 1000)
        .collect();
    assert_eq!(gaps, [10, 20, 40, 80], "restart times {times:?}");
    c.advance_by(1_000).unwrap();
    let s = &get(&c, "crash").unwrap().status.container_statuses[0];
    let waiting = s.state.waiting.as_ref().expect("waiting in back-off");
    assert_eq!(waiting.reason, "CrashLoopBackOff");
    let uid = get(&c, "crash").unwrap().metadata.uid;
    assert_eq!(
        waiting.message,
        format!("back-off 2m40s restarting failed container=busybox pod=crash_default({uid})")
    );
    assert_eq!(
        s.last_state
            .terminated
            .as_ref()
            .map(|t| (t.exit_code, t.reason.as_str())),
        Some((1, "Error"))
    );
    assert!(events_for(&c, "crash").contains(&(
        "BackOff".into(),
        format!("Back-off restarting failed container busybox in pod crash_default({uid})")
    )));
    assert_eq!(get(&c, "crash").unwrap().status.phase, "Running");
}

#[test]
fn a_failing_liveness_probe_restarts_the_container() {
    let mut c = cluster();
    let mut p = pod("live", "nginx");
    p.spec.containers[0].liveness_probe = Some(Probe {
        exec: Some(ExecAction {
            command: vec!["cat".into(), "/tmp/healthy".into()],
        }),
        period_seconds: Some(5),
        ..Default::default()
    });
    create(&mut c, p);
    poll_until(&mut c, 60_000, |c| restarts(c, "live") >= 1);
    let evs = events_for(&c, "live");
    let unhealthy: Vec<&(String, String)> = evs.iter().filter(|(r, _)| r == "Unhealthy").collect();
    assert_eq!(
        unhealthy[0].1,
        "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"
    );
    assert!(evs.contains(&(
        "Killing".into(),
        "Container nginx failed liveness probe, will be restarted".into()
    )));
    // Creating the file keeps the next container alive.
    poll_until(&mut c, 5_000, |c| {
        get(c, "live").unwrap().status.container_statuses[0]
            .state
            .running
            .is_some()
    });
    c.write_file("default", "live", None, "/tmp/healthy", "ok", false)
        .unwrap();
    c.advance_by(60_000).unwrap();
    assert_eq!(restarts(&c, "live"), 1);
}

#[test]
fn forced_probes_and_crashes_from_the_simulation_controls() {
    let mut c = cluster();
    let mut p = pod("web", "nginx");
    p.spec.containers[0].readiness_probe = Some(Probe {
        period_seconds: Some(1),
        ..Default::default()
    });
    create(&mut c, p);
    poll_until(&mut c, 10_000, |c| is_ready(c, "web"));
    let force = |mode| SimAction::SetProbe {
        namespace: "default".into(),
        pod: "web".into(),
        container: None,
        probe: ProbeKind::Readiness,
        mode,
    };
    sim(&mut c, force(ProbeOverride::Fail));
    poll_until(&mut c, 10_000, |c| !is_ready(c, "web"));
    sim(&mut c, force(ProbeOverride::Auto));
    poll_until(&mut c, 10_000, |c| is_ready(c, "web"));
    let err = c
        .apply_sim(&SimAction::SetProbe {
            namespace: "default".into(),
            pod: "web".into(),
            container: None,
            probe: ProbeKind::Liveness,
            mode: ProbeOverride::Fail,
        })
        .unwrap_err();
    assert_eq!(
        err,
        "container \"nginx\" in pod \"web\" has no liveness probe"
    );
    sim(
        &mut c,
        SimAction::CrashContainer {
            namespace: "default".into(),
            pod: "web".into(),
            container: None,
            exit_code: 137,
        },
    );
    let s = &get(&c, "web").unwrap().status.container_statuses[0];
    assert_eq!(s.state.terminated.as_ref().map(|t| t.exit_code), Some(137));
    poll_until(&mut c, 10_000, |c| {
        restarts(c, "web") == 1 && is_ready(c, "web")
    });
    // The new container starts from the image again: files written before are gone.
    c.write_file("default", "web", None, "/tmp/x", "1", false)
        .unwrap();
    sim(
        &mut c,
        SimAction::CrashContainer {
            namespace: "default".into(),
            pod: "web".into(),
            container: None,
            exit_code: 1,
        },
    );
    // Second crash within the back-off window: CrashLoopBackOff for 10 s.
    c.advance_by(2_000).unwrap();
    assert_eq!(
        get(&c, "web").unwrap().status.container_statuses[0]
            .state
            .waiting
            .as_ref()
            .map(|w| w.reason.as_str()),
        Some("CrashLoopBackOff")
    );
    poll_until(&mut c, 20_000, |c| {
        restarts(c, "web") == 2 && is_ready(c, "web")
    });
    assert!(c.read_file("default", "web", None, "/tmp/x").is_err());
}

#[test]
fn a_missing_image_goes_into_image_pull_back_off() {
    let mut c = cluster();
    create(&mut c, pod("bad", "nginx:does-not-exist"));
    poll_until(&mut c, 20_000, |c| {
        get(c, "bad")
            .unwrap()
            .status
            .container_statuses
            .first()
            .and_then(|s| s.state.waiting.as_ref())
            .is_some_and(|w| w.reason == "ImagePullBackOff")
    });
    let evs = events_for(&c, "bad");
    let failed: Vec<&str> = evs
        .iter()
        .filter(|(r, _)| r == "Failed")
        .map(|(_, m)| m.as_str())
        .collect();
    assert_eq!(failed[0], "Failed to pull image \"nginx:does-not-exist\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:does-not-exist\": failed to resolve reference \"docker.io/library/nginx:does-not-exist\": docker.io/library/nginx:does-not-exist: not found");
    assert_eq!(failed[1], "Error: ErrImagePull");
    assert!(evs.contains(&(
        "BackOff".into(),
        "Back-off pulling image \"nginx:does-not-exist\"".into()
    )));
    assert!(failed.contains(&"Error: ImagePullBackOff"));
    assert_eq!(get(&c, "bad").unwrap().status.phase, "Pending");
}
