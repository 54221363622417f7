//! Session-token claims, v1 and v2, normalised into the auth object the way Clerk's
//! `JWTPayloadToAuthObjectProperties` does (`packages/shared/src/jwtPayloadParser.ts`). Claims
//! Clerk copies through unchanged (`sid`, `sub`, `act`, `sts`, `fva`, the v1 `org_*` claims, and
//! v2's `o.id` and `o.slg`) are copied as they are: a token's odd types reach the caller as they
//! are, exactly as in Clerk. `null` stands for both `null` and absent.
//!
//! [`org_fields_json`] is the one decoder of v2's organization claims: it reads the claims' JSON
//! text and builds only what it decodes, since JS calls it for every token it normalises.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::abi::{self, Field};
use crate::ecmascript::{is_truthy, to_js_string};
use crate::error::{AuthError, ErrorKind, Result};
use crate::json;
use crate::permissions::org_permissions;
use crate::scopes::ScopedClaims;

/// The auth object minus `sessionClaims`, which is the claims object itself. Serialized with the
/// field names and order of [`abi::AUTH_OBJECT`].
#[derive(Clone, Debug, Default, PartialEq)]
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

impl AuthObject {
    /// The values in [`abi::AUTH_OBJECT`] order.
    fn values(&self) -> [&Value; 9] {
        [
            &self.session_id,
            &self.session_status,
            &self.actor,
            &self.user_id,
            &self.org_id,
            &self.org_role,
            &self.org_slug,
            &self.org_permissions,
            &self.factor_verification_age,
        ]
    }
}

impl Serialize for AuthObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(abi::AUTH_OBJECT.len()))?;
        for (field, value) in abi::AUTH_OBJECT.iter().zip(self.values()) {
            map.serialize_entry(field.name, value)?;
        }
        map.end()
    }
}

/// The auth object of claims given as JSON text.
pub fn auth_object_from_claims(claims_json: &str) -> Result<AuthObject> {
    let claims = json::parse_object(claims_json).ok_or_else(not_an_object)?;
    let copied = |field: Field| claims.get(field.claim).cloned().unwrap_or(Value::Null);
    // v2: the decoded fields, or those copied from `o`; v1: the claims as they are.
    let decoded = org_fields_json(claims_json)?.map(|org| json::parse_object(&org).unwrap_or_default());
    let org = |field: Field| match &decoded {
        None => copied(field),
        Some(org) if org.contains_key(field.name) => org.get(field.name).cloned().unwrap_or(Value::Null),
        Some(_) => match abi::V2_COPIED.iter().find(|(copied, _)| *copied == field) {
            Some((_, member)) => claims.get(abi::V2_ORGANIZATION).and_then(|o| o.get(member)).cloned(),
            None => None,
        }
        .unwrap_or(Value::Null),
    };
    Ok(AuthObject {
        session_id: copied(abi::SESSION_ID),
        session_status: copied(abi::SESSION_STATUS),
        actor: copied(abi::ACTOR),
        user_id: copied(abi::USER_ID),
        org_id: org(abi::ORG_ID),
        org_role: org(abi::ORG_ROLE),
        org_slug: org(abi::ORG_SLUG),
        org_permissions: org(abi::ORG_PERMISSIONS),
        factor_verification_age: copied(abi::FACTOR_VERIFICATION_AGE),
    })
}

/// The organization fields ([`abi::ORGANIZATION_FIELDS`]) that v2 claims (`v: 2`) decode, from
/// `o` and `fea`, as a JSON object: the only part of the auth object that needs decoding. `None`
/// for v1 claims, whose `org_id`, `org_role`, `org_slug` and `org_permissions` are the fields as
/// they are. With `o` set, the fields it copies ([`abi::V2_COPIED`]: `o.id`, `o.slg`) are left
/// out, for the caller to copy from `o` as it is (the same value, as Clerk copies it); with `o`
/// unset, all four are `null`. Reads `v`, `o` and `fea` only.
pub fn org_fields_json(claims_json: &str) -> Result<Option<String>> {
    let [v, o, fea] =
        json::pick(claims_json, [abi::V2_VERSION, abi::V2_ORGANIZATION, abi::V2_FEATURES]).ok_or_else(not_an_object)?;
    if v.and_then(json::parse).and_then(|v| v.as_f64()) != Some(2.0) {
        return Ok(None);
    }
    let mut out = String::with_capacity(256);
    let Some(org) = o.filter(|o| truthy(o)) else {
        for field in abi::ORGANIZATION_FIELDS {
            member(&mut out, field);
            out.push_str("null");
        }
        out.push('}');
        return Ok(Some(out));
    };
    // `o` may be truthy and not an object (Clerk reads `o.rol` and so on: undefined).
    let [role, per, fpm] = json::pick(org, abi::V2_DECODED).unwrap_or_default();
    let fea = Claim::read(fea);
    let features =
        if fea.truthy() { ScopedClaims::parse(fea.text(abi::V2_FEATURES)?)? } else { ScopedClaims::default() };
    let (per, fpm) = (Claim::read(per), Claim::read(fpm));
    let granted = if per.truthy() && fpm.truthy() { Some((per.text("o.per")?, fpm.text("o.fpm")?)) } else { None };
    let role = Claim::read(role);
    member(&mut out, abi::ORG_ROLE);
    match &role {
        _ if !role.truthy() => out.push_str("null"),
        Claim::Text(text) => push_json_string(&mut out, &["org:", text]),
        Claim::Other(value) => push_json_string(&mut out, &["org:", &to_js_string(value)]),
    }
    member(&mut out, abi::ORG_PERMISSIONS);
    out.push('[');
    if let Some((per, fpm)) = granted {
        org_permissions(features.org(), per, fpm, |feature, name| {
            if !out.ends_with('[') {
                out.push(',');
            }
            push_json_string(&mut out, &["org:", feature, ":", name]);
        });
    }
    out.push_str("]}");
    Ok(Some(out))
}

