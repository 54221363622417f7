//! The load status and the recovery behind it (src/client/status.rs), against the fake host and
//! clock: an outage at load, one while loaded, the page coming back, the backoff. No test sleeps.

mod common;

use common::{state_claims, Host, Server};
use wasm_auth::client::{AuthState, Outcome, Status, RECOVERY_CAP_MS};
use wasm_bindgen_test::wasm_bindgen_test;

/// A host whose first load is in flight while the Frontend API is down.
fn down_at_load() -> (Host, wasm_auth::client::Reply) {
    let mut host = Host::new(Server::signed_in(60));
    host.down = true;
    let reply = host.client.load(host.now);
    host.serve_all();
    (host, reply)
}

#[wasm_bindgen_test(unsupported = test)]
fn an_outage_at_load_is_an_error_never_a_signed_out_state() {
    let (mut host, reply) = down_at_load();
    assert_eq!(host.client.status().0, Status::Loading, "retrying: still loading");
    host.advance(10_000, true); // the retry budget
    let Outcome::Failed(failure) = host.outcome(reply) else { panic!("the load fails") };
    assert_eq!(failure.code(), "network-error");
    let (status, error) = host.client.status();
    assert_eq!((status, error.map(|e| e.code())), (Status::Error, Some("network-error")));
    assert_eq!(*host.client.state(), AuthState::NotLoaded, "nothing invented");
    host.statuses.dedup();
    assert_eq!(host.statuses, [Status::Loading, Status::Error]);
}

#[wasm_bindgen_test(unsupported = test)]
fn the_client_loads_by_itself_once_the_api_answers_again() {
    let (mut host, _) = down_at_load();
    host.advance(60_000, true); // a minute of outage: recovery attempts keep failing
    assert_eq!(host.client.status().0, Status::Error);
    let attempts = host.http_sent;
    host.down = false;
    host.advance(RECOVERY_CAP_MS, true); // the next attempt comes within the cap
    assert_eq!(host.client.status(), (Status::Ready, None));
    assert_eq!(state_claims(host.client.state())["sub"], "user_1", "loaded without a reload");
    assert_eq!(host.statuses.last(), Some(&Status::Ready));
    assert!(host.session.as_deref().is_some_and(|s| s.contains("\"sess_1\"")), "the session's resource");
    let sent = host.http_sent;
    host.advance(120_000, true);
    assert!(host.http_sent - sent <= 6, "recovered: only token refreshes go out ({} requests)", host.http_sent - sent);
    assert!(attempts > 5, "attempts went on during the outage ({attempts} requests)");
}

#[wasm_bindgen_test(unsupported = test)]
fn the_page_coming_back_loads_at_once() {
    let (mut host, _) = down_at_load();
    host.advance(60_000, true);
    host.down = false;
    let sent = host.http_sent;
    host.client.wake(host.now);
    host.serve_all();
    assert!(host.http_sent > sent, "a load went out at once");
    assert_eq!(host.client.status().0, Status::Ready);
    host.client.wake(host.now);
    host.pump();
    assert!(host.outstanding.is_empty(), "a ready client does nothing on wake");
}

#[wasm_bindgen_test(unsupported = test)]
fn an_outage_while_loaded_degrades_and_keeps_the_state() {
    let mut host = Host::loaded(Server::signed_in(60));
    assert_eq!(host.client.status().0, Status::Ready);
    let before = state_claims(host.client.state());
    host.down = true;
    host.advance(60_000, true); // the background refresh fails
    assert_eq!(host.client.status().0, Status::Degraded);
    assert_eq!(state_claims(host.client.state()), before, "the last known state holds");
    host.down = false;
    host.advance(RECOVERY_CAP_MS, true);
    assert_eq!(host.client.status().0, Status::Ready);
}

#[wasm_bindgen_test(unsupported = test)]
fn the_session_resource_follows_the_active_session() {
    let mut host = Host::loaded(Server::signed_in(60));
    assert!(host.session.as_deref().is_some_and(|s| s.contains("\"id\":\"sess_1\"")));
    let reply = host.client.sign_out(None, host.now);
    host.serve_all();
    assert_eq!(host.outcome(reply), Outcome::Done);
    assert_eq!(host.session, None);
}
