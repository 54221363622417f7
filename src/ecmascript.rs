//! The few pieces of JavaScript semantics that Clerk's claim parsing and `has()` rely on, applied to
//! JSON values, so that Rust gives the same answer as `@clerk/shared` on every input, odd ones too.

use crate::json::Js;

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
        crate::json::js(text).expect("JSON")
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn truthiness_follows_javascript() {
        let falsy = ["null", "false", "0", "-0.0", "0e5", r#""""#];
        let truthy = ["true", "1", "-1.5", r#""0""#, "[]", "{}", "1e-300"];
        assert!(falsy.iter().all(|v| !is_truthy(&js(v))));
        assert!(truthy.iter().all(|v| is_truthy(&js(v))));
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
