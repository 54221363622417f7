//! The subset of Clerk's Frontend API the client speaks (API.md, "Client"): the requests it sends
//! and the resources it reads back. Unknown fields are ignored; missing required ones are
//! `response-invalid`.

use serde_json::{Map, Value};

use super::effects::{HttpRequest, Method};
use crate::error::{AuthError, ErrorKind, Result};
use crate::json;

// Read from `serde_json::Value` by hand rather than with `#[derive(Deserialize)]`: each derived
// visitor (and serde's type-mismatch messages, which format floats with core's Grisu/Dragon4)
// cost the browser's wasm far more than these few lookups. The rules are serde's: an optional
// field may be absent or null, a required one must have its type.

#[derive(Clone, Debug, PartialEq)]
pub struct ClientResource {
    /// Absent means none; `null` is malformed.
    pub sessions: Vec<SessionResource>,
    pub last_active_session_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SessionResource {
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
    /// `active` or `pending`.
    pub fn active_session(&self) -> Option<&SessionResource> {
        let id = self.last_active_session_id.as_deref()?;
        self.sessions.iter().find(|s| s.id == id && matches!(s.status.as_str(), "active" | "pending"))
    }

    fn from_json(value: &Value) -> Result<Self> {
        let client = object(value, "client")?;
        let sessions = match client.get("sessions") {
            None => Vec::new(),
            Some(Value::Array(sessions)) => sessions.iter().map(SessionResource::from_json).collect::<Result<_>>()?,
            Some(_) => return Err(invalid("`sessions` is not a list.")),
        };
        Ok(ClientResource { sessions, last_active_session_id: optional_string(client, "last_active_session_id")? })
    }
}

impl SessionResource {
    fn from_json(value: &Value) -> Result<Self> {
        let session = object(value, "session")?;
        let last_active_token = match session.get("last_active_token") {
            None | Some(Value::Null) => None,
            Some(token) => Some(TokenResource::from_json(token)?),
        };
        Ok(SessionResource {
            id: string(session, "id")?,
            status: string(session, "status")?,
            last_active_organization_id: optional_string(session, "last_active_organization_id")?,
            last_active_token,
        })
    }
}

impl TokenResource {
    fn from_json(value: &Value) -> Result<Self> {
        Ok(TokenResource { jwt: string(object(value, "token")?, "jwt")? })
    }
}

/// `GET /v1/client` → the client, `None` when there is none.
pub fn parse_client(body: &str) -> Result<Option<ClientResource>> {
    envelope(&parse(body)?)?.map(ClientResource::from_json).transpose()
}

/// `{ response: Session }` from `touch` and `remove`.
pub fn parse_session(body: &str) -> Result<SessionResource> {
    let body = parse(body)?;
    SessionResource::from_json(envelope(&body)?.ok_or_else(|| invalid("The response holds no session."))?)
}

/// `{ object: 'token', jwt }` from the token endpoints.
pub fn parse_token(body: &str) -> Result<String> {
    TokenResource::from_json(&parse(body)?).map(|t| t.jwt)
}

fn parse(body: &str) -> Result<Value> {
    json::parse(body).ok_or_else(|| invalid("The body is not JSON."))
}

/// `{ response: T | null }`: the `T`, if any.
fn envelope(body: &Value) -> Result<Option<&Value>> {
    Ok(object(body, "body")?.get("response").filter(|r| !r.is_null()))
}

fn object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>> {
    value.as_object().ok_or_else(|| invalid(format!("The {what} is not an object.")))
}

fn string(object: &Map<String, Value>, name: &str) -> Result<String> {
    match object.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(invalid(format!("`{name}` is not a string."))),
    }
}

fn optional_string(object: &Map<String, Value>, name: &str) -> Result<Option<String>> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => string(object, name).map(Some),
    }
}

fn invalid(message: impl Into<String>) -> AuthError {
    AuthError::new(ErrorKind::ResponseInvalid, format!("Unexpected Frontend API response: {}", message.into()))
}

pub fn get_client() -> HttpRequest {
    HttpRequest { method: Method::Get, path: "/v1/client".into(), form: None }
}

