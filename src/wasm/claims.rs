//! `decodeJwt` and `authObjectFromClaims`.

use wasm_bindgen::prelude::*;

use super::errors::{text, to_js};
use crate::{auth_object_from_claims, decode_jwt, json, AuthError, ErrorKind};

/// `[header, payload]` as one JSON text, which the JS layer parses: two JSON texts joined into an
/// array are JSON, and one string crosses the boundary more cheaply than a `Vec<String>`.
#[wasm_bindgen(js_name = decodeJwt)]
pub fn decode_jwt_json(token: JsValue) -> Result<String, JsValue> {
    let token = text(token, ErrorKind::TokenInvalid)?;
    let jwt = decode_jwt(&token).map_err(to_js)?;
    Ok(["[", &jwt.header_json, ",", &jwt.payload_json, "]"].concat())
}

/// The auth object (without `sessionClaims`) as JSON, from the claims as JSON.
#[wasm_bindgen(js_name = authObjectFromClaims)]
pub fn auth_object_json(claims_json: JsValue) -> Result<String, JsValue> {
    let claims = match json::parse(&text(claims_json, ErrorKind::ClaimsInvalid)?) {
        Some(serde_json::Value::Object(claims)) => claims,
        _ => return Err(to_js(AuthError::new(ErrorKind::ClaimsInvalid, "Claims must be a JSON object."))),
    };
    let auth = auth_object_from_claims(&claims).map_err(to_js)?;
    // Serializing values that came from JSON cannot fail; no serde_json error text is linked.
    serde_json::to_string(&auth).map_err(|_| to_js(AuthError::new(ErrorKind::ClaimsInvalid, "Claims could not be written as JSON.")))
}
