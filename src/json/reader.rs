//! The JSON grammar, read once for every use in src/json.rs: `Reader` over a text, in one of two
//! modes (`Build` makes serde_json's `Value`; `Check` only accepts or refuses), and the number's
//! parts as the text spells them (`Numeral`).

use std::borrow::Cow;
use std::marker::PhantomData;

use serde_json::{Map, Number, Value};

use crate::decimal;

/// The reader's modes (`Reader`'s parameter): both accept and refuse exactly the same texts.
/// Checking copies no string, converts no number (unless near the largest double, where the
/// conversion decides whether the text is JSON), fills no container, and reads every value as
/// `None` but `true` and `false`. A type, not a flag: a build that only checks (the browser's)
/// carries no code that builds, nor the drop code of `Value`s, arrays and maps it never makes.
pub(super) trait Mode {
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
pub(super) struct Build;

/// Checks only; a value reads as its boolean, if it is one.
pub(super) struct Check;

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

pub(super) struct Reader<'a, M> {
    pub(super) text: &'a str,
    pub(super) at: usize,
    mode: PhantomData<M>,
}

impl<'a, M: Mode> Reader<'a, M> {
    pub(super) fn at(text: &'a str, at: usize) -> Self {
        Reader { text, at, mode: PhantomData }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    pub(super) fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    pub(super) fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    pub(super) fn value(&mut self, depth: u32) -> Option<M::Out> {
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
    pub(super) fn key(&mut self) -> Option<Cow<'a, str>> {
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
    pub(super) fn numeral(&mut self) -> Option<Numeral<'a>> {
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
pub(super) struct Numeral<'a> {
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
    pub(super) fn to_f64(&self) -> Option<f64> {
        let x = match self.integer_value() {
            Some(n) => n as f64, // correctly rounded, as the decimal would be
            None => decimal::to_f64(self.integer, self.fraction, self.exponent.unwrap_or(0)),
        };
        x.is_finite().then_some(if self.negative { -x } else { x })
    }
}