/// Starts the member `field` of the object being written into `out`.
fn member(out: &mut String, field: Field) {
    out.push(if out.is_empty() { '{' } else { ',' });
    push_json_string(out, &[field.name]);
    out.push(':');
}

/// A claim read from its JSON text: a string without escapes stays borrowed (no allocation for
/// the claims every token has), anything else becomes a value.
enum Claim<'a> {
    Text(Cow<'a, str>),
    Other(Value),
}

impl<'a> Claim<'a> {
    fn read(text: Option<&'a str>) -> Self {
        match text.map(|text| (text, json::string(text))) {
            Some((_, Some(string))) => Claim::Text(string),
            Some((text, None)) => Claim::Other(json::parse(text).unwrap_or(Value::Null)),
            None => Claim::Other(Value::Null),
        }
    }

    fn truthy(&self) -> bool {
        match self {
            Claim::Text(text) => !text.is_empty(),
            Claim::Other(value) => is_truthy(value),
        }
    }

    /// A claim Clerk calls `.split()` on: anything but a string is malformed.
    fn text(&self, name: &str) -> Result<&str> {
        match self {
            Claim::Text(text) => Ok(text),
            Claim::Other(_) => {
                Err(AuthError::new(ErrorKind::ClaimsInvalid, ["The `", name, "` claim is not a string."].concat()))
            }
        }
    }
}

/// `!!value` for a member's text, building only scalars.
fn truthy(text: &str) -> bool {
    matches!(text.as_bytes().first(), Some(b'{' | b'[')) || json::parse(text).is_some_and(|value| is_truthy(&value))
}

/// `parts` joined as one JSON string literal.
fn push_json_string(out: &mut String, parts: &[&str]) {
    out.push('"');
    for part in parts {
        let mut rest = *part;
        // Plain runs in one step; only `"`, `\` and control characters are escaped.
        // `at` is an ASCII byte's index: `get` cannot fail there (and has no panic path).
        while let Some(at) = rest.bytes().position(|b| b == b'"' || b == b'\\' || b < 0x20) {
            out.push_str(rest.get(..at).unwrap_or_default());
            let byte = rest.as_bytes().get(at).copied().unwrap_or_default();
            if byte == b'"' || byte == b'\\' {
                out.extend(['\\', char::from(byte)]);
            } else {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.extend([HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]].map(char::from));
            }
            rest = rest.get(at + 1..).unwrap_or_default();
        }
        out.push_str(rest);
    }
    out.push('"');
}

fn not_an_object() -> AuthError {
    AuthError::new(ErrorKind::ClaimsInvalid, "Claims must be a JSON object.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn auth(claims: Value) -> Result<AuthObject> {
        auth_object_from_claims(&claims.to_string())
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

    /// Each field is serialized under its `abi` name, with the value of the claim `abi` names.
    #[wasm_bindgen_test(unsupported = test)]
    fn fields_take_their_abi_names_and_claims() {
        let mut claims = serde_json::Map::new();
        for (i, field) in abi::AUTH_OBJECT.iter().enumerate() {
            claims.insert(field.claim.into(), Value::from(i));
        }
        let claims = Value::Object(claims).to_string();
        let written = serde_json::to_value(auth_object_from_claims(&claims).unwrap()).unwrap();
        let names: Vec<_> = written.as_object().unwrap().keys().cloned().collect();
        let mut expected: Vec<_> = abi::AUTH_OBJECT.iter().map(|f| f.name.to_owned()).collect();
        expected.sort(); // serde_json's map (no preserve_order) lists keys sorted
        assert_eq!(names, expected);
        for (i, field) in abi::AUTH_OBJECT.iter().enumerate() {
            assert_eq!(written[field.name], Value::from(i), "{}", field.name);
        }
        let mut order = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut order);
        auth_object_from_claims(&claims).unwrap().serialize(&mut serializer).unwrap();
        let text = String::from_utf8(order).unwrap();
        let positions: Vec<_> =
            abi::AUTH_OBJECT.iter().map(|f| text.find(&format!("\"{}\"", f.name)).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "written in abi order: {text}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn version_must_be_the_number_2() {
        let a = auth(json!({"v": "2", "org_id": "org_v1", "o": {"id": "org_v2"}})).unwrap();
        assert_eq!(a.org_id, "org_v1");
    }
}
