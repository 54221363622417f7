//! `createAuthClient`: the client state machine (src/client) for js/client.js, through one
//! channel (src/client/wire.rs): JS steps the machine with an event and carries out the effects
//! the answer lists (fetch, timers, cookies, BroadcastChannel, settling its promises).
//!
//! Clients live in a table that JS addresses by handle, as the checkers do (check.rs): three plain
//! functions cost the wasm and its glue less than a wasm-bindgen class.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

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
/// (Unix ms). A handle that names no client answers an empty text. The answer is made a JS string
/// here, not returned as a `String`: JS would then read it from wasm memory and call back in to
/// free it, a crossing more on the hot path of a cached `getToken()`.
#[wasm_bindgen(js_name = clientStep)]
pub fn client_step(
    handle: usize,
    event: u32,
    id: f64,
    number: f64,
    now: f64,
    a: Option<String>,
    b: Option<String>,
) -> JsValue {
    let answer = CLIENTS.with(|c| match c.borrow_mut().get_mut(handle) {
        Some(Some(client)) => wire::step(client, event, id, number, now as u64, a, b),
        _ => String::new(),
    });
    JsValue::from(answer)
}

/// Frees the client `handle` names (js/client.js calls it once nothing can step it any more).
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
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_freed_handle_steps_nothing_and_is_handed_out_again() {
        let (a, b) = (client_new(1.0), client_new(2.0));
        assert_ne!(a, b);
        let step = |handle| client_step(handle, wire::event::LOAD, 0.0, f64::NAN, 0.0, None, None).as_string();
        assert!(step(a).is_some_and(|answer| answer.starts_with("[1,")));
        client_free(a);
        assert_eq!(step(a).as_deref(), Some(""));
        assert_eq!(client_new(3.0), a, "the free slot is reused");
        client_free(a);
        client_free(b);
    }
}
