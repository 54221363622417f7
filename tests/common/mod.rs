//! A fake host for the client state machine: a clock the test moves, a scripted Frontend API that
//! mints real (unsigned) session tokens, and the effects the machine asked for.

#![allow(dead_code)]

pub mod load_run;

use std::collections::BTreeMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use wasm_auth::client::{
    AuthClient, Effect, HttpRequest, HttpResult, Method, Outcome, Reply, RequestId, RetryPolicy, Status, TabMessage,
    TimerId, TokenOptions, WaiterId,
};

pub struct Server {
    /// The server clock runs this far ahead of the client's (ms); tokens must not care.
    pub skew_ms: i64,
    pub lifetime_secs: u64,
    pub session: Option<(String, String)>,
    pub active_org: Option<String>,
    pub issued: u64,
}

impl Server {
    pub fn signed_in(lifetime_secs: u64) -> Self {
        Server {
            skew_ms: 0,
            lifetime_secs,
            session: Some(("sess_1".into(), "user_1".into())),
            active_org: Some("org_1".into()),
            issued: 0,
        }
    }

    pub fn token(&mut self, now: u64, template: Option<&str>, org: Option<&str>) -> String {
        let (sid, sub) = self.session.clone().unwrap_or_default();
        let iat = (now as i64 + self.skew_ms) / 1000;
        self.issued += 1;
        let mut claims = json!({
            "v": 2, "sid": sid, "sub": sub, "iat": iat, "nbf": iat - 10,
            "exp": iat + self.lifetime_secs as i64, "jti": self.issued, "sts": "active", "fva": [1, 1],
        });
        if let Some(org) = org {
            claims["o"] = json!({ "id": org, "rol": "admin", "slg": "acme", "per": "read", "fpm": "1" });
            claims["fea"] = json!("o:reports");
        }
        if let Some(template) = template {
            claims["tmpl"] = json!(template);
        }
        let part = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
        format!("{}.{}.c2ln", part(&json!({"alg": "RS256", "typ": "JWT"})), part(&claims))
    }

    /// The client resource the server holds, as `GET /v1/client` shows it.
    pub fn client_json(&mut self, now: u64) -> Value {
        let updated_at = now as i64 + self.skew_ms;
        match self.session.clone() {
            None => json!({ "object": "client", "id": "client_1", "sessions": [], "last_active_session_id": null,
                "updated_at": updated_at }),
            Some((sid, _)) => {
                let org = self.active_org.clone();
                let jwt = self.token(now, None, org.as_deref());
                json!({ "object": "client", "id": "client_1", "last_active_session_id": sid, "updated_at": updated_at,
                    "sessions": [{ "object": "session", "id": sid, "status": "active",
                    "last_active_organization_id": org, "last_active_token": { "object": "token", "jwt": jwt } }] })
            }
        }
    }

    /// Answers a request the way the dev auth server does.
    pub fn answer(&mut self, request: &HttpRequest, now: u64) -> HttpResult {
        let ok = |body: Value| HttpResult::Response { status: 200, body: body.to_string(), retry_after_secs: None };
        let form_value = |name: &str| {
            let form = request.form.clone().unwrap_or_default();
            form.strip_prefix(&format!("{name}=")).map(|v| v.to_string())
        };
        let path = request.path.as_str();
        match (request.method, path) {
            (Method::Get, "/v1/client") => match self.session {
                None => ok(json!({ "response": null, "client": null })),
                Some(_) => ok(json!({ "response": self.client_json(now), "client": null })),
            },
            (Method::Post, p) if p.contains("/tokens") => {
                if self.session.is_none() {
                    return HttpResult::Response { status: 401, body: "{}".into(), retry_after_secs: None };
                }
                let template = p.split("/tokens/").nth(1);
                let org = form_value("organization_id").filter(|o| !o.is_empty());
                ok(json!({ "object": "token", "jwt": self.token(now, template, org.as_deref()) }))
            }
            (Method::Post, p) if p.ends_with("/touch") => {
                let org = form_value("active_organization_id").filter(|o| !o.is_empty());
                self.active_org = org.clone();
                let (sid, _) = self.session.clone().unwrap_or_default();
                let jwt = self.token(now, None, org.as_deref());
                let session = json!({ "object": "session", "id": sid, "status": "active",
                    "last_active_organization_id": org, "last_active_token": { "object": "token", "jwt": jwt } });
                ok(json!({ "response": session, "client": self.client_json(now) }))
            }
            (Method::Post, "/v1/client/sessions?_method=DELETE") => {
                self.session = None;
                ok(json!({ "response": self.client_json(now), "client": null }))
            }
            _ => HttpResult::Response { status: 404, body: "{}".into(), retry_after_secs: None },
        }
    }
}

pub struct Host {
    pub client: AuthClient,
    pub server: Server,
    pub now: u64,
    pub outstanding: Vec<(RequestId, HttpRequest)>,
    pub timers: Vec<(TimerId, u64)>,
    pub settled: BTreeMap<WaiterId, Outcome>,
    pub cookie: Option<String>,
    /// The `__client_uat` value last written (seconds; 0 signed out).
    pub client_uat: Option<u64>,
    pub broadcasts: Vec<TabMessage>,
    pub state_changes: usize,
    pub http_sent: usize,
    /// Every status the client published, in order.
    pub statuses: Vec<Status>,
    /// The active session's resource as last published.
    pub session: Option<String>,
    /// The Frontend API cannot be reached: every request served fails with a network error.
    pub down: bool,
}

