//! JSON text to `serde_json::Value`. serde_json's own reader (with the exact float parser its
//! `float_roundtrip` feature adds, which passthrough claims need) made up about a fifth of the
//! browser's wasm; this one is a few hundred bytes of code.
//!
//! It accepts what `serde_json::from_str::<Value>` accepts: RFC 8259, nesting below 128 levels,
//! no lone surrogates, no control characters in strings. It builds the same values: integers that
//! fit `u64`/`i64` stay integers, `-0` and everything else is an `f64` read exactly (`decimal.rs`),
//! a number beyond the `f64` range is an error, and a repeated key keeps its last value.
//!
//! One reader for the grammar, in two modes: it builds the value, or only checks the text (a
//! token's header and payload bound for `JSON.parse` in JS), accepting and refusing the same texts.
//! Readers of a few members ([`pick`]) see each as a [`Js`] value: scalars read, containers left
//! as their text, nothing built.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde_json::{Map, Number, Value};

use crate::decimal;

/// serde_json's limit: 127 nested arrays or objects parse, 128 do not.
const MAX_DEPTH: u32 = 127;

/// The reader's modes (`Reader`'s parameter): both accept and refuse exactly the same texts.
/// Checking copies no string, converts no number (unless near the largest double, where the
/// conversion decides whether the text is JSON), fills no container, and reads every value as
/// `None` but `true` and `false`. A type, not a flag: a build that only checks (the browser's)
/// carries no code that builds, nor the drop code of `Value`s, arrays and maps it never makes.
trait Mode {
    const BUILDS: bool;
    /// What a value reads as.
    type Out;
    /// An array's or an object's entries as they are read.
    type Items: Default;
    type Members: Default;
    fn null() -> Self::Out;
    fn boolean(b: bool) -> Self::Out;
    fn string(s: String) -> Self::Out;
    fn number(n: Number) -> Self::Out;
    fn push(items: &mut Self::Items, item: Self::Out);
    fn array(items: Self::Items) -> Self::Out;
    fn insert(members: &mut Self::Members, key: String, value: Self::Out);
    fn object(members: Self::Members) -> Self::Out;
}

/// Builds the `Value` (serde_json's, as `serde_json::from_str` would).
struct Build;

/// Checks only; a value reads as its boolean, if it is one.
struct Check;

impl Mode for Build {
    const BUILDS: bool = true;
    type Out = Value;
    type Items = Vec<Value>;
    type Members = Map<String, Value>;
    fn null() -> Value {
        Value::Null
    }
    fn boolean(b: bool) -> Value {
        Value::Bool(b)
    }
    fn string(s: String) -> Value {
        Value::String(s)
    }
    fn number(n: Number) -> Value {
        Value::Number(n)
    }
    fn push(items: &mut Vec<Value>, item: Value) {
        items.push(item);
    }
    fn array(items: Vec<Value>) -> Value {
        Value::Array(items)
    }
    fn insert(members: &mut Map<String, Value>, key: String, value: Value) {
        members.insert(key, value);
    }
    fn object(members: Map<String, Value>) -> Value {
        Value::Object(members)
    }
}

impl Mode for Check {
    const BUILDS: bool = false;
    type Out = Option<bool>;
    type Items = ();
    type Members = ();
    fn null() -> Option<bool> {
        None
    }
    fn boolean(b: bool) -> Option<bool> {
        Some(b)
    }
    fn string(_: String) -> Option<bool> {
        None
    }
    fn number(_: Number) -> Option<bool> {
        None
    }
    fn push(_: &mut (), _: Option<bool>) {}
    fn array(_: ()) -> Option<bool> {
        None
    }
    fn insert(_: &mut (), _: String, _: Option<bool>) {}
    fn object(_: ()) -> Option<bool> {
        None
    }
}

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

/// Where the first `"`, `\\` or control character of `bytes` is: the bytes that end a JSON string's
/// plain run. Eight bytes at a time (SWAR): a claim's strings are most of a token.
pub fn special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A byte below 0x20, equal to `"` or equal to `\\` (the lowest flagged byte is exact).
        let found = (word.wrapping_sub(ONES * 0x20) & !word & HIGHS)
            | zero_byte(word ^ (ONES * u64::from(b'"')))
            | zero_byte(word ^ (ONES * u64::from(b'\\')));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    chunks.remainder().iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).map(|i| at + i)
}

struct Reader<'a, M> {
    text: &'a str,
    at: usize,
    mode: PhantomData<M>,
}

