//! The one JSON → typed-object decoder of the app. In a single pass it tracks the field path (for
//! API-style errors such as `spec.replicas`) and collects unknown fields (strict decoding).
//!
//! Why not serde_json::from_value wrapped in serde_path_to_error and serde_ignored: every wrapper
//! compiles every API type's `Deserialize` impl once more, which cost ~540 KB of the browser's wasm.
//! Here each impl is compiled once, for [`Decoder`].

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;

/// Why a value could not be decoded, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// API-form path of the value at fault (`spec.template.spec.containers[0].image`); empty at
    /// the root.
    pub path: String,
    /// serde's text: `invalid type: string "x", expected i32`, `missing field `name``.
    pub message: String,
    located: bool,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError {
            path: String::new(),
            message: msg.to_string(),
            located: false,
        }
    }

    // serde_json's wording: a JSON null is "null", not serde's "unit value".
    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        match unexp {
            de::Unexpected::Unit => {
                Self::custom(format_args!("invalid type: null, expected {exp}"))
            }
            _ => Self::custom(format_args!("invalid type: {unexp}, expected {exp}")),
        }
    }
}

/// Decodes `value` as a `T`, returning it with the paths of the fields `T` does not have.
pub fn decode<T: DeserializeOwned>(value: &Value) -> Result<(T, Vec<String>), DecodeError> {
    let trail = Trail::default();
    let decoded = trail.locate(T::deserialize(Decoder {
        value,
        trail: &trail,
    }))?;
    Ok((decoded, trail.unknown.into_inner()))
}

/// Decodes `value` as a `T`, ignoring unknown fields.
pub fn decode_lenient<T: DeserializeOwned>(value: &Value) -> Result<T, DecodeError> {
    decode(value).map(|(t, _)| t)
}

enum Step {
    Key(String),
    Index(usize),
}

/// Where the decoder is, and what it skipped so far.
#[derive(Default)]
struct Trail {
    steps: RefCell<Vec<Step>>,
    unknown: RefCell<Vec<String>>,
}

impl Trail {
    fn path(&self) -> String {
        let mut out = String::new();
        for step in self.steps.borrow().iter() {
            match step {
                Step::Key(k) if out.is_empty() => out.push_str(k),
                Step::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// Pins an error to the current path unless a deeper one already did.
    fn locate<T>(&self, r: Result<T, DecodeError>) -> Result<T, DecodeError> {
        r.map_err(|mut e| {
            if !e.located {
                e.path = self.path();
                e.located = true;
            }
            e
        })
    }

    fn within<T>(
        &self,
        step: Step,
        f: impl FnOnce() -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        self.steps.borrow_mut().push(step);
        let r = self.locate(f());
        self.steps.borrow_mut().pop();
        r
    }
}

#[derive(Clone, Copy)]
struct Decoder<'a> {
    value: &'a Value,
    trail: &'a Trail,
}

fn visit_number<'de, V: Visitor<'de>>(n: &Number, visitor: V) -> Result<V::Value, DecodeError> {
    if let Some(u) = n.as_u64() {
        visitor.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        visitor.visit_i64(i)
    } else {
        visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

impl<'de> de::Deserializer<'de> for Decoder<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => visit_number(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
                trail: self.trail,
            }),
            Value::Object(map) => visitor.visit_map(Entries::new(map, self.trail)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            other => Err(de::Error::invalid_type(unexpected(other), &"a string")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    /// serde's derive asks for `IgnoredAny` exactly when a key names no field: an unknown field.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.trail.unknown.borrow_mut().push(self.trail.path());
        visitor.visit_unit()
    }

    // Each typed entry point visits only the shape it expects: falling back to deserialize_any
    // would compile every visitor's unused paths too (a struct's whole sequence form, say).
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Bool(b) => visitor.visit_bool(*b),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Number(n) => visit_number(n, visitor),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::String(s) => visitor.visit_borrowed_str(s),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
                trail: self.trail,
            }),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Object(map) => visitor.visit_map(Entries::new(map, self.trail)),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 bytes byte_buf
    }

    // Every number width and the text forms share one shape each.
    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_i64(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_i64(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_i64(v)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_i64(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_i64(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_i64(v)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_i64(v)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_i64(v)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_i64(v)
    }
    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(v)
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(v)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(v)
    }
}

/// serde's "invalid type" error for a value of the wrong shape.
fn mismatch(v: &Value, exp: &dyn de::Expected) -> DecodeError {
    de::Error::invalid_type(unexpected(v), exp)
}

fn unexpected(v: &Value) -> de::Unexpected<'_> {
    match v {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (None, Some(i)) => de::Unexpected::Signed(i),
            _ => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

struct Items<'a> {
    items: std::iter::Enumerate<std::slice::Iter<'a, Value>>,
    trail: &'a Trail,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        let Some((i, value)) = self.items.next() else {
            return Ok(None);
        };
        let trail = self.trail;
        trail
            .within(Step::Index(i), || {
                seed.deserialize(Decoder { value, trail })
            })
            .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'a> {
    entries: serde_json::map::Iter<'a>,
    value: Option<(&'a String, &'a Value)>,
    trail: &'a Trail,
}

impl<'a> Entries<'a> {
    fn new(map: &'a Map<String, Value>, trail: &'a Trail) -> Self {
        Entries {
            entries: map.iter(),
            value: None,
            trail,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        let key: de::value::BorrowedStrDeserializer<'de, DecodeError> =
            de::value::BorrowedStrDeserializer::new(key);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let (key, value) = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("value requested before key"))?;
        let trail = self.trail;
        trail.within(Step::Key(key.clone()), || {
            seed.deserialize(Decoder { value, trail })
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Outer {
        name: String,
        #[serde(default)]
        inner: Vec<Inner>,
        #[serde(default)]
        count: Option<i32>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        image: String,
    }

    #[test]
    fn decodes_and_lists_unknown_fields_with_their_paths() {
        let v = json!({"name": "web", "extra": 1, "inner": [{"image": "nginx", "tag": "x"}]});
        let (o, unknown): (Outer, _) = decode(&v).unwrap();
        assert_eq!(o.name, "web");
        assert_eq!(o.inner[0].image, "nginx");
        assert_eq!(
            unknown,
            vec!["extra".to_string(), "inner[0].tag".to_string()]
        );
    }

    #[test]
    fn a_wrong_type_names_its_path() {
        let v = json!({"name": "web", "inner": [{"image": "a"}, {"image": 3}]});
        let e = decode::<Outer>(&v).unwrap_err();
        assert_eq!(e.path, "inner[1].image");
        assert_eq!(e.message, "invalid type: integer `3`, expected a string");
        let v = json!({"name": "web", "count": 5_000_000_000u64});
        let e = decode::<Outer>(&v).unwrap_err();
        assert_eq!(e.path, "count");
        assert_eq!(
            e.message,
            "invalid value: integer `5000000000`, expected i32"
        );
    }

    #[test]
    fn a_missing_field_is_reported_at_its_parent() {
        let v = json!({"name": "web", "inner": [{}]});
        let e = decode::<Outer>(&v).unwrap_err();
        assert_eq!(e.path, "inner[0]");
        assert_eq!(e.message, "missing field `image`");
        let e = decode::<Outer>(&json!({})).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.to_string().as_str()),
            ("", "missing field `name`")
        );
    }
}
