//! The subset of Clerk's Frontend API the client speaks (API.md, "Client"): the requests it sends
//! and the resources it reads back. Unknown fields are ignored; missing required ones are
//! `response-invalid`.

use super::effects::{Failure, HttpRequest, Method};
use crate::error::{AuthError, ErrorKind, Result};
use crate::json::{self, Js};

// Read by hand with `json::pick` rather than with `#[derive(Deserialize)]`: each derived
// visitor (and serde's type-mismatch messages, which format floats with core's Grisu/Dragon4)
// cost the browser's wasm far more than these few lookups. The rules are serde's: an optional
// field may be absent or null, a required one must have its type.

#[derive(Clone, Debug, PartialEq)]
pub struct ClientResource {
    /// Absent means none; `null` is malformed.
    pub sessions: Vec<SessionResource>,
    pub last_active_session_id: Option<String>,
    /// Unix ms of the client's last change: `__client_uat` is this in seconds.
    pub updated_at: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SessionResource {
    /// The resource as the Frontend API sent it (JSON text, its user included).
    pub json: String,
    pub id: String,
    pub status: String,
    pub last_active_organization_id: Option<String>,
    pub last_active_token: Option<TokenResource>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TokenResource {
    pub jwt: String,
}

impl ClientResource {
    /// The session the client is signed in with, if any: the last active one, while it is
    /// `active` or `pending` (clerk-js: core/resources/Client.ts, `signedInSessions`).
    pub fn active_session(&self) -> Option<&SessionResource> {
        let id = self.last_active_session_id.as_deref()?;
        self.sessions.iter().find(|s| s.id == id && matches!(s.status.as_str(), "active" | "pending"))
    }

    fn from_json(text: &str) -> Result<Self> {
        let [sessions, last_active_session_id, updated_at] =
            json::pick(text, ["sessions", "last_active_session_id", "updated_at"]).ok_or_else(invalid)?;
        let mut list = Vec::new();
        if let Some(sessions) = sessions {
            let mut failed = false;
            json::items(sessions, |session| match SessionResource::from_json(session) {
                Ok(session) => list.push(session),
                Err(_) => failed = true,
            })
            .ok_or_else(invalid)?;
            if failed {
                return Err(invalid());
            }
        }
        Ok(ClientResource {
            sessions: list,
            last_active_session_id: optional_string(last_active_session_id)?,
            updated_at: updated_at.and_then(json::as_u64).unwrap_or(0),
        })
    }
}

impl SessionResource {
    fn from_json(text: &str) -> Result<Self> {
        let [id, status, org, token] =
            json::pick(text, ["id", "status", "last_active_organization_id", "last_active_token"])
                .ok_or_else(invalid)?;
        let last_active_token = match token.filter(|t| *t != "null") {
            None => None,
            Some(token) => Some(TokenResource::from_json(token)?),
        };
        Ok(SessionResource {
            json: text.to_owned(),
            id: string(id)?,
            status: string(status)?,
            last_active_organization_id: optional_string(org)?,
            last_active_token,
        })
    }
}

impl TokenResource {
    fn from_json(text: &str) -> Result<Self> {
        let [jwt] = json::pick(text, ["jwt"]).ok_or_else(invalid)?;
        Ok(TokenResource { jwt: string(jwt)? })
    }
}

/// A response body, checked to be JSON.
pub fn parse(body: &str) -> Result<&str> {
    json::js(body).map(|_| body).ok_or_else(invalid)
}

/// `GET /v1/client` → `{ response: Client | null, client }`: the client, `None` when there is none.
pub fn client_of(body: &str) -> Result<Option<ClientResource>> {
    envelope(body)?.map(ClientResource::from_json).transpose()
}

/// `{ response: Session, client }` from `touch` and `remove`.
pub fn session_of(body: &str) -> Result<SessionResource> {
    SessionResource::from_json(envelope(body)?.ok_or_else(invalid)?)
}

/// `{ object: 'token', jwt }` from the token endpoints.
pub fn token_of(body: &str) -> Result<String> {
    TokenResource::from_json(body).map(|t| t.jwt)
}

/// The `client` a mutating response carries beside its `response` (or in `meta.client`), as
/// clerk-js reads it (core/resources/Client.ts, `getClientResourceFromPayload`): `None` when the
/// response has none, which says nothing about the client.
pub fn piggybacked_client(body: &str) -> Option<ClientResource> {
    let [client, meta] = json::pick(body, ["client", "meta"])?;
    let client = client.filter(|c| *c != "null").or_else(|| json::pick(meta?, ["client"])?[0])?;
    ClientResource::from_json(client).ok()
}

/// `{ response: T | null }`: the `T`, if any.
fn envelope(body: &str) -> Result<Option<&str>> {
    let [response] = json::pick(body, ["response"]).ok_or_else(invalid)?;
    Ok(response.filter(|r| *r != "null"))
}

fn string(text: Option<&str>) -> Result<String> {
    match Js::of(text) {
        Js::String(s) if text.is_some() => Ok(s.into_owned()),
        _ => Err(invalid()),
    }
}

fn optional_string(text: Option<&str>) -> Result<Option<String>> {
    match Js::of(text) {
        Js::Null => Ok(None),
        Js::String(s) => Ok(Some(s.into_owned())),
        _ => Err(invalid()),
    }
}

fn invalid() -> AuthError {
    AuthError::new(ErrorKind::ResponseInvalid, "The Frontend API answered something its protocol does not allow.")
}

pub fn get_client() -> HttpRequest {
    HttpRequest { method: Method::Get, path: "/v1/client".into(), form: None }
}

/// A session token (`template` `None`) for an organization or (`None`) the personal account, or a
/// template token. The session token's body always names the organization, empty for the personal
/// account, as clerk-js sends it (core/resources/Session.ts: `organizationId ?? null`, snake_cased
/// by core/fapiClient.ts); the template endpoint takes no body (spec:
/// `/v1/client/sessions/{session_id}/tokens/{template_name}`).
pub fn create_token(session_id: &str, template: Option<&str>, organization_id: Option<&str>) -> HttpRequest {
    let mut path = session_path(session_id, "/tokens");
    let form = match template {
        Some(template) => {
            path.push('/');
            encode_into(&mut path, template, false);
            None
        }
        None => Some(form("organization_id=", organization_id)),
    };
    HttpRequest { method: Method::Post, path, form }
}

/// Makes `organization_id` (`None`: the personal account) the session's active organization.
pub fn touch(session_id: &str, organization_id: Option<&str>) -> HttpRequest {
    HttpRequest {
        method: Method::Post,
        path: session_path(session_id, "/touch"),
        form: Some(form("active_organization_id=", organization_id)),
    }
}

/// Ends one session (`POST .../remove`), or (`None`) every session of the client: `DELETE
/// /v1/client/sessions`, sent as a `POST` with `_method=DELETE` (core/fapiClient.ts).
pub fn sign_out(session_id: Option<&str>) -> HttpRequest {
    let path = match session_id {
        Some(id) => session_path(id, "/remove"),
        None => "/v1/client/sessions?_method=DELETE".into(),
    };
    HttpRequest { method: Method::Post, path, form: None }
}

fn session_path(session_id: &str, action: &str) -> String {
    let mut path = String::from("/v1/client/sessions/");
    encode_into(&mut path, session_id, false);
    path.push_str(action);
    path
}

fn form(name: &str, value: Option<&str>) -> String {
    let mut form = String::from(name);
    encode_into(&mut form, value.unwrap_or(""), true);
    form
}

/// Percent-encoding for a path segment, or (`form`) a form value where space is `+`.
fn encode_into(out: &mut String, text: &str, form: bool) {
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            b' ' if form => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.extend(['%', HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char]);
            }
        }
    }
}

