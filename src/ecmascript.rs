//! The few pieces of JavaScript semantics that Clerk's claim parsing and `has()` rely on, applied to
//! JSON values, so that Rust gives the same answer as `@clerk/shared` on every input, odd ones too.

use crate::json::{self, Js};

use crate::decimal;

/// `!!value` in JavaScript.
pub fn is_truthy(value: &Js<'_>) -> bool {
    match value {
        Js::Null => false,
        Js::Bool(b) => *b,
        Js::Number(n) => *n != 0.0 && !n.is_nan(),
        Js::String(s) => !s.is_empty(),
        Js::Array(_) | Js::Object => true,
    }
}

/// `String(value)` in JavaScript, for the values JSON can hold.
pub fn to_js_string(value: &Js<'_>) -> String {
    match value {
        Js::Null => "null".into(),
        Js::Bool(b) => if *b { "true" } else { "false" }.into(),
        Js::Number(n) => number_to_string(*n),
        Js::String(s) => s.clone().into_owned(),
        // Array.prototype.join: null elements become "", nested arrays join again.
        Js::Array(text) => {
            let mut out = String::new();
            let mut first = true;
            json::items(text, |item| {
                if !std::mem::take(&mut first) {
                    out.push(',');
                }
                match json::js(item) {
                    None | Some(Js::Null) => {}
                    Some(item) => out.push_str(&to_js_string(&item)),
                }
            });
            out
        }
        Js::Object => "[object Object]".into(),
    }
}

/// `Number.prototype.toString()` (ECMA-262 Number::toString with radix 10): the shortest digits
/// that read back as `x` (`decimal::shortest`, as ASCII), laid out as JS lays them out. No core::fmt: Rust's
/// own `{:e}` would link core's Grisu and Dragon4 and the formatting machinery, and picks the
/// other digit of a tie.
pub fn number_to_string(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x == 0.0 {
        return "0".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    // x = 0.digits × 10^n
    let (mut digits, n) = decimal::shortest(x.abs());
    let k = digits.len() as i32;
    let mut out = Vec::with_capacity(32);
    if x < 0.0 {
        out.push(b'-');
    }
    if k <= n && n <= 21 {
        out.append(&mut digits);
        out.resize(out.len() + (n - k) as usize, b'0');
    } else if 0 < n && n <= 21 {
        digits.insert(n as usize, b'.');
        out.append(&mut digits);
    } else if -6 < n && n <= 0 {
        out.extend(b"0.");
        out.resize(out.len() + n.unsigned_abs() as usize, b'0');
        out.append(&mut digits);
    } else {
        if k > 1 {
            digits.insert(1, b'.');
        }
        out.append(&mut digits);
        out.extend(if n > 0 { b"e+" } else { b"e-" });
        // The exponent has at most three digits (10^-324 to 10^308).
        let e = (n - 1).unsigned_abs();
        for place in [100, 10, 1] {
            if e >= place || place == 1 {
                out.push(b'0' + (e / place % 10) as u8);
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// `text.split(separator)` as JavaScript splits at an ASCII separator: every piece, empty ones
/// included. Found byte by byte (an ASCII byte is never inside a multi-byte character): str's
/// `split` and `split_once` each cost the browser's wasm a pattern searcher.
pub fn split(text: &str, separator: u8) -> Split<'_> {
    Split { rest: Some(text), separator }
}

pub struct Split<'a> {
    rest: Option<&'a str>,
    separator: u8,
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        let Some((piece, after)) = split_once(rest, self.separator) else {
            self.rest = None;
            return Some(rest);
        };
        self.rest = Some(after);
        Some(piece)
    }
}

/// The text before and after the first `separator` (an ASCII byte), if there is one.
pub fn split_once(text: &str, separator: u8) -> Option<(&str, &str)> {
    let (before, after) = text.split_at_checked(text.bytes().position(|b| b == separator)?)?;
    Some((before, after.get(1..)?))
}

/// `String.prototype.trim()`: JavaScript's whitespace set differs from Rust's `char::is_whitespace`
/// (JS trims U+FEFF and keeps U+0085).
pub fn trim(s: &str) -> &str {
    // Most claims' parts have nothing to trim: ASCII letters at both ends.
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() => s,
        // By hand over `Chars`: `trim_matches`' pattern searcher cost the browser's wasm more.
        _ => {
            let (mut chars, mut rest) = (s.chars(), s);
            while chars.next().is_some_and(is_js_whitespace) {
                rest = chars.as_str();
            }
            let (mut chars, mut trimmed) = (rest.chars(), rest);
            while chars.next_back().is_some_and(is_js_whitespace) {
                trimmed = chars.as_str();
            }
            trimmed
        }
    }
}

fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{d}'
            | ' '
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{feff}'
    )
}

