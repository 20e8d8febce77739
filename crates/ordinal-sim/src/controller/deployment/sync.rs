//! One sync of a Deployment, DEP2–DEP6, DEP13, DEP14 (deployment_controller.go syncDeployment;
//! sync.go): claim its ReplicaSets, find or create the new one, then scale, roll or only report
//! status. Writes go through the API server at `ctx.now`; events are recorded on the Deployment.

use super::conditions::{self as cond, new_condition};
use super::error::SyncError;
use super::explain::Decision;
use super::scaling::{scaling_message, Scaler};
use super::{hash, progress, recreate, rolling, scaling, util, CONTROLLER_KIND};
use crate::api::{
    Deployment, Kind, LabelSelector, Object, Pod, ReplicaSet, POD_TEMPLATE_HASH_LABEL,
    REVISION_ANNOTATION,
};
use crate::apiserver::store::Shared;
use crate::apiserver::DeleteOptions;
use crate::controller::controller_ref::ControllerRefManager;
use crate::controller::Ctx;
use crate::time::Millis;

pub const COMPONENT: &str = "deployment-controller";

/// What a sync asks of the queue afterwards (requeueStuckDeployment).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requeue {
    No,
    After(Millis),
    RateLimited,
}

/// One sync in progress: the Deployment as this sync sees and updates it.
pub struct Run<'a, 'b> {
    pub ctx: &'a mut Ctx<'b>,
    pub d: Deployment,
    pub decision: Option<Decision>,
    pub requeue: Requeue,
}

impl Scaler for Run<'_, '_> {
    /// scaleReplicaSet against the API server.
    fn scale(
        &mut self,
        rs: &ReplicaSet,
        new_scale: i32,
        d: &Deployment,
        operation: &str,
    ) -> Result<(bool, ReplicaSet), SyncError> {
        let (desired, max) = (d.replicas(), d.replicas() + util::max_surge(d));
        let size_changes = rs.replicas() != new_scale;
        if !size_changes && !util::replicas_annotations_need_update(rs, desired, max) {
            return Ok((false, rs.clone()));
        }
        let old_scale = rs.replicas();
        let mut copy = rs.clone();
        copy.spec.replicas = Some(new_scale);
        util::set_replicas_annotations(&mut copy, desired, max);
        let stored = match self
            .ctx
            .api
            .update(Object::ReplicaSet(copy), self.ctx.now)?
        {
            Object::ReplicaSet(r) => r,
            _ => return Err(SyncError::new("unexpected object kind")),
        };
        if size_changes {
            let msg = scaling_message(operation, &stored.metadata.name, old_scale, new_scale);
            self.event("Normal", "ScalingReplicaSet", &msg);
        }
        Ok((size_changes, stored))
    }
}

impl Run<'_, '_> {
    pub fn event(&mut self, type_: &str, reason: &str, message: &str) {
        let now = self.ctx.now;
        self.ctx
            .api
            .record_event(now, &self.d, type_, reason, message, COMPONENT, "");
    }

    pub fn decide(&mut self, d: Decision) {
        self.decision.get_or_insert(d);
    }

    /// UpdateStatus with the Deployment as this sync holds it (status and annotations).
    pub fn update_status(&mut self) -> Result<(), SyncError> {
        let stored = self
            .ctx
            .api
            .update_status(Object::Deployment(self.d.clone()), self.ctx.now)?;
        // Later writes in this sync build on the stored version instead of conflicting.
        self.d.metadata.resource_version = stored.meta().resource_version.clone();
        Ok(())
    }
}

