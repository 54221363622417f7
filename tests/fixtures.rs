//! The shared fixtures (tests/fixtures/*.json), run through the Rust core natively and in wasm.
//! The JS suite runs the same files through the built package and through @clerk/shared. has()
//! parameters go through the encoding js/core/has.js writes and the decoder src/wasm/check.rs runs.

mod has_encoding;

use serde_json::Value;
use wasm_auth::{organization_from_claims, CheckAuthorization};
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

/// What Rust decodes of each case: v2's organization permissions (JS copies the other fields as
/// they are, and the JS suite checks whole auth objects on the same file), and the errors.
#[wasm_bindgen_test(unsupported = test)]
fn claims_cases() {
    let fixtures = fixture(include_str!("fixtures/claims.json"));
    for case in fixtures["cases"].as_array().unwrap() {
        let got = organization_from_claims(&case["claims"].to_string());
        match (&case["expected"], &case["error"]) {
            (expected, Value::Null) => {
                let got = got.unwrap_or_else(|e| panic!("{}: {e}", case["name"]));
                let Some(fields) = got else { continue }; // v1: nothing to decode
                let fields: Value = serde_json::from_str(&fields).unwrap();
                let permissions = match &fields["orgPermissions"] {
                    Value::Null => Value::Null,
                    grants => Value::from(expand(grants)),
                };
                assert_eq!(permissions, expected["orgPermissions"], "{}", case["name"]);
            }
            (_, code) => assert_eq!(got.unwrap_err().code(), code, "{}", case["name"]),
        }
    }
}

/// Clerk's `org:<feature>:<permission>` strings from grants, as `expandGrants` (js/core/abi.js)
/// makes them.
fn expand(grants: &Value) -> Vec<String> {
    let grants = grants.as_array().unwrap();
    let mut permissions = Vec::new();
    for feature in &grants[1..] {
        let feature = feature.as_array().unwrap();
        for index in &feature[1..] {
            let name = grants[0][index.as_u64().unwrap() as usize].as_str().unwrap();
            permissions.push(format!("org:{}:{name}", feature[0].as_str().unwrap()));
        }
    }
    permissions
}
