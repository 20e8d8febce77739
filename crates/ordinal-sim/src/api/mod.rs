//! API object types, shaped like the real Kubernetes API so they serialize to the same JSON/YAML.

pub mod apps;
pub mod decode;
pub mod deployment;
pub mod event;
pub mod kinds;
pub mod meta;
pub mod misc;
pub mod node;
pub mod pod;
pub mod quantity;
pub mod replicaset;
pub mod service;
pub mod storage;

pub use apps::*;
pub use deployment::*;
pub use event::*;
pub use meta::*;
pub use misc::*;
pub use node::*;
pub use pod::*;
pub use replicaset::*;
pub use service::*;
pub use storage::*;

use serde::{de::DeserializeOwned, Serialize};

impl Kind {
    /// The kind's row in [`kinds::KINDS`].
    pub fn info(self) -> &'static kinds::KindInfo {
        kinds::info(self)
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn api_version(self) -> &'static str {
        self.info().api_version
    }

    /// The API group as it appears in error messages (`statefulsets.apps "web" not found`).
    pub fn group(self) -> &'static str {
        self.info().group()
    }

    /// Lowercase plural resource name (`statefulsets`).
    pub fn plural(self) -> &'static str {
        self.info().plural
    }

    /// `statefulsets.apps`, `pods` — the form the API server uses in error messages.
    pub fn qualified_plural(self) -> String {
        match self.group() {
            "" => self.plural().to_string(),
            g => format!("{}.{g}", self.plural()),
        }
    }

    pub fn namespaced(self) -> bool {
        self.info().namespaced
    }

    /// The kind an owner reference or manifest names (`StatefulSet`).
    pub fn from_name(name: &str) -> Option<Kind> {
        kinds::KINDS.iter().find(|i| i.name == name).map(|i| i.kind)
    }
}

/// Access shared by every stored type.
pub trait Resource: Clone + Serialize + DeserializeOwned + std::fmt::Debug + PartialEq {
    const KIND: Kind;
    fn meta(&self) -> &ObjectMeta;
    fn meta_mut(&mut self) -> &mut ObjectMeta;
    fn into_object(self) -> Object;
    fn from_object(o: &Object) -> Option<&Self>;
}

/// Declares every stored kind from one list: the `Kind` enum, `Kind::ALL`, the `Object`
/// enum and each type's `Resource` impl. A new kind is one name here, one row in
/// [`kinds::KINDS`], and its type, defaults and validation.
macro_rules! resources {
    ($($t:ident),*) => {
        /// Every kind the simulated API server stores.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $($t),*
        }

        impl Kind {
            pub const ALL: [Kind; [$(stringify!($t)),*].len()] = [$(Kind::$t),*];
        }

        /// Any stored object.
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Object {
            $($t($t)),*
        }

        $(impl Resource for $t {
            const KIND: Kind = Kind::$t;
            fn meta(&self) -> &ObjectMeta { &self.metadata }
            fn meta_mut(&mut self) -> &mut ObjectMeta { &mut self.metadata }
            fn into_object(self) -> Object { Object::$t(self) }
            fn from_object(o: &Object) -> Option<&Self> {
                match o { Object::$t(x) => Some(x), _ => None }
            }
        })*

        impl Object {
            pub fn kind(&self) -> Kind {
                match self { $(Object::$t(_) => Kind::$t),* }
            }
            pub fn meta(&self) -> &ObjectMeta {
                match self { $(Object::$t(x) => &x.metadata),* }
            }
            pub fn meta_mut(&mut self) -> &mut ObjectMeta {
                match self { $(Object::$t(x) => &mut x.metadata),* }
            }
            /// The object as the API server returns it: apiVersion and kind first.
            pub fn to_json(&self) -> serde_json::Value {
                let mut v = match self { $(Object::$t(x) => serde_json::to_value(x)),* }
                    .unwrap_or(serde_json::Value::Null);
                let mut out = serde_json::Map::new();
                out.insert("apiVersion".into(), self.kind().api_version().into());
                out.insert("kind".into(), self.kind().name().into());
                if let serde_json::Value::Object(m) = &mut v {
                    for (k, val) in std::mem::take(m) { out.insert(k, val); }
                }
                serde_json::Value::Object(out)
            }
            /// Writes the object's JSON (without apiVersion and kind) to `w`.
            pub fn write_json(&self, w: &mut impl std::io::Write) {
                let _ = match self { $(Object::$t(x) => serde_json::to_writer(w, x)),* };
            }
            /// Decodes a JSON object of the given kind (apiVersion/kind keys are ignored; so are
            /// unknown fields).
            pub fn from_json(kind: Kind, v: serde_json::Value) -> Result<Object, decode::DecodeError> {
                let mut v = v;
                if let serde_json::Value::Object(m) = &mut v {
                    m.remove("apiVersion");
                    m.remove("kind");
                }
                Object::decode(kind, &v).map(|(o, _)| o)
            }
            /// Decodes a JSON object of the given kind strictly: the object and the paths of the
            /// fields its type does not have.
            pub fn decode(kind: Kind, v: &serde_json::Value) -> Result<(Object, Vec<String>), decode::DecodeError> {
                match kind {
                    $(Kind::$t => decode::decode::<$t>(v).map(|(o, u)| (Object::$t(o), u))),*
                }
            }
        }
    };
}

resources!(
    Namespace,
    Node,
    Pod,
    PersistentVolumeClaim,
    PersistentVolume,
    StorageClass,
    Service,
    EndpointSlice,
    StatefulSet,
    ControllerRevision,
    ConfigMap,
    Event,
    ReplicaSet,
    Deployment,
    ReplicationController
);