/// syncDeployment after the Deployment was read.
pub fn sync_deployment(run: &mut Run) -> Result<(), SyncError> {
    let Some(selector) = run.d.spec.selector.clone() else {
        return Ok(());
    };
    if selector.is_empty() {
        run.event(
            "Warning",
            "SelectingAll",
            "This deployment is selecting all pods. A non-empty selector is required.",
        );
        if run.d.status.observed_generation.unwrap_or(0) < run.d.metadata.generation {
            run.d.status.observed_generation = Some(run.d.metadata.generation);
            run.update_status()?;
        }
        return Ok(());
    }
    let rs_list = get_replica_sets_for_deployment(run, &selector)?;
    let pods = pod_map(run.ctx, &run.d, &selector, &rs_list);
    if run.d.metadata.deletion_timestamp.is_some() {
        run.decide(Decision::Deleting);
        return sync_status_only(run, &rs_list);
    }
    check_paused_conditions(run)?;
    if run.d.spec.paused {
        run.decide(Decision::Paused);
        return sync(run, &rs_list);
    }
    let scaling_event = is_scaling_event(run, &rs_list)?;
    // That look may have written the new ReplicaSet's annotations: continue from the store.
    let rs_list = reread(run, None, rs_list).1;
    if scaling_event {
        run.decide(Decision::Scaling {
            replicas: run.d.replicas(),
        });
        return sync(run, &rs_list);
    }
    match run.d.strategy_type() {
        "Recreate" => rollout_recreate(run, &rs_list, &pods),
        "RollingUpdate" => rollout_rolling(run, &rs_list),
        other => Err(SyncError::new(format!(
            "unexpected deployment strategy type: {other}"
        ))),
    }
}

/// RecheckDeletionTimestamp + the UID check of canAdoptFunc: a fresh read of the Deployment.
fn can_adopt(ctx: &Ctx, d: &Deployment) -> Result<(), SyncError> {
    let (ns, name) = (&d.metadata.namespace, &d.metadata.name);
    let Some(fresh) = ctx.api.get::<Deployment>(ns, name) else {
        return Err(SyncError::new(format!(
            "can't recheck DeletionTimestamp: deployments.apps \"{name}\" not found"
        )));
    };
    if fresh.metadata.uid != d.metadata.uid {
        return Err(SyncError::new(format!(
            "original Deployment {ns}/{name} is gone: got uid {}, wanted {}",
            fresh.metadata.uid, d.metadata.uid
        )));
    }
    if let Some(t) = fresh.metadata.deletion_timestamp {
        return Err(SyncError::new(format!(
            "{ns}/{name} has just been deleted at {}",
            crate::gofmt::time::time_string(t.0)
        )));
    }
    Ok(())
}

/// getReplicaSetsForDeployment: adopt matching orphans, release owned ones that stopped
/// matching (ClaimReplicaSets).
fn get_replica_sets_for_deployment(
    run: &mut Run,
    selector: &LabelSelector,
) -> Result<Vec<ReplicaSet>, SyncError> {
    let d = run.d.clone();
    let all = run
        .ctx
        .api
        .store
        .list_shared::<ReplicaSet>(Some(&d.metadata.namespace))
        .collect();
    let mut m = ControllerRefManager::new(&d.metadata, CONTROLLER_KIND, selector, |ctx| {
        can_adopt(ctx, &d)
    });
    let claimed = m.claim_objects(run.ctx, all, |_| true)?;
    // Re-read: adoption rewrote owner references.
    Ok(claimed
        .iter()
        .map(|rs| {
            run.ctx
                .api
                .get::<ReplicaSet>(&rs.metadata.namespace, &rs.metadata.name)
                .cloned()
                .unwrap_or_else(|| (**rs).clone())
        })
        .collect())
}

/// getPodMapForDeployment: the selector's pods grouped by the UID of the listed ReplicaSet
/// that controls them.
fn pod_map(
    ctx: &Ctx,
    d: &Deployment,
    selector: &LabelSelector,
    rss: &[ReplicaSet],
) -> Vec<(String, Vec<Shared<Pod>>)> {
    // Shared handles, as upstream's pointers into the informer cache: a sync copies no pod.
    let mut map: Vec<(String, Vec<Shared<Pod>>)> = rss
        .iter()
        .map(|r| (r.metadata.uid.clone(), Vec::new()))
        .collect();
    for pod in ctx
        .api
        .store
        .list_shared::<Pod>(Some(&d.metadata.namespace))
    {
        if !selector.matches(&pod.metadata.labels) {
            continue;
        }
        let Some(r) = pod.metadata.controller_ref() else {
            continue;
        };
        if let Some((_, list)) = map.iter_mut().find(|(uid, _)| *uid == r.uid) {
            list.push(pod);
        }
    }
    map
}

/// checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed, unless the
/// deadline was already reported exceeded.
fn check_paused_conditions(run: &mut Run) -> Result<(), SyncError> {
    if !util::has_progress_deadline(&run.d) {
        return Ok(());
    }
    let current = cond::get(&run.d.status, cond::PROGRESSING);
    if current.is_some_and(|c| c.reason == cond::TIMED_OUT) {
        return Ok(());
    }
    let paused_exists = current.is_some_and(|c| c.reason == cond::PAUSED);
    let now = run.ctx.now;
    let c = if run.d.spec.paused && !paused_exists {
        new_condition(
            cond::PROGRESSING,
            "Unknown",
            cond::PAUSED,
            "Deployment is paused".into(),
            now,
        )
    } else if !run.d.spec.paused && paused_exists {
        new_condition(
            cond::PROGRESSING,
            "Unknown",
            cond::RESUMED,
            "Deployment is resumed".into(),
            now,
        )
    } else {
        return Ok(());
    };
    cond::set(&mut run.d.status, c);
    run.update_status()
}

/// getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked) and all old ones.
fn get_all_replica_sets_and_sync_revision(
    run: &mut Run,
    rs_list: &[ReplicaSet],
    create: bool,
) -> Result<(Option<ReplicaSet>, Vec<ReplicaSet>), SyncError> {
    let old = util::find_old_replica_sets(&run.d, rs_list);
    let new_rs = get_new_replica_set(run, rs_list, &old, create)?;
    Ok((new_rs, old))
}

/// getNewReplicaSet: sync an existing new ReplicaSet's annotations and minReadySeconds, or
/// create `<deploy>-<hash>` (bumping collisionCount when that name belongs to another template).
fn get_new_replica_set(
    run: &mut Run,
    rs_list: &[ReplicaSet],
    old: &[ReplicaSet],
    create: bool,
) -> Result<Option<ReplicaSet>, SyncError> {
    let existing = util::find_new_replica_set(&run.d, rs_list);
    let new_revision = util::max_revision(old) + 1;
    let now = run.ctx.now;
    if let Some(mut copy) = existing {
        let annotations_updated =
            util::set_new_replica_set_annotations(&run.d, &mut copy, new_revision, true);
        if annotations_updated || copy.spec.min_ready_seconds != run.d.spec.min_ready_seconds {
            copy.spec.min_ready_seconds = run.d.spec.min_ready_seconds;
            return match run.ctx.api.update(Object::ReplicaSet(copy), now)? {
                Object::ReplicaSet(r) => Ok(Some(r)),
                _ => Err(SyncError::new("unexpected object kind")),
            };
        }
        let rev = copy
            .metadata
            .annotations
            .get(REVISION_ANNOTATION)
            .cloned()
            .unwrap_or_default();
        let mut needs_update = util::set_deployment_revision(&mut run.d, &rev);
        if util::has_progress_deadline(&run.d)
            && cond::get(&run.d.status, cond::PROGRESSING).is_none()
        {
            let msg = format!(
                "Found new replica set {}",
                crate::gofmt::quote(&copy.metadata.name)
            );
            cond::set(
                &mut run.d.status,
                new_condition(cond::PROGRESSING, "True", cond::FOUND_NEW_RS, msg, now),
            );
            needs_update = true;
        }
        if needs_update {
            run.update_status()?;
        }
        return Ok(Some(copy));
    }
    if !create {
        return Ok(None);
    }
    let d = &run.d;
    let collision = d.status.collision_count;
    let hash = hash::pod_template_hash(&d.spec.template, collision);
    let mut template = d.spec.template.clone();
    template
        .metadata
        .labels
        .insert(POD_TEMPLATE_HASH_LABEL.into(), hash.clone());
    let mut selector = d.spec.selector.clone().unwrap_or_default();
    selector
        .match_labels
        .insert(POD_TEMPLATE_HASH_LABEL.into(), hash.clone());
    let mut new_rs = ReplicaSet::default();
    new_rs.metadata.name = format!("{}-{hash}", d.metadata.name);
    new_rs.metadata.namespace = d.metadata.namespace.clone();
    new_rs.metadata.owner_references = vec![CONTROLLER_KIND.controller_ref(&d.metadata)];
    new_rs.metadata.labels = template.metadata.labels.clone();
    new_rs.spec.replicas = Some(0);
    new_rs.spec.min_ready_seconds = d.spec.min_ready_seconds;
    new_rs.spec.selector = Some(selector);
    new_rs.spec.template = template;
    let all: Vec<ReplicaSet> = old.iter().chain([&new_rs]).cloned().collect();
    let count = util::new_rs_new_replicas(d, &all, &new_rs);
    new_rs.spec.replicas = Some(count);
    util::set_new_replica_set_annotations(d, &mut new_rs, new_revision, false);
    let name = new_rs.metadata.name.clone();
    let created = match run.ctx.api.create(Object::ReplicaSet(new_rs), now) {
        Ok(Object::ReplicaSet(r)) => r,
        Ok(_) => return Err(SyncError::new("unexpected object kind")),
        Err(e) if e.is_already_exists() => {
            let ns = run.d.metadata.namespace.clone();
            let Some(rs) = run.ctx.api.get::<ReplicaSet>(&ns, &name).cloned() else {
                return Err(SyncError::from(e));
            };
            let ours = rs
                .metadata
                .controller_ref()
                .is_some_and(|r| r.uid == run.d.metadata.uid);
            if ours && util::equal_ignore_hash(&run.d.spec.template, &rs.spec.template) {
                // Our own ReplicaSet, created by an earlier sync the lister had not seen.
                return finish_new(run, rs, new_revision, count, true);
            }
            // A hash collision: bump collisionCount and retry with the next hash.
            *run.d.status.collision_count.get_or_insert(0) += 1;
            let _ = run.update_status();
            return Err(SyncError::from(e));
        }
        Err(e) => {
            let msg = format!(
                "Failed to create new replica set {}: {}",
                crate::gofmt::quote(&name),
                e.message
            );
            if util::has_progress_deadline(&run.d) {
                cond::set(
                    &mut run.d.status,
                    new_condition(
                        cond::PROGRESSING,
                        "False",
                        cond::FAILED_RS_CREATE,
                        msg.clone(),
                        now,
                    ),
                );
                let _ = run.update_status();
            }
            run.event("Warning", cond::FAILED_RS_CREATE, &msg);
            return Err(SyncError::from(e));
        }
    };
    finish_new(run, created, new_revision, count, false)
}

