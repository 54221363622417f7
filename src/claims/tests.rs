use super::*;
use crate::permissions::MAX_MASK_DIGITS;
use serde_json::{json, Value};
use wasm_bindgen_test::wasm_bindgen_test;

/// The organization fields of `claims`, as the JS values their JSON text holds (`null` for v1).
fn org(claims: Value) -> Result<Value> {
    Ok(organization_from_claims(&claims.to_string())?.map_or(Value::Null, |text| serde_json::from_str(&text).unwrap()))
}

/// Clerk's `org:<feature>:<permission>` strings from grants, as `expandGrants` (js/core/abi.js)
/// makes them.
fn expand(grants: &Value) -> Vec<String> {
    let grants = grants.as_array().unwrap();
    let names = grants[0].as_array().unwrap();
    let mut permissions = Vec::new();
    for feature in &grants[1..] {
        let feature = feature.as_array().unwrap();
        for index in &feature[1..] {
            let name = names[index.as_u64().unwrap() as usize].as_str().unwrap();
            permissions.push(format!("org:{}:{name}", feature[0].as_str().unwrap()));
        }
    }
    permissions
}

#[wasm_bindgen_test(unsupported = test)]
fn v1_claims_are_not_decoded() {
    let claims = json!({"sid": "sess_1", "org_id": "org_1", "org_permissions": ["org:a:b"], "o": {"id": "x"}});
    assert_eq!(org(claims).unwrap(), Value::Null);
    assert_eq!(org(json!({"v": "2", "o": {"id": "org_v2"}})).unwrap(), Value::Null, "`v` must be the number 2");
}

#[wasm_bindgen_test(unsupported = test)]
fn v2_claims_decode_the_organization_permissions() {
    let fields = org(json!({
        "v": 2, "sid": "sess_1", "sub": "user_1", "sts": "active", "fva": [3, -1],
        "fea": "o:memberships,u:beta,o:billing",
        "o": {"id": "org_1", "slg": "acme", "rol": "admin", "per": "read,manage", "fpm": "3,2"}
    }))
    .unwrap();
    let members: Vec<&String> = fields.as_object().unwrap().keys().collect();
    assert_eq!(members, ["orgPermissions"], "the other fields are JS's to copy from `o`");
    assert_eq!(
        expand(&fields["orgPermissions"]),
        ["org:memberships:read", "org:memberships:manage", "org:billing:manage"]
    );
    assert_eq!(fields["orgPermissions"], json!([["read", "manage"], ["memberships", 0, 1], ["billing", 1]]));
}

#[wasm_bindgen_test(unsupported = test)]
fn v2_without_an_organization_leaves_org_fields_null() {
    let fields = org(json!({"v": 2, "sub": "user_1", "fea": "no colon is fine here", "o": 0})).unwrap();
    for field in abi::ORGANIZATION_FIELDS {
        assert_eq!(fields[field.name], Value::Null, "{}", field.name);
    }
    assert_eq!(fields.as_object().unwrap().len(), abi::ORGANIZATION_FIELDS.len());
    // `o` truthy but not an object: Clerk reads its members as undefined, so nothing is granted.
    assert_eq!(org(json!({"v": 2, "o": "x", "org_id": "org_v1"})).unwrap(), json!({"orgPermissions": [[]]}));
}

#[wasm_bindgen_test(unsupported = test)]
fn malformed_v2_claims_are_claims_invalid() {
    let bad = [
        json!({"v": 2, "o": {"id": "org_1"}, "fea": "memberships"}),
        json!({"v": 2, "o": {"id": "org_1"}, "fea": 5}),
        json!({"v": 2, "o": {"per": ["read"], "fpm": "1"}, "fea": "o:a"}),
        json!({"v": 2, "o": {"per": "read", "fpm": 1}, "fea": "o:a"}),
        json!({"v": 2, "o": {"per": "read", "fpm": "9".repeat(MAX_MASK_DIGITS + 1)}, "fea": "o:a"}),
        json!([1, 2]),
    ];
    for claims in bad {
        assert_eq!(org(claims.clone()).unwrap_err().code(), "claims-invalid", "{claims}");
    }
    let long = json!({"v": 2, "o": {"per": "read", "fpm": "9".repeat(MAX_MASK_DIGITS + 1)}, "fea": "o:a"});
    assert!(org(long).unwrap_err().message().contains(&MAX_MASK_DIGITS.to_string()), "the message names the limit");
}

/// The shape that once grew wasm memory past 2 GiB: thousands of features granting one long
/// permission name. Its grants hold the name once and an index per feature: linear in the claims.
#[wasm_bindgen_test(unsupported = test)]
fn many_features_granting_one_long_name_cost_linear_space() {
    let name = "p".repeat(60_000);
    let features: Vec<String> = (0..20_000).map(|i| format!("o:f{i}")).collect();
    let claims = json!({"v": 2, "fea": features.join(","), "o": {"id": "org_1", "per": name, "fpm": vec!["1"; 20_000].join(",")}});
    let text = claims.to_string();
    let fields = organization_from_claims(&text).unwrap().unwrap();
    assert!(fields.len() < 2 * text.len(), "{} bytes of grants for {} bytes of claims", fields.len(), text.len());
    let fields: Value = serde_json::from_str(&fields).unwrap();
    assert_eq!(fields["orgPermissions"].as_array().unwrap().len(), 1 + 20_000);
}