/// A non-2xx answer that is not retried, as the caller sees it: `request-rejected`, with the
/// status and body from which JS builds Clerk's `errors` (clerk-js: core/resources/Base.ts).
pub fn rejected(status: u16, body: &str) -> Failure {
    let error = AuthError::new(ErrorKind::RequestRejected, "The Frontend API refused the request.");
    Failure { error, response: Some((status, body.to_owned())) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn client(body: &str) -> Result<Option<ClientResource>> {
        client_of(parse(body)?)
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn finds_the_active_session() {
        let client = client(
            r#"{"response":{"id":"client_1","sessions":[
                {"id":"sess_old","status":"ended","last_active_organization_id":null,"last_active_token":null},
                {"id":"sess_1","status":"active","user":{"id":"user_1"},"last_active_organization_id":"org_1",
                 "last_active_token":{"object":"token","jwt":"a.b.c"},"factor_verification_age":[1,2]}],
                "last_active_session_id":"sess_1","updated_at":1700000000123},"client":null}"#,
        )
        .unwrap()
        .unwrap();
        let active = client.active_session().unwrap();
        assert_eq!(active.id, "sess_1");
        assert_eq!(active.last_active_organization_id.as_deref(), Some("org_1"));
        assert_eq!(active.last_active_token.as_ref().unwrap().jwt, "a.b.c");
        assert_eq!(client.updated_at, 1_700_000_000_123);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn no_client_and_malformed_bodies() {
        assert_eq!(client(r#"{"response":null,"client":null}"#).unwrap(), None);
        assert_eq!(client("{}").unwrap(), None);
        let empty = client(r#"{"response":{"last_active_session_id":null}}"#).unwrap().unwrap();
        assert_eq!(empty, ClientResource { sessions: Vec::new(), last_active_session_id: None, updated_at: 0 });
        assert_eq!(token_of(parse(r#"{"object":"token","jwt":"a.b.c","extra":[1]}"#).unwrap()).unwrap(), "a.b.c");
        assert!(session_of(parse(r#"{"response":null}"#).unwrap()).is_err());
        for body in [
            "",
            "[]",
            r#"{"response":{"sessions":"x"}}"#,
            r#"{"response":{"sessions":null}}"#,
            r#"{"response":{"sessions":[{"id":"s","status":1}]}}"#,
            r#"{"response":{"sessions":[{"status":"active"}]}}"#,
            r#"{"response":{"sessions":[],"last_active_session_id":5}}"#,
            r#"{"response":{"sessions":[{"id":"s","status":"active","last_active_token":{}}]}}"#,
            r#"{"jwt":1}"#,
        ] {
            let err = client(body).err().or_else(|| parse(body).and_then(token_of).err()).unwrap();
            assert_eq!(err.code(), "response-invalid", "{body}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn reads_the_piggybacked_client_where_clerk_js_does() {
        let with = |json: &str| piggybacked_client(parse(json).unwrap());
        let signed_out = r#"{"response":{},"client":{"sessions":[],"last_active_session_id":null,"updated_at":5}}"#;
        assert_eq!(with(signed_out).map(|c| c.updated_at), Some(5));
        let in_meta = r#"{"response":{},"client":null,"meta":{"client":{"sessions":[],"updated_at":6}}}"#;
        assert_eq!(with(in_meta).map(|c| c.updated_at), Some(6));
        assert_eq!(with(r#"{"response":{},"client":null}"#), None);
        assert_eq!(with(r#"{"object":"token","jwt":"a.b.c"}"#), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn requests_use_the_spec_names_and_only_get_and_post() {
        let r = create_token("sess 1/2", None, Some("org_ä"));
        assert_eq!(r.path, "/v1/client/sessions/sess%201%2F2/tokens");
        assert_eq!(r.form.as_deref(), Some("organization_id=org_%C3%A4"));
        assert_eq!(create_token("s", None, None).form.as_deref(), Some("organization_id="));
        let template = create_token("s", Some("tmpl"), Some("org_1"));
        assert_eq!((template.path.as_str(), template.form), ("/v1/client/sessions/s/tokens/tmpl", None));
        assert_eq!(touch("s", Some("a b")).form.as_deref(), Some("active_organization_id=a+b"));
        let all = sign_out(None);
        assert_eq!((all.method, all.path.as_str()), (Method::Post, "/v1/client/sessions?_method=DELETE"));
        assert_eq!(sign_out(Some("s")).path, "/v1/client/sessions/s/remove");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn rejections_carry_the_answer() {
        let body = r#"{"errors":[{"code":"not_a_member_in_organization","message":"Not a member."}]}"#;
        let failure = rejected(403, body);
        assert_eq!((failure.code(), failure.response), ("request-rejected", Some((403, body.to_owned()))));
    }
}
