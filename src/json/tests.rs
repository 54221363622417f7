//! The reader against serde_json, on listed cases and on noise.
use super::reader::special;
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
    assert_eq!(members(text, |_, _| {}).is_some(), matches!(ours, Some(Value::Object(_))), "members({text:?})");
    assert_eq!(items(text, |_| {}).is_some(), matches!(ours, Some(Value::Array(_))), "items({text:?})");
    match (js(text), &ours) {
        (Some(js), Some(value)) => assert!(same(&js, value), "js({text:?}) = {js:?}"),
        (js, _) => assert_eq!(js.is_some(), ours.is_some(), "js({text:?})"),
    }
    let nested = format!("{{\"k\":{text}}}");
    assert_eq!(is_object(&nested), parse(&nested).is_some(), "is_object({nested:?})");
}

/// Whether `js` is what JS sees of `value`: the same number bit for bit (-0.0 is not 0.0), an
/// array's items each the same.
fn same(js_value: &Js<'_>, value: &Value) -> bool {
    match (js_value, value) {
        (Js::Null, Value::Null) | (Js::Object, Value::Object(_)) => true,
        (Js::Bool(a), Value::Bool(b)) => a == b,
        (Js::Number(a), Value::Number(b)) => b.as_f64().is_some_and(|b| a.to_bits() == b.to_bits()),
        (Js::String(a), Value::String(b)) => a == b,
        (Js::Array(text), Value::Array(values)) => {
            let mut seen = Vec::new();
            items(text, |item| seen.push(item)).is_some()
                && seen.len() == values.len()
                && seen.iter().zip(values).all(|(item, value)| js(item).is_some_and(|item| same(&item, value)))
        }
        _ => false,
    }
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

#[wasm_bindgen_test(unsupported = test)]
fn special_bytes_are_found_where_they_are() {
    let slow = |bytes: &[u8]| bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
    let mut rng = crate::rng::Rng::new(1);
    for _ in 0..20_000 {
        let state = rng.next_u64();
        let len = (state % 40) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|i| match (state >> (i % 60)) % 23 {
                0 => b'"',
                1 => b'\\',
                2 => (state >> 7) as u8 % 0x20,
                3 => 0x80 | (state >> 9) as u8,
                _ => b'a' + (i % 26) as u8,
            })
            .collect();
        assert_eq!(special(&bytes), slow(&bytes), "{bytes:?}");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn members_are_the_texts_of_an_objects_values() {
    let list = |text| {
        let mut list = Vec::new();
        members(text, |key, value| list.push((key.to_owned(), value))).map(|_| list)
    };
    let got = list(r#" { "a" : [1, {"b":2}] ,"\u0063":"x\"y", "a":null } "#).unwrap();
    let expected = [("a", r#"[1, {"b":2}]"#), ("c", r#""x\"y""#), ("a", "null")];
    assert_eq!(got.iter().map(|(k, v)| (k.as_str(), *v)).collect::<Vec<_>>(), expected);
    for text in ["[]", "{", r#"{"a":1,}"#, r#"{"a":1e400}"#, r#"{"a":1} x"#, "", "1"] {
        assert!(list(text).is_none(), "{text}");
    }
    assert_eq!(list("{}").unwrap(), []);
}

#[wasm_bindgen_test(unsupported = test)]
fn values_read_as_javascript_sees_them() {
    assert!(matches!(js(r#" "plain" "#), Some(Js::String(Cow::Borrowed("plain")))), "borrowed without escapes");
    assert_eq!(js(r#""a\u0062""#), Some(Js::String("ab".into())));
    assert_eq!(js(r#""a" 1"#), None);
    assert_eq!(js(" 5 "), Some(Js::Number(5.0)));
    assert_eq!(js("-0").map(|v| matches!(v, Js::Number(n) if n.to_bits() == (-0.0f64).to_bits())), Some(true));
    assert_eq!(js("18446744073709551617"), Some(Js::Number(18446744073709551616.0)));
    assert_eq!(js("2.0000000000000001"), Some(Js::Number(2.0)), "read exactly");
    assert_eq!(js("1e400"), None, "beyond the double range: not JSON");
    assert_eq!(js(r#" [1, [2], {"a":3}] "#), Some(Js::Array(r#"[1, [2], {"a":3}]"#)));
    assert_eq!(js(r#"{"a":[}"#), None);
    assert_eq!(js(r#"{"a":[]}"#), Some(Js::Object));
    assert_eq!(js("true"), Some(Js::Bool(true)));
    assert_eq!(js("nul"), None);
    assert_eq!(Js::of(None), Js::Null);
    let mut seen = Vec::new();
    assert_eq!(items(r#" [ 1 ,"x", [ ] ] "#, |item| seen.push(item)), Some(()));
    assert_eq!(seen, ["1", r#""x""#, "[ ]"]);
}

/// Random JSON-like text, mutated: same value or same refusal as serde_json.
#[wasm_bindgen_test(unsupported = test)]
fn agrees_on_noise() {
    let alphabet = br#"{}[],:"\ -+.eE0123456789abfnrtu"#;
    let seeds =
        [r#"{"v":2,"o":{"id":"org_1","per":"a,b","fpm":"3"},"fva":[1.5,-1]}"#, r#"[1e5,-0.25,"\u00e9",true,null]"#];
    let mut rng = crate::rng::Rng::new(2);
    let mut next = || rng.next_u64();
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
