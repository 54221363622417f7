//! The channel between the machine and its JS host (src/client/wire.rs): what each step answers,
//! read back as JSON the way js/client/client.js reads it, and the codes the host names alike.

mod common;

use common::Server;
use serde_json::{json, Value};
use wasm_auth::client::wire::{effect, event, organization, outcome, step};
use wasm_auth::client::{AuthClient, RetryPolicy};
use wasm_bindgen_test::wasm_bindgen_test;

const NOW: u64 = 1_700_000_000_000;

fn client() -> AuthClient {
    AuthClient::new(42, RetryPolicy::default())
}

/// A step with only an event and an id.
fn call(client: &mut AuthClient, event: u32, id: u64) -> Value {
    parse(&step(client, event, id as f64, f64::NAN, NOW, None, None))
}

fn parse(answer: &str) -> Value {
    serde_json::from_str(answer).unwrap_or_else(|e| panic!("not JSON ({e}): {answer}"))
}

/// Loads `client` against `server`: the reply and what the answer to its request brought.
fn load(client: &mut AuthClient, server: &mut Server) -> (Value, Value) {
    let loaded = call(client, event::LOAD, 0);
    let body = json!({ "response": server.client_json(NOW), "client": null }).to_string();
    let answered = parse(&step(client, event::HTTP, 1.0, 200.0, NOW, Some(body), None));
    (loaded, answered)
}

#[wasm_bindgen_test(unsupported = test)]
fn a_call_answers_its_waiter_and_the_request_to_send() {
    let mut client = client();
    let loaded = call(&mut client, event::LOAD, 0);
    assert_eq!(loaded, json!([1, [effect::HTTP, 1, "GET", "/v1/client", null], [effect::STATUS, "loading"]]));
}

