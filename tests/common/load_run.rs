//! The token-cache load run: many concurrent `getToken()` callers over a simulated session, against
//! a fake server with latency, on a fake clock. Shared by tests/load_run.rs (which asserts) and
//! examples/load_run.rs (which `npm run bench` runs to print the figures).

use std::collections::BTreeMap;

use super::Server;
use wasm_auth::client::{AuthClient, Effect, Outcome, Reply, RequestId, RetryPolicy, TimerId, TokenOptions, WaiterId};

#[derive(Debug)]
pub struct LoadRun {
    pub calls: usize,
    /// Calls that could not be answered at once: made before the first load finished, or after.
    pub waited_during_load: usize,
    pub waited_after_load: usize,
    pub max_wait_ms: u64,
    pub token_requests: u64,
    pub other_requests: u64,
    pub failures: usize,
}

enum Event {
    Call,
    Timer(TimerId),
    Answer(RequestId, wasm_auth::client::HttpRequest),
}

/// `callers` start at once before the client has loaded, then each calls again at random times
/// until `calls` calls were made over `duration_ms`; every request takes `latency_ms`.
pub fn run(callers: usize, calls: usize, duration_ms: u64, latency_ms: u64, lifetime_secs: u64) -> LoadRun {
    let start = 1_700_000_000_000u64;
    let mut server = Server::signed_in(lifetime_secs);
    let mut client = AuthClient::new(7, RetryPolicy::default());
    let mut events: BTreeMap<(u64, u64), Event> = BTreeMap::new();
    let mut seq = 0u64;
    let mut push = |events: &mut BTreeMap<(u64, u64), Event>, at: u64, event: Event| {
        seq += 1;
        events.insert((at, seq), event);
    };
    let mut random = 0x2545_f491u64;
    for i in 0..calls {
        random = random.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let at = if i < callers { start } else { start + (random >> 33) % duration_ms };
        push(&mut events, at, Event::Call);
    }
    let mut report = LoadRun {
        calls,
        waited_during_load: 0,
        waited_after_load: 0,
        max_wait_ms: 0,
        token_requests: 0,
        other_requests: 0,
        failures: 0,
    };
    let mut waiting: BTreeMap<WaiterId, u64> = BTreeMap::new();
    let mut loaded = false;
    while let Some(((now, _), event)) = events.pop_first() {
        match event {
            Event::Call => match client.get_token(TokenOptions::default(), now) {
                Reply::Ready(Outcome::Token(Some(_))) => {}
                Reply::Ready(_) => report.failures += 1,
                Reply::Wait(waiter) => {
                    *(if loaded { &mut report.waited_after_load } else { &mut report.waited_during_load }) += 1;
                    waiting.insert(waiter, now);
                }
            },
            Event::Timer(id) => client.on_timer(id, now),
            Event::Answer(id, request) => {
                let result = server.answer(&request, now);
                client.on_http(id, result, now);
            }
        }
        for effect in client.take_effects() {
            match effect {
                Effect::Http { id, request } => {
                    if request.path.contains("/tokens") {
                        report.token_requests += 1;
                    } else {
                        report.other_requests += 1;
                    }
                    push(&mut events, now + latency_ms, Event::Answer(id, request));
                }
                Effect::Timer { id, at } if at < start + duration_ms => {
                    push(&mut events, at.max(now), Event::Timer(id))
                }
                Effect::Settle { waiter, outcome } => {
                    loaded = true;
                    let since = waiting.remove(&waiter).unwrap_or(now);
                    report.max_wait_ms = report.max_wait_ms.max(now - since);
                    if !matches!(outcome, Outcome::Token(Some(_))) {
                        report.failures += 1;
                    }
                }
                _ => {}
            }
        }
    }
    report
}