impl Host {
    pub fn new(server: Server) -> Self {
        Host {
            client: AuthClient::new(42, RetryPolicy::default()),
            server,
            now: 1_700_000_000_000,
            outstanding: Vec::new(),
            timers: Vec::new(),
            settled: BTreeMap::new(),
            cookie: None,
            client_uat: None,
            broadcasts: Vec::new(),
            state_changes: 0,
            http_sent: 0,
            statuses: Vec::new(),
            session: None,
            down: false,
        }
    }

    /// A host whose client has loaded against `server`.
    pub fn loaded(server: Server) -> Self {
        let mut host = Host::new(server);
        let reply = host.client.load(host.now);
        host.serve_all();
        assert_eq!(host.outcome(reply), Outcome::Done);
        host
    }

    pub fn pump(&mut self) {
        for effect in self.client.take_effects() {
            match effect {
                Effect::Http { id, request } => {
                    self.http_sent += 1;
                    self.outstanding.push((id, request));
                }
                Effect::Timer { id, at } => self.timers.push((id, at)),
                Effect::Settle { waiter, outcome } => {
                    assert!(self.settled.insert(waiter, outcome).is_none(), "waiter {waiter:?} settled twice");
                }
                Effect::StateChanged => self.state_changes += 1,
                Effect::Cookies { session, client_uat } => {
                    self.cookie = session;
                    self.client_uat = Some(client_uat);
                }
                Effect::Broadcast(message) => self.broadcasts.push(message),
                Effect::StatusChanged => self.statuses.push(self.client.status().0),
                Effect::Session(json) => self.session = json,
            }
        }
    }

    /// The outcome of a reply, once everything outstanding is served.
    pub fn outcome(&mut self, reply: Reply) -> Outcome {
        match reply {
            Reply::Ready(outcome) => outcome,
            Reply::Wait(waiter) => {
                self.pump();
                self.settled.get(&waiter).cloned().unwrap_or_else(|| panic!("waiter {waiter:?} never settled"))
            }
        }
    }

    pub fn token(&mut self, options: TokenOptions) -> Reply {
        let reply = self.client.get_token(options, self.now);
        self.pump();
        reply
    }

    /// `getToken()` with the fake server answering whatever it needs.
    pub fn fetch(&mut self, options: TokenOptions) -> Outcome {
        let reply = self.token(options);
        self.serve_all();
        self.outcome(reply)
    }

    /// Answers the outstanding request `index` with `result`.
    pub fn respond(&mut self, index: usize, result: HttpResult) {
        let (id, _) = self.outstanding.remove(index);
        self.client.on_http(id, result, self.now);
        self.pump();
    }

    /// Lets the fake server answer every outstanding request, until none is left.
    pub fn serve_all(&mut self) {
        self.pump();
        while !self.outstanding.is_empty() {
            let (id, request) = self.outstanding.remove(0);
            let result = match self.down {
                true => HttpResult::NetworkError("refused".into()),
                false => self.server.answer(&request, self.now),
            };
            self.client.on_http(id, result, self.now);
            self.pump();
        }
    }

    /// Moves the clock, firing due timers in order; `serve` answers requests as they come.
    pub fn advance(&mut self, ms: u64, serve: bool) {
        let end = self.now + ms;
        loop {
            self.timers.sort_by_key(|(_, at)| *at);
            match self.timers.first() {
                Some(&(id, at)) if at <= end => {
                    self.timers.remove(0);
                    self.now = self.now.max(at);
                    self.client.on_timer(id, self.now);
                    self.pump();
                    if serve {
                        self.serve_all();
                    }
                }
                _ => break,
            }
        }
        self.now = end;
    }

    /// Jumps the clock to the next timer and fires it.
    pub fn fire_next_timer(&mut self) {
        self.timers.sort_by_key(|(_, at)| *at);
        if !self.timers.is_empty() {
            let (id, at) = self.timers.remove(0);
            self.now = self.now.max(at);
            self.client.on_timer(id, self.now);
            self.pump();
        }
    }

    pub fn token_requests(&self) -> usize {
        self.outstanding.iter().filter(|(_, r)| r.path.contains("/tokens")).count()
    }
}

pub fn ok_token(jwt: &str) -> HttpResult {
    HttpResult::Response {
        status: 200,
        body: json!({ "object": "token", "jwt": jwt }).to_string(),
        retry_after_secs: None,
    }
}

pub fn status(status: u16) -> HttpResult {
    HttpResult::Response { status, body: r#"{"errors":[{"code":"x","message":"x"}]}"#.into(), retry_after_secs: None }
}

pub fn jwt_of(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Token(Some(jwt)) => jwt,
        other => panic!("expected a token, got {other:?}"),
    }
}

/// The claims of a signed-in state, `null` otherwise.
pub fn state_claims(state: &wasm_auth::client::AuthState) -> Value {
    state.claims_json().map_or(Value::Null, |claims| serde_json::from_str(claims).unwrap())
}

pub fn claims_of(jwt: &str) -> Value {
    wasm_auth::decode_jwt(jwt).map(|d| Value::Object(d.payload())).unwrap_or(Value::Null)
}