#[wasm_bindgen_test(unsupported = test)]
fn an_answer_lists_its_effects_in_order_with_the_state_as_it_is_now() {
    let mut server = Server::signed_in(60);
    let (_, answered) = load(&mut client(), &mut server);
    let effects = answered.as_array().unwrap();
    assert_eq!(effects[0], 0, "a host event has no reply");
    let kinds: Vec<_> = effects[1..].iter().map(|e| e[0].as_u64().unwrap()).collect();
    let (state, cookies, timer, settle) = (effect::STATE, effect::COOKIES, effect::TIMER, effect::SETTLE);
    assert_eq!(kinds, [effect::SESSION, state, cookies, timer, settle, effect::STATUS].map(u64::from));
    assert_eq!(effects[1][1]["id"], "sess_1", "the active session's resource, its user included");
    assert_eq!(effects[6], json!([effect::STATUS, "ready"]), "the status last, as it is at the end of the step");
    let effects = &effects[1..];
    let [_, loaded, claims, org] = &effects[1].as_array().unwrap()[..] else { panic!("{answered}") };
    assert_eq!(loaded, 1, "loaded");
    assert_eq!(claims["sid"], "sess_1", "the token's claims, as a JSON value");
    assert_eq!(org, &json!({ "orgPermissions": [["read"], ["reports", 0]] }), "v2's decoded organization");
    assert!(effects[2][1].as_str().unwrap().starts_with("eyJ"), "the __session cookie");
    assert_eq!(effects[2][2], NOW / 1000, "__client_uat");
    let refresh_in = effects[3][2].as_u64().unwrap();
    assert_eq!(refresh_in, 60_000 - 10_000 - 15_000, "a delay from now, not a time");
    assert_eq!(effects[4], json!([effect::SETTLE, 1, [outcome::DONE]]));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_cached_token_is_answered_bare_and_other_replies_as_outcomes() {
    let mut client = client();
    load(&mut client, &mut Server::signed_in(60));
    let token = step(&mut client, event::GET_TOKEN, organization::ACTIVE.into(), f64::NAN, NOW, None, None);
    assert!(token.starts_with("eyJ"), "no JSON around a cached token: {token}");
    // Another organization's token is not cached: a request, and the caller waits.
    let other = step(&mut client, event::GET_TOKEN, organization::ID.into(), f64::NAN, NOW, None, Some("org_2".into()));
    let other = parse(&other);
    assert_eq!(other[1][3].as_str(), Some("/v1/client/sessions/sess_1/tokens"));
    assert_eq!(other[1][4].as_str(), Some("organization_id=org_2"));
    // skipCache: a request even though the token is cached.
    let skip = organization::ACTIVE + organization::SKIP_CACHE;
    assert!(parse(&step(&mut client, event::GET_TOKEN, skip.into(), 5.0, NOW, None, None))[0].is_u64());
    // Signing out: the caller waits for the request; getToken() answers null at once, as an
    // outcome; once signed out, another signOut() is done at once.
    let signing_out = call(&mut client, event::SIGN_OUT, 0);
    assert!(signing_out[0].is_u64(), "{signing_out}");
    let after = step(&mut client, event::GET_TOKEN, organization::PERSONAL.into(), f64::NAN, NOW, None, None);
    assert_eq!(parse(&after), json!([[outcome::TOKEN, null]]));
    step(&mut client, event::HTTP, 4.0, 200.0, NOW, Some("{}".into()), None);
    assert_eq!(call(&mut client, event::SIGN_OUT, 0), json!([[outcome::DONE]]));
}

#[wasm_bindgen_test(unsupported = test)]
fn failures_carry_the_code_message_and_the_answer_escaped() {
    let mut client = client();
    load(&mut client, &mut Server::signed_in(60));
    let org = Some("org_2".into());
    let waiting = step(&mut client, event::GET_TOKEN, organization::ID.into(), f64::NAN, NOW, None, org);
    let (waiter, request) = (parse(&waiting)[0].clone(), parse(&waiting)[1][1].as_f64().unwrap());
    let body = "{\"errors\":[{\"message\":\"a \\\"quoted\\\" \\\\ line\\n\"}]}\u{1}\t ünï";
    let answered = parse(&step(&mut client, event::HTTP, request, 403.0, NOW, Some(body.into()), None));
    let settle = &answered[1];
    assert_eq!((&settle[0], &settle[1]), (&json!(effect::SETTLE), &waiter));
    let [kind, code, message, status, returned] = &settle[2].as_array().unwrap()[..] else { panic!("{answered}") };
    assert_eq!((kind, code.as_str(), status), (&json!(outcome::FAILED), Some("request-rejected"), &json!(403)));
    assert!(message.as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(returned.as_str(), Some(body), "the body survives the escaping byte for byte");
}

#[wasm_bindgen_test(unsupported = test)]
fn host_events_reach_the_machine() {
    let mut client = client();
    call(&mut client, event::LOAD, 0);
    // A 503 with Retry-After is retried after at least that long.
    let answered = parse(&step(&mut client, event::HTTP, 1.0, 503.0, NOW, Some("{}".into()), Some("2".into())));
    assert_eq!(answered[1][0], effect::TIMER);
    assert!(answered[1][2].as_u64().unwrap() >= 2_000, "{answered}");
    let timer = answered[1][1].as_u64().unwrap();
    assert_eq!(call(&mut client, event::TIMER, timer), json!([0, [effect::HTTP, 1, "GET", "/v1/client", null]]));
    assert_eq!(call(&mut client, event::NETWORK_ERROR, 1)[1][0], effect::TIMER, "a network error is retried too");
    // Another tab's message, and what is not one, and an event the machine does not know.
    let tab = |client: &mut AuthClient, text: &str| {
        parse(&step(client, event::TAB, 0.0, f64::NAN, NOW, Some(text.into()), None))
    };
    assert_eq!(tab(&mut client, "\"activeChanged\""), json!([0]), "a load is in flight already");
    assert_eq!(tab(&mut client, "not json"), json!([0]));
    assert_eq!(call(&mut client, 99, 0), json!([0]));
}

#[wasm_bindgen_test(unsupported = test)]
fn broadcasts_carry_the_message_as_json() {
    let mut client = client();
    load(&mut client, &mut Server::signed_in(60));
    let signed_out = call(&mut client, event::SIGN_OUT, 0);
    let body = json!({ "response": null }).to_string();
    let answered = parse(&step(&mut client, event::HTTP, 2.0, 200.0, NOW, Some(body), None));
    let broadcast = answered.as_array().unwrap().iter().find(|e| e[0] == effect::BROADCAST).expect("a broadcast");
    assert_eq!(broadcast[1], json!({ "signedOut": { "sessionId": null } }));
    assert_eq!(answered.as_array().unwrap().last().unwrap()[1], signed_out[0], "the sign-out settles last");
}

/// A token that lives for years would ask for a timer beyond what `setTimeout` takes (it would
/// fire at once, again and again): the delay the host gets is capped, and the timer is set again
/// when it fires early.
#[wasm_bindgen_test(unsupported = test)]
fn timer_delays_fit_set_timeout() {
    let mut server = Server::signed_in(10 * 365 * 24 * 3600);
    let (_, answered) = load(&mut client(), &mut server);
    let timers: Vec<u64> = answered.as_array().unwrap()[1..]
        .iter()
        .filter(|e| e[0] == effect::TIMER)
        .map(|e| e[2].as_u64().unwrap())
        .collect();
    assert_eq!(timers, [wasm_auth::client::wire::MAX_TIMER_DELAY_MS]);
    assert_eq!(wasm_auth::client::wire::MAX_TIMER_DELAY_MS, 2_147_483_647);
}
