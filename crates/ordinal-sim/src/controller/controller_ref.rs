//! Owner references between a controller and the objects it manages (pkg/controller
//! controller_ref_manager.go): adopt matching orphans, release owned objects that stopped
//! matching, leave other controllers' objects alone.

use super::error::SyncError;
use super::Ctx;
use crate::api::{LabelSelector, ObjectMeta, OwnerReference, Pod, Resource};
use crate::apiserver::store::Shared;
use crate::apiserver::ApiError;

/// The group/version and kind a controller's owner references name (upstream's
/// `controllerKind` GroupVersionKind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ControllerKind {
    pub api_version: &'static str,
    pub kind: &'static str,
}

impl ControllerKind {
    /// metav1.NewControllerRef: a controller reference to `owner`.
    pub fn controller_ref(self, owner: &ObjectMeta) -> OwnerReference {
        OwnerReference::controller(self.api_version, self.kind, &owner.name, &owner.uid)
    }
}

/// ControllerRefManager: claims the objects one controller object (`controller`, a
/// `kind`) should own. `can_adopt` is upstream's canAdopt (typically a fresh read checking
/// the controller is neither gone nor being deleted); it runs at most once per manager, on the
/// first adoption, and its answer is kept.
pub struct ControllerRefManager<'a, F> {
    controller: &'a ObjectMeta,
    kind: ControllerKind,
    selector: &'a LabelSelector,
    can_adopt_fn: F,
    can_adopt: Option<Result<(), SyncError>>,
}

impl<'a, F: FnMut(&Ctx) -> Result<(), SyncError>> ControllerRefManager<'a, F> {
    pub fn new(
        controller: &'a ObjectMeta,
        kind: ControllerKind,
        selector: &'a LabelSelector,
        can_adopt: F,
    ) -> Self {
        ControllerRefManager {
            controller,
            kind,
            selector,
            can_adopt_fn: can_adopt,
            can_adopt: None,
        }
    }

    /// CanAdopt: whether orphans may be adopted now (asked once, then remembered).
    pub fn can_adopt(&mut self, ctx: &Ctx) -> Result<(), SyncError> {
        let f = &mut self.can_adopt_fn;
        self.can_adopt.get_or_insert_with(|| f(ctx)).clone()
    }

    /// ClaimPods: `claim_objects` for pods.
    pub fn claim_pods(
        &mut self,
        ctx: &mut Ctx,
        pods: Vec<Shared<Pod>>,
        filter: impl Fn(&Pod) -> bool,
    ) -> Result<Vec<Shared<Pod>>, SyncError> {
        self.claim_objects(ctx, pods, filter)
    }

    /// ClaimObject over a list: returns the objects this controller owns after the claim. An
    /// object matches when the selector matches its labels and `filter` accepts it.
    ///
    /// - owned by another controller: ignored;
    /// - owned by us and matching: claimed;
    /// - owned by us, not matching: released, unless we are being deleted (then ignored);
    /// - orphan, matching, neither side being deleted, `can_adopt` passes: adopted, claimed.
    ///
    /// An object that vanished meanwhile is skipped; other errors are aggregated and returned.
    pub fn claim_objects<T: Resource>(
        &mut self,
        ctx: &mut Ctx,
        objects: Vec<Shared<T>>,
        filter: impl Fn(&T) -> bool,
    ) -> Result<Vec<Shared<T>>, SyncError> {
        let deleting = self.controller.deletion_timestamp.is_some();
        let mut claimed = Vec::new();
        let mut errs = Vec::new();
        for obj in objects {
            let meta = obj.meta();
            let matches = self.selector.matches(&meta.labels) && filter(&obj);
            match meta.controller_ref() {
                Some(r) if r.uid != self.controller.uid => {}
                Some(_) if matches => claimed.push(obj),
                Some(_) if deleting => {}
                Some(_) => match self.release(ctx, &*obj) {
                    Err(e) if !e.is_not_found() => errs.push(SyncError::from(e)),
                    _ => {}
                },
                None if deleting || !matches || meta.deletion_timestamp.is_some() => {}
                None => {
                    if let Err(e) = self.can_adopt(ctx) {
                        errs.push(SyncError::new(format!(
                            "can't adopt {} {}/{} ({}): {e}",
                            T::KIND.name(),
                            meta.namespace,
                            meta.name,
                            meta.uid
                        )));
                        continue;
                    }
                    match self.adopt(ctx, &*obj) {
                        Ok(()) => claimed.push(obj),
                        Err(e) if e.is_not_found() => {}
                        Err(e) => errs.push(SyncError::from(e)),
                    }
                }
            }
        }
        match SyncError::aggregate(errs) {
            Some(e) => Err(e),
            None => Ok(claimed),
        }
    }

