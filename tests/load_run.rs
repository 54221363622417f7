//! The token-cache load run: 10,000 getToken() calls from 1,000 concurrent callers over 5 simulated
//! minutes make no more token requests than the token lifetime requires.

mod common;

use common::load_run::run;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test(unsupported = test)]
fn ten_thousand_calls_need_only_the_refreshes_the_lifetime_requires() {
    let (duration_ms, lifetime_secs) = (300_000, 60);
    let report = run(1_000, 10_000, duration_ms, 150, lifetime_secs);
    assert_eq!(report.failures, 0);
    // The load's own client response carries the first token; after that one refresh per
    // (lifetime - leeway - refresh-ahead) = 35 s: at most ceil(300 / 35) = 9.
    assert!(report.token_requests <= 9, "{report:?}");
    assert!(report.token_requests >= 300 / lifetime_secs - 1, "{report:?}");
    assert_eq!(report.other_requests, 1, "one GET /v1/client for 1,000 concurrent first calls");
    assert!(report.waited_during_load >= 1_000, "the concurrent first calls wait for the load");
    assert_eq!(report.waited_after_load, 0, "once loaded, no call ever waits: refreshes run ahead");
    assert_eq!(report.max_wait_ms, 150, "the load took one request's latency");
}
