//! The JS boundary: every `#[wasm_bindgen]` export lives under this folder, split by concern. Each
//! export converts its arguments, calls the core and converts back; no logic lives here.
//!
//! Objects cross as JSON text in both directions: `JSON.stringify`/`JSON.parse` in V8 are faster
//! than building objects field by field through the boundary, keep key order, and cost no extra
//! wasm code.

use wasm_bindgen::prelude::*;

mod buffer;
mod check;
mod claims;
mod client;
#[cfg(feature = "verify")]
mod errors;
#[cfg(feature = "verify")]
mod verify;

/// Makes the next allocation trap (src/allocator.rs): only tests call it, to prove that the JS
/// layer replaces a trapped instance and every later call works (js/wasm/wasm.js, `survive`).
#[wasm_bindgen(js_name = armTrap)]
pub fn arm_trap() {
    crate::allocator::arm_trap();
}