/// The tail of getNewReplicaSet once the ReplicaSet exists: event, revision, condition.
fn finish_new(
    run: &mut Run,
    rs: ReplicaSet,
    new_revision: i64,
    count: i32,
    already_existed: bool,
) -> Result<Option<ReplicaSet>, SyncError> {
    if !already_existed && count > 0 {
        let msg = format!(
            "Scaled up replica set {} from 0 to {count}",
            rs.metadata.name
        );
        run.event("Normal", "ScalingReplicaSet", &msg);
        let max_surge = util::max_surge(&run.d);
        run.decide(Decision::Surging {
            rs: rs.metadata.name.clone(),
            from: 0,
            to: count,
            max_surge,
        });
    }
    let mut needs_update = util::set_deployment_revision(&mut run.d, &new_revision.to_string());
    if !already_existed && util::has_progress_deadline(&run.d) {
        let msg = format!(
            "Created new replica set {}",
            crate::gofmt::quote(&rs.metadata.name)
        );
        let now = run.ctx.now;
        cond::set(
            &mut run.d.status,
            new_condition(cond::PROGRESSING, "True", cond::NEW_REPLICA_SET, msg, now),
        );
        needs_update = true;
    }
    if needs_update {
        run.update_status()?;
    }
    Ok(Some(rs))
}

/// isScalingEvent: an active ReplicaSet was annotated for a different replica count.
fn is_scaling_event(run: &mut Run, rs_list: &[ReplicaSet]) -> Result<bool, SyncError> {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(run, rs_list, false)?;
    let all: Vec<ReplicaSet> = old.into_iter().chain(new_rs).collect();
    Ok(util::active(&all)
        .iter()
        .filter_map(util::desired_replicas_annotation)
        .any(|desired| desired != run.d.replicas()))
}

/// syncStatusOnly: a Deployment being deleted only has its status kept current.
fn sync_status_only(run: &mut Run, rs_list: &[ReplicaSet]) -> Result<(), SyncError> {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(run, rs_list, false)?;
    sync_deployment_status(run, &old, new_rs.as_ref())
}