    /// AdoptPod / AdoptControllerRevision: add our controller reference. The caller has
    /// checked `can_adopt`.
    pub fn adopt<T: Resource>(&self, ctx: &mut Ctx, obj: &T) -> Result<(), ApiError> {
        let mut o = obj.clone();
        o.meta_mut()
            .owner_references
            .push(self.kind.controller_ref(self.controller));
        ctx.api.update(o.into_object(), ctx.now).map(drop)
    }

    /// ReleasePod / ReleaseControllerRevision: drop our owner reference.
    pub fn release<T: Resource>(&self, ctx: &mut Ctx, obj: &T) -> Result<(), ApiError> {
        let mut o = obj.clone();
        o.meta_mut()
            .owner_references
            .retain(|r| r.uid != self.controller.uid);
        ctx.api.update(o.into_object(), ctx.now).map(drop)
    }

    /// AdoptPod.
    pub fn adopt_pod(&self, ctx: &mut Ctx, pod: &Pod) -> Result<(), ApiError> {
        self.adopt(ctx, pod)
    }

    /// ReleasePod.
    pub fn release_pod(&self, ctx: &mut Ctx, pod: &Pod) -> Result<(), ApiError> {
        self.release(ctx, pod)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Container, Object};
    use crate::controller::testing::Env;
    use std::cell::Cell;

    const KIND: ControllerKind = ControllerKind {
        api_version: "apps/v1",
        kind: "StatefulSet",
    };

    fn owner(uid: &str) -> ObjectMeta {
        let mut m = ObjectMeta::named("default", "web");
        m.uid = uid.into();
        m
    }

    fn selector() -> LabelSelector {
        LabelSelector {
            match_labels: [("app".to_string(), "web".to_string())].into(),
            ..Default::default()
        }
    }

    /// Creates a pod labelled `app=<app>`, controlled by `controller` if given.
    fn pod(env: &mut Env, name: &str, app: &str, controller: Option<&ObjectMeta>) {
        let mut p = Pod {
            metadata: ObjectMeta::named("default", name),
            ..Default::default()
        };
        p.metadata.labels.insert("app".into(), app.into());
        if let Some(c) = controller {
            p.metadata.owner_references.push(KIND.controller_ref(c));
        }
        p.spec.containers = vec![Container {
            name: "c".into(),
            image: "nginx".into(),
            ..Default::default()
        }];
        env.api.create(Object::Pod(p), env.now).expect("create pod");
    }

    fn pods(env: &Env) -> Vec<Shared<Pod>> {
        env.api.store.list_shared::<Pod>(Some("default")).collect()
    }

    fn controller_uid(env: &Env, name: &str) -> Option<String> {
        let p = env.api.get::<Pod>("default", name).expect("pod");
        p.metadata.controller_ref().map(|r| r.uid.clone())
    }

    fn names(pods: &[Shared<Pod>]) -> Vec<&str> {
        let mut n: Vec<&str> = pods.iter().map(|p| p.metadata.name.as_str()).collect();
        n.sort();
        n
    }

    /// mine (ours, matching), stale (ours, labels changed), orphan, stranger (orphan, other
    /// labels), theirs (another controller's), filtered (orphan the filter rejects).
    fn fixture(us: &ObjectMeta) -> Env {
        let mut env = Env::new();
        let them = owner("other-uid");
        pod(&mut env, "mine", "web", Some(us));
        pod(&mut env, "stale", "db", Some(us));
        pod(&mut env, "orphan", "web", None);
        pod(&mut env, "stranger", "db", None);
        pod(&mut env, "theirs", "web", Some(&them));
        pod(&mut env, "filtered", "web", None);
        env
    }

