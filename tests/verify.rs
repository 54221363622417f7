//! tests/fixtures/verify.json through the Rust verifier, natively and in wasm (feature `verify`).
//! The fixtures' expectations were checked against @clerk/backend when they were made
//! (tests/support/make-verify-fixtures.mjs); tests/js/verify-fixtures.test.mjs runs them in JS.
#![cfg(feature = "verify")]

use serde_json::{json, Map, Value};
use wasm_auth::{verify_token, KeySet, VerifyOptions};
use wasm_bindgen_test::wasm_bindgen_test;

fn fixtures() -> Value {
    serde_json::from_str(include_str!("fixtures/verify.json")).expect("fixture is JSON")
}

fn key_set(fixtures: &Value, key: &Value) -> KeySet {
    match key.as_str() {
        None => KeySet::missing(),
        Some("jwks") => KeySet::from_jwks(&fixtures["jwks"]),
        Some(name) => KeySet::from_pem(fixtures["keys"][name].as_str().expect("a PEM")),
    }
}

fn outcome(token: &str, keys: &KeySet, options: &Map<String, Value>, now: f64) -> String {
    match verify_token(token, keys, &VerifyOptions::from_json(options), now) {
        Ok(jwt) => {
            let parsed: Value = serde_json::from_str(&jwt.payload_json).expect("payload JSON");
            assert_eq!(Value::Object(jwt.payload()), parsed);
            "ok".into()
        }
        Err(e) => e.code().into(),
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn fixture_cases() {
    let fixtures = fixtures();
    let now = fixtures["now"].as_f64().unwrap();
    let cases = fixtures["cases"].as_array().unwrap();
    assert!(cases.len() > 70);
    for case in cases {
        let keys = key_set(&fixtures, &case["key"]);
        let got = outcome(case["token"].as_str().unwrap(), &keys, case["options"].as_object().unwrap(), now);
        assert_eq!(got, case["expected"].as_str().unwrap(), "{}", case["name"]);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn a_key_set_is_reused_across_tokens_and_clocks() {
    let fixtures = fixtures();
    let now = fixtures["now"].as_f64().unwrap();
    let keys = KeySet::from_pem(fixtures["keys"]["rsa"].as_str().unwrap());
    let valid = fixtures["cases"][0]["token"].as_str().unwrap();
    let none = Map::new();
    for _ in 0..3 {
        assert_eq!(outcome(valid, &keys, &none, now), "ok");
    }
    assert_eq!(outcome(valid, &keys, &none, now + 3_600_000.0), "token-expired");
    assert_eq!(outcome(valid, &keys, &none, now - 3_600_000.0), "token-not-active-yet");
}

#[wasm_bindgen_test(unsupported = test)]
fn options_follow_clerks_javascript_semantics() {
    let options = |v: Value| VerifyOptions::from_json(v.as_object().unwrap());
    let default = VerifyOptions::default();
    assert_eq!(options(json!({})), default);
    assert_eq!(options(json!({"issuer": "", "audience": [null, 0], "authorizedParties": []})), default);
    assert_eq!(options(json!({"clockSkewInMs": "9"})).clock_skew_ms, 5000.0);
    assert_eq!(options(json!({"clockSkewInMs": -1})).clock_skew_ms, -1.0);
    // What JS turns a function into: truthy, equal to no claim, so every token fails the check.
    assert_eq!(options(json!({"issuer": {}})).issuer, wasm_auth::Allowed::OneOf(vec![]));
    assert_eq!(
        options(json!({"authorizedParties": "https://a"})).authorized_parties,
        wasm_auth::Allowed::OneOf(vec!["https://a".into()])
    );
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[wasm_bindgen_test(unsupported = test)]
fn hostile_tokens_are_typed_errors() {
    let fixtures = fixtures();
    let keys = KeySet::from_pem(fixtures["keys"]["rsa"].as_str().unwrap());
    let header = b64(br#"{"alg":"RS256","typ":"JWT"}"#);
    let nested = format!(r#"{{"sub":"u","a":{}{}}}"#, "[".repeat(50_000), "]".repeat(50_000));
    let cases = [
        "a".repeat(1 << 20),
        format!("{header}.{}.{}", b64(b"{}"), "A".repeat(1 << 20)),
        format!("{header}.{}.c2ln", b64(nested.as_bytes())),
        format!("{header}.{}.c2ln", b64(&[0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])),
        format!("{header}.e31.c2ln"),
        format!("{header}.e30.c2lnZ"),
        format!("{header}.e30=.c2ln"),
        format!("{header}.{}.c2ln", b64(br#"{"exp":1e400}"#)),
        "\u{0}.\u{0}.\u{0}".into(),
        "..".into(),
    ];
    for token in &cases {
        let got = verify_token(token, &keys, &VerifyOptions::default(), 0.0).map(|_| ()).unwrap_err();
        assert_eq!(got.code(), "token-invalid", "{:.60}", token);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn pem_keys_are_read_the_way_they_reach_environment_variables() {
    let fixtures = fixtures();
    let pem = fixtures["keys"]["rsa"].as_str().unwrap();
    let valid = fixtures["cases"][0]["token"].as_str().unwrap();
    let now = fixtures["now"].as_f64().unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let variants = [
        pem.replace('\n', "\r\n"),
        format!("\n  {pem}\n\n"),
        format!("-----BEGIN PUBLIC KEY-----{body}-----END PUBLIC KEY-----"),
        format!("-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----", body.trim_end_matches('=')),
    ];
    for pem in &variants {
        assert_eq!(outcome(valid, &KeySet::from_pem(pem), &Map::new(), now), "ok", "{pem}");
    }
    let broken = [
        pem.replace("PUBLIC KEY", "CERTIFICATE"),
        pem.replace("-----END PUBLIC KEY-----", ""),
        format!("-----BEGIN PUBLIC KEY-----\n{}*\n-----END PUBLIC KEY-----", body),
        "not a pem".into(),
    ];
    for pem in &broken {
        assert_eq!(outcome(valid, &KeySet::from_pem(pem), &Map::new(), now), "token-verification-failed", "{pem}");
    }
    assert_eq!(outcome(valid, &KeySet::from_pem(""), &Map::new(), now), "jwk-local-missing");
    assert_eq!(outcome(valid, &KeySet::from_jwks(&json!({"keys": 5})), &Map::new(), now), "jwk-local-missing");
    assert_eq!(outcome(valid, &KeySet::from_jwks(&json!({"keys": []})), &Map::new(), now), "jwk-kid-mismatch");
}
