//! The shared fixtures (tests/fixtures/*.json), run through the Rust core natively and in wasm.
//! The JS suite runs the same files through the built package and through @clerk/shared. has()
//! parameters go through the encoding js/has.js writes and the decoder src/wasm/check.rs runs.

mod has_encoding;

use serde_json::Value;
use wasm_auth::{auth_object_from_claims, CheckAuthorization};
use wasm_bindgen_test::wasm_bindgen_test;

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

#[wasm_bindgen_test(unsupported = test)]
fn has_cases() {
    let fixtures = fixture(include_str!("fixtures/has.json"));
    let cases = fixtures["cases"].as_array().unwrap();
    assert!(cases.len() > 50);
    for case in cases {
        let options = &fixtures["options"][case["options"].as_str().unwrap()];
        let check = CheckAuthorization::from_options(&options.to_string()).expect("an options object");
        let got = has_encoding::has(&check, &case["params"]);
        assert_eq!(Value::Bool(got), case["expected"], "{}", case["name"]);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn claims_cases() {
    let fixtures = fixture(include_str!("fixtures/claims.json"));
    for case in fixtures["cases"].as_array().unwrap() {
        let got = auth_object_from_claims(&case["claims"].to_string());
        match (&case["expected"], &case["error"]) {
            (expected, Value::Null) => {
                let got = got.unwrap_or_else(|e| panic!("{}: {e}", case["name"]));
                let got: Value = serde_json::from_str(&got.to_json()).unwrap();
                assert_eq!(&got, expected, "{}", case["name"]);
            }
            (_, code) => assert_eq!(got.unwrap_err().code(), code, "{}", case["name"]),
        }
    }
}
