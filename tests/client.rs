//! The client state machine against a fake host and clock: every token-cache and session rule of
//! API.md ("Client"), named after the rule it proves. No test sleeps.

mod common;

use common::{claims_of, jwt_of, ok_token, state_claims, status, Host, Server};
use serde_json::{json, Value};
use wasm_auth::client::{AuthState, HttpResult, Organization, Outcome, Reply, TabMessage, TokenOptions};
use wasm_bindgen_test::wasm_bindgen_test;

fn default() -> TokenOptions {
    TokenOptions::default()
}

fn template(name: &str) -> TokenOptions {
    TokenOptions { template: Some(name.into()), ..TokenOptions::default() }
}

#[wasm_bindgen_test(unsupported = test)]
fn load_reads_the_client_and_derives_the_state() {
    let host = Host::loaded(Server::signed_in(60));
    let claims = state_claims(host.client.state());
    assert_eq!((&claims["sid"], &claims["sub"]), (&json!("sess_1"), &json!("user_1")));
    assert_eq!(claims["o"]["id"], "org_1");
    assert!(host.client.state().claims_json().unwrap().contains("\"sid\":\"sess_1\""));
    assert!(host.cookie.is_some(), "the __session cookie is written after a new session token");
    assert_eq!(host.http_sent, 1, "the client's last_active_token needs no extra token request");
}

#[wasm_bindgen_test(unsupported = test)]
fn get_token_before_load_waits_for_it() {
    let mut host = Host::new(Server::signed_in(60));
    let reply = host.token(default());
    assert!(matches!(reply, Reply::Wait(_)));
    host.serve_all();
    let jwt = jwt_of(&host.outcome(reply)).to_string();
    assert_eq!(claims_of(&jwt)["sid"], "sess_1");
}

#[wasm_bindgen_test(unsupported = test)]
fn cache_serves_while_more_than_leeway_remains() {
    let mut host = Host::loaded(Server::signed_in(60));
    let first = host.fetch(default());
    host.advance(49_000, false); // 11 s left > 10 s leeway
    assert_eq!(host.token(default()), Reply::Ready(first.clone()));
    assert_eq!(host.token_requests(), 1, "only the background refresh went out");
    host.advance(1_000, false); // exactly 10 s left: no longer served
    assert!(matches!(host.token(default()), Reply::Wait(_)));
    let custom = TokenOptions { leeway_secs: Some(5.0), ..default() };
    assert_eq!(host.token(custom), Reply::Ready(first), "a smaller leeway still serves it");
}

#[wasm_bindgen_test(unsupported = test)]
fn refresh_in_background_so_steady_callers_never_wait() {
    let mut host = Host::loaded(Server::signed_in(60));
    let mut tokens = std::collections::BTreeSet::new();
    for _ in 0..600 {
        // 5 minutes of calls every 500 ms, the fake server answering at once.
        let reply = host.token(default());
        let Reply::Ready(outcome) = reply else { panic!("a steady-state caller waited at {}", host.now) };
        tokens.insert(jwt_of(&outcome).to_string());
        host.serve_all();
        host.advance(500, true);
    }
    // A 60 s token is refreshed 25 s before expiry (10 s leeway + 15 s ahead): every 35 s.
    assert!((8..=10).contains(&tokens.len()), "{} distinct tokens in 5 minutes", tokens.len());
}

