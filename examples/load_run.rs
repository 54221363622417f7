//! Prints the token-cache load run (`npm run bench` calls it): 10,000 getToken() calls from 1,000
//! concurrent callers over 5 simulated minutes, 60 s tokens, 150 ms per request.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let (callers, calls, minutes, latency_ms, lifetime_secs) = (1_000, 10_000, 5, 150, 60);
    let r = common::load_run::run(callers, calls, minutes * 60_000, latency_ms, lifetime_secs);
    println!("{calls} getToken() calls, {callers} concurrent callers, {minutes} simulated minutes, {lifetime_secs} s tokens, {latency_ms} ms latency:");
    println!(
        "  token requests      {:>6}   (lifetime floor: {}; one refresh per 35 s: {})",
        r.token_requests,
        minutes * 60 / lifetime_secs,
        (minutes * 60).div_ceil(35)
    );
    println!("  other requests      {:>6}   (GET /v1/client)", r.other_requests);
    println!(
        "  calls that waited   {:>6}   ({} before the first load, {} after)",
        r.waited_during_load + r.waited_after_load,
        r.waited_during_load,
        r.waited_after_load
    );
    println!("  longest wait        {:>6} ms", r.max_wait_ms);
    println!("  failures            {:>6}", r.failures);
}
