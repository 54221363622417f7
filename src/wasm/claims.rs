//! `decodeJwt`, the organization part of `authObjectFromClaims` and `createCheckAuthorization`'s
//! compiler (js/core.js): text in, an answer out, through one buffer in wasm memory.
//!
//! JS writes the text into the buffer with `TextEncoder.encodeInto` (js/core.js, `input`): native
//! and fast for a token's kilobyte of ASCII, where passing a string argument (wasm-bindgen's glue,
//! or `JsValue::as_string`) copies it in a JS loop, char by char, which cost a third of
//! `decodeJwt`. The answer (JSON text, a compiled checker, or an error's message) comes back in the
//! same buffer and its length as the export's number: no string or error object crosses the
//! boundary, so the exports need none of wasm-bindgen's return glue, and JS, which knows each
//! export's error code, makes the `AuthError` itself.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::{decode_jwt, org_fields_json, AuthError, DecodedJwt, ErrorKind};

/// What the buffer keeps between calls; a larger text's room is given back at the next call.
const KEPT_INPUT: usize = 64 * 1024;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Grows the buffer to at least `capacity` bytes and returns where it starts, or 0 when memory
/// cannot grow that far (an allocation failure must not abort the module). `inputBuffer(0)` says
/// where the last answer is; a request for a small buffer gives a large one's room back.
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(capacity: usize) -> *const u8 {
    INPUT.with(|input| {
        let mut input = input.borrow_mut();
        if capacity > 0 && capacity <= KEPT_INPUT && input.len() > KEPT_INPUT {
            *input = Vec::new();
        }
        let extra = capacity.saturating_sub(input.len());
        if input.try_reserve_exact(extra).is_err() {
            return std::ptr::null();
        }
        let len = input.len() + extra;
        input.resize(len, 0);
        input.as_ptr()
    })
}

/// Runs `read` on the first `len` bytes of the buffer (UTF-8, as JS writes it: only a stray call
/// could make them anything else) and puts its answer at the buffer's start: its bytes, and their
/// count returned; or the error's message, and `-1 - its length` returned. A function pointer,
/// not a generic closure: one copy of this for every export.
pub fn exchange(len: usize, read: fn(&str) -> Result<Vec<u8>, AuthError>) -> isize {
    INPUT.with(|input| {
        let mut input = input.borrow_mut();
        let answer = match input.get(..len).and_then(|bytes| std::str::from_utf8(bytes).ok()) {
            Some(text) => read(text),
            None => Err(AuthError::new(ErrorKind::TokenInvalid, "Expected UTF-8 text.")),
        };
        let (bytes, failed) = match &answer {
            Ok(bytes) => (bytes.as_slice(), false),
            Err(error) => (error.message().as_bytes(), true),
        };
        // Written over the text, the buffer keeping its length: the next text needs no zeroing.
        if input.len() < bytes.len() {
            input.resize(bytes.len(), 0);
        }
        if let Some(start) = input.get_mut(..bytes.len()) {
            start.copy_from_slice(bytes);
        }
        let n = bytes.len() as isize;
        if failed {
            -1 - n
        } else {
            n
        }
    })
}

/// `[header, payload]` of the token in the buffer (`len` bytes), as one JSON text, which the JS
/// layer parses: two JSON texts joined into an array are JSON.
#[wasm_bindgen(js_name = decodeJwt)]
pub fn decode_jwt_json(len: usize) -> isize {
    exchange(len, |token| {
        let DecodedJwt { header_json, payload_json } = decode_jwt(token)?;
        Ok(["[", &header_json, ",", &payload_json, "]"].concat().into_bytes())
    })
}

/// The organization fields of the auth object as JSON, from `{ v, o, fea }` as JSON in the
/// buffer: `null` for v1 claims, whose organization claims the JS layer copies as they are (as it
/// copies `sid`, `sub`, `act`, `sts` and `fva`: values that are only copied never cross the
/// boundary).
#[wasm_bindgen(js_name = organizationFromClaims)]
pub fn organization_json(len: usize) -> isize {
    exchange(len, |claims| Ok(org_fields_json(claims)?.unwrap_or_else(|| "null".into()).into_bytes()))
}
