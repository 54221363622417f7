//! tests/fixtures/verify.json through the Rust verifier, natively and in wasm (feature `verify`).
//! The fixtures' expectations were checked against @clerk/backend when they were made
//! (tests/support/make-verify-fixtures.mjs); tests/js/verify-fixtures.test.mjs runs them in JS.
#![cfg(feature = "verify")]

use serde::Deserialize;
use serde_json::{json, Map, Value};
use wasm_auth::{verify_handshake, verify_token, KeySet, VerifyOptions};
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

/// The options as the boundary reads them (src/verify/options.rs), from JSON here.
fn options(options: &Map<String, Value>) -> Result<VerifyOptions, String> {
    VerifyOptions::deserialize(Value::Object(options.clone())).map_err(|e| e.to_string())
}

fn outcome(token: &str, keys: &KeySet, options_json: &Map<String, Value>, now: f64) -> String {
    let Ok(options) = options(options_json) else { return "options-invalid".into() };
    match verify_token(token, keys, &options, now) {
        Ok(jwt) => {
            let parsed: Value = serde_json::from_str(&jwt.payload_json).expect("payload JSON");
            assert_eq!(Value::Object(jwt.payload), parsed);
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
    let options = |v: Value| options(v.as_object().unwrap());
    let default = VerifyOptions::default();
    assert_eq!(options(json!({})), Ok(default.clone()));
    assert_eq!(options(json!({"jwtKey": "x", "jwks": {"keys": []}, "other": [1, {}]})), Ok(default.clone()));
    assert_eq!(options(json!({"issuer": "", "audience": [null, 0, false, ""], "authorizedParties": []})), Ok(default));
    assert_eq!(
        options(json!({"issuer": null, "audience": false, "authorizedParties": 0})).map(|o| o.issuer),
        Ok(wasm_auth::Allowed::Any)
    );
    assert_eq!(options(json!({"clockSkewInMs": -1})).map(|o| o.clock_skew_ms), Ok(-1.0));
    assert_eq!(options(json!({"clockSkewInMs": null})).map(|o| o.clock_skew_ms), Ok(5000.0));
    assert_eq!(
        options(json!({"authorizedParties": "https://a"})).map(|o| o.authorized_parties),
        Ok(wasm_auth::Allowed::OneOf(vec!["https://a".into()]))
    );
    assert_eq!(
        options(json!({"issuer": ["", "https://i", null]})).map(|o| o.issuer),
        Ok(wasm_auth::Allowed::OneOf(vec!["https://i".into()]))
    );
}

/// Where Clerk would compare a claim with a value no claim can equal and fail every token without
/// saying why, the option is refused, naming itself.
#[wasm_bindgen_test(unsupported = test)]
fn wrongly_typed_options_are_named_errors() {
    let cases = [
        (json!({"clockSkewInMs": "9"}), "clockSkewInMs"),
        (json!({"clockSkewInMs": [1]}), "clockSkewInMs"),
        (json!({"issuer": {}}), "issuer"),
        (json!({"issuer": 5}), "issuer"),
        (json!({"audience": ["api", 1]}), "audience"),
        (json!({"audience": [["api"]]}), "audience"),
        (json!({"authorizedParties": true}), "authorizedParties"),
        (json!({"authorizedParties": [{"origin": "https://a"}]}), "authorizedParties"),
    ];
    for (value, name) in cases {
        let error = options(value.as_object().unwrap()).expect_err(&value.to_string());
        assert!(error.contains(name), "{value}: {error}");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn handshake_token_fixtures() {
    let fixtures = fixtures();
    let now = fixtures["now"].as_f64().unwrap();
    let cases = fixtures["handshakes"].as_array().unwrap();
    assert!(cases.len() >= 8);
    for case in cases {
        let keys = key_set(&fixtures, &case["key"]);
        let got = match verify_handshake(case["token"].as_str().unwrap(), &keys, 5000.0, now) {
            Ok(cookies) => json!(cookies),
            Err(e) => json!(e.code()),
        };
        assert_eq!(got, case["expected"], "{}", case["name"]);
    }
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
    let invalid = [
        "a".repeat(1 << 20),
        format!("{header}.{}.{}", b64(b"{}"), "A".repeat(1 << 20)),
        format!("{header}.e31.c2ln"),
        format!("{header}.e30.c2lnZ"),
        format!("{header}.e30=.c2ln"),
        format!("{}.e30.c2ln", b64(&[b'{'; 6200])),
        "\u{0}.\u{0}.\u{0}".into(),
        "..".into(),
    ];
    // The payload is not read before the signature is checked: whatever it holds, a token that is
    // not signed fails there.
    let unsigned = [
        format!("{header}.{}.c2ln", b64(nested.as_bytes())),
        format!("{header}.{}.c2ln", b64(&[0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])),
        format!("{header}.{}.c2ln", b64(br#"{"exp":1e400}"#)),
        format!("{header}.{}.c2ln", b64(format!("[{}1]", "1e-300,".repeat(25_000)).as_bytes())),
    ];
    for (tokens, reason) in [(&invalid[..], "token-invalid"), (&unsigned[..], "token-invalid-signature")] {
        for token in tokens {
            let got = verify_token(token, &keys, &VerifyOptions::default(), 0.0).map(|_| ()).unwrap_err();
            assert_eq!(got.code(), reason, "{:.60}", token);
        }
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