impl<'a, M: Mode> Reader<'a, M> {
    fn at(text: &'a str, at: usize) -> Self {
        Reader { text, at, mode: PhantomData }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self, depth: u32) -> Option<M::Out> {
        self.skip_whitespace();
        match self.peek()? {
            b'n' => self.word("null", M::null()),
            b't' => self.word("true", M::boolean(true)),
            b'f' => self.word("false", M::boolean(false)),
            b'"' => self.string().map(M::string),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' if depth > 0 => {
                self.at += 1;
                let mut items = M::Items::default();
                self.skip_whitespace();
                if !self.eat(b']') {
                    loop {
                        let item = self.value(depth - 1)?;
                        M::push(&mut items, item);
                        self.skip_whitespace();
                        if self.eat(b']') {
                            break;
                        }
                        self.eat(b',').then_some(())?;
                    }
                }
                Some(M::array(items))
            }
            b'{' if depth > 0 => {
                self.at += 1;
                let mut members = M::Members::default();
                self.skip_whitespace();
                if !self.eat(b'}') {
                    loop {
                        self.skip_whitespace();
                        let key = self.string()?;
                        self.skip_whitespace();
                        self.eat(b':').then_some(())?;
                        let value = self.value(depth - 1)?;
                        M::insert(&mut members, key, value);
                        self.skip_whitespace();
                        if self.eat(b'}') {
                            break;
                        }
                        self.eat(b',').then_some(())?;
                    }
                }
                Some(M::object(members))
            }
            _ => None,
        }
    }

    fn word(&mut self, word: &str, value: M::Out) -> Option<M::Out> {
        let found = self.text.as_bytes().get(self.at..)?.starts_with(word.as_bytes());
        self.at += word.len();
        found.then_some(value)
    }

    /// A string (an object key, say), borrowed from the text unless it holds escapes.
    fn key(&mut self) -> Option<Cow<'a, str>> {
        let (text, start) = (self.text, self.at);
        let mut check = Reader::<Check>::at(text, start);
        check.string()?;
        self.at = check.at;
        let raw: &'a str = text.get(start + 1..self.at - 1)?;
        if !raw.contains('\\') {
            return Some(Cow::Borrowed(raw));
        }
        Reader::<Build>::at(text, start).string().map(Cow::Owned)
    }

    /// A string's contents; empty when checking, where nothing is copied.
    fn string(&mut self) -> Option<String> {
        self.eat(b'"').then_some(())?;
        let mut out = String::new();
        loop {
            // Plain text up to the next quote, backslash or control character, in one step.
            let start = self.at;
            let plain = special(self.text.as_bytes().get(start..)?)?;
            if M::BUILDS {
                out.push_str(self.text.get(start..start + plain)?);
            }
            self.at += plain + 1;
            match self.text.as_bytes().get(start + plain)? {
                b'"' => return Some(out),
                b'\\' => {
                    let c = self.escape()?;
                    if M::BUILDS {
                        out.push(c);
                    }
                }
                _ => return None,
            }
        }
    }

    /// The character an escape (after its backslash) stands for.
    fn escape(&mut self) -> Option<char> {
        let c = match self.peek()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.at += 1;
                let unit = self.hex4()?;
                let code = match unit {
                    0xd800..=0xdbff => {
                        (self.eat(b'\\') && self.eat(b'u')).then_some(())?;
                        let low = self.hex4()?;
                        if !(0xdc00..=0xdfff).contains(&low) {
                            return None;
                        }
                        0x10000 + ((unit - 0xd800) << 10 | (low - 0xdc00))
                    }
                    0xdc00..=0xdfff => return None,
                    _ => unit,
                };
                return char::from_u32(code);
            }
            _ => return None,
        };
        self.at += 1;
        Some(c)
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            unit = unit << 4 | char::from(self.peek()?).to_digit(16)?;
            self.at += 1;
        }
        Some(unit)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn numeral(&mut self) -> Option<Numeral<'a>> {
        let negative = self.eat(b'-');
        let integer = self.digits();
        if integer.is_empty() || (integer.len() > 1 && integer.first() == Some(&b'0')) {
            return None;
        }
        let fraction = if self.eat(b'.') { Some(self.digits()).filter(|f| !f.is_empty())? } else { &[] };
        let exponent = if self.eat(b'e') || self.eat(b'E') {
            let negative = !self.eat(b'+') && self.eat(b'-');
            let digits = Some(self.digits()).filter(|d| !d.is_empty())?;
            let magnitude = digits.iter().fold(0i64, |e, &d| e.saturating_mul(10).saturating_add(i64::from(d - b'0')));
            Some(if negative { -magnitude } else { magnitude })
        } else {
            None
        };
        Some(Numeral { negative, integer, fraction, exponent })
    }

    fn number(&mut self) -> Option<M::Out> {
        let numeral = self.numeral()?;
        if !M::BUILDS {
            // A number beyond the double range is not JSON (as in serde_json). Below 10^308 (its
            // integer digits and exponent say so) it is in range without a closer look.
            let Numeral { integer, fraction, exponent, .. } = numeral;
            let exponent = exponent.unwrap_or(0);
            let small = (integer.len() as i64).saturating_add(exponent) <= 308;
            return (small || decimal::is_finite(integer, fraction, exponent)).then(M::null);
        }
        // An integer, as serde_json keeps it: u64, else a negative i64, else a float;
        // -0 is the float -0.0.
        let number = match (numeral.integer_value(), numeral.negative) {
            (Some(n), false) => Number::from(n),
            (Some(n), true) if n != 0 && n <= 1 << 63 => Number::from((n as i64).wrapping_neg()),
            _ => Number::from_f64(numeral.to_f64()?)?,
        };
        Some(M::number(number))
    }

    fn digits(&mut self) -> &'a [u8] {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        let text: &'a str = self.text;
        text.as_bytes().get(start..self.at).unwrap_or_default()
    }
}

/// A number's parts, as the text spells them.
struct Numeral<'a> {
    negative: bool,
    integer: &'a [u8],
    fraction: &'a [u8],
    exponent: Option<i64>,
}

impl Numeral<'_> {
    /// The value, if it is an integer below 2^64 (no fraction, no exponent).
    fn integer_value(&self) -> Option<u64> {
        if !self.fraction.is_empty() || self.exponent.is_some() {
            return None;
        }
        self.integer.iter().try_fold(0u64, |n, &d| n.checked_mul(10)?.checked_add(u64::from(d - b'0')))
    }

    /// The nearest double, or `None` beyond the double range (not JSON, as in serde_json).
    fn to_f64(&self) -> Option<f64> {
        let x = match self.integer_value() {
            Some(n) => n as f64, // correctly rounded, as the decimal would be
            None => decimal::to_f64(self.integer, self.fraction, self.exponent.unwrap_or(0)),
        };
        x.is_finite().then_some(if self.negative { -x } else { x })
    }
}

#[cfg(test)]
mod tests;
