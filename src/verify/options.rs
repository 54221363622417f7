//! `verifyToken`'s options, read by one `Deserialize` implementation whatever carries them: the JS
//! options object itself through serde-wasm-bindgen (src/wasm/verify.rs), or JSON in the tests and
//! the fuzzer. Only the four fields below are read; a JS options object also holds keys, URLs and
//! the like, which stay on the JS side.
//!
//! Clerk's JavaScript semantics where they are meaningful (`[option].flat().filter(Boolean)`: a
//! falsy entry is dropped, an empty list checks nothing), and a typed error where Clerk would
//! compare a claim with a number, a function or an object and fail every token without saying why:
//! such an option is `options-invalid`, with a message naming it.

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};

/// Clerk's default leeway for `exp`, `nbf` and `iat`.
pub const DEFAULT_CLOCK_SKEW_MS: f64 = 5000.0;

/// What a claim must be, if anything.
#[derive(Clone, Debug, PartialEq)]
pub enum Allowed {
    /// No check.
    Any,
    /// The claim must equal one of these.
    OneOf(Vec<String>),
}

/// `verifyToken`'s options; `Default` is the secure default (no optional check, 5 s of skew).
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyOptions {
    pub authorized_parties: Allowed,
    pub issuer: Allowed,
    pub audience: Allowed,
    pub clock_skew_ms: f64,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            authorized_parties: Allowed::Any,
            issuer: Allowed::Any,
            audience: Allowed::Any,
            clock_skew_ms: DEFAULT_CLOCK_SKEW_MS,
        }
    }
}

const FIELDS: &[&str] = &["authorizedParties", "issuer", "audience", "clockSkewInMs"];

impl<'de> Deserialize<'de> for VerifyOptions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("VerifyOptions", FIELDS, OptionsVisitor)
    }
}

struct OptionsVisitor;

impl<'de> Visitor<'de> for OptionsVisitor {
    type Value = VerifyOptions;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an options object")
    }

    fn visit_unit<E: de::Error>(self) -> Result<VerifyOptions, E> {
        Ok(VerifyOptions::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<VerifyOptions, E> {
        Ok(VerifyOptions::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<VerifyOptions, A::Error> {
        let mut options = VerifyOptions::default();
        while let Some(key) = map.next_key::<FieldName>()? {
            match key {
                FieldName::AuthorizedParties => {
                    options.authorized_parties = map.next_value_seed(List { name: "authorizedParties" })?.0
                }
                FieldName::Issuer => options.issuer = map.next_value_seed(List { name: "issuer" })?.0,
                FieldName::Audience => options.audience = map.next_value_seed(List { name: "audience" })?.0,
                FieldName::ClockSkewInMs => {
                    let skew = map.next_value::<Option<f64>>().map_err(|e| named("clockSkewInMs", e))?;
                    // NaN and the infinities (which only a JS object can hold) mean the default.
                    options.clock_skew_ms = skew.filter(|s| s.is_finite()).unwrap_or(DEFAULT_CLOCK_SKEW_MS);
                }
                FieldName::Other => _ = map.next_value::<IgnoredAny>()?,
            }
        }
        Ok(options)
    }
}

fn named<E: de::Error>(name: &str, error: E) -> E {
    E::custom(format_args!("{name}: {error}"))
}

enum FieldName {
    AuthorizedParties,
    Issuer,
    Audience,
    ClockSkewInMs,
    Other,
}

impl<'de> Deserialize<'de> for FieldName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl Visitor<'_> for NameVisitor {
            type Value = FieldName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<FieldName, E> {
                Ok(match name {
                    "authorizedParties" => FieldName::AuthorizedParties,
                    "issuer" => FieldName::Issuer,
                    "audience" => FieldName::Audience,
                    "clockSkewInMs" => FieldName::ClockSkewInMs,
                    _ => FieldName::Other,
                })
            }
        }
        deserializer.deserialize_identifier(NameVisitor)
    }
}

/// `issuer`, `audience` or `authorizedParties`: a string or a list of strings, falsy values
/// dropped (Clerk's `filter(Boolean)`); nothing left means no check. `authorizedParties` as a
/// string is one party (Clerk would test it as a substring of `azp`, which is not what anyone means).
struct List {
    name: &'static str,
}

struct ListValue(Allowed);

impl<'de> de::DeserializeSeed<'de> for List {
    type Value = ListValue;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ListValue, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for List {
    type Value = ListValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a string or a list of strings for `{}`", self.name)
    }

    fn visit_unit<E: de::Error>(self) -> Result<ListValue, E> {
        Ok(ListValue(Allowed::Any))
    }

    fn visit_none<E: de::Error>(self) -> Result<ListValue, E> {
        Ok(ListValue(Allowed::Any))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<ListValue, E> {
        falsy(!value, Unexpected::Bool(value), &self)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<ListValue, E> {
        falsy(value == 0, Unexpected::Unsigned(value), &self)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<ListValue, E> {
        falsy(value == 0, Unexpected::Signed(value), &self)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<ListValue, E> {
        falsy(value == 0.0 || value.is_nan(), Unexpected::Float(value), &self)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<ListValue, E> {
        Ok(ListValue(if value.is_empty() { Allowed::Any } else { Allowed::OneOf(vec![value.to_owned()]) }))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListValue, A::Error> {
        let mut list = Vec::new();
        while let Some(Entry(entry)) = seq.next_element_seed(EntrySeed(self.name))? {
            list.extend(entry);
        }
        Ok(ListValue(if list.is_empty() { Allowed::Any } else { Allowed::OneOf(list) }))
    }
}

/// A falsy value is no check; any other value of that type is the wrong type.
fn falsy<E: de::Error>(is_falsy: bool, unexpected: Unexpected, expected: &List) -> Result<ListValue, E> {
    if is_falsy {
        Ok(ListValue(Allowed::Any))
    } else {
        Err(E::invalid_type(unexpected, expected))
    }
}

/// One entry of a list: a string (kept, unless empty in `issuer`/`audience`) or a falsy value
/// (dropped). Neither a nested list nor an object is read into: an entry is one value deep.
struct EntrySeed(&'static str);
struct Entry(Option<String>);

impl<'de> de::DeserializeSeed<'de> for EntrySeed {
    type Value = Entry;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Entry, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a string in the list `{}`", self.0)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Entry, E> {
        Ok(Entry(None))
    }

    fn visit_none<E: de::Error>(self) -> Result<Entry, E> {
        Ok(Entry(None))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Entry, E> {
        if value {
            Err(E::invalid_type(Unexpected::Bool(value), &self))
        } else {
            Ok(Entry(None))
        }
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Entry, E> {
        if value == 0 {
            Ok(Entry(None))
        } else {
            Err(E::invalid_type(Unexpected::Unsigned(value), &self))
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Entry, E> {
        if value == 0 {
            Ok(Entry(None))
        } else {
            Err(E::invalid_type(Unexpected::Signed(value), &self))
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Entry, E> {
        if value == 0.0 || value.is_nan() {
            Ok(Entry(None))
        } else {
            Err(E::invalid_type(Unexpected::Float(value), &self))
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Entry, E> {
        // Clerk's `includes` lets an empty party match an empty `azp`; an empty issuer or
        // audience is falsy and dropped.
        let keep = !value.is_empty() || self.0 == "authorizedParties";
        Ok(Entry(keep.then(|| value.to_owned())))
    }
}
