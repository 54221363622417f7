//! The one channel between the machine and its JS host (js/client/client.js): each step takes one
//! event (a public call or something the host saw) and answers with one text, the call's reply and
//! every effect the step produced, which the host then carries out (fetch, timers, the cookies,
//! BroadcastChannel, settling promises). Nothing is decided on the JS side: it only performs.
//!
//! One crossing per step, with numbers and at most two strings in and one string out, costs the
//! browser's wasm far less than a closure per callback and a promise per call made in Rust (each
//! closure, `Function::call` and export adds glue on both sides of the boundary).
//!
//! The answer is JSON, `[reply, effect, …]`, which the host reads with one `JSON.parse`. The reply
//! is a waiter id (the call answers later, through a settle effect), `[outcome]` (it answered at
//! once) or 0 (a host event: nothing to answer). A cached `getToken()` with nothing else to do
//! answers the token itself, no JSON around it: a JWT never starts with `[`, and the hot path
//! then parses nothing. The codes below are the host's too: tests/abi.rs generates them into
//! js/core/abi.js, which js/client/client.js reads, and fails while that file is out of date.

use super::effects::{Effect, HttpResult, Outcome, Reply, TabMessage};
use super::{parse_retry_after, AuthClient, AuthState, Organization, TokenOptions};
use crate::json::JsonWriter;

