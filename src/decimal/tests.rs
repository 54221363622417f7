//! Decimals against Rust's own exact parser: edges, random digit strings, exact midpoints.
use super::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// Reads a decimal the way `json.rs` hands it over.
fn read(text: &str) -> f64 {
    let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    to_f64(integer.as_bytes(), fraction.as_bytes(), exponent.parse().unwrap())
}

/// `to_f64`, and in the server build also the browser's exact path, against the standard reader.
fn check(text: &str) {
    let want: f64 = text.parse().unwrap();
    assert_eq!(read(text).to_bits(), want.to_bits(), "{text}");
    let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if let Some(decimal) = Decimal::new(integer.as_bytes(), fraction.as_bytes(), exponent.parse().unwrap()) {
        if (-324..=310).contains(&decimal.magnitude()) {
            let exact = exact(&decimal.digits().collect::<Vec<u8>>(), decimal.scale as i32);
            assert_eq!(exact.to_bits(), want.to_bits(), "exact: {text}");
        }
    }
}

use crate::rng::Rng;

#[wasm_bindgen_test(unsupported = test)]
fn edges() {
    for text in [
        "0",
        "0.000",
        "1",
        "2",
        "5e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "9007199254740993",
        "9007199254740995",
        "123456789012345678901234567890",
        "0.1",
        "0.3",
        "1e22",
        "1e23",
        "4.35",
        "1e-400",
        "1e400",
        "0.000000000000000000000000000000000000000000001e50",
        "1658206780088562.25",
        "17976931348623157e292",
    ] {
        check(text);
    }
    // Many digits: the 800-digit cut keeps the rounding exact.
    let long = format!("1.{}1e-300", "0".repeat(900));
    check(&long);
    check(&format!("9{}", "9".repeat(1000)));
}

#[wasm_bindgen_test(unsupported = test)]
fn finiteness_without_the_value() {
    for text in ["1e308", "1.7976931348623157e308", "1.7976931348623159e308", "1e309", "0.0001e312", "1e-400", "0"] {
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
        let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let finite = is_finite(integer.as_bytes(), fraction.as_bytes(), exponent.parse().unwrap());
        assert_eq!(finite, text.parse::<f64>().unwrap().is_finite(), "{text}");
    }
}

/// Random digit strings of every length and exponent, against Rust's own exact parser.
#[wasm_bindgen_test(unsupported = test)]
fn random_decimals() {
    let mut rng = Rng::new(1);
    for _ in 0..30_000 {
        let len = match rng.below(10) {
            0..=5 => 1 + rng.below(20),
            6..=8 => 15 + rng.below(12),
            _ => 1 + rng.below(820),
        };
        let digits: String = (0..len).map(|_| char::from(b'0' + rng.below(10) as u8)).collect();
        let exponent = rng.below(700) as i64 - 350 - len as i64 / 2;
        check(&format!("{digits}e{exponent}"));
        let point = rng.below(len) as usize;
        check(&format!("{}.{}e{exponent}", &digits[..point.max(1)], &digits[point.max(1)..]));
    }
}

/// Exact midpoints between neighbouring doubles, and their nearest neighbours, where
/// rounding is decided by the last digit or the tie rule.
#[wasm_bindgen_test(unsupported = test)]
fn halfway_cases() {
    let mut rng = Rng::new(3);
    for _ in 0..3_000 {
        let bits = rng.next_u64() & !(1 << 63);
        let x = f64::from_bits(bits);
        let y = f64::from_bits(bits + 1);
        if !y.is_finite() {
            continue;
        }
        // x + y exactly, as a decimal: both print exactly with enough digits.
        let sum = add_decimal(&exact_decimal(x), &exact_decimal(y));
        let mid = halve(&sum);
        check(&mid);
        check(&bump(&mid, 1));
        check(&bump(&mid, -1));
    }
}

/// `x` exactly, as `digits` with a decimal point at 1100 places (every double fits).
fn exact_decimal(x: f64) -> Vec<u8> {
    let text = format!("{x:.1100}");
    let (int, frac) = text.split_once('.').unwrap();
    let mut digits = format!("{int:0>310}{frac}").into_bytes();
    digits.iter_mut().for_each(|d| *d -= b'0');
    digits
}

fn add_decimal(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0; a.len() + 1];
    let mut carry = 0;
    for i in (0..a.len()).rev() {
        let s = a[i] + b[i] + carry;
        out[i + 1] = s % 10;
        carry = s / 10;
    }
    out[0] = carry;
    out
}

/// Halves a digit vector (311 integer digits, 1100 fraction digits) into decimal text.
fn halve(digits: &[u8]) -> String {
    let mut out = Vec::with_capacity(digits.len() + 1);
    let mut rest = 0;
    for &d in digits.iter().chain([0].iter()) {
        let v = rest * 10 + d;
        out.push(b'0' + v / 2);
        rest = v % 2;
    }
    let text = String::from_utf8(out).unwrap();
    format!("{}.{}", &text[..311], &text[311..])
}

/// The decimal one unit of its last digit up or down.
fn bump(text: &str, delta: i8) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let mut i = bytes.len() - 1;
    loop {
        if bytes[i] == b'.' {
            i -= 1;
            continue;
        }
        let d = bytes[i] as i8 - b'0' as i8 + delta;
        if (0..=9).contains(&d) {
            bytes[i] = b'0' + d as u8;
            break;
        }
        bytes[i] = if delta > 0 { b'0' } else { b'9' };
        i -= 1;
    }
    String::from_utf8(bytes).unwrap()
}
