//! The one buffer in wasm memory through which text crosses in both directions: JS writes its
//! text with `TextEncoder.encodeInto` (native and fast for a token's kilobyte of ASCII, where a
//! string argument is copied by wasm-bindgen's glue in a JS loop, char by char), the export reads
//! it and writes its answer over it, and returns the answer's length. No string, object or error
//! crosses the boundary, so the exports need none of wasm-bindgen's glue for them.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::{AuthError, ErrorKind};

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
        put_answer(&mut input, bytes);
        let n = bytes.len() as isize;
        if failed {
            -1 - n
        } else {
            n
        }
    })
}

/// Takes the buffer's first `a_len` bytes, then the next `b_len`, as texts (a negative length:
/// none), runs `answer` on them and puts its text at the buffer's start; returns its length.
pub fn texts_to_text(a_len: i32, b_len: i32, answer: impl FnOnce(Option<String>, Option<String>) -> String) -> usize {
    let (a, b) = INPUT.with(|input| {
        let input = input.borrow();
        let mut rest = input.as_slice();
        let mut take = |len: i32| {
            let (text, after) = rest.split_at_checked(usize::try_from(len).ok()?)?;
            rest = after;
            String::from_utf8(text.to_vec()).ok()
        };
        (take(a_len), take(b_len))
    });
    let text = answer(a, b);
    INPUT.with(|input| put_answer(&mut input.borrow_mut(), text.as_bytes()));
    text.len()
}

/// Writes `bytes` over the text, the buffer keeping its length: the next text needs no zeroing.
fn put_answer(input: &mut Vec<u8>, bytes: &[u8]) {
    if input.len() < bytes.len() {
        input.resize(bytes.len(), 0);
    }
    if let Some(start) = input.get_mut(..bytes.len()) {
        start.copy_from_slice(bytes);
    }
}