/// sync: scaling events and paused Deployments (no rollout); cleanup only while paused.
fn sync(run: &mut Run, rs_list: &[ReplicaSet]) -> Result<(), SyncError> {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(run, rs_list, false)?;
    let d = run.d.clone();
    scaling::scale(run, &d, new_rs.as_ref(), &old)?;
    if run.d.spec.paused {
        cleanup_deployment(run, &old)?;
    }
    // Sizes were written; the status is computed from the ReplicaSets as they are now.
    let (new_rs, old) = reread(run, new_rs, old);
    sync_deployment_status(run, &old, new_rs.as_ref())
}

/// The listed ReplicaSets as the store holds them after this sync's writes.
pub fn reread(
    run: &Run,
    new_rs: Option<ReplicaSet>,
    old: Vec<ReplicaSet>,
) -> (Option<ReplicaSet>, Vec<ReplicaSet>) {
    let fresh = |rs: ReplicaSet| {
        run.ctx
            .api
            .get::<ReplicaSet>(&rs.metadata.namespace, &rs.metadata.name)
            .cloned()
            .unwrap_or(rs)
    };
    (new_rs.map(fresh), old.into_iter().map(fresh).collect())
}

/// syncDeploymentStatus: write calculateStatus when it differs.
fn sync_deployment_status(
    run: &mut Run,
    old: &[ReplicaSet],
    new_rs: Option<&ReplicaSet>,
) -> Result<(), SyncError> {
    let all: Vec<ReplicaSet> = old.iter().chain(new_rs).cloned().collect();
    let status = progress::calculate_status(&all, new_rs, &run.d, run.ctx.now);
    if status == run.d.status {
        return Ok(());
    }
    run.d.status = status;
    run.update_status()
}

