//! `wasm-auth/server`: key sets, `verifyToken` and the handshake token. Only the server wasm has
//! these (feature `verify`); their failures reach JS as `TokenVerificationError`s.
//!
//! Options arrive as the JS object itself and are read by serde-wasm-bindgen into
//! [`VerifyOptions`] (only its four fields are touched), so a wrongly typed option is an
//! `options-invalid` error that names it. The verified payload goes back as JSON text for
//! `JSON.parse`: measured on v2 session-token payloads like the bench's (Node 20, this 2-core
//! machine), the payload handed over as a JS object by serde-wasm-bindgen
//! (`Serializer::json_compatible`) took 16.2 µs per token against 9.2 µs for the text and
//! `JSON.parse`, both counting the 6.2 µs Rust parse that verification does anyway: about 10 µs of
//! crossing against 3. The text also keeps the claims' key order. The handshake's cookie list,
//! a few strings, crosses as a JS array through serde-wasm-bindgen.

use wasm_bindgen::prelude::*;

use super::errors::{to_js, verification_to_js};
use crate::{json, verify_handshake, verify_token, AuthError, ErrorKind, KeySet, VerifyOptions};

/// Parsed keys. The JS layer keeps one per PEM string and per JWKS content, so a key is parsed
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

    /// A JWKS as JSON text; anything else is no key set (`jwk-local-missing`). JSON text, not the
    /// object: a JWKS is read once per content, and `JSON.stringify` is how the JS layer compares it.
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
pub fn verify_token_json(token: JsValue, keys: &JsKeySet, options: JsValue, now: f64) -> Result<String, JsValue> {
    let token = token_text(token)?;
    let options = options_from(options)?;
    let jwt = verify_token(&token, &keys.0, &options, now).map_err(verification_to_js)?;
    Ok(jwt.payload_json)
}

/// The `Set-Cookie` directives a verified handshake token carries, as a JS array of strings.
#[wasm_bindgen(js_name = verifyHandshake)]
pub fn verify_handshake_js(token: JsValue, keys: &JsKeySet, options: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let token = token_text(token)?;
    let options = options_from(options)?;
    let directives = verify_handshake(&token, &keys.0, options.clock_skew_ms, now).map_err(verification_to_js)?;
    serde_wasm_bindgen::to_value(&directives)
        .map_err(|e| to_js(AuthError::new(ErrorKind::OptionsInvalid, e.to_string())))
}

fn token_text(token: JsValue) -> Result<String, JsValue> {
    token
        .as_string()
        .ok_or_else(|| verification_to_js(AuthError::new(ErrorKind::TokenInvalid, "A JWT must be a string.")))
}

fn options_from(options: JsValue) -> Result<VerifyOptions, JsValue> {
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| to_js(AuthError::new(ErrorKind::OptionsInvalid, format!("verifyToken options: {e}"))))
}
