//! `createAuthClient`: the client state machine (src/client) for js/client/client.js, through one
//! channel (src/client/wire.rs): JS steps the machine with an event and carries out the effects
//! the answer lists (fetch, timers, cookies, BroadcastChannel, settling its promises).
//!
//! Clients live in a table that JS addresses by handle, as the checkers do (check.rs): three plain
//! functions cost the wasm and its glue less than a wasm-bindgen class.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::buffer::texts_to_text;
use crate::client::{wire, AuthClient, RetryPolicy};

thread_local! {
    static CLIENTS: RefCell<Vec<Option<AuthClient>>> = const { RefCell::new(Vec::new()) };
}

/// A new client (`seed` feeds its retry jitter); returns its handle.
#[wasm_bindgen(js_name = clientNew)]
pub fn client_new(seed: f64) -> usize {
    let client = Some(AuthClient::new(seed as u64, RetryPolicy::default()));
    CLIENTS.with(|c| {
        let mut clients = c.borrow_mut();
        match clients.iter().position(Option::is_none) {
            Some(free) => {
                clients[free] = client;
                free
            }
            None => {
                clients.push(client);
                clients.len() - 1
            }
        }
    })
}

/// One event in, the reply and the effects out: see src/client/wire.rs. `now` is the host's clock
/// (Unix ms). The event's two texts are in wasm's buffer (buffer.rs), `a_len` then `b_len` bytes
/// (negative: absent); the answer is written there and its length returned. A handle that names no
/// client answers an empty text.
#[wasm_bindgen(js_name = clientStep)]
pub fn client_step(handle: usize, event: u32, id: f64, number: f64, now: f64, a_len: i32, b_len: i32) -> usize {
    texts_to_text(a_len, b_len, |a, b| {
        CLIENTS.with(|c| match c.borrow_mut().get_mut(handle) {
            Some(Some(client)) => wire::step(client, event, id, number, now as u64, a, b),
            _ => String::new(),
        })
    })
}

/// Frees the client `handle` names (js/client/client.js calls it once nothing can step it more).
#[wasm_bindgen(js_name = clientFree)]
pub fn client_free(handle: usize) {
    CLIENTS.with(|c| {
        if let Some(slot) = c.borrow_mut().get_mut(handle) {
            *slot = None;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::buffer::input_buffer;
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_freed_handle_steps_nothing_and_is_handed_out_again() {
        let (a, b) = (client_new(1.0), client_new(2.0));
        assert_ne!(a, b);
        let step = |handle| answer(client_step(handle, wire::event::LOAD, 0.0, f64::NAN, 0.0, -1, -1));
        assert!(step(a).starts_with("[1,"));
        client_free(a);
        assert_eq!(step(a), "");
        assert_eq!(client_new(3.0), a, "the free slot is reused");
        client_free(a);
        client_free(b);
    }

    #[wasm_bindgen_test]
    fn the_events_two_texts_are_read_one_after_the_other_from_the_buffer() {
        let texts = "ab\u{e9}cde";
        let seen = |a_len, b_len| {
            let at = input_buffer(texts.len());
            // SAFETY: `at` starts `texts.len()` bytes of the buffer, as JS's `encodeInto` writes them.
            unsafe { std::ptr::copy_nonoverlapping(texts.as_ptr(), at.cast_mut(), texts.len()) };
            answer(texts_to_text(a_len, b_len, |a, b| format!("{a:?} {b:?}")))
        };
        assert_eq!(seen(4, 3), "Some(\"ab\u{e9}\") Some(\"cde\")");
        assert_eq!(seen(-1, 2), "None Some(\"ab\")", "an absent text takes no bytes");
        assert_eq!(seen(2, -1), "Some(\"ab\") None");
        assert_eq!(seen(3, 9), "None None", "half a character is no text; past the end, nothing");
    }

    /// The answer's text in the buffer, as js/client/client.js reads it.
    fn answer(len: usize) -> String {
        // SAFETY: the buffer holds at least `len` answer bytes at `inputBuffer(0)`.
        let bytes = unsafe { std::slice::from_raw_parts(input_buffer(0), len) };
        String::from_utf8(bytes.to_vec()).unwrap()
    }
}
