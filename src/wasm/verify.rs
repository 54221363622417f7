//! `wasm-auth/server`: key sets and `verifyToken`. Only the server wasm has these (feature
//! `verify`); their failures reach JS as `TokenVerificationError`s.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::errors::{text, verification_to_js};
use crate::{json, verify_token, ErrorKind, KeySet, VerifyOptions};

/// Parsed keys. The JS layer keeps one per PEM string and per JWKS object, so a key is parsed
/// and validated once, not per token.
#[wasm_bindgen(js_name = KeySet)]
pub struct JsKeySet(KeySet);

#[wasm_bindgen(js_class = KeySet)]
impl JsKeySet {
    /// A PEM public key. Anything but a string becomes a key that fails every token with
    /// `token-verification-failed`, as an unusable `jwtKey` does in Clerk.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: JsValue) -> JsKeySet {
        JsKeySet(KeySet::from_pem(&pem.as_string().unwrap_or_else(|| "(jwtKey is not a string)".into())))
    }

    /// A JWKS as JSON text; anything else is no key set (`jwk-local-missing`).
    #[wasm_bindgen(js_name = fromJwks)]
    pub fn from_jwks(jwks_json: JsValue) -> JsKeySet {
        let jwks = jwks_json.as_string().and_then(|json| json::parse(&json));
        JsKeySet(jwks.map_or_else(KeySet::missing, |jwks| KeySet::from_jwks(&jwks)))
    }

    /// Neither `jwtKey` nor `jwks` was given.
    pub fn missing() -> JsKeySet {
        JsKeySet(KeySet::missing())
    }
}

/// The verified payload as JSON text; the JS layer parses it. `now` is `Date.now()`.
#[wasm_bindgen(js_name = verifyToken)]
pub fn verify_token_json(token: JsValue, keys: &JsKeySet, options_json: JsValue, now: f64) -> Result<String, JsValue> {
    let token = token
        .as_string()
        .ok_or_else(|| verification_to_js(crate::AuthError::new(ErrorKind::TokenInvalid, "A JWT must be a string.")))?;
    let options = match json::parse(&text(options_json, ErrorKind::OptionsInvalid)?) {
        Some(Value::Object(options)) => VerifyOptions::from_json(&options),
        _ => VerifyOptions::default(),
    };
    let jwt = verify_token(&token, &keys.0, &options, now).map_err(verification_to_js)?;
    Ok(jwt.payload_json)
}
