//! The object store behind the simulated API server: every object by kind, namespace and name.
//! Ordered maps keep iteration deterministic (namespace, then name).
//!
//! Objects are held behind `Arc`: cloning the store (replay checkpoints) shares them, and a
//! component can keep a cheap [`Shared`] handle to an object while it writes through the API
//! server. The API server never mutates a stored object in place; a write replaces the `Arc`.

use crate::api::{Kind, Object, Resource};
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::sync::Arc;

/// `(namespace, name)`; the namespace is empty for cluster-scoped kinds.
pub type Key = (String, String);

pub fn key(namespace: &str, name: &str) -> Key {
    (namespace.to_string(), name.to_string())
}

/// One kind's objects: namespace → name → object. Nested maps can be searched with borrowed
/// `&str` keys, so reads allocate nothing.
type Objects = BTreeMap<String, BTreeMap<String, Entry>>;

/// A stored object and its JSON length, measured once when it was written.
#[derive(Clone, Debug)]
struct Entry {
    obj: Arc<Object>,
    json: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Store {
    objects: [Objects; Kind::ALL.len()],
    counts: [usize; Kind::ALL.len()],
    /// The JSON length of every stored object together (the simulated etcd's database size).
    json_bytes: usize,
}

fn slot(kind: Kind) -> usize {
    kind as usize
}

impl Store {
    pub fn get_object(&self, kind: Kind, namespace: &str, name: &str) -> Option<&Object> {
        self.get_arc(kind, namespace, name).map(|o| &**o)
    }

    pub(crate) fn get_arc(&self, kind: Kind, namespace: &str, name: &str) -> Option<&Arc<Object>> {
        self.objects[slot(kind)]
            .get(namespace)?
            .get(name)
            .map(|e| &e.obj)
    }

    /// The stored object's JSON length.
    pub fn json_len(&self, kind: Kind, namespace: &str, name: &str) -> Option<usize> {
        Some(self.objects[slot(kind)].get(namespace)?.get(name)?.json)
    }

    /// The JSON length of every stored object together.
    pub fn json_bytes(&self) -> usize {
        self.json_bytes
    }

    pub fn get<T: Resource>(&self, namespace: &str, name: &str) -> Option<&T> {
        self.get_object(T::KIND, namespace, name)
            .and_then(T::from_object)
    }

    /// A handle on the stored object that stays valid (and unchanged) after later writes.
    pub fn get_shared<T: Resource>(&self, namespace: &str, name: &str) -> Option<Shared<T>> {
        Shared::from_arc(self.get_arc(T::KIND, namespace, name)?.clone())
    }

    /// All objects of a kind, in one namespace or (None) in all, ordered by namespace then name.
    pub fn list_objects<'a>(
        &'a self,
        kind: Kind,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Object> + 'a {
        self.list_arcs(kind, namespace).map(|o| &**o)
    }

