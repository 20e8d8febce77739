//! The object store behind the simulated API server: every object by kind, namespace and name.
//! Ordered maps keep iteration deterministic.

use crate::api::{Kind, Object, Resource};
use std::collections::BTreeMap;

/// `(namespace, name)`; the namespace is empty for cluster-scoped kinds.
pub type Key = (String, String);

pub fn key(namespace: &str, name: &str) -> Key {
    (namespace.to_string(), name.to_string())
}

#[derive(Clone, Debug, Default)]
pub struct Store {
    objects: BTreeMap<Kind, BTreeMap<Key, Object>>,
}

impl Store {
    pub fn get_object(&self, kind: Kind, namespace: &str, name: &str) -> Option<&Object> {
        self.objects.get(&kind)?.get(&key(namespace, name))
    }

    pub fn get<T: Resource>(&self, namespace: &str, name: &str) -> Option<&T> {
        self.get_object(T::KIND, namespace, name)
            .and_then(T::from_object)
    }

    /// All objects of a kind, in one namespace or (None) in all, ordered by namespace then name.
    pub fn list_objects<'a>(
        &'a self,
        kind: Kind,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Object> + 'a {
        let map = self.objects.get(&kind);
        let range: Box<dyn Iterator<Item = (&Key, &Object)>> = match (map, namespace) {
            (None, _) => Box::new(std::iter::empty()),
            (Some(m), None) => Box::new(m.iter()),
            (Some(m), Some(ns)) => {
                Box::new(m.range(key(ns, "")..).take_while(move |(k, _)| k.0 == ns))
            }
        };
        range.map(|(_, o)| o)
    }

    pub fn list<'a, T: Resource + 'a>(
        &'a self,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = &'a T> + 'a {
        self.list_objects(T::KIND, namespace)
            .filter_map(T::from_object)
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.objects.get(&kind).map_or(0, BTreeMap::len)
    }

    pub fn total(&self) -> usize {
        self.objects.values().map(BTreeMap::len).sum()
    }

    /// Inserts or replaces; returns the previous object. Only the API server writes.
    pub(crate) fn put(&mut self, obj: Object) -> Option<Object> {
        let m = obj.meta();
        let k = key(&m.namespace, &m.name);
        self.objects.entry(obj.kind()).or_default().insert(k, obj)
    }

    pub(crate) fn remove(&mut self, kind: Kind, namespace: &str, name: &str) -> Option<Object> {
        self.objects.get_mut(&kind)?.remove(&key(namespace, name))
    }
}
