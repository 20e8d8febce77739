//! The shape of the schema `kubectl explain` reads: one `Schema` per API type (what the API
//! server's OpenAPI document names a component), each field with its type and whether it is
//! required. Descriptions are Ordinal's own words.

/// One API type: `PodSpec`, `Container`, …
#[derive(Debug)]
pub struct Schema {
    /// The component's short name, as explain prints it in `<…>`.
    pub name: &'static str,
    pub description: &'static str,
    /// In any order; explain prints them sorted by name.
    pub fields: &'static [Field],
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    pub description: &'static str,
    /// The values a string enum allows, sorted (explain lists them).
    pub enums: &'static [&'static str],
}

/// A field's type as explain's `typeGuess` names it.
#[derive(Debug)]
pub enum Ty {
    Str,
    Int,
    Bool,
    /// A component of its own (`<PodSpec>`): explain follows it.
    Obj(&'static Schema),
    /// A component the schema types as a primitive (`Time` is a string): explain prints the
    /// primitive, and the component's description.
    Scalar(&'static str, &'static Schema),
    Arr(&'static Ty),
    Map(&'static Ty),
}

impl Ty {
    /// `string`, `[]Container`, `map[string]Quantity`.
    pub fn guess(&self) -> String {
        match self {
            Ty::Str => "string".into(),
            Ty::Int => "integer".into(),
            Ty::Bool => "boolean".into(),
            Ty::Obj(s) => s.name.into(),
            Ty::Scalar(n, _) => (*n).into(),
            Ty::Arr(t) => format!("[]{}", t.guess()),
            Ty::Map(t) => format!("map[string]{}", t.guess()),
        }
    }

    /// The component behind arrays and maps, whose fields and description explain shows.
    pub fn schema(&self) -> Option<&'static Schema> {
        match self {
            Ty::Obj(s) | Ty::Scalar(_, s) => Some(s),
            Ty::Arr(t) | Ty::Map(t) => t.schema(),
            _ => None,
        }
    }
}

/// An optional field.
pub const fn f(name: &'static str, ty: Ty, description: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        description,
        enums: &[],
    }
}

/// An optional string field with enumerated values.
pub const fn e(
    name: &'static str,
    enums: &'static [&'static str],
    description: &'static str,
) -> Field {
    Field {
        name,
        ty: Ty::Str,
        required: false,
        description,
        enums,
    }
}

/// A required string field with enumerated values.
pub const fn ereq(
    name: &'static str,
    enums: &'static [&'static str],
    description: &'static str,
) -> Field {
    Field {
        required: true,
        ..e(name, enums, description)
    }
}

/// A required field (`-required-`).
pub const fn req(name: &'static str, ty: Ty, description: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        description,
        enums: &[],
    }
}

pub const STR: Ty = Ty::Str;
pub const INT: Ty = Ty::Int;
pub const BOOL: Ty = Ty::Bool;
pub const STRS: Ty = Ty::Arr(&Ty::Str);
pub const STR_MAP: Ty = Ty::Map(&Ty::Str);