/// `new Date(0).setUTCSeconds(seconds)` as milliseconds, which is how Clerk turns `exp`, `nbf` and
/// `iat` into dates: the seconds are truncated towards zero, and a date beyond ±8.64e15 ms is NaN
/// (so every comparison with it is false: Clerk never calls such a token expired).
#[cfg(feature = "verify")]
pub fn date_from_seconds(seconds: f64) -> f64 {
    let ms = if seconds.is_nan() { 0.0 } else { seconds.trunc() * 1000.0 };
    if ms.is_finite() && ms.abs() <= 8.64e15 {
        ms + 0.0 // TimeClip turns -0 into +0
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The JS value of a JSON text.
    fn js(text: &str) -> Js<'_> {
        json::js(text).expect("JSON")
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn truthiness_follows_javascript() {
        let falsy = ["null", "false", "0", "-0.0", "0e5", r#""""#];
        let truthy = ["true", "1", "-1.5", r#""0""#, "[]", "{}", "1e-300"];
        assert!(falsy.iter().all(|v| !is_truthy(&js(v))));
        assert!(truthy.iter().all(|v| is_truthy(&js(v))));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn numbers_print_like_javascript() {
        let cases = [
            (5.0, "5"),
            (-5.5, "-5.5"),
            (0.1, "0.1"),
            (1e21, "1e+21"),
            (123456789012345680000.0, "123456789012345680000"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (12345678901234567890.0, "12345678901234567000"),
            (2.5e300, "2.5e+300"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (-1e-7, "-1e-7"),
            (123e-20, "1.23e-18"),
            (0.000123, "0.000123"),
            (100.0, "100"),
            (1e20, "100000000000000000000"),
            (1.5, "1.5"),
            (-0.0, "0"),
        ];
        for (x, want) in cases {
            assert_eq!(number_to_string(x), want, "{x}");
        }
    }

    /// Random doubles of every magnitude read back as themselves. (The digits were also checked
    /// against V8's `String(x)` for 400,000 doubles; `ties_go_to_the_even_digit` holds a case where
    /// Rust's own `{:e}` picks the other digit.)
    #[wasm_bindgen_test(unsupported = test)]
    fn random_doubles_round_trip() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if x.is_finite() {
                assert_eq!(number_to_string(x).parse::<f64>().ok(), Some(x), "{x:e}");
            }
        }
    }

    /// ECMA-262: of two equally close shortest digit strings, the even one (V8 agrees).
    #[wasm_bindgen_test(unsupported = test)]
    fn ties_go_to_the_even_digit() {
        // This double is exactly 1658206780088562.25: ...562.2 and ...562.3 are equally close.
        let tie = 1658206780088562.0 + 0.25;
        assert_eq!(number_to_string(tie), "1658206780088562.2");
        assert_eq!(number_to_string(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_to_string(2f64.powi(70)), "1.1805916207174113e+21");
        assert_eq!(number_to_string(f64::from_bits(3)), "1.5e-323");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn values_stringify_like_javascript() {
        assert_eq!(
            to_js_string(&js(r#"["a", null, [1, [2, null]], true, {"b": 1}, "\u00e9", 1.50]"#)),
            "a,,1,2,,true,[object Object],é,1.5"
        );
        assert_eq!(to_js_string(&js("[]")), "");
        assert_eq!(to_js_string(&js("[null]")), "");
        assert_eq!(to_js_string(&js(r#"{"a": 1}"#)), "[object Object]");
        assert_eq!(to_js_string(&js("null")), "null");
        assert_eq!(to_js_string(&js("-0")), "0");
        assert_eq!(to_js_string(&js("1e21")), "1e+21");
    }

    #[cfg(feature = "verify")]
    #[wasm_bindgen_test(unsupported = test)]
    fn dates_from_seconds_follow_set_utc_seconds() {
        assert_eq!(date_from_seconds(1.9), 1000.0);
        assert_eq!(date_from_seconds(-1.9), -1000.0);
        assert_eq!(date_from_seconds(8.64e12), 8.64e15);
        assert!(date_from_seconds(8.64e12 + 1.0).is_nan());
        assert!(date_from_seconds(-1e300).is_nan());
        assert_eq!(date_from_seconds(-0.5).to_bits(), 0.0f64.to_bits());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn trim_uses_the_javascript_whitespace_set() {
        assert_eq!(trim("\u{feff} a b\u{3000}\n"), "a b");
        assert_eq!(trim("\u{85}a"), "\u{85}a");
        assert_eq!(trim(" \u{a0}\t "), "", "only whitespace trims to nothing");
        assert_eq!(trim("\u{e9} x \u{e9}"), "\u{e9} x \u{e9}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn split_at_an_ascii_byte_splits_as_str_split_does() {
        for text in ["", ",", "a", "a,b", ",a,,b,", "\u{e9},\u{1f600}:x,", "o:a:b"] {
            for separator in [b',', b':'] {
                let expected: Vec<&str> = text.split(char::from(separator)).collect();
                assert_eq!(split(text, separator).collect::<Vec<_>>(), expected, "{text:?}");
                assert_eq!(split_once(text, separator), text.split_once(char::from(separator)), "{text:?}");
            }
        }
    }
}