/// A session token (`template` `None`) or a template token, for an organization or (`None`)
/// the personal account.
pub fn create_token(session_id: &str, template: Option<&str>, organization_id: Option<&str>) -> HttpRequest {
    let mut path = format!("/v1/client/sessions/{}/tokens", encode(session_id, false));
    if let Some(template) = template {
        path = format!("{path}/{}", encode(template, false));
    }
    let form = format!("organizationId={}", encode(organization_id.unwrap_or(""), true));
    HttpRequest { method: Method::Post, path, form: Some(form) }
}

pub fn touch(session_id: &str, organization_id: Option<&str>) -> HttpRequest {
    HttpRequest {
        method: Method::Post,
        path: format!("/v1/client/sessions/{}/touch", encode(session_id, false)),
        form: Some(format!("active_organization_id={}", encode(organization_id.unwrap_or(""), true))),
    }
}

/// Ends one session, or (`None`) every session of the client.
pub fn sign_out(session_id: Option<&str>) -> HttpRequest {
    match session_id {
        Some(id) => HttpRequest {
            method: Method::Post,
            path: format!("/v1/client/sessions/{}/remove", encode(id, false)),
            form: None,
        },
        None => HttpRequest { method: Method::Delete, path: "/v1/client/sessions".into(), form: None },
    }
}

/// Percent-encoding for a path segment, or (`form`) a form value where space is `+`.
fn encode(text: &str, form: bool) -> String {
    let mut out = String::with_capacity(text.len());
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
    out
}

/// A non-2xx status as the error a caller sees, for statuses that are not retried.
pub fn rejected(status: u16, body: &str) -> AuthError {
    let message = json::parse(body)
        .and_then(|v| v["errors"][0]["message"].as_str().map(String::from))
        .unwrap_or_else(|| format!("The Frontend API answered {status}."));
    AuthError::new(ErrorKind::RequestRejected, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn finds_the_active_session() {
        let client = parse_client(
            r#"{"response":{"id":"client_1","sessions":[
                {"id":"sess_old","status":"ended","last_active_organization_id":null,"last_active_token":null},
                {"id":"sess_1","status":"active","user":{"id":"user_1"},"last_active_organization_id":"org_1",
                 "last_active_token":{"object":"token","jwt":"a.b.c"},"factor_verification_age":[1,2]}],
                "last_active_session_id":"sess_1"}}"#,
        )
        .unwrap()
        .unwrap();
        let active = client.active_session().unwrap();
        assert_eq!(active.id, "sess_1");
        assert_eq!(active.last_active_organization_id.as_deref(), Some("org_1"));
        assert_eq!(active.last_active_token.as_ref().unwrap().jwt, "a.b.c");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn no_client_and_malformed_bodies() {
        assert_eq!(parse_client(r#"{"response":null}"#).unwrap(), None);
        assert_eq!(parse_client("{}").unwrap(), None);
        let empty = parse_client(r#"{"response":{"last_active_session_id":null}}"#).unwrap().unwrap();
        assert_eq!(empty, ClientResource { sessions: Vec::new(), last_active_session_id: None });
        assert_eq!(parse_token(r#"{"object":"token","jwt":"a.b.c","extra":[1]}"#).unwrap(), "a.b.c");
        assert!(parse_session(r#"{"response":null}"#).is_err());
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
            let err = parse_client(body).err().or_else(|| parse_token(body).err()).unwrap();
            assert_eq!(err.code(), "response-invalid", "{body}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn requests_encode_their_parts() {
        let r = create_token("sess 1/2", Some("tmpl"), Some("org_ä"));
        assert_eq!(r.path, "/v1/client/sessions/sess%201%2F2/tokens/tmpl");
        assert_eq!(r.form.as_deref(), Some("organizationId=org_%C3%A4"));
        assert_eq!(create_token("s", None, None).form.as_deref(), Some("organizationId="));
        assert_eq!(touch("s", Some("a b")).form.as_deref(), Some("active_organization_id=a+b"));
        assert_eq!(sign_out(None).method, Method::Delete);
        assert_eq!(sign_out(Some("s")).path, "/v1/client/sessions/s/remove");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn rejections_carry_the_server_message() {
        let e = rejected(403, r#"{"errors":[{"code":"not_a_member","message":"Not a member."}]}"#);
        assert_eq!((e.code(), e.message()), ("request-rejected", "Not a member."));
        assert_eq!(rejected(418, "teapot").message(), "The Frontend API answered 418.");
    }
}