/// A module of channel codes, and `ALL`, every code by name: js/core/abi.js is generated from it
/// (tests/abi.rs), so the host names them as the machine does.
macro_rules! codes {
    ($(#[$meta:meta])* $module:ident { $($(#[$doc:meta])* $name:ident = $value:expr,)* }) => {
        $(#[$meta])*
        pub mod $module {
            $($(#[$doc])* pub const $name: u32 = $value;)*
            /// Every code with its name.
            pub const ALL: &[(&str, u32)] = &[$((stringify!($name), $name)),*];
        }
    };
}

codes! {
    /// What a step carries in (`event`), with the meaning of `id`, `number`, `a` and `b`.
    event {
        LOAD = 0,
        /// `id`: the organization (`organization`); `number`: the leeway in
        /// seconds (NaN: the default); `a`: the template; `b`: the organization id.
        GET_TOKEN = 1,
        /// `a`: the session id (none: every session).
        SIGN_OUT = 2,
        /// `a`: the organization id (none: the personal account).
        SET_ACTIVE = 3,
        /// An answer to request `id`: `number` its status, `a` its body, `b` its Retry-After header.
        HTTP = 4,
        /// Request `id` got no answer (offline, refused, timed out).
        NETWORK_ERROR = 5,
        /// Timer `id` fired.
        TIMER = 6,
        /// `a`: what another tab posted.
        TAB = 7,
        /// The page came back (online, focused): a failing client loads again now.
        WAKE = 8,
    }
}

/// `getToken()`'s organization, in `event::GET_TOKEN`'s `id`: one of `abi::organization`'s
/// selectors, plus `SKIP_CACHE` for `skipCache`.
pub mod organization {
    pub use crate::abi::organization::{ACTIVE, ID, PERSONAL};
    pub const SKIP_CACHE: u8 = 4;
}

/// The longest timer delay the host is asked for: `setTimeout` fires at once for a delay beyond
/// 2^31 - 1 ms (24.8 days). A timer due later fires early, and the machine sets it again.
pub const MAX_TIMER_DELAY_MS: u64 = i32::MAX as u64;

codes! {
    /// The first element of each effect, then its fields.
    effect {
        /// `[HTTP, request id, method, path, form or null]`: send it, then step `event::HTTP` or
        /// `event::NETWORK_ERROR`.
        HTTP = 0,
        /// `[TIMER, timer id, delay ms]`: step `event::TIMER` then.
        TIMER = 1,
        /// `[SETTLE, waiter id, outcome]`.
        SETTLE = 2,
        /// `[STATE, loaded (0 or 1), claims or null, organization or null]`: `getState()` changed. JS
        /// shapes it from the claims and the organization fields v2 claims decode to, as it shapes
        /// every auth object (`authObject` in js/core/abi.js); loaded without claims is signed out.
        STATE = 3,
        /// `[COOKIES, session token or null, client_uat]`.
        COOKIES = 4,
        /// `[BROADCAST, message]`: post the message, as JSON text, to the other tabs.
        BROADCAST = 5,
        /// `[STATUS, name, code, message]`: the load status changed (src/client/status.rs): its name,
        /// and the last failure's code and message (absent once an answer came).
        STATUS = 6,
        /// `[SESSION, session or null]`: the active session's resource (its user included) changed.
        SESSION = 7,
    }
}

codes! {
    /// The first element of an outcome, then its fields.
    outcome {
        /// `[TOKEN, token or null]`.
        TOKEN = 0,
        /// `[DONE]`.
        DONE = 1,
        /// `[FAILED, code, message]`, and `status, body` when the Frontend API answered.
        FAILED = 2,
    }
}

/// Runs one event through the machine; returns the reply and the effects as the file comment
/// says. An event code the host does not send, or a host event for an id no longer pending, only
/// yields the effects (none).
pub fn step(
    client: &mut AuthClient,
    event: u32,
    id: f64,
    number: f64,
    now: u64,
    a: Option<String>,
    b: Option<String>,
) -> String {
    let id = id as u64;
    let reply = match event {
        event::LOAD => Some(client.load(now)),
        event::GET_TOKEN => {
            let organization = match (id as u8 & 3, b) {
                (organization::PERSONAL, _) => Organization::Personal,
                (organization::ID, Some(id)) => Organization::Id(id),
                _ => Organization::Active,
            };
            let skip_cache = id as u8 & organization::SKIP_CACHE != 0;
            let leeway_secs = Some(number).filter(|n| !n.is_nan());
            Some(client.get_token(TokenOptions { template: a, organization, skip_cache, leeway_secs }, now))
        }
        event::SIGN_OUT => Some(client.sign_out(a, now)),
        event::SET_ACTIVE => Some(client.set_active(a, now)),
        event::HTTP => {
            let (status, body) = (number as u16, a.unwrap_or_default());
            let retry_after_secs = b.as_deref().and_then(parse_retry_after);
            client.on_http(super::RequestId(id), HttpResult::Response { status, body, retry_after_secs }, now);
            None
        }
        event::NETWORK_ERROR => {
            client.on_http(super::RequestId(id), HttpResult::NetworkError(String::new()), now);
            None
        }
        event::TIMER => {
            client.on_timer(super::TimerId(id), now);
            None
        }
        event::TAB => {
            if let Some(message) = a.as_deref().and_then(TabMessage::from_json) {
                client.on_tab_message(message, now);
            }
            None
        }
        event::WAKE => {
            client.wake(now);
            None
        }
        _ => None,
    };
    let effects = client.take_effects();
    let reply = match reply {
        Some(Reply::Ready(Outcome::Token(Some(token)))) if effects.is_empty() => return token,
        reply => reply,
    };
    let mut out = JsonWriter(String::from("["));
    match reply {
        Some(Reply::Wait(waiter)) => out.number(waiter.0),
        Some(Reply::Ready(outcome)) => {
            out.0.push('[');
            out.outcome(&outcome);
            out.0.push(']');
        }
        None => out.0.push('0'),
    }
    for effect in &effects {
        out.0.push_str(",[");
        out.effect(client, effect, now);
        out.0.push(']');
    }
    out.0.push(']');
    out.0
}

impl JsonWriter {
    fn effect(&mut self, client: &AuthClient, effect: &Effect, now: u64) {
        match effect {
            Effect::Http { id, request } => {
                self.code(effect::HTTP);
                self.number(id.0);
                self.0.push(',');
                self.string(request.method.as_str());
                self.0.push(',');
                self.string(&request.path);
                self.0.push(',');
                self.optional(request.form.as_deref());
            }
            Effect::Timer { id, at } => {
                self.code(effect::TIMER);
                self.number(id.0);
                self.0.push(',');
                self.number(at.saturating_sub(now).min(MAX_TIMER_DELAY_MS));
            }
            Effect::Settle { waiter, outcome } => {
                self.code(effect::SETTLE);
                self.number(waiter.0);
                self.0.push_str(",[");
                self.outcome(outcome);
                self.0.push(']');
            }
            Effect::StateChanged => {
                // The state as it is now, at the end of the step: every change of the step told.
                let (loaded, claims, org) = match client.state() {
                    AuthState::NotLoaded => ("0", None, None),
                    AuthState::SignedOut => ("1", None, None),
                    AuthState::SignedIn { claims_json, org_json } => ("1", Some(claims_json), org_json.as_deref()),
                };
                self.code(effect::STATE);
                self.0.push_str(loaded);
                self.0.push(',');
                self.0.push_str(claims.map_or("null", |claims| claims));
                self.0.push(',');
                self.0.push_str(org.unwrap_or("null"));
            }
            Effect::Cookies { session, client_uat } => {
                self.code(effect::COOKIES);
                self.optional(session.as_deref());
                self.0.push(',');
                self.number(*client_uat);
            }
            Effect::Broadcast(message) => {
                self.code(effect::BROADCAST);
                self.0.push_str(&message.to_json());
            }
            Effect::StatusChanged => {
                let (status, failure) = client.status();
                self.code(effect::STATUS);
                self.string(status.name());
                if let Some(error) = failure {
                    self.0.push(',');
                    self.string(error.code());
                    self.0.push(',');
                    self.string(error.message());
                }
            }
            // The resource's text as the Frontend API sent it: JSON, read and checked on arrival.
            Effect::Session(json) => {
                self.code(effect::SESSION);
                self.0.push_str(json.as_deref().unwrap_or("null"));
            }
        }
    }

    fn outcome(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Token(token) => {
                self.code(outcome::TOKEN);
                self.optional(token.as_deref());
            }
            Outcome::Done => self.number(outcome::DONE.into()),
            Outcome::Failed(failure) => {
                self.code(outcome::FAILED);
                self.string(failure.error.code());
                self.0.push(',');
                self.string(failure.error.message());
                if let Some((status, body)) = &failure.response {
                    self.0.push(',');
                    self.number((*status).into());
                    self.0.push(',');
                    self.string(body);
                }
            }
        }
    }

    /// A code and the comma after it.
    fn code(&mut self, code: u32) {
        self.number(code.into());
        self.0.push(',');
    }
}
