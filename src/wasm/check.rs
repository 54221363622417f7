//! `createCheckAuthorization`: options are compiled once into a checker's bytes, which the JS
//! layer keeps (src/authorization.rs has the layout). A check reads the checker in place from an
//! arena in wasm memory and its string parameters from a scratch buffer, both written by JS
//! (js/core/has.js), so a check parses nothing and allocates nothing on either side.
//!
//! The arena is a ring that JS manages: it copies a checker's bytes in when they are not there
//! (a memcpy, never a parse) and knows, without asking, whether they still are. Its size is
//! bounded, so memory stays flat however many checkers an app makes, without waiting for the
//! garbage collector to finalize anything.
//!
//! JS writes at addresses it holds, so where the buffers are is also kept in wasm memory
//! ([`LAYOUT`]), which JS reads before each write: if anything moved them behind its back (a stray
//! call of these exports), it notices and writes nowhere stale.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};

use wasm_bindgen::prelude::*;

use super::buffer::exchange;
use crate::authorization::Checker;
use crate::{AuthError, CheckAuthorization, CheckParams, ErrorKind};

/// What JS writes into: one thread-local access and one borrow per check.
struct Buffers {
    /// The string parameters of a check.
    scratch: Vec<u8>,
    /// Checkers' bytes, placed by JS.
    arena: Vec<u8>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = const { RefCell::new(Buffers { scratch: Vec::new(), arena: Vec::new() }) };
}

/// Where the scratch buffer and the arena start, and their lengths: `[scratch, len, arena, len]`.
/// (Atomics only to be a plain `static`: wasm32 has one thread.)
static LAYOUT: [AtomicU32; 4] = [const { AtomicU32::new(0) }; 4];

/// The address of [`LAYOUT`], for JS to read.
#[wasm_bindgen(js_name = checkLayout)]
pub fn check_layout() -> *const AtomicU32 {
    LAYOUT.as_ptr()
}

fn publish(b: &Buffers) {
    let words = [b.scratch.as_ptr() as usize, b.scratch.len(), b.arena.as_ptr() as usize, b.arena.len()];
    for (slot, word) in LAYOUT.iter().zip(words) {
        slot.store(word as u32, Ordering::Relaxed);
    }
}

/// Grows the scratch buffer to at least `capacity` bytes and returns where it starts, or 0 when
/// memory cannot grow that far (an allocation failure must not abort the module).
#[wasm_bindgen(js_name = checkScratch)]
pub fn check_scratch(capacity: usize) -> *const u8 {
    BUFFERS.with(|b| {
        let b = &mut *b.borrow_mut();
        let at = grow(&mut b.scratch, capacity);
        publish(b);
        at
    })
}

/// A new arena of `capacity` bytes in place of the old one, whose contents are gone; where it
/// starts, or 0 when memory cannot grow that far.
#[wasm_bindgen(js_name = checkArena)]
pub fn check_arena(capacity: usize) -> *const u8 {
    BUFFERS.with(|b| {
        let b = &mut *b.borrow_mut();
        b.arena = Vec::new(); // freed first, so that its memory can serve the new one
        let at = grow(&mut b.arena, capacity);
        publish(b);
        at
    })
}

fn grow(buffer: &mut Vec<u8>, capacity: usize) -> *const u8 {
    let extra = capacity.saturating_sub(buffer.len());
    if buffer.try_reserve_exact(extra).is_err() {
        return std::ptr::null();
    }
    let len = buffer.len() + extra;
    buffer.resize(len, 0);
    buffer.as_ptr()
}

/// Compiles `createCheckAuthorization` options, as JSON in the buffer of src/wasm/buffer.rs, into
/// a checker's bytes, answered in that buffer.
#[wasm_bindgen(js_name = checkerCompile)]
pub fn checker_compile(len: usize) -> isize {
    exchange(len, |options| match CheckAuthorization::from_options(options) {
        Some(checker) => Ok(checker.into_bytes()),
        None => Err(AuthError::new(ErrorKind::OptionsInvalid, "createCheckAuthorization takes an options object.")),
    })
}

/// Whether the checker at `at` in the arena grants the parameters in the scratch buffer, encoded
/// as `CheckParams::decode` reads them. Bytes that are not a checker grant nothing.
#[wasm_bindgen(js_name = checkerHas)]
#[allow(clippy::too_many_arguments)]
pub fn checker_has(
    at: usize,
    tags: u32,
    role_len: usize,
    permission_len: usize,
    feature_len: usize,
    plan_len: usize,
    level_len: usize,
    after_minutes: f64,
) -> bool {
    BUFFERS.with(|b| {
        let b = b.borrow();
        let lens = [role_len, permission_len, feature_len, plan_len, level_len];
        let params = CheckParams::decode(tags, lens, &b.scratch, after_minutes);
        b.arena.get(at..).and_then(Checker::read).is_some_and(|checker| checker.has(&params))
    })
}
