//! The compiled checker and the parameters' encoding; has() itself is checked on the shared
//! fixtures (tests/fixtures.rs) and against Clerk (tests/js/differential.test.mjs).
use super::*;
use serde_json::{json, Value};
use wasm_bindgen_test::wasm_bindgen_test;

fn compile(options: Value) -> CheckAuthorization {
    CheckAuthorization::from_options(&options.to_string()).expect("an options object")
}

fn role(role: &[u8]) -> CheckParams<'_> {
    CheckParams { role: Param::Text(role), ..CheckParams::default() }
}

#[wasm_bindgen_test(unsupported = test)]
fn the_compiled_form_is_compact() {
    let checker = compile(json!({
        "userId": "user_1", "orgId": "org_1", "orgRole": "org:admin",
        "orgPermissions": ["org:invoices:read", "not-an-org-permission", 5],
        "factorVerificationAge": [1, -1], "features": "o:invoices,u:beta,x:ignored", "plans": "bad"
    }));
    // header, 16 bytes of ages, "admin", 1 permission, 2 features, no plans
    assert_eq!(checker.as_bytes().len(), HEADER + 16 + 6 + 14 + (10 + 6));
    assert!(checker.has(&role(b"admin")));
    assert!(!checker.has(&CheckParams { plan: Param::Text(b"bad"), ..CheckParams::default() }));
}

#[wasm_bindgen_test(unsupported = test)]
fn any_bytes_give_an_answer() {
    let checker = compile(json!({"userId": "u", "orgId": "o", "orgRole": "admin", "orgPermissions": ["org:a:b"]}));
    let bytes = checker.as_bytes();
    let params = CheckParams { permission: Param::Text(b"a:b"), ..role(b"admin") };
    for end in 0..bytes.len() {
        match Checker::read(&bytes[..end]) {
            None => assert!(end < HEADER, "cut at {end}"),
            Some(cut) => assert!(!cut.has(&params), "cut at {end}: its permissions are gone"),
        }
    }
    assert!(Checker::read(bytes).unwrap().has(&params));
    let mut rng = crate::rng::Rng::new(1);
    for _ in 0..20_000 {
        let state = rng.next_u64();
        let mut bytes = bytes.to_vec();
        let at = state as usize % bytes.len();
        bytes[at] = (state >> 32) as u8;
        if let Some(checker) = Checker::read(&bytes) {
            let _ = checker.has(&params);
        }
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn params_decode_from_the_tags_and_texts_js_writes() {
    let tags = param::TEXT | param::WRONG_TYPE << 3 | param::TEXT << 6 | param::CUSTOM << 12;
    let params = CheckParams::decode(tags, [5, 0, 9, 0, 12], b"adminuser:betafirst_factor", 5.0);
    assert_eq!(params.role, Param::Text(b"admin"));
    assert_eq!(params.permission, Param::WrongType);
    assert_eq!(params.feature, Param::Text(b"user:beta"));
    assert_eq!(params.plan, Param::Absent);
    assert_eq!(params.reverification, Reverification::Custom { level: Some(b"first_factor"), after_minutes: 5.0 });
    // Lengths beyond the texts are wrong types; other bytes are compared as they are.
    assert_eq!(CheckParams::decode(param::TEXT, [9, 0, 0, 0, 0], b"admin", 0.0).role, Param::WrongType);
    assert_eq!(CheckParams::decode(param::TEXT, [1, 0, 0, 0, 0], b"\xff", 0.0).role, Param::Text(b"\xff"));
    assert_eq!(CheckParams::decode(7 << 12, [0; 5], b"", 0.0).reverification, Reverification::WrongType);
}

/// A checker given the members of `o` that v2's permissions come from answers every permission as
/// one given the expanded `orgPermissions`, colons in names and repeated features included, and
/// never reads beyond its bytes.
#[wasm_bindgen_test(unsupported = test)]
fn grants_answer_as_their_expansion() {
    let cases = [
        json!({"fea": "o:invoices,u:beta,o:reports,ou:sso,o:invoices", "per": "read, manage ,x:y", "fpm": "3,5,6,1"}),
        json!({"fea": "o:a:b,o:a", "per": "b:c,c", "fpm": "1,3"}),
        json!({"fea": "o:f", "per": "", "fpm": "1"}),
        json!({"fea": "o:f,o:g", "per": "p,q", "fpm": "x,2"}),
    ];
    for case in cases {
        let o = json!({"id": "org_1", "rol": "admin", "per": case["per"], "fpm": case["fpm"]});
        let claims = json!({"v": 2, "sub": "user_1", "fea": case["fea"], "o": o});
        let fields: Value =
            serde_json::from_str(&crate::organization_from_claims(&claims.to_string()).unwrap().unwrap()).unwrap();
        let grants = fields["orgPermissions"].as_array().unwrap();
        let mut expanded = Vec::new();
        for feature in &grants[1..] {
            for index in &feature.as_array().unwrap()[1..] {
                let name = &grants[0][index.as_u64().unwrap() as usize];
                expanded.push(format!("org:{}:{}", feature[0].as_str().unwrap(), name.as_str().unwrap()));
            }
        }
        let base = json!({"userId": "user_1", "orgId": "org_1", "orgRole": "org:admin", "features": case["fea"]});
        let with = |key: &str, value: Value| {
            let mut options = base.clone();
            options[key] = value;
            compile(options)
        };
        let (listed, granted) = (with("orgPermissions", json!(expanded)), with(abi::CHECK_GRANTS, o));
        let mut asked = expanded.clone();
        asked.extend(
            [
                "org:invoices:delete",
                "invoices:read",
                "org:org:invoices:read",
                "org:a:b:c",
                "org:a:c",
                "org:f:",
                "org:g:q",
            ]
            .map(String::from),
        );
        for permission in &asked {
            let params = CheckParams { permission: Param::Text(permission.as_bytes()), ..CheckParams::default() };
            assert_eq!(granted.has(&params), listed.has(&params), "{permission} in {case}");
        }
        let bytes = granted.as_bytes();
        let params = CheckParams { permission: Param::Text(b"org:invoices:read"), ..CheckParams::default() };
        for end in HEADER..bytes.len() {
            let _ = Checker::read(&bytes[..end]).map(|cut| cut.has(&params));
        }
    }
}
