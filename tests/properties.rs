//! Property tests over every core entry that takes outside input: whatever arrives, the answer is
//! a value or a typed error, never a panic (a panic in wasm kills the module for the whole page).
//! Native only: proptest does not run on wasm32; the fuzz targets and the JS hostile-input test
//! cover the wasm side.
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod has_encoding;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::{Host, Server};
use proptest::prelude::*;
use serde_json::{Map, Value};
use wasm_auth::client::{HttpResult, Organization, TabMessage, TokenKey, TokenOptions};
use wasm_auth::{decode_jwt, organization_from_claims, split_jwt, CheckAuthorization, CheckParams, Checker};

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        "[a-z:, 0-9]{0,12}".prop_map(Value::String),
        prop::sample::select(vec!["o:a,u:b", "org:admin", "2", "read,manage", "3,1", "-1", ""]).prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "v",
                    "o",
                    "id",
                    "rol",
                    "per",
                    "fpm",
                    "fea",
                    "pla",
                    "sub",
                    "sid",
                    "fva",
                    "act",
                    "sts",
                    "org_id",
                    "userId",
                    "orgId",
                    "orgRole",
                    "orgPermissions",
                    "factorVerificationAge",
                    "features",
                    "plans",
                    "role",
                    "permission",
                    "feature",
                    "plan",
                    "reverification",
                    "level",
                    "afterMinutes"
                ])
                .prop_map(String::from),
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => Map::from_iter([("v".to_string(), Value::from(2)), ("o".to_string(), other)]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn decode_jwt_answers_any_string(token in ".{0,200}") {
        if let Ok(decoded) = decode_jwt(&token) {
            let jwt = split_jwt(&token).unwrap();
            prop_assert!(token.starts_with(jwt.signing_input()));
            prop_assert_eq!(decoded.payload().len() <= decoded.payload_json.len(), true);
        }
    }

    #[test]
    fn decode_jwt_answers_any_segments(h in prop::collection::vec(any::<u8>(), 0..40), p in prop::collection::vec(any::<u8>(), 0..80), s in "[A-Za-z0-9_=.+/-]{0,20}") {
        let token = format!("{}.{}.{s}", URL_SAFE_NO_PAD.encode(h), URL_SAFE_NO_PAD.encode(p));
        let _ = decode_jwt(&token);
    }

    #[test]
    fn claims_normalise_or_fail_with_claims_invalid(claims in json()) {
        if let Err(e) = organization_from_claims(&Value::Object(object(claims)).to_string()) {
            prop_assert_eq!(e.code(), "claims-invalid");
        }
    }

    #[test]
    fn has_answers_any_options_and_params(options in json(), params in json()) {
        let check = CheckAuthorization::from_options(&Value::Object(object(options)).to_string()).expect("an object");
        let _ = has_encoding::has(&check, &params);
        prop_assert!(!check.has(&CheckParams::default()), "nothing asked is false");
    }

    /// What the raw wasm exports may be handed: any tags, lengths, texts and checker bytes.
    #[test]
    fn has_answers_any_encoding_and_any_checker_bytes(
        tags in any::<u32>(),
        lens in prop::array::uniform5(prop_oneof![0usize..12, any::<usize>()]),
        texts in prop::collection::vec(any::<u8>(), 0..40),
        checker in prop::collection::vec(any::<u8>(), 0..60),
        after in any::<f64>(),
    ) {
        let params = CheckParams::decode(tags, lens, &texts, after);
        if let Some(checker) = Checker::read(&checker) {
            let _ = checker.has(&params);
        }
    }
}

#[derive(Clone, Debug)]
enum Step {
    GetToken(Option<&'static str>, u8, bool),
    Answer(u16, Value),
    NetworkError,
    Timer,
    Advance(u32),
    SignOut,
    SetActive(Option<&'static str>),
    Load,
    Tab(u8, Value),
}

fn step() -> impl Strategy<Value = Step> {
    let template = prop::option::of(prop::sample::select(vec!["supabase", "hasura"]));
    let org = prop::option::of(prop::sample::select(vec!["org_1", "org_2"]));
    prop_oneof![
        4 => (template, 0u8..3, any::<bool>()).prop_map(|(t, o, s)| Step::GetToken(t, o, s)),
        4 => (prop::sample::select(vec![200u16, 200, 201, 204, 400, 401, 403, 404, 429, 500, 503]), json()).prop_map(|(s, b)| Step::Answer(s, b)),
        1 => Just(Step::NetworkError),
        2 => Just(Step::Timer),
        2 => (0u32..70_000).prop_map(Step::Advance),
        1 => Just(Step::SignOut),
        1 => org.prop_map(Step::SetActive),
        1 => Just(Step::Load),
        1 => (0u8..3, json()).prop_map(|(k, v)| Step::Tab(k, v)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any interleaving of calls, answers (right or garbage), timers and tab messages: no panic,
    /// every waiter settled at most once (the host asserts it), no expired token ever served.
    #[test]
    fn client_machine_survives_any_event_sequence(steps in prop::collection::vec(step(), 1..60)) {
        let mut host = Host::loaded(Server::signed_in(60));
        for step in steps {
            match step {
                Step::GetToken(template, org, skip_cache) => {
                    let organization = match org { 0 => Organization::Active, 1 => Organization::Personal, _ => Organization::Id("org_2".into()) };
                    let options = TokenOptions { template: template.map(String::from), organization, skip_cache, leeway_secs: None };
                    if let wasm_auth::client::Reply::Ready(wasm_auth::client::Outcome::Token(Some(jwt))) = host.token(options) {
                        let exp = common::claims_of(&jwt)["exp"].as_f64().unwrap_or(0.0);
                        prop_assert!(exp * 1000.0 > host.now as f64, "served an expired token");
                    }
                }
                Step::Answer(status, body) if !host.outstanding.is_empty() => {
                    host.respond(0, HttpResult::Response { status, body: body.to_string(), retry_after_secs: None });
                }
                Step::NetworkError if !host.outstanding.is_empty() => host.respond(0, HttpResult::NetworkError("x".into())),
                Step::Timer => host.fire_next_timer(),
                Step::Advance(ms) => { host.now += u64::from(ms); host.serve_all(); }
                Step::SignOut => { let _ = host.client.sign_out(None, host.now); host.pump(); }
                Step::SetActive(org) => { let _ = host.client.set_active(org.map(String::from), host.now); host.pump(); }
                Step::Load => { let _ = host.client.load(host.now); host.pump(); }
                Step::Tab(kind, value) => {
                    let key = TokenKey { session_id: "sess_1".into(), template: None, organization_id: Some("org_1".into()) };
                    let message = match kind {
                        0 => TabMessage::Token { key, jwt: value.to_string(), expires_at: host.now + 1_000 },
                        1 => TabMessage::SignedOut { session_id: value.as_str().map(String::from) },
                        _ => TabMessage::ActiveChanged,
                    };
                    host.client.on_tab_message(message, host.now);
                    host.pump();
                }
                _ => {}
            }
        }
    }
}
