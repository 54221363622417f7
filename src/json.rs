//! JSON text to `serde_json::Value`. serde_json's own reader (with the exact float parser its
//! `float_roundtrip` feature adds, which passthrough claims need) made up about a fifth of the
//! browser's wasm; this one is a few hundred bytes of code.
//!
//! It accepts what `serde_json::from_str::<Value>` accepts: RFC 8259, nesting below 128 levels,
//! no lone surrogates, no control characters in strings. It builds the same values: integers that
//! fit `u64`/`i64` stay integers, `-0` and everything else is an `f64` read exactly (`decimal.rs`),
//! a number beyond the `f64` range is an error, and a repeated key keeps its last value.

use serde_json::{Map, Number, Value};

use crate::decimal;

/// serde_json's limit: 127 nested arrays or objects parse, 128 do not.
const MAX_DEPTH: u32 = 127;

/// The value `text` holds, or `None` if it is not JSON.
pub fn parse(text: &str) -> Option<Value> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(MAX_DEPTH)?;
    reader.skip_whitespace();
    (reader.at == text.len()).then_some(value)
}

/// Whether `text` is a JSON object, by the same rules as [`parse`], without building it: a token's
/// header and payload are checked this way when they only go on to `JSON.parse` in JS.
pub fn is_object(text: &str) -> bool {
    let mut reader = Reader { text, at: 0 };
    reader.skip_whitespace();
    if reader.peek() != Some(b'{') || reader.skip_value(MAX_DEPTH).is_none() {
        return false;
    }
    reader.skip_whitespace();
    reader.at == text.len()
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
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

    fn value(&mut self, depth: u32) -> Option<Value> {
        self.skip_whitespace();
        match self.peek()? {
            b'n' => self.word("null", Value::Null),
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            b'[' if depth > 0 => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_whitespace();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth - 1)?);
                        self.skip_whitespace();
                        if self.eat(b']') {
                            break;
                        }
                        self.eat(b',').then_some(())?;
                    }
                }
                Some(Value::Array(items))
            }
            b'{' if depth > 0 => {
                self.at += 1;
                let mut map = Map::new();
                self.skip_whitespace();
                if !self.eat(b'}') {
                    loop {
                        self.skip_whitespace();
                        let key = self.string()?;
                        self.skip_whitespace();
                        self.eat(b':').then_some(())?;
                        let value = self.value(depth - 1)?;
                        map.insert(key, value);
                        self.skip_whitespace();
                        if self.eat(b'}') {
                            break;
                        }
                        self.eat(b',').then_some(())?;
                    }
                }
                Some(Value::Object(map))
            }
            _ => None,
        }
    }

    /// [`Reader::value`]'s grammar and limits, building nothing.
    fn skip_value(&mut self, depth: u32) -> Option<()> {
        self.skip_whitespace();
        let (open, close) = match self.peek()? {
            b'n' => return self.word("null", ()),
            b't' => return self.word("true", ()),
            b'f' => return self.word("false", ()),
            b'"' => return self.skip_string(),
            b'-' | b'0'..=b'9' => return self.number().map(drop),
            b'[' if depth > 0 => (b'[', b']'),
            b'{' if depth > 0 => (b'{', b'}'),
            _ => return None,
        };
        self.at += 1;
        self.skip_whitespace();
        if self.eat(close) {
            return Some(());
        }
        loop {
            if open == b'{' {
                self.skip_whitespace();
                self.skip_string()?;
                self.skip_whitespace();
                self.eat(b':').then_some(())?;
            }
            self.skip_value(depth - 1)?;
            self.skip_whitespace();
            if self.eat(close) {
                return Some(());
            }
            self.eat(b',').then_some(())?;
        }
    }

    fn skip_string(&mut self) -> Option<()> {
        self.eat(b'"').then_some(())?;
        loop {
            let rest = self.text.get(self.at..)?;
            let plain = rest.bytes().position(|b| b == b'"' || b == b'\\' || b < 0x20)?;
            self.at += plain + 1;
            match rest.as_bytes().get(plain)? {
                b'"' => return Some(()),
                b'\\' => drop(self.escape()?),
                _ => return None,
            }
        }
    }

    fn word<T>(&mut self, word: &str, value: T) -> Option<T> {
        let found = self.text.as_bytes().get(self.at..)?.starts_with(word.as_bytes());
        self.at += word.len();
        found.then_some(value)
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"').then_some(())?;
        let mut out = String::new();
        loop {
            // Plain text up to the next quote, backslash or control character, in one step.
            let rest = self.text.get(self.at..)?;
            let plain = rest.bytes().position(|b| b == b'"' || b == b'\\' || b < 0x20)?;
            out.push_str(rest.get(..plain)?);
            self.at += plain + 1;
            match rest.as_bytes().get(plain)? {
                b'"' => return Some(out),
                b'\\' => out.push(self.escape()?),
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
    fn number(&mut self) -> Option<Number> {
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
        if fraction.is_empty() && exponent.is_none() {
            // An integer, as serde_json keeps it: u64, else a negative i64, else a float;
            // -0 is the float -0.0.
            let magnitude = integer.iter().try_fold(0u64, |n, &d| n.checked_mul(10)?.checked_add(u64::from(d - b'0')));
            match (magnitude, negative) {
                (Some(n), false) => return Some(Number::from(n)),
                (Some(n), true) if n != 0 && n <= 1 << 63 => return Some(Number::from((n as i64).wrapping_neg())),
                _ => {}
            }
        }
        let x = decimal::to_f64(integer, fraction, exponent.unwrap_or(0));
        Number::from_f64(if negative { -x } else { x })
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Same answer as serde_json (with `float_roundtrip`, a dev-dependency feature here).
    fn agrees(text: &str) {
        let theirs = serde_json::from_str::<Value>(text).ok();
        let ours = parse(text);
        assert_eq!(ours, theirs, "{text:?}");
        // Value's == compares floats by value; compare the bits of -0.0 and the layout too.
        assert_eq!(ours.as_ref().map(|v| v.to_string()), theirs.map(|v| v.to_string()), "{text:?}");
        assert_eq!(is_object(text), matches!(ours, Some(Value::Object(_))), "is_object({text:?})");
        let nested = format!("{{\"k\":{text}}}");
        assert_eq!(is_object(&nested), parse(&nested).is_some(), "is_object({nested:?})");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn agrees_with_serde_json() {
        let cases = [
            "null",
            "true",
            "false",
            " 1 ",
            "-0",
            "-0.0",
            "0",
            "01",
            "-",
            "1.",
            ".5",
            "+1",
            "1e",
            "1E+2",
            "1e-2",
            "2.5e-3",
            "1e400",
            "-1e400",
            "1e-400",
            "-1e-400",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "0.1",
            "1.7976931348623157e308",
            "5e-324",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            r#""""#,
            r#""a\"b\\c\/d\b\f\n\r\t""#,
            r#""\u00e9\u0000""#,
            r#""\ud83d\ude00""#,
            r#""\ud800""#,
            r#""\ud800\u0041""#,
            r#""\udc00""#,
            r#""\ud800\udbff""#,
            r#""\x""#,
            r#""\u12""#,
            r#""\u12g4""#,
            "\"a\u{1}b\"",
            "\"\u{7f}é😀\"",
            "\"unterminated",
            "[]",
            "[ ]",
            "[1,2]",
            "[1,]",
            "[,1]",
            "[1 2]",
            "{}",
            "{ }",
            r#"{"a":1}"#,
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"{a:1}"#,
            r#"{"a":1,"a":2}"#,
            r#"{"a":[{"b":null}],"c":{"d":-1.5e3}}"#,
            "[1] x",
            "",
            " ",
            "\u{feff}1",
            "nul",
            "nulls",
            "tru",
            "[\"a\"\t,\r\n1]",
            "{\"\":0}",
            "1 2",
        ];
        for text in cases {
            agrees(text);
        }
        for depth in [126, 127, 128, 129, 100_000] {
            agrees(&("[".repeat(depth) + &"]".repeat(depth)));
            agrees(&(r#"{"a":"#.repeat(depth) + "1" + &"}".repeat(depth)));
        }
    }

    /// Random JSON-like text, mutated: same value or same refusal as serde_json.
    #[wasm_bindgen_test(unsupported = test)]
    fn agrees_on_noise() {
        let alphabet = br#"{}[],:"\ -+.eE0123456789abfnrtu"#;
        let seeds =
            [r#"{"v":2,"o":{"id":"org_1","per":"a,b","fpm":"3"},"fva":[1.5,-1]}"#, r#"[1e5,-0.25,"\u00e9",true,null]"#];
        let mut state = 0x853c_49e6_748f_ea9bu64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let mut text = seeds[(next() % 2) as usize].as_bytes().to_vec();
            for _ in 0..=next() % 3 {
                let at = (next() as usize) % (text.len() + 1);
                let byte = alphabet[(next() as usize) % alphabet.len()];
                match next() % 3 {
                    0 if at < text.len() => text[at] = byte,
                    1 if at < text.len() => {
                        text.remove(at);
                    }
                    _ => text.insert(at, byte),
                }
            }
            agrees(&String::from_utf8(text).unwrap());
        }
    }
}
