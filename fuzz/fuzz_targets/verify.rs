//! Untrusted bytes through everything that parses them: token decoding, verification (with a
//! PEM, a JWKS and key material that is itself fuzzed), handshake tokens, verifyToken's options,
//! the claim checks, claims normalisation and has(); and the RSA arithmetic of src/pkcs1.rs
//! against `BigUint::modpow`. Nothing may panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rsa::BigUint;
use serde_json::{json, Map, Value};
use wasm_auth::{
    auth_object_from_claims, decode_jwt, fuzz_check_claims, fuzz_modpow, verify_handshake, verify_token,
    CheckAuthorization, CheckParams, KeySet, VerifyOptions,
};

struct Setup {
    now: f64,
    keys: [KeySet; 3],
    options: [VerifyOptions; 3],
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let fixtures: Value = serde_json::from_str(include_str!("../../tests/fixtures/verify.json")).unwrap();
        let pem = |name: &str| KeySet::from_pem(fixtures["keys"][name].as_str().unwrap());
        let options = |v: Value| serde_json::from_value::<VerifyOptions>(v).unwrap();
        Setup {
            now: fixtures["now"].as_f64().unwrap(),
            keys: [pem("rsa"), KeySet::from_jwks(&fixtures["jwks"]), pem("p256")],
            options: [
                options(json!({})),
                options(json!({"authorizedParties": ["https://app.example"], "issuer": "https://clerk.example"})),
                options(json!({"audience": ["api", ""], "clockSkewInMs": 0})),
            ],
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let setup = setup();
    if selector & 0x80 != 0 {
        return modpow(selector, rest);
    }
    let text = String::from_utf8_lossy(rest);
    let options = &setup.options[usize::from(selector >> 2 & 3) % 3];
    let now = setup.now + f64::from(selector >> 4 & 7) * 1.0e6 - 3.0e6;
    let keys;
    let keys = match selector & 3 {
        3 if selector & 0x40 != 0 => {
            keys = serde_json::from_str::<Value>(&text).map_or_else(|_| KeySet::missing(), |v| KeySet::from_jwks(&v));
            &keys
        }
        3 => {
            keys = KeySet::from_pem(&text);
            &keys
        }
        k => &setup.keys[usize::from(k)],
    };
    if let Ok(jwt) = verify_token(&text, keys, options, now) {
        claims(&jwt.payload, options, now);
    }
    if let Ok(jwt) = decode_jwt(&text) {
        claims(&jwt.payload, options, now);
    }
    let _ = verify_handshake(&text, keys, options.clock_skew_ms, now);
    // The options' reader, on JSON the fuzzer makes (the boundary hands it JS values instead).
    let _ = serde_json::from_str::<VerifyOptions>(&text);
});

fn claims(payload: &Map<String, Value>, options: &VerifyOptions, now: f64) {
    let _ = fuzz_check_claims(payload, options, now);
    let Ok(auth) = auth_object_from_claims(payload) else { return };
    // The has() options exactly as the server builds them (js/authenticate.js).
    let mut check = serde_json::to_value(&auth).unwrap();
    check["features"] = payload.get("fea").cloned().unwrap_or(json!(""));
    check["plans"] = payload.get("pla").cloned().unwrap_or(json!(""));
    let check = CheckAuthorization::from_options(check.as_object().unwrap());
    for params in [
        json!({"role": "org:admin"}),
        json!({"permission": "org:a:b", "reverification": "strict"}),
        json!({"feature": "o:x", "plan": "u:y"}),
    ] {
        let _ = check.has(&CheckParams::from_json(&params));
    }
}

/// [selector][modulus length in bytes][e as 4 bytes][modulus][signature...]
fn modpow(selector: u8, rest: &[u8]) {
    let Some((&len, rest)) = rest.split_first() else { return };
    let len = usize::from(len).max(1) * if selector & 1 == 1 { 2 } else { 1 };
    let (Some(e), Some(n), Some(s)) = (rest.get(..4), rest.get(4..4 + len), rest.get(4 + len..)) else { return };
    let e = u32::from_be_bytes([e[0], e[1], e[2], e[3]]);
    let Some(got) = fuzz_modpow(n, e, s) else { return };
    let (n, s) = (BigUint::from_bytes_be(n), BigUint::from_bytes_be(s));
    let want = s.modpow(&BigUint::from(e), &n);
    assert_eq!(BigUint::from_bytes_be(&got), want, "n={n:x} e={e} s={s:x}");
}
