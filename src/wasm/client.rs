//! `createAuthClient`: the client state machine (src/client) for js/client.js, through one
//! channel (src/client/wire.rs): JS steps the machine with an event and carries out the effects
//! the answer lists (fetch, timers, cookies, BroadcastChannel, settling its promises).

use wasm_bindgen::prelude::*;

use crate::client::{wire, AuthClient, RetryPolicy};

#[wasm_bindgen]
pub struct WasmAuthClient(AuthClient);

#[wasm_bindgen]
impl WasmAuthClient {
    /// `seed` feeds the retry jitter.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: f64) -> WasmAuthClient {
        WasmAuthClient(AuthClient::new(seed as u64, RetryPolicy::default()))
    }

    /// One event in, the reply and the effects out: see src/client/wire.rs. `now` is the host's
    /// clock (Unix ms).
    pub fn step(&mut self, event: u32, id: f64, number: f64, now: f64, a: Option<String>, b: Option<String>) -> String {
        wire::step(&mut self.0, event, id, number, now as u64, a, b)
    }
}
