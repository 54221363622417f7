//! What the client machine asks its host to do, and what the host reports back. The machine does
//! no I/O: the wasm boundary performs these effects (fetch, timers, cookie, BroadcastChannel) and
//! tests perform them by hand with a fake clock.

use serde::{Deserialize, Serialize};

use super::cache::TokenKey;
use crate::AuthError;

pub type RequestId = u64;
pub type TimerId = u64;
pub type WaiterId = u64;

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Send this request to the Frontend API, then call `on_http(id, result)`.
    Http { id: RequestId, request: HttpRequest },
    /// Call `on_timer(id)` once the clock reaches `at` (ms).
    Timer { id: TimerId, at: u64 },
    /// Settle the promise a `Reply::Wait` handed out.
    Settle { waiter: WaiterId, outcome: Outcome },
    /// `state()` changed; tell the subscribers.
    StateChanged,
    /// Write (`Some`) or remove (`None`) the `__session` cookie.
    SessionCookie(Option<String>),
    /// Post this message to the other tabs of the origin.
    Broadcast(TabMessage),
}

/// How a public operation answers: at once, or later through `Effect::Settle`.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Ready(Outcome),
    Wait(WaiterId),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// `getToken()`: the token, or `None` when signed out.
    Token(Option<String>),
    /// `load()`, `signOut()`, `setActive()` finished.
    Done,
    Failed(AuthError),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    /// Path below the Frontend API URL, e.g. `/v1/client`.
    pub path: String,
    /// `application/x-www-form-urlencoded` body, if any.
    pub form: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum HttpResult {
    Response { status: u16, body: String, retry_after_secs: Option<f64> },
    /// The request never got an answer: offline, refused, dropped, timed out.
    NetworkError(String),
}

/// Messages between tabs of one origin (BroadcastChannel), as JSON. Externally tagged (serde's
/// default): an internally tagged enum would pull serde's buffering deserializer into the wasm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TabMessage {
    /// A fresh token; `expires_at` is in the shared local clock (ms).
    #[serde(rename_all = "camelCase")]
    Token { key: TokenKey, jwt: String, expires_at: u64 },
    /// These sessions (all, when `None`) were signed out.
    #[serde(rename_all = "camelCase")]
    SignedOut { session_id: Option<String> },
    /// The active session or organization changed: reload the client.
    ActiveChanged,
}
