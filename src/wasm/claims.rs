//! `decodeJwt` and the organization part of `authObjectFromClaims` (js/core.js).
//!
//! Their text arrives in an input buffer in wasm memory that JS fills with `TextEncoder.encodeInto`
//! (js/core.js, `input`): native and fast for a token's kilobyte of ASCII, where passing a string
//! argument (wasm-bindgen's glue, or `JsValue::as_string`) copies it in a JS loop, char by char,
//! which cost a third of `decodeJwt`.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::errors::to_js;
use crate::{decode_jwt, org_fields_json, AuthError, DecodedJwt, ErrorKind};

/// What the input buffer keeps between calls; a larger text's room is given back after use.
const KEPT_INPUT: usize = 64 * 1024;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Grows the input buffer to at least `capacity` bytes and returns where it starts, or 0 when
/// memory cannot grow that far (an allocation failure must not abort the module).
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(capacity: usize) -> *const u8 {
    INPUT.with(|input| {
        let mut input = input.borrow_mut();
        let extra = capacity.saturating_sub(input.len());
        if input.try_reserve_exact(extra).is_err() {
            return std::ptr::null();
        }
        let len = input.len() + extra;
        input.resize(len, 0);
        input.as_ptr()
    })
}

/// `read(text)` on the first `len` bytes of the input buffer, or `kind` if they are not UTF-8 text
/// (as JS writes it: only a stray call of these exports could make them anything else). A
/// function pointer, not a generic closure: one copy of this for every export.
fn with_input(len: usize, kind: ErrorKind, read: fn(&str) -> Result<String, AuthError>) -> Result<String, JsValue> {
    INPUT.with(|input| {
        let mut input = input.borrow_mut();
        let text = input.get(..len).and_then(|bytes| std::str::from_utf8(bytes).ok());
        let result = match text {
            Some(text) => read(text),
            None => Err(AuthError::new(kind, "Expected UTF-8 text.")),
        };
        if input.len() > KEPT_INPUT {
            *input = Vec::new();
        }
        result.map_err(to_js)
    })
}

/// `[header, payload]` of the token in the input buffer (`len` bytes), as one JSON text, which
/// the JS layer parses: two JSON texts joined into an array are JSON, and one string crosses the
/// boundary more cheaply than a `Vec<String>`.
#[wasm_bindgen(js_name = decodeJwt)]
pub fn decode_jwt_json(len: usize) -> Result<String, JsValue> {
    with_input(len, ErrorKind::TokenInvalid, |token| {
        let DecodedJwt { header_json, payload_json } = decode_jwt(token)?;
        Ok(["[", &header_json, ",", &payload_json, "]"].concat())
    })
}

/// The organization fields of the auth object as JSON, from `{ v, o, fea }` as JSON in the input
/// buffer: `null` for v1 claims, whose organization claims the JS layer copies as they are (as it
/// copies `sid`, `sub`, `act`, `sts` and `fva`: values that are only copied never cross the
/// boundary).
#[wasm_bindgen(js_name = organizationFromClaims)]
pub fn organization_json(len: usize) -> Result<String, JsValue> {
    with_input(len, ErrorKind::ClaimsInvalid, |claims| Ok(org_fields_json(claims)?.unwrap_or_else(|| "null".into())))
}
