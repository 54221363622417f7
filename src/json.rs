//! JSON text to `serde_json::Value`. serde_json's own reader (with the exact float parser its
//! `float_roundtrip` feature adds, which passthrough claims need) made up about a fifth of the
//! browser's wasm; this one (reader, writer and `pick`) is about 6 KB of it (docs/size.md has the map).
//!
//! It accepts what `serde_json::from_str::<Value>` accepts: RFC 8259, nesting below 128 levels,
//! no lone surrogates, no control characters in strings. It builds the same values: integers that
//! fit `u64`/`i64` stay integers, `-0` and everything else is an `f64` read exactly (`decimal.rs`),
//! a number beyond the `f64` range is an error, and a repeated key keeps its last value.
//!
//! One reader for the grammar (`json/reader.rs`), in two modes: it builds the value, or only checks
//! the text (a token's header and payload bound for `JSON.parse` in JS), accepting and refusing
//! the same texts.
//! Readers of a few members ([`pick`]) see each as a [`Js`] value: scalars read, containers left
//! as their text, nothing built.

use std::borrow::Cow;

use serde_json::{Map, Value};

mod reader;
mod writer;

pub(crate) use writer::{push_number, push_string, JsonWriter};

use reader::{Build, Check, Mode, Reader};

/// serde_json's limit: 127 nested arrays or objects parse, 128 do not.
const MAX_DEPTH: u32 = 127;

/// The value `text` holds, or `None` if it is not JSON.
pub fn parse(text: &str) -> Option<Value> {
    read::<Build>(text, 0)
}

/// The object `text` holds, or `None` if it is not a JSON object.
pub fn parse_object(text: &str) -> Option<Map<String, Value>> {
    match parse(text)? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Whether `text` is a JSON object, by the same rules as [`parse`], without building it: a token's
/// header and payload are checked this way when they only go on to `JSON.parse` in JS.
pub fn is_object(text: &str) -> bool {
    read::<Check>(text, b'{').is_some()
}

/// Calls `member(key, value)` for each member of the JSON object `text` holds, `value` being the
/// member's text (checked, nothing built), in order; a repeated key comes each time. `None` unless
/// `text` is a JSON object. For readers that need a few members and copy others as they are.
pub fn members<'a>(text: &'a str, mut member: impl FnMut(&str, &'a str)) -> Option<()> {
    container(text, b'{', b'}', |reader| {
        let key = reader.key()?;
        reader.skip_whitespace();
        reader.eat(b':').then_some(())?;
        reader.skip_whitespace();
        let start = reader.at;
        reader.value(MAX_DEPTH - 1)?;
        member(&key, text.get(start..reader.at)?);
        Some(())
    })
}

/// The texts of the members named `names` of the JSON object `text` holds (the last of each, as
/// `JSON.parse` keeps it), or `None` unless `text` is a JSON object.
pub fn pick<'a, const N: usize>(text: &'a str, names: [&str; N]) -> Option<[Option<&'a str>; N]> {
    let mut picked = [None; N];
    pick_into(text, &names, &mut picked)?;
    Some(picked)
}

/// [`pick`] for any number of names: one copy of the reading code, whatever `N` its callers use.
fn pick_into<'a>(text: &'a str, names: &[&str], picked: &mut [Option<&'a str>]) -> Option<()> {
    members(text, |key, value| {
        if let Some(slot) = names.iter().position(|&name| name == key).and_then(|at| picked.get_mut(at)) {
            *slot = Some(value);
        }
    })
}

/// A JSON value as JavaScript reads it, without building anything but a string with escapes:
/// what a reader of a claim or an option needs (truthiness, `String()`, a number, a string).
#[derive(Clone, Debug, PartialEq)]
pub enum Js<'a> {
    Null,
    Bool(bool),
    /// The number as `JSON.parse` reads it (correctly rounded; `-0` is -0.0).
    Number(f64),
    String(Cow<'a, str>),
    /// An array, as its text: [`items`] reads it.
    Array(&'a str),
    Object,
}

impl<'a> Js<'a> {
    /// A member as [`pick`] gives it: absent reads as null (nothing Clerk reads tells them apart).
    pub fn of(member: Option<&'a str>) -> Self {
        member.and_then(js).unwrap_or(Js::Null)
    }
}

/// The value the JSON text `text` holds, or `None` if it is not JSON.
pub fn js(text: &str) -> Option<Js<'_>> {
    let mut reader = Reader::<Check>::at(text, 0);
    reader.skip_whitespace();
    let start = reader.at;
    let value = match reader.peek()? {
        b'"' => Js::String(reader.key()?),
        b'-' | b'0'..=b'9' => Js::Number(reader.numeral()?.to_f64()?),
        b'[' => {
            reader.value(MAX_DEPTH)?;
            Js::Array(text.get(start..reader.at)?)
        }
        b'{' => {
            reader.value(MAX_DEPTH)?;
            Js::Object
        }
        _ => match reader.value(MAX_DEPTH)? {
            Some(b) => Js::Bool(b),
            None => Js::Null,
        },
    };
    reader.skip_whitespace();
    (reader.at == text.len()).then_some(value)
}

/// A number's text as a `u64`, if it is an integer in range written without fraction or exponent
/// (serde_json's `as_u64`).
pub fn as_u64(text: &str) -> Option<u64> {
    text.bytes().try_fold(0u64, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        } else {
            None
        }
    })
}

/// Calls `item(text)` for each item of the JSON array `text` holds, with the item's text (checked,
/// nothing built), in order. `None` unless `text` is a JSON array.
pub fn items<'a>(text: &'a str, mut item: impl FnMut(&'a str)) -> Option<()> {
    container(text, b'[', b']', |reader| {
        let start = reader.at;
        reader.value(MAX_DEPTH - 1)?;
        item(text.get(start..reader.at)?);
        Some(())
    })
}

/// Reads the object or array `text` holds (`open` and `close` its brackets), checked, calling
/// `entry` to read each entry (it starts at the entry's first byte). `None` unless it is one.
fn container<'a>(
    text: &'a str,
    open: u8,
    close: u8,
    mut entry: impl FnMut(&mut Reader<'a, Check>) -> Option<()>,
) -> Option<()> {
    let mut reader = Reader::<Check>::at(text, 0);
    reader.skip_whitespace();
    reader.eat(open).then_some(())?;
    reader.skip_whitespace();
    if !reader.eat(close) {
        loop {
            reader.skip_whitespace();
            entry(&mut reader)?;
            reader.skip_whitespace();
            if reader.eat(close) {
                break;
            }
            reader.eat(b',').then_some(())?;
        }
    }
    reader.skip_whitespace();
    (reader.at == text.len()).then_some(())
}

/// The value `text` holds, if it is JSON and (unless `first` is 0) the value starts with `first`.
fn read<M: Mode>(text: &str, first: u8) -> Option<M::Out> {
    let mut reader = Reader::<M>::at(text, 0);
    reader.skip_whitespace();
    if first != 0 && reader.peek() != Some(first) {
        return None;
    }
    let value = reader.value(MAX_DEPTH)?;
    reader.skip_whitespace();
    (reader.at == text.len()).then_some(value)
}

#[cfg(test)]
mod tests;