    fn list_arcs<'a>(
        &'a self,
        kind: Kind,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Arc<Object>> + 'a {
        let map = &self.objects[slot(kind)];
        let namespaces: Box<dyn Iterator<Item = &BTreeMap<String, Entry>>> = match namespace {
            None => Box::new(map.values()),
            Some(ns) => Box::new(map.get(ns).into_iter()),
        };
        namespaces.flat_map(|names| names.values().map(|e| &e.obj))
    }

    pub fn list<'a, T: Resource + 'a>(
        &'a self,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = &'a T> + 'a {
        self.list_objects(T::KIND, namespace)
            .filter_map(T::from_object)
    }

    /// Like `list`, as handles that outlive later writes.
    pub fn list_shared<'a, T: Resource + 'a>(
        &'a self,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = Shared<T>> + 'a {
        self.list_arcs(T::KIND, namespace)
            .filter_map(|o| Shared::from_arc(o.clone()))
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.counts[slot(kind)]
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Inserts or replaces `obj`, whose JSON is `json` bytes long; returns the previous object.
    /// Only the API server writes.
    pub(crate) fn put(&mut self, obj: Object, json: usize) -> Option<Arc<Object>> {
        let kind = obj.kind();
        let m = obj.meta();
        let (ns, name) = (m.namespace.clone(), m.name.clone());
        let entry = Entry {
            obj: Arc::new(obj),
            json,
        };
        let prev = self.objects[slot(kind)]
            .entry(ns)
            .or_default()
            .insert(name, entry);
        self.json_bytes += json;
        match prev {
            Some(p) => {
                self.json_bytes -= p.json;
                Some(p.obj)
            }
            None => {
                self.counts[slot(kind)] += 1;
                None
            }
        }
    }

    pub(crate) fn remove(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
    ) -> Option<Arc<Object>> {
        let map = &mut self.objects[slot(kind)];
        let names = map.get_mut(namespace)?;
        let prev = names.remove(name)?;
        if names.is_empty() {
            map.remove(namespace);
        }
        self.counts[slot(kind)] -= 1;
        self.json_bytes -= prev.json;
        Some(prev.obj)
    }
}

/// The object itself when nobody else holds it, else a copy.
pub(crate) fn unshare(o: Arc<Object>) -> Object {
    Arc::try_unwrap(o).unwrap_or_else(|o| (*o).clone())
}

/// A read-only handle on a stored object of type `T`: cloning it is cheap, and it keeps showing
/// the object as it was when taken (like an informer cache entry). Derefs to `T`.
pub struct Shared<T> {
    obj: Arc<Object>,
    _t: PhantomData<fn() -> T>,
}

impl<T: Resource> Shared<T> {
    fn from_arc(obj: Arc<Object>) -> Option<Self> {
        T::from_object(&obj)?;
        Some(Shared {
            obj,
            _t: PhantomData,
        })
    }

    /// Wraps an object that is not (yet) stored.
    pub fn new(value: T) -> Self {
        Shared {
            obj: Arc::new(value.into_object()),
            _t: PhantomData,
        }
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared {
            obj: self.obj.clone(),
            _t: PhantomData,
        }
    }
}

impl<T: Resource> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // Checked in `from_arc`/`new`: the object is a `T`.
        T::from_object(&self.obj).expect("Shared<T> holds a T")
    }
}

impl<T: Resource> AsRef<T> for Shared<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: Resource> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: Resource> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.obj, &other.obj) || **self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ConfigMap, ObjectMeta};

    fn cm(ns: &str, name: &str) -> Object {
        Object::ConfigMap(ConfigMap {
            metadata: ObjectMeta::named(ns, name),
            data: Default::default(),
        })
    }

    #[test]
    fn lists_by_namespace_then_name_and_counts() {
        let mut s = Store::default();
        for (ns, n) in [("b", "x"), ("a", "z"), ("a", "y"), ("ab", "a")] {
            assert!(s.put(cm(ns, n), 10).is_none());
        }
        assert!(s.put(cm("a", "y"), 30).is_some());
        assert_eq!(s.json_bytes(), 60, "a replaced object's bytes are replaced");
        let all: Vec<String> = s
            .list::<ConfigMap>(None)
            .map(|c| format!("{}/{}", c.metadata.namespace, c.metadata.name))
            .collect();
        assert_eq!(all, ["a/y", "a/z", "ab/a", "b/x"]);
        let a: Vec<&str> = s
            .list::<ConfigMap>(Some("a"))
            .map(|c| c.metadata.name.as_str())
            .collect();
        assert_eq!(a, ["y", "z"]);
        assert_eq!((s.count(Kind::ConfigMap), s.total()), (4, 4));
        assert!(s.remove(Kind::ConfigMap, "ab", "a").is_some());
        assert!(s.remove(Kind::ConfigMap, "ab", "a").is_none());
        assert_eq!((s.count(Kind::ConfigMap), s.json_bytes()), (3, 50));
        assert_eq!(s.list::<ConfigMap>(Some("ab")).count(), 0);
    }

    #[test]
    fn shared_handles_keep_the_state_they_saw() {
        let mut s = Store::default();
        s.put(cm("a", "x"), 0);
        let before = s.get_shared::<ConfigMap>("a", "x").expect("stored");
        let mut changed = cm("a", "x");
        if let Object::ConfigMap(c) = &mut changed {
            c.data.insert("k".into(), "v".into());
        }
        s.put(changed, 0);
        assert!(before.data.is_empty());
        assert_eq!(s.get::<ConfigMap>("a", "x").map(|c| c.data.len()), Some(1));
        assert!(s.get_shared::<crate::api::Pod>("a", "x").is_none());
    }
}
