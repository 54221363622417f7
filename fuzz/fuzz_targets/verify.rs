//! Untrusted bytes through everything that parses them: token decoding, verification (with a PEM, a
//! JWKS and key material that is itself fuzzed), handshake tokens, verifyToken's options, the claim
//! checks, claims normalisation, has() (compiled from the claims, asked with parameters in the
//! encoding js/core/has.js writes, and the raw boundary itself: any parameter encoding against any
//! checker bytes, as wasm memory may hold them); and the RSA arithmetic of src/verify/pkcs1.rs
//! against `BigUint::modpow`. Nothing may panic.
//!
//! Claims shapes (selector 0x7f): a few bytes become v2 claims of up to ~400 KB (features ×
//! permission names × mask digits × name length, the shapes that once cost quadratic memory),
//! decoded and checked with has(). Each input's heap high-water mark must stay linear in the
//! claims' size (a counting allocator: what wasm memory would grow by), and its time within
//! libFuzzer's per-input `-timeout` (scripts/test.sh).
#![no_main]

mod shapes;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rsa::BigUint;
use serde_json::{json, Map, Value};
use wasm_auth::abi::{param, PARAM_BITS};
use wasm_auth::{
    decode_jwt, fuzz_check_claims, fuzz_modpow, organization_from_claims, verify_handshake, verify_token,
    CheckAuthorization, CheckParams, Checker, KeySet, VerifyOptions,
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
    if selector == 0x7f {
        return shapes::claims_shape(rest, |claims| has_checks(claims));
    }
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
        claims(&jwt.payload_json, options, now);
    }
    if let Ok(jwt) = decode_jwt(&text) {
        claims(&jwt.payload_json, options, now);
    }
    raw_check(rest);
    let _ = verify_handshake(&text, keys, options.clock_skew_ms, now);
    // The options' reader, on JSON the fuzzer makes (the boundary hands it JS values instead).
    let _ = serde_json::from_str::<VerifyOptions>(&text);
});

/// [tags: 4][five lengths: 1 each][after_minutes: 8][checker bytes: up to 64][texts...]: the
/// arguments of `checkerHas` and the arena's contents, unchecked, as a caller of the raw glue
/// could hand them over.
fn raw_check(bytes: &[u8]) {
    let Some((head, rest)) = bytes.split_first_chunk::<17>() else { return };
    let tags = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
    let lens = [head[4], head[5], head[6], head[7], head[8]].map(usize::from);
    let after = f64::from_le_bytes([head[9], head[10], head[11], head[12], head[13], head[14], head[15], head[16]]);
    let (checker, texts) = rest.split_at(rest.len().min(64));
    if let Some(checker) = Checker::read(checker) {
        let _ = checker.has(&CheckParams::decode(tags, lens, texts, after));
    }
}

fn claims(payload_json: &str, options: &VerifyOptions, now: f64) {
    let payload: &Map<String, Value> = &serde_json::from_str(payload_json).unwrap_or_default();
    let _ = fuzz_check_claims(payload, options, now);
    has_checks(payload_json);
}

/// has() on claims, its options as js/core/core.js builds them (checkAuthorizationFor): the user,
/// the organization, `fea` and `pla`, and for v2 claims the `o` members its permissions come from.
fn has_checks(payload_json: &str) {
    let Ok(org) = organization_from_claims(payload_json) else { return };
    let payload: Map<String, Value> = serde_json::from_str(payload_json).unwrap_or_default();
    let claim = |name: &str| payload.get(name).cloned().unwrap_or(Value::Null);
    let mut check = json!({ "userId": claim("sub"), "features": claim("fea"), "plans": claim("pla") });
    match org {
        None => {
            check["orgId"] = claim("org_id");
            check["orgRole"] = claim("org_role");
            check["orgPermissions"] = claim("org_permissions");
        }
        Some(_) => {
            let o = claim("o");
            check["orgId"] = o.get("id").cloned().unwrap_or(Value::Null);
            check["orgRole"] = o.get("rol").map_or(Value::Null, |rol| json!(format!("org:{rol}")));
            check["orgPermissionsOf"] = json!({ "per": o.get("per"), "fpm": o.get("fpm") });
        }
    }
    let Some(check) = CheckAuthorization::from_options(&check.to_string()) else { return };
    // Parameters as js/core/has.js encodes them: tags, each text's length, the texts back to back.
    let tag = |index: u32, tag: u32| tag << (PARAM_BITS * index);
    for (tags, lens, texts) in [
        (tag(0, param::TEXT), [9, 0, 0, 0, 0], "org:admin"),
        (tag(1, param::TEXT) | tag(4, param::TEXT), [0, 7, 0, 0, 6], "org:a:bstrict"),
        (tag(2, param::TEXT) | tag(3, param::TEXT), [0, 0, 3, 3, 0], "o:xu:y"),
    ] {
        let _ = check.has(&CheckParams::decode(tags, lens, texts.as_bytes(), 10.0));
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
