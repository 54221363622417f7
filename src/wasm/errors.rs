//! The server build's errors become instances of the JS layer's own `AuthError` classes: the loader
//! hands over a factory at start-up, so `instanceof` works and no error ever crosses as a bare
//! string. The client build has no such export: its exports answer in wasm's buffer and
//! js/core/core.js throws the `AuthError` itself.

use std::cell::RefCell;

use js_sys::Function;
use wasm_bindgen::prelude::*;

use crate::AuthError;

thread_local! {
    static MAKE_ERROR: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// `factory(code, message, verification)` returns the `Error` to throw; `verification` is true for
/// a failed token verification (a `TokenVerificationError` with `reason` in JS).
#[wasm_bindgen(js_name = setErrorFactory)]
pub fn set_error_factory(factory: Function) {
    MAKE_ERROR.with(|f| *f.borrow_mut() = Some(factory));
}

pub fn to_js(error: AuthError) -> JsValue {
    make(error, false)
}

/// For `verifyToken`: every failure there is a verification failure, `token-invalid` included.
pub fn verification_to_js(error: AuthError) -> JsValue {
    make(error, true)
}

fn make(error: AuthError, verification: bool) -> JsValue {
    let (code, message) = (JsValue::from_str(error.code()), JsValue::from_str(error.message()));
    let made = MAKE_ERROR
        .with(|f| f.borrow().as_ref().map(|f| f.call3(&JsValue::NULL, &code, &message, &verification.into())));
    // No factory: the package's loaders always set one first; a stray caller gets a plain Error.
    made.and_then(Result::ok).unwrap_or_else(|| js_sys::Error::new(error.message()).into())
}
