//! `decodeJwt` and the organization part of `authObjectFromClaims` (js/core.js).

use wasm_bindgen::prelude::*;

use super::errors::{text, to_js};
use crate::{decode_jwt_texts, json, organization_from_claims, AuthError, ErrorKind};

/// `[header, payload]` as one JSON text, which the JS layer parses: two JSON texts joined into an
/// array are JSON, and one string crosses the boundary more cheaply than a `Vec<String>`.
#[wasm_bindgen(js_name = decodeJwt)]
pub fn decode_jwt_json(token: JsValue) -> Result<String, JsValue> {
    let token = text(token, ErrorKind::TokenInvalid)?;
    let (header, payload) = decode_jwt_texts(&token).map_err(to_js)?;
    Ok(["[", &header, ",", &payload, "]"].concat())
}

/// The organization fields of the auth object as JSON, from `{ v, o, fea }` as JSON: `null` for
/// v1 claims, whose organization claims the JS layer copies as they are (as it copies `sid`, `sub`,
/// `act`, `sts` and `fva`: values that are only copied never cross the boundary).
#[wasm_bindgen(js_name = organizationFromClaims)]
pub fn organization_json(claims_json: JsValue) -> Result<String, JsValue> {
    let claims = match json::parse(&text(claims_json, ErrorKind::ClaimsInvalid)?) {
        Some(serde_json::Value::Object(claims)) => claims,
        _ => return Err(to_js(AuthError::new(ErrorKind::ClaimsInvalid, "Claims must be a JSON object."))),
    };
    let org = organization_from_claims(&claims).map_err(to_js)?;
    serde_json::to_string(&org)
        .map_err(|_| to_js(AuthError::new(ErrorKind::ClaimsInvalid, "Claims could not be written as JSON.")))
}