#[wasm_bindgen_test(unsupported = test)]
fn concurrent_calls_share_one_request() {
    let mut host = Host::loaded(Server::signed_in(60));
    let replies: Vec<Reply> = (0..100).map(|_| host.token(template("supabase"))).collect();
    assert_eq!(host.token_requests(), 1);
    host.serve_all();
    let outcomes: Vec<Outcome> = replies.into_iter().map(|r| host.outcome(r)).collect();
    assert!(outcomes.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(claims_of(jwt_of(&outcomes[0]))["tmpl"], "supabase");
}

#[wasm_bindgen_test(unsupported = test)]
fn cached_call_makes_no_request() {
    let mut host = Host::loaded(Server::signed_in(60));
    let sent = host.http_sent;
    assert!(matches!(host.fetch(default()), Outcome::Token(Some(_))), "tokens are fetched again");
    assert_eq!(host.http_sent, sent);
}

#[wasm_bindgen_test(unsupported = test)]
fn skip_cache_forces_a_request_and_replaces_the_entry() {
    let mut host = Host::loaded(Server::signed_in(60));
    let cached = host.fetch(default());
    host.advance(2_000, false);
    let reply = host.token(TokenOptions { skip_cache: true, ..default() });
    assert_eq!(host.token_requests(), 1);
    host.serve_all();
    let fresh = host.outcome(reply);
    assert_ne!(fresh, cached);
    assert_eq!(host.token(default()), Reply::Ready(fresh), "the new token replaced the entry");
}

#[wasm_bindgen_test(unsupported = test)]
fn keys_by_session_template_and_organization() {
    let mut host = Host::loaded(Server::signed_in(60));
    let personal = TokenOptions { organization: Organization::Personal, ..default() };
    let other_org = TokenOptions { organization: Organization::Id("org_2".into()), ..default() };
    for options in [template("a"), template("b"), personal.clone(), other_org.clone()] {
        let _ = host.token(options);
    }
    assert_eq!(host.token_requests(), 4, "each key needs its own token");
    host.serve_all();
    assert_eq!(claims_of(jwt_of(&host.fetch(personal)))["o"], serde_json::Value::Null);
    assert_eq!(claims_of(jwt_of(&host.fetch(other_org)))["o"]["id"], "org_2");
    assert_eq!(host.client.cache().len(), 5);
}

#[wasm_bindgen_test(unsupported = test)]
fn older_token_never_replaces_newer() {
    let mut host = Host::loaded(Server::signed_in(60));
    let early = host.server.token(host.now, Some("t"), Some("org_1"));
    host.advance(5_000, false);
    let late = host.server.token(host.now, Some("t"), Some("org_1"));
    let first = host.token(template("t"));
    let second = host.token(TokenOptions { skip_cache: true, ..template("t") });
    host.respond(1, ok_token(&late));
    host.respond(0, ok_token(&early));
    assert_eq!(jwt_of(&host.outcome(second)), late);
    assert_eq!(jwt_of(&host.outcome(first)), late, "the late answer with the older iat is not served");
    assert_eq!(jwt_of(&host.fetch(template("t"))), late);
}

#[wasm_bindgen_test(unsupported = test)]
fn expired_token_is_never_returned() {
    let mut host = Host::loaded(Server::signed_in(60));
    host.advance(61_000, false); // refresh never answered; the token is past expiry
    assert!(matches!(host.token(TokenOptions { leeway_secs: Some(0.0), ..default() }), Reply::Wait(_)));
    // A token that is already expired when it arrives is refused, not served.
    host.server.lifetime_secs = 0;
    let reply = host.token(template("instant"));
    host.serve_all();
    assert!(matches!(host.outcome(reply), Outcome::Failed(e) if e.code() == "response-invalid"));
}

#[wasm_bindgen_test(unsupported = test)]
fn expiry_follows_the_local_clock_despite_server_skew() {
    let mut server = Server::signed_in(60);
    server.skew_ms = 3_600_000; // the server's clock is an hour ahead
    let mut host = Host::loaded(server);
    assert!(matches!(host.fetch(default()), Outcome::Token(Some(_))), "tokens are fetched again");
    assert_eq!(host.token_requests(), 0);
}

#[wasm_bindgen_test(unsupported = test)]
fn sign_out_clears_the_cache_and_a_late_response_does_not_repopulate_it() {
    let mut host = Host::loaded(Server::signed_in(60));
    let in_flight = host.token(template("late"));
    let sign_out = host.client.sign_out(None, host.now);
    host.pump();
    assert_eq!(host.outcome(in_flight), Outcome::Token(None), "waiters of a request in flight get null");
    assert_eq!(host.token(default()), Reply::Ready(Outcome::Token(None)), "null from the moment of sign-out");
    let late = host.server.token(host.now, Some("late"), Some("org_1"));
    host.respond(0, ok_token(&late)); // the token request answered after sign-out
    host.serve_all();
    assert_eq!(host.outcome(sign_out), Outcome::Done);
    assert!(host.client.cache().is_empty(), "nothing came back");
    assert_eq!(*host.client.state(), AuthState::SignedOut);
    assert_eq!(host.cookie, None, "sign-out removes the __session cookie");
    assert!(host.broadcasts.contains(&TabMessage::SignedOut { session_id: None }));
    assert_eq!(host.token(template("late")), Reply::Ready(Outcome::Token(None)));
}

#[wasm_bindgen_test(unsupported = test)]
fn session_change_clears_that_sessions_entries() {
    let mut host = Host::loaded(Server::signed_in(60));
    let _ = host.fetch(template("t"));
    host.server.session = Some(("sess_2".into(), "user_2".into()));
    let reload = host.client.load(host.now);
    host.serve_all();
    assert_eq!(host.outcome(reload), Outcome::Done);
    assert_eq!(host.client.cache().len(), 1, "only the new session's token remains");
    let jwt = jwt_of(&host.fetch(template("t"))).to_string();
    assert_eq!(claims_of(&jwt)["sid"], "sess_2");
}

#[wasm_bindgen_test(unsupported = test)]
fn transient_failures_retry_then_reject_with_a_typed_error_and_never_sign_out() {
    for (failure, code) in [
        (HttpResult::NetworkError("refused".into()), "network-error"),
        (status(500), "server-error"),
        (status(503), "server-error"),
        (status(429), "rate-limited"),
    ] {
        let mut host = Host::loaded(Server::signed_in(3600)); // no refresh timer in the way
        let reply = host.token(template("t"));
        let mut attempts = 0;
        while host.outstanding.iter().any(|(_, r)| r.path.ends_with("/tokens/t")) {
            attempts += 1;
            host.respond(0, failure.clone());
            host.fire_next_timer();
        }
        assert_eq!(attempts, 5, "{code}: the first attempt and four retries");
        assert!(matches!(host.outcome(reply), Outcome::Failed(e) if e.code() == code), "{code}");
        assert!(host.client.state().is_signed_in(), "{code}: still signed in");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn a_retry_that_succeeds_answers_the_caller() {
    let mut host = Host::loaded(Server::signed_in(60));
    let reply = host.token(template("t"));
    host.respond(0, status(502));
    assert!(!host.timers.is_empty(), "a retry is scheduled");
    host.advance(5_000, true);
    assert!(matches!(host.outcome(reply), Outcome::Token(Some(_))));
}

#[wasm_bindgen_test(unsupported = test)]
fn rate_limit_honours_retry_after() {
    let mut host = Host::loaded(Server::signed_in(60));
    let _ = host.token(template("t"));
    let start = host.now;
    host.respond(0, HttpResult::Response { status: 429, body: String::new(), retry_after_secs: Some(3.0) });
    let (_, at) = *host.timers.iter().max_by_key(|(_, at)| *at).unwrap();
    assert!(at >= start + 3_000, "the retry waits for Retry-After");
}

#[wasm_bindgen_test(unsupported = test)]
fn null_when_signed_out() {
    let mut server = Server::signed_in(60);
    server.session = None;
    let mut host = Host::loaded(server);
    assert_eq!(*host.client.state(), AuthState::SignedOut);
    assert_eq!(host.token(default()), Reply::Ready(Outcome::Token(None)));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_401_for_the_session_token_signs_out() {
    let mut host = Host::loaded(Server::signed_in(60));
    let reply = host.token(TokenOptions { skip_cache: true, ..default() });
    host.respond(0, status(401));
    assert_eq!(host.outcome(reply), Outcome::Token(None));
    assert_eq!(*host.client.state(), AuthState::SignedOut);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_403_rejects_with_request_rejected() {
    let mut host = Host::loaded(Server::signed_in(60));
    let reply = host.token(TokenOptions { organization: Organization::Id("org_x".into()), ..default() });
    host.respond(0, status(403));
    assert!(matches!(host.outcome(reply), Outcome::Failed(e) if e.code() == "request-rejected"));
    assert!(host.client.state().is_signed_in());
}

#[wasm_bindgen_test(unsupported = test)]
fn set_active_switches_the_organization_without_unloading() {
    let mut host = Host::loaded(Server::signed_in(60));
    let reply = host.client.set_active(Some("org_2".into()), host.now);
    host.pump();
    assert!(host.client.state().is_signed_in(), "still loaded and signed in while switching");
    host.serve_all();
    assert_eq!(host.outcome(reply), Outcome::Done);
    assert_eq!(state_claims(host.client.state())["o"]["id"], "org_2");
    assert_eq!(claims_of(jwt_of(&host.fetch(default())))["o"]["id"], "org_2");
    assert!(host.broadcasts.contains(&TabMessage::ActiveChanged));
    let personal = host.client.set_active(None, host.now);
    host.serve_all();
    assert_eq!(host.outcome(personal), Outcome::Done);
    assert_eq!(state_claims(host.client.state())["o"]["id"], Value::Null);
}

// A page rendered from the app server's initialState shows the session before the client has
// loaded: switching organization right away waits for the load instead of failing.
#[wasm_bindgen_test(unsupported = test)]
fn set_active_before_load_waits_for_it() {
    let mut host = Host::new(Server::signed_in(60));
    let reply = host.client.set_active(Some("org_2".into()), host.now);
    assert!(matches!(reply, Reply::Wait(_)));
    host.pump();
    assert_eq!(host.outstanding.len(), 1, "one request: the load; the touch follows it");
    host.serve_all();
    assert_eq!(host.outcome(reply), Outcome::Done);
    assert_eq!(state_claims(host.client.state())["o"]["id"], "org_2");
}

// load() and the calls waiting for it get the Frontend API's answer, whose `errors` JS hands on
// as Clerk's ClerkAPIResponseError does, as every other call's failure carries it.
#[wasm_bindgen_test(unsupported = test)]
fn a_rejected_load_hands_its_waiters_the_answer() {
    let mut host = Host::new(Server::signed_in(60));
    let load = host.client.load(host.now);
    let token = host.token(default());
    host.pump();
    host.respond(0, status(403));
    for reply in [load, token] {
        let Outcome::Failed(failure) = host.outcome(reply) else { panic!("fails") };
        assert_eq!(failure.code(), "request-rejected");
        assert_eq!(failure.response.map(|(status, _)| status), Some(403));
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn set_active_before_load_of_a_signed_out_client_fails() {
    let mut server = Server::signed_in(60);
    server.session = None;
    let mut host = Host::new(server);
    let reply = host.client.set_active(Some("org_2".into()), host.now);
    host.serve_all();
    let Outcome::Failed(error) = host.outcome(reply) else { panic!("fails") };
    assert_eq!(error.code(), "signed-out");
}

#[wasm_bindgen_test(unsupported = test)]
fn tabs_share_tokens_and_sign_out() {
    let mut a = Host::loaded(Server::signed_in(60));
    let mut b = Host::loaded(Server::signed_in(60));
    a.advance(36_000, true); // a refreshes in the background and broadcasts
    let Some(TabMessage::Token { key, jwt, expires_at }) = a.broadcasts.last().cloned() else { panic!("broadcast") };
    b.now = a.now;
    b.client.on_tab_message(TabMessage::Token { key, jwt: jwt.clone(), expires_at }, b.now);
    b.pump();
    assert_eq!(b.token(default()), Reply::Ready(Outcome::Token(Some(jwt))));
    b.client.on_tab_message(TabMessage::SignedOut { session_id: None }, b.now);
    b.pump();
    assert_eq!(*b.client.state(), AuthState::SignedOut);
    assert_eq!(b.token(default()), Reply::Ready(Outcome::Token(None)));
}

#[wasm_bindgen_test(unsupported = test)]
fn state_changes_only_when_the_token_does() {
    let mut host = Host::loaded(Server::signed_in(60));
    let before = host.state_changes;
    for _ in 0..10 {
        let _ = host.token(default());
    }
    assert_eq!(host.state_changes, before);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_touch_that_reveals_a_sign_out_elsewhere_signs_out() {
    // Another device ended the session: the touch still answers, and its piggybacked client (as
    // clerk-js applies it) has no signed-in session.
    let mut host = Host::loaded(Server::signed_in(60));
    let reply = host.client.set_active(Some("org_2".into()), host.now);
    host.pump();
    let session = r#"{"object":"session","id":"sess_1","status":"ended","last_active_organization_id":null}"#;
    let client = r#"{"object":"client","id":"client_1","sessions":[],"last_active_session_id":null,"updated_at":1}"#;
    let body = format!(r#"{{"response":{session},"client":{client}}}"#);
    host.respond(0, HttpResult::Response { status: 200, body, retry_after_secs: None });
    host.serve_all();
    let _ = host.outcome(reply);
    assert_eq!(*host.client.state(), AuthState::SignedOut);
    assert_eq!((host.cookie.as_deref(), host.client_uat), (None, Some(0)), "__session removed, __client_uat=0");
    assert_eq!(host.token(default()), Reply::Ready(Outcome::Token(None)));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_piggybacked_client_with_another_session_is_followed() {
    let mut host = Host::loaded(Server::signed_in(60));
    let reply = host.token(template("t"));
    let jwt = host.server.token(host.now, Some("t"), Some("org_1"));
    host.server.session = Some(("sess_2".into(), "user_2".into()));
    let client = host.server.client_json(host.now);
    let body = serde_json::json!({ "object": "token", "jwt": jwt, "client": client }).to_string();
    host.respond(0, HttpResult::Response { status: 200, body, retry_after_secs: None });
    host.serve_all();
    assert!(matches!(host.outcome(reply), Outcome::Token(_)));
    assert_eq!(state_claims(host.client.state())["sid"], "sess_2", "the new session is the active one");
}

#[wasm_bindgen_test(unsupported = test)]
fn client_uat_is_the_clients_updated_at_in_seconds_with_every_new_session_token() {
    let mut host = Host::loaded(Server::signed_in(60));
    let loaded_at = host.now / 1000;
    assert_eq!(host.client_uat, Some(loaded_at));
    let fresh = jwt_of(&host.fetch(TokenOptions { skip_cache: true, ..default() })).to_string();
    assert_eq!(host.cookie.as_deref(), Some(fresh.as_str()), "__session follows each new session token");
    let iat = claims_of(&fresh)["iat"].as_u64().unwrap();
    assert!(host.client_uat.unwrap() <= iat, "Clerk's server SDKs need __client_uat <= the token's iat");
}

#[wasm_bindgen_test(unsupported = test)]
fn a_sign_out_during_the_first_load_answers_the_calls_waiting_for_it() {
    let mut host = Host::new(Server::signed_in(60));
    let token = host.token(default());
    let switch = host.client.set_active(Some("org_2".into()), host.now);
    let sign_out = host.client.sign_out(None, host.now);
    host.pump();
    assert_eq!(host.outcome(token), Outcome::Token(None));
    assert!(matches!(host.outcome(switch), Outcome::Failed(e) if e.code() == "signed-out"));
    host.serve_all();
    assert_eq!(host.outcome(sign_out), Outcome::Done);
    assert_eq!(*host.client.state(), AuthState::SignedOut, "loaded, signed out");
}

#[wasm_bindgen_test(unsupported = test)]
fn a_failed_sign_out_leaves_the_user_signed_in() {
    let mut host = Host::loaded(Server::signed_in(3600));
    let reply = host.client.sign_out(None, host.now);
    host.pump();
    host.respond(0, status(400));
    let Outcome::Failed(failure) = host.outcome(reply) else { panic!("fails") };
    assert_eq!(failure.code(), "request-rejected");
    assert_eq!(failure.response.map(|(status, _)| status), Some(400), "Clerk's answer goes to the caller");
    assert!(host.client.state().is_signed_in());
    assert!(matches!(host.fetch(default()), Outcome::Token(Some(_))), "tokens are fetched again");
}

#[wasm_bindgen_test(unsupported = test)]
fn a_token_of_another_session_is_refused_and_never_cached() {
    let mut host = Host::loaded(Server::signed_in(60));
    let before = jwt_of(&host.fetch(default())).to_string();
    let reply = host.token(TokenOptions { skip_cache: true, ..default() });
    // The Frontend API answers with a token of another session (a stale proxy, a hostile server).
    let mut other = Server::signed_in(60);
    other.session = Some(("sess_2".into(), "user_2".into()));
    let foreign = other.token(host.now, None, Some("org_1"));
    host.respond(0, ok_token(&foreign));
    let Outcome::Failed(failure) = host.outcome(reply) else { panic!("refused") };
    assert_eq!(failure.error.code(), "response-invalid");
    assert_eq!(host.token(default()), Reply::Ready(Outcome::Token(Some(before))), "the cache kept its own");
    assert_eq!(state_claims(host.client.state())["sub"], "user_1", "still signed in as before");
}

#[wasm_bindgen_test(unsupported = test)]
fn tab_messages_cannot_plant_another_sessions_token_nor_stretch_a_lifetime() {
    let mut host = Host::loaded(Server::signed_in(60));
    let key = wasm_auth::client::TokenKey {
        session_id: "sess_1".into(),
        template: None,
        organization_id: Some("org_1".into()),
    };
    let mut other = Server::signed_in(60);
    other.session = Some(("sess_2".into(), "user_2".into()));
    host.advance(1_000, false);
    let foreign = other.token(host.now, None, Some("org_1"));
    host.client.on_tab_message(
        TabMessage::Token { key: key.clone(), jwt: foreign.clone(), expires_at: host.now + 60_000 },
        host.now,
    );
    host.pump();
    assert_ne!(host.token(default()), Reply::Ready(Outcome::Token(Some(foreign))));
    assert_eq!(state_claims(host.client.state())["sub"], "user_1", "still signed in as before");
    // A message claiming a token lives for ever: it lives its own 60 s from now, at most.
    host.advance(1_000, false);
    let own = host.server.token(host.now, None, Some("org_1"));
    host.client.on_tab_message(TabMessage::Token { key, jwt: own.clone(), expires_at: u64::MAX }, host.now);
    host.pump();
    assert_eq!(host.token(default()), Reply::Ready(Outcome::Token(Some(own.clone()))));
    host.advance(60_000, false);
    assert_ne!(host.token(default()), Reply::Ready(Outcome::Token(Some(own))), "expired: never served");
    assert!(host.timers.iter().all(|(_, at)| *at < host.now + 3_600_000), "no timer set for the message's forever");
}