    #[test]
    fn claim_adopts_matching_orphans_and_releases_what_stopped_matching() {
        let us = owner("our-uid");
        let mut env = fixture(&us);
        let sel = selector();
        let asked = Cell::new(0);
        let mut m = ControllerRefManager::new(&us, KIND, &sel, |_: &Ctx| {
            asked.set(asked.get() + 1);
            Ok(())
        });
        let all = pods(&env);
        let claimed = m
            .claim_pods(&mut env.ctx(), all, |p| p.metadata.name != "filtered")
            .expect("claim");
        assert_eq!(names(&claimed), ["mine", "orphan"]);
        assert_eq!(
            asked.get(),
            1,
            "canAdopt is asked once, on the first adoption"
        );
        assert_eq!(controller_uid(&env, "orphan").as_deref(), Some("our-uid"));
        assert_eq!(controller_uid(&env, "stale"), None, "released");
        assert_eq!(controller_uid(&env, "stranger"), None);
        assert_eq!(controller_uid(&env, "filtered"), None);
        assert_eq!(controller_uid(&env, "theirs").as_deref(), Some("other-uid"));
        let orphan = env.api.get::<Pod>("default", "orphan").unwrap();
        assert_eq!(orphan.metadata.owner_references, [KIND.controller_ref(&us)]);
    }

    #[test]
    fn a_controller_being_deleted_neither_adopts_nor_releases() {
        let mut us = owner("our-uid");
        us.deletion_timestamp = Some(crate::time::Timestamp(500));
        let mut env = fixture(&us);
        let sel = selector();
        let mut m = ControllerRefManager::new(&us, KIND, &sel, |_: &Ctx| {
            panic!("canAdopt must not be asked")
        });
        let all = pods(&env);
        let claimed = m.claim_pods(&mut env.ctx(), all, |_| true).expect("claim");
        assert_eq!(names(&claimed), ["mine"]);
        assert_eq!(controller_uid(&env, "orphan"), None);
        assert_eq!(controller_uid(&env, "stale").as_deref(), Some("our-uid"));
    }

    #[test]
    fn a_refused_adoption_is_reported_per_object_and_the_rest_still_claimed() {
        let us = owner("our-uid");
        let mut env = fixture(&us);
        let sel = selector();
        let mut m =
            ControllerRefManager::new(&us, KIND, &sel, |_: &Ctx| Err(SyncError::new("gone")));
        let orphan_uid = env
            .api
            .get::<Pod>("default", "orphan")
            .unwrap()
            .metadata
            .uid
            .clone();
        let all = pods(&env);
        let err = m.claim_pods(&mut env.ctx(), all, |p| p.metadata.name != "filtered");
        assert_eq!(
            err.map(|_| ()).unwrap_err().message,
            format!("can't adopt Pod default/orphan ({orphan_uid}): gone")
        );
        assert_eq!(controller_uid(&env, "orphan"), None);
        assert_eq!(
            controller_uid(&env, "stale"),
            None,
            "release does not need canAdopt"
        );
    }

    #[test]
    fn adopt_and_release_touch_only_our_reference() {
        let us = owner("our-uid");
        let mut env = Env::new();
        let sel = selector();
        pod(&mut env, "p", "web", None);
        let m = ControllerRefManager::new(&us, KIND, &sel, |_: &Ctx| Ok(()));
        let mut p = Pod::clone(&pods(&env)[0]);
        p.metadata.owner_references.push(OwnerReference {
            api_version: "v1".into(),
            kind: "ConfigMap".into(),
            name: "cfg".into(),
            uid: "cfg-uid".into(),
            ..Default::default()
        });
        env.api.update(Object::Pod(p), env.now).unwrap();
        let p = Pod::clone(&pods(&env)[0]);
        m.adopt_pod(&mut env.ctx(), &p).unwrap();
        let adopted = Pod::clone(&pods(&env)[0]);
        let uids: Vec<&str> = adopted
            .metadata
            .owner_references
            .iter()
            .map(|r| r.uid.as_str())
            .collect();
        assert_eq!(uids, ["cfg-uid", "our-uid"]);
        m.release_pod(&mut env.ctx(), &adopted).unwrap();
        let released = Pod::clone(&pods(&env)[0]);
        assert_eq!(released.metadata.owner_references.len(), 1);
        assert_eq!(released.metadata.owner_references[0].uid, "cfg-uid");
    }
}
