//! Session-token claims, v1 and v2, normalised into the auth object the way Clerk's
//! `JWTPayloadToAuthObjectProperties` does. Claims Clerk copies through unchanged (`sid`, `sub`,
//! `act`, `sts`, `fva`, the v1 `org_*` claims) stay JSON values: a token's odd types reach the
//! caller as they are, exactly as in Clerk. `null` stands for both `null` and absent.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::ecmascript::{is_truthy, to_js_string};
use crate::error::{AuthError, ErrorKind, Result};
use crate::permissions::org_permissions;
use crate::scopes::ScopedClaims;

/// The auth object minus `sessionClaims`, which is the claims object itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthObject {
    pub session_id: Value,
    pub session_status: Value,
    pub actor: Value,
    pub user_id: Value,
    pub org_id: Value,
    pub org_role: Value,
    pub org_slug: Value,
    pub org_permissions: Value,
    pub factor_verification_age: Value,
}

pub fn auth_object_from_claims(claims: &Map<String, Value>) -> Result<AuthObject> {
    let claim = |name: &str| claims.get(name).cloned().unwrap_or(Value::Null);
    let org = organization_from_claims(claims)?.unwrap_or_else(|| Organization {
        org_id: claim("org_id"),
        org_role: claim("org_role"),
        org_slug: claim("org_slug"),
        org_permissions: claim("org_permissions"),
    });
    Ok(AuthObject {
        session_id: claim("sid"),
        session_status: claim("sts"),
        actor: claim("act"),
        user_id: claim("sub"),
        org_id: org.org_id,
        org_role: org.org_role,
        org_slug: org.org_slug,
        org_permissions: org.org_permissions,
        factor_verification_age: claim("fva"),
    })
}

/// The organization fields of the auth object.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub org_id: Value,
    pub org_role: Value,
    pub org_slug: Value,
    pub org_permissions: Value,
}

/// The organization v2 claims (`v: 2`) define, from `o` and `fea`: the only part of the auth
/// object that needs decoding. `None` for v1 claims, whose `org_id`, `org_role`, `org_slug` and
/// `org_permissions` are the fields as they are. Reads `v`, `o` and `fea` only.
pub fn organization_from_claims(claims: &Map<String, Value>) -> Result<Option<Organization>> {
    if claims.get("v").and_then(Value::as_f64) != Some(2.0) {
        return Ok(None);
    }
    let Some(org) = claims.get("o").filter(|o| is_truthy(o)) else {
        return Ok(Some(Organization::default()));
    };
    let field = |name: &str| org.get(name).cloned().unwrap_or(Value::Null);
    let role = field("rol");
    let features = match claims.get("fea") {
        Some(fea) if is_truthy(fea) => ScopedClaims::parse(text(fea, "fea")?)?,
        _ => ScopedClaims::default(),
    };
    let (per, fpm) = (field("per"), field("fpm"));
    let granted = if is_truthy(&per) && is_truthy(&fpm) {
        org_permissions(features.org(), text(&per, "o.per")?, text(&fpm, "o.fpm")?)
    } else {
        Vec::new()
    };
    Ok(Some(Organization {
        org_id: field("id"),
        org_role: if is_truthy(&role) { Value::String(format!("org:{}", to_js_string(&role))) } else { Value::Null },
        org_slug: field("slg"),
        org_permissions: Value::Array(granted.into_iter().map(Value::String).collect()),
    }))
}

/// A claim Clerk calls `.split()` on: anything but a string is malformed.
fn text<'a>(value: &'a Value, name: &str) -> Result<&'a str> {
    value
        .as_str()
        .ok_or_else(|| AuthError::new(ErrorKind::ClaimsInvalid, format!("The `{name}` claim is not a string.")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn auth(claims: Value) -> Result<AuthObject> {
        auth_object_from_claims(claims.as_object().unwrap())
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn v1_claims_pass_through() {
        let a = auth(json!({
            "sid": "sess_1", "sub": "user_1", "org_id": "org_1", "org_role": "org:admin",
            "org_slug": "acme", "org_permissions": ["org:a:b"], "act": {"sub": "user_2"}
        }))
        .unwrap();
        assert_eq!(a.session_id, "sess_1");
        assert_eq!(a.user_id, "user_1");
        assert_eq!(a.org_id, "org_1");
        assert_eq!(a.org_role, "org:admin");
        assert_eq!(a.org_slug, "acme");
        assert_eq!(a.org_permissions, json!(["org:a:b"]));
        assert_eq!(a.actor, json!({"sub": "user_2"}));
        assert_eq!(a.session_status, Value::Null);
        assert_eq!(a.factor_verification_age, Value::Null);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn v2_claims_decode_the_organization() {
        let a = auth(json!({
            "v": 2, "sid": "sess_1", "sub": "user_1", "sts": "active", "fva": [3, -1],
            "fea": "o:memberships,u:beta,o:billing",
            "o": {"id": "org_1", "slg": "acme", "rol": "admin", "per": "read,manage", "fpm": "3,2"}
        }))
        .unwrap();
        assert_eq!(a.org_id, "org_1");
        assert_eq!(a.org_slug, "acme");
        assert_eq!(a.org_role, "org:admin");
        assert_eq!(a.org_permissions, json!(["org:memberships:read", "org:memberships:manage", "org:billing:manage"]));
        assert_eq!(a.session_status, "active");
        assert_eq!(a.factor_verification_age, json!([3, -1]));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn v2_without_an_organization_leaves_org_fields_null() {
        let a = auth(json!({"v": 2, "sub": "user_1", "fea": "no colon is fine here", "o": 0}));
        let a = a.unwrap();
        assert_eq!((a.org_id, a.org_role, a.org_permissions), (Value::Null, Value::Null, Value::Null));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn v2_org_role_is_prefixed_like_a_js_template_string() {
        let role = |rol: Value| auth(json!({"v": 2, "o": {"rol": rol}})).unwrap().org_role;
        assert_eq!(role(json!("org:admin")), "org:org:admin");
        assert_eq!(role(json!(5)), "org:5");
        assert_eq!(role(json!("")), Value::Null);
        assert_eq!(auth(json!({"v": 2, "o": "x"})).unwrap().org_permissions, json!([]));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn malformed_v2_claims_are_claims_invalid() {
        let bad = [
            json!({"v": 2, "o": {"id": "org_1"}, "fea": "memberships"}),
            json!({"v": 2, "o": {"id": "org_1"}, "fea": 5}),
            json!({"v": 2, "o": {"per": ["read"], "fpm": "1"}, "fea": "o:a"}),
            json!({"v": 2, "o": {"per": "read", "fpm": 1}, "fea": "o:a"}),
        ];
        for claims in bad {
            assert_eq!(auth(claims.clone()).unwrap_err().code(), "claims-invalid", "{claims}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn version_must_be_the_number_2() {
        let a = auth(json!({"v": "2", "org_id": "org_v1", "o": {"id": "org_v2"}})).unwrap();
        assert_eq!(a.org_id, "org_v1");
    }
}
