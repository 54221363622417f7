//! The few pieces of JavaScript semantics that Clerk's claim parsing and `has()` rely on, applied to
//! JSON values, so that Rust gives the same answer as `@clerk/shared` on every input, odd ones too.

use serde_json::Value;

/// `!!value` in JavaScript.
pub fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// `String(value)` in JavaScript, for the values JSON can hold.
pub fn to_js_string(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => if *b { "true" } else { "false" }.into(),
        Value::Number(n) => number_to_string(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => s.clone(),
        // Array.prototype.join: null elements become "", nested arrays join again.
        Value::Array(items) => items
            .iter()
            .map(|item| if item.is_null() { String::new() } else { to_js_string(item) })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".into(),
    }
}

/// `Number.prototype.toString()` (ECMA-262 Number::toString with radix 10). Rust's `{:e}` gives
/// the same shortest round-trip digits; only the layout differs, which is rebuilt here.
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
    let sign = if x < 0.0 { "-" } else { "" };
    let scientific = format!("{:e}", x.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i32;
    // value = 0.digits × 10^n
    let n = exponent.parse::<i32>().unwrap_or(0) + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let exp_sign = if n - 1 < 0 { '-' } else { '+' };
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        format!("{first}{dot}{rest}e{exp_sign}{}", (n - 1).abs())
    };
    format!("{sign}{body}")
}

/// `String.prototype.trim()`: JavaScript's whitespace set differs from Rust's `char::is_whitespace`
/// (JS trims U+FEFF and keeps U+0085).
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_js_whitespace)
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
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn truthiness_follows_javascript() {
        let falsy = [json!(null), json!(false), json!(0), json!(-0.0), json!("")];
        let truthy = [json!(true), json!(1), json!(-1.5), json!("0"), json!([]), json!({})];
        assert!(falsy.iter().all(|v| !is_truthy(v)));
        assert!(truthy.iter().all(is_truthy));
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
        ];
        for (x, want) in cases {
            assert_eq!(number_to_string(x), want, "{x}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn values_stringify_like_javascript() {
        assert_eq!(to_js_string(&json!(["a", null, [1, 2], true])), "a,,1,2,true");
        assert_eq!(to_js_string(&json!({"a": 1})), "[object Object]");
        assert_eq!(to_js_string(&json!(null)), "null");
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
    }
}
