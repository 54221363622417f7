//! `decodeJwt`, the organization part of `authObjectFromClaims` and `createCheckAuthorization`'s
//! compiler (js/core/core.js): text in, an answer out, through wasm's one buffer (buffer.rs). The
//! answer is JSON text, a compiled checker, or an error's message; JS, which knows each export's
//! error code, makes the `AuthError` itself.

use wasm_bindgen::prelude::*;

use super::buffer::exchange;
use crate::{decode_jwt, DecodedJwt};

/// `[header, payload]` of the token in the buffer (`len` bytes), as one JSON text, which the JS
/// layer parses: two JSON texts joined into an array are JSON.
#[wasm_bindgen(js_name = decodeJwt)]
pub fn decode_jwt_json(len: usize) -> isize {
    exchange(len, |token| {
        let DecodedJwt { header_json, payload_json } = decode_jwt(token)?;
        Ok(crate::concat(&["[", &header_json, ",", &payload_json, "]"]).into_bytes())
    })
}

/// The organization fields of the auth object as JSON, from `{ v, o, fea }` as JSON in the
/// buffer: `null` for v1 claims, whose organization claims the JS layer copies as they are (as it
/// copies `sid`, `sub`, `act`, `sts` and `fva`: values that are only copied never cross the
/// boundary).
#[wasm_bindgen(js_name = organizationFromClaims)]
pub fn organization_from_claims(len: usize) -> isize {
    exchange(len, |claims| Ok(crate::organization_from_claims(claims)?.unwrap_or_else(|| "null".into()).into_bytes()))
}
