//! What the client machine asks its host to do, and what the host reports back. The machine does
//! no I/O: its JS host (js/client/client.js) performs these effects (fetch, timers, cookies,
//! BroadcastChannel), and tests perform them by hand with a fake clock.

use crate::json::{self, Js};

use super::cache::TokenKey;
use crate::json::JsonWriter;
use crate::AuthError;

/// Ids of the three things a host tracks for the machine, each its own type so that a timer id
/// can never settle a promise or answer a request.
macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u64);

        impl $name {
            /// Hands out this id and moves on to the next: the machine's counter of its kind.
            pub(crate) fn advance(&mut self) -> $name {
                let id = *self;
                self.0 += 1;
                id
            }
        }
    };
}

id!(
    /// A request the host is sending (`Effect::Http`), answered with `on_http`.
    RequestId
);
id!(
    /// A timer the host is running (`Effect::Timer`), reported with `on_timer`.
    TimerId
);
id!(
    /// A promise the host handed out (`Reply::Wait`), settled with `Effect::Settle`.
    WaiterId
);

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
    /// Write the app-domain cookies Clerk's server SDKs read: `__session` (`None`: remove it) and
    /// `__client_uat`, the client's `updated_at` in seconds while it has a signed-in session, else
    /// 0 (clerk-js: core/auth/AuthCookieService.ts, core/auth/cookies/session.ts, clientUat.ts).
    Cookies { session: Option<String>, client_uat: u64 },
    /// Post this message to the other tabs of the origin.
    Broadcast(TabMessage),
    /// `status()` changed (src/client/status.rs).
    StatusChanged,
    /// The active session's resource changed: its JSON text, `None` when nobody is signed in.
    Session(Option<String>),
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
    Failed(Failure),
}

/// A call that failed: the error, and the Frontend API's answer when there was one (its status
/// and body, whose `errors` JS hands to the caller as Clerk's `ClerkAPIResponseError` does).
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub error: AuthError,
    pub response: Option<(u16, String)>,
}

impl Failure {
    pub fn code(&self) -> &'static str {
        self.error.code()
    }
}

impl From<AuthError> for Failure {
    fn from(error: AuthError) -> Self {
        Failure { error, response: None }
    }
}

/// A Frontend API request as it goes on the wire. Only `GET` and `POST` are sent: another method
/// travels as `_method` in the query, as clerk-js sends it (core/fapiClient.ts), so that no request
/// needs a CORS preflight. The host adds the transport's own query parameters (the API version,
/// the dev browser token) and sends `credentials: 'include'`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    /// Path below the Frontend API URL, with the operation's query if any, e.g. `/v1/client` or
    /// `/v1/client/sessions?_method=DELETE`.
    pub path: String,
    /// `application/x-www-form-urlencoded` body, if any.
    pub form: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum HttpResult {
    Response {
        status: u16,
        body: String,
        retry_after_secs: Option<f64>,
    },
    /// The request never got an answer: offline, refused, dropped, timed out.
    NetworkError(String),
}

/// Messages between tabs of one origin (BroadcastChannel), as JSON in serde's externally tagged
/// layout with camelCase names: `"activeChanged"`, `{"signedOut":{"sessionId":..}}`,
/// `{"token":{"key":{"sessionId":..,"template":..,"organizationId":..},"jwt":..,"expiresAt":..}}`.
#[derive(Clone, Debug, PartialEq)]
pub enum TabMessage {
    /// A fresh token; `expires_at` is in the shared local clock (ms).
    Token { key: TokenKey, jwt: String, expires_at: u64 },
    /// These sessions (all, when `None`) were signed out.
    SignedOut { session_id: Option<String> },
    /// The active session or organization changed: reload the client.
    ActiveChanged,
}