/// cleanupDeployment: delete the oldest old ReplicaSets beyond revisionHistoryLimit, only those
/// already at zero replicas and observed so by the ReplicaSet controller.
pub fn cleanup_deployment(run: &mut Run, old: &[ReplicaSet]) -> Result<(), SyncError> {
    if !util::has_revision_history_limit(&run.d) {
        return Ok(());
    }
    let limit = run.d.spec.revision_history_limit.unwrap_or(0).max(0) as usize;
    let mut cleanable: Vec<&ReplicaSet> = old
        .iter()
        .filter(|r| r.metadata.deletion_timestamp.is_none())
        .collect();
    if cleanable.len() <= limit {
        return Ok(());
    }
    let diff = cleanable.len() - limit;
    crate::sort::sort_by(&mut cleanable, |a, b| util::by_revision(a, b));
    for rs in cleanable.into_iter().take(diff) {
        if rs.status.replicas != 0
            || rs.replicas() != 0
            || rs.metadata.generation > rs.status.observed_generation.unwrap_or(0)
        {
            continue;
        }
        let m = &rs.metadata;
        match run.ctx.api.delete(
            Kind::ReplicaSet,
            &m.namespace,
            &m.name,
            &DeleteOptions::default(),
            run.ctx.now,
        ) {
            Err(e) if !e.is_not_found() => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

/// rolloutRolling.
fn rollout_rolling(run: &mut Run, rs_list: &[ReplicaSet]) -> Result<(), SyncError> {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(run, rs_list, true)?;
    let Some(new_rs) = new_rs else {
        return Err(SyncError::new("no new replica set"));
    };
    let d = run.d.clone();
    let all: Vec<ReplicaSet> = old.iter().chain([&new_rs]).cloned().collect();
    let from = new_rs.replicas();
    if rolling::reconcile_new_replica_set(run, &all, &new_rs, &d)? {
        let (new_rs, old) = reread(run, Some(new_rs), old);
        let to = new_rs.as_ref().map_or(0, ReplicaSet::replicas);
        run.decide(Decision::Surging {
            rs: d_name(&new_rs),
            from,
            to,
            max_surge: util::max_surge(&d),
        });
        return progress::sync_rollout_status(run, &old, new_rs.as_ref());
    }
    let old_active = util::active(&old);
    let before = util::replica_count(&old_active);
    let scaled_down = rolling::reconcile_old_replica_sets(run, &all, &old_active, &new_rs, &d);
    let (new_rs, old) = reread(run, Some(new_rs), old);
    if scaled_down > 0 {
        run.decide(Decision::ScalingDownOld {
            from: before,
            to: before - scaled_down,
            max_unavailable: util::max_unavailable(&d),
        });
        return progress::sync_rollout_status(run, &old, new_rs.as_ref());
    }
    if util::deployment_complete(&run.d, &run.d.status) {
        cleanup_deployment(run, &old)?;
    }
    decide_waiting(run, new_rs.as_ref(), &old);
    progress::sync_rollout_status(run, &old, new_rs.as_ref())
}

fn d_name(rs: &Option<ReplicaSet>) -> String {
    rs.as_ref()
        .map(|r| r.metadata.name.clone())
        .unwrap_or_default()
}

/// Why a rolling sync that changed nothing is waiting.
fn decide_waiting(run: &mut Run, new_rs: Option<&ReplicaSet>, old: &[ReplicaSet]) {
    let d = &run.d;
    let Some(new_rs) = new_rs else { return };
    let old_pods = util::replica_count(old);
    let decision = if new_rs.replicas() == d.replicas()
        && new_rs.status.available_replicas >= d.replicas()
        && old_pods == 0
    {
        Decision::Complete {
            rs: new_rs.metadata.name.clone(),
        }
    } else if new_rs.replicas() < d.replicas() {
        let all: Vec<ReplicaSet> = old.iter().chain([new_rs]).cloned().collect();
        Decision::WaitingForAvailability {
            available: util::available_replica_count(&all),
            min_available: d.replicas() - util::max_unavailable(d),
        }
    } else {
        Decision::WaitingForNewPods {
            rs: new_rs.metadata.name.clone(),
            available: new_rs.status.available_replicas,
            wanted: d.replicas(),
        }
    };
    run.decide(decision);
}

/// rolloutRecreate.
fn rollout_recreate(
    run: &mut Run,
    rs_list: &[ReplicaSet],
    pods: &[(String, Vec<Shared<Pod>>)],
) -> Result<(), SyncError> {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(run, rs_list, false)?;
    let d = run.d.clone();
    let old_active = util::active(&old);
    if recreate::scale_down_old_replica_sets(run, &old_active, &d)? {
        run.decide(Decision::RecreateScalingDown {
            from: util::replica_count(&old_active),
        });
        let (new_rs, old) = reread(run, new_rs, old);
        return progress::sync_rollout_status(run, &old, new_rs.as_ref());
    }
    if recreate::old_pods_running(new_rs.as_ref(), &old, pods) {
        let remaining = pods
            .iter()
            .filter(|(uid, _)| new_rs.as_ref().is_none_or(|n| n.metadata.uid != *uid))
            .map(|(_, p)| p.len())
            .sum();
        run.decide(Decision::WaitingForOldPods { pods: remaining });
        return progress::sync_rollout_status(run, &old, new_rs.as_ref());
    }
    let (new_rs, old) = match new_rs {
        Some(n) => (Some(n), old),
        None => get_all_replica_sets_and_sync_revision(run, rs_list, true)?,
    };
    let Some(new_rs) = new_rs else {
        return Err(SyncError::new("no new replica set"));
    };
    let from = new_rs.replicas();
    let (scaled, _) = scaling::scale_and_record(run, &new_rs, d.replicas(), &d)?;
    if scaled {
        run.decide(Decision::Surging {
            rs: new_rs.metadata.name.clone(),
            from,
            to: d.replicas(),
            max_surge: 0,
        });
    }
    if util::deployment_complete(&run.d, &run.d.status) {
        cleanup_deployment(run, &old)?;
    }
    let (new_rs, old) = reread(run, Some(new_rs), old);
    decide_waiting(run, new_rs.as_ref(), &old);
    progress::sync_rollout_status(run, &old, new_rs.as_ref())
}

/// The ReplicaSet a Progressing message names (`ReplicaSet "web-…" has timed out progressing.`).
pub fn new_rs_name(message: &str) -> String {
    message.split('"').nth(1).unwrap_or_default().to_string()
}