impl TabMessage {
    pub fn to_json(&self) -> String {
        let mut out = JsonWriter(String::new());
        match self {
            TabMessage::Token { key, jwt, expires_at } => {
                out.0.push_str(r#"{"token":{"key":{"sessionId":"#);
                out.string(&key.session_id);
                out.0.push_str(r#","template":"#);
                out.optional(key.template.as_deref());
                out.0.push_str(r#","organizationId":"#);
                out.optional(key.organization_id.as_deref());
                out.0.push_str(r#"},"jwt":"#);
                out.string(jwt);
                out.0.push_str(r#","expiresAt":"#);
                out.number(*expires_at);
                out.0.push_str("}}");
            }
            TabMessage::SignedOut { session_id } => {
                out.0.push_str(r#"{"signedOut":{"sessionId":"#);
                out.optional(session_id.as_deref());
                out.0.push_str("}}");
            }
            TabMessage::ActiveChanged => out.0.push_str(r#""activeChanged""#),
        }
        out.0
    }

    /// The message another tab posted, or `None` for anything else. Read by hand, not derived:
    /// see `fapi.rs` on what a derived `Deserialize` costs the wasm.
    pub fn from_json(text: &str) -> Option<TabMessage> {
        if let Some(Js::String(tag)) = json::js(text) {
            return (tag == "activeChanged").then_some(TabMessage::ActiveChanged);
        }
        let (mut count, mut tag, mut body) = (0, String::new(), "");
        json::members(text, |key, value| {
            count += 1;
            tag = key.to_owned();
            body = value;
        })?;
        if count != 1 {
            return None;
        }
        match tag.as_str() {
            "token" => {
                let [key, jwt, expires_at] = json::pick(body, ["key", "jwt", "expiresAt"])?;
                let Js::String(jwt) = Js::of(jwt) else { return None };
                Some(TabMessage::Token {
                    key: TokenKey::from_json(key?)?,
                    jwt: jwt.into_owned(),
                    expires_at: json::as_u64(expires_at?)?,
                })
            }
            "signedOut" => {
                let [session_id] = json::pick(body, ["sessionId"])?;
                Some(TabMessage::SignedOut { session_id: optional_string(session_id)? })
            }
            _ => None,
        }
    }
}

/// An optional string field: absent or `null` is `Some(None)`, another type `None`.
pub(crate) fn optional_string(text: Option<&str>) -> Option<Option<String>> {
    match Js::of(text) {
        Js::Null => Some(None),
        Js::String(s) => Some(Some(s.into_owned())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn tab_messages_round_trip_through_json() {
        let key = |template: Option<&str>| TokenKey {
            session_id: "sess_1".into(),
            template: template.map(String::from),
            organization_id: Some("org_1".into()),
        };
        let messages = [
            TabMessage::ActiveChanged,
            TabMessage::SignedOut { session_id: None },
            TabMessage::SignedOut { session_id: Some("sess_1".into()) },
            TabMessage::Token { key: key(None), jwt: "a.b.c".into(), expires_at: 1_700_000_000_000 },
            TabMessage::Token { key: key(Some("t")), jwt: "a.b.c".into(), expires_at: 0 },
        ];
        for message in messages {
            assert_eq!(TabMessage::from_json(&message.to_json()), Some(message.clone()), "{message:?}");
        }
        assert_eq!(TabMessage::SignedOut { session_id: None }.to_json(), r#"{"signedOut":{"sessionId":null}}"#);
        // The layout serde's derive wrote before (tabs of an older page still read it), escaped.
        let token = TabMessage::Token { key: key(None), jwt: "a.b\"c".into(), expires_at: 7 };
        let expected = r#"{"token":{"key":{"sessionId":"sess_1","template":null,"organizationId":"org_1"},"jwt":"a.b\"c","expiresAt":7}}"#;
        assert_eq!(token.to_json(), expected);
        assert_eq!(TabMessage::from_json(r#"{"signedOut":{}}"#), Some(TabMessage::SignedOut { session_id: None }));
        for bad in
            ["", "1", r#""other""#, r#"{"signedOut":{"sessionId":1}}"#, r#"{"token":{"jwt":"x"}}"#, r#"{"a":1,"b":2}"#]
        {
            assert_eq!(TabMessage::from_json(bad), None, "{bad}");
        }
    }
}
