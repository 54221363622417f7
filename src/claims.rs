//! Session-token claims, v1 and v2, normalised into the auth object the way Clerk's
//! `JWTPayloadToAuthObjectProperties` does (`packages/shared/src/jwtPayloadParser.ts`). Claims
//! Clerk copies through unchanged (`sid`, `sub`, `act`, `sts`, `fva`, the v1 `org_*` claims, and
//! v2's `o.id` and `o.slg`) are copied as they are, text for text: a token's odd types reach the
//! caller as they are, exactly as in Clerk. `null` stands for both `null` and absent.
//!
//! Nothing here builds JSON values: the auth object is JSON text, its copied fields the claims'
//! own text. [`org_fields_json`] is the one decoder of v2's organization claims: it reads the
//! claims' JSON text and builds only what it decodes, since JS calls it for every token it
//! normalises.

use std::borrow::Cow;

use crate::abi::{self, Field};
use crate::ecmascript::{is_truthy, to_js_string};
use crate::error::{AuthError, ErrorKind, Result};
use crate::json::{self, Js};
use crate::permissions::org_permissions;
use crate::scopes::ScopedClaims;

/// A field's value as JSON text.
pub type JsonText = Cow<'static, str>;

const NULL: JsonText = Cow::Borrowed("null");

/// The auth object minus `sessionClaims`, which is the claims object itself: each field as the
/// JSON text of its value. [`AuthObject::to_json`] writes it with the field names and order of
/// [`abi::AUTH_OBJECT`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthObject {
    pub session_id: JsonText,
    pub session_status: JsonText,
    pub actor: JsonText,
    pub user_id: JsonText,
    pub org_id: JsonText,
    pub org_role: JsonText,
    pub org_slug: JsonText,
    pub org_permissions: JsonText,
    pub factor_verification_age: JsonText,
}

/// Signed out: every field `null`.
impl Default for AuthObject {
    fn default() -> Self {
        AuthObject {
            session_id: NULL,
            session_status: NULL,
            actor: NULL,
            user_id: NULL,
            org_id: NULL,
            org_role: NULL,
            org_slug: NULL,
            org_permissions: NULL,
            factor_verification_age: NULL,
        }
    }
}

impl AuthObject {
    /// The values in [`abi::AUTH_OBJECT`] order.
    fn values(&self) -> [&str; 9] {
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

    /// The auth object as a JSON object, its fields named and ordered as [`abi::AUTH_OBJECT`].
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256);
        for (&field, value) in abi::AUTH_OBJECT.iter().zip(self.values()) {
            member(&mut out, field);
            out.push_str(value);
        }
        out.push('}');
        out
    }
}

/// The auth object of claims given as JSON text.
pub fn auth_object_from_claims(claims_json: &str) -> Result<AuthObject> {
    let mut names = [abi::V2_ORGANIZATION; 10]; // the last one stays `o`
    for (name, field) in names.iter_mut().zip(abi::AUTH_OBJECT) {
        *name = field.claim;
    }
    let claims = json::pick(claims_json, names).ok_or_else(not_an_object)?;
    let copied = |text: Option<&str>| text.map_or(NULL, |text| Cow::Owned(text.to_owned()));
    let claim = |field: Field| copied(abi::AUTH_OBJECT.iter().position(|f| *f == field).and_then(|i| claims[i]));
    // v2: the decoded fields, and those copied from `o`; v1: the claims as they are.
    let (org_id, org_role, org_slug, org_permissions) = match decode_organization(claims_json)? {
        None => (claim(abi::ORG_ID), claim(abi::ORG_ROLE), claim(abi::ORG_SLUG), claim(abi::ORG_PERMISSIONS)),
        Some(Organization::None) => (NULL, NULL, NULL, NULL),
        Some(Organization::Decoded { o, role, permissions }) => {
            // `o` may be truthy and not an object: Clerk reads `o.id` and `o.slg` as undefined.
            let [(_, id), (_, slug)] = abi::V2_COPIED;
            let [id, slug] = json::pick(o, [id, slug]).unwrap_or_default();
            (copied(id), Cow::Owned(role), copied(slug), Cow::Owned(permissions))
        }
    };
    Ok(AuthObject {
        session_id: claim(abi::SESSION_ID),
        session_status: claim(abi::SESSION_STATUS),
        actor: claim(abi::ACTOR),
        user_id: claim(abi::USER_ID),
        org_id,
        org_role,
        org_slug,
        org_permissions,
        factor_verification_age: claim(abi::FACTOR_VERIFICATION_AGE),
    })
}

/// The organization fields ([`abi::ORGANIZATION_FIELDS`]) that v2 claims (`v: 2`) decode, from
/// `o` and `fea`, as a JSON object: the only part of the auth object that needs decoding. `None`
/// for v1 claims, whose `org_id`, `org_role`, `org_slug` and `org_permissions` are the fields as
/// they are. With `o` set, the fields it copies ([`abi::V2_COPIED`]: `o.id`, `o.slg`) are left
/// out, for the caller to copy from `o` as it is (the same value, as Clerk copies it); with `o`
/// unset, all four are `null`. Reads `v`, `o` and `fea` only.
pub fn org_fields_json(claims_json: &str) -> Result<Option<String>> {
    let mut out = String::with_capacity(256);
    match decode_organization(claims_json)? {
        None => return Ok(None),
        Some(Organization::None) => {
            for field in abi::ORGANIZATION_FIELDS {
                member(&mut out, field);
                out.push_str("null");
            }
        }
        Some(Organization::Decoded { role, permissions, .. }) => {
            member(&mut out, abi::ORG_ROLE);
            out.push_str(&role);
            member(&mut out, abi::ORG_PERMISSIONS);
            out.push_str(&permissions);
        }
    }
    out.push('}');
    Ok(Some(out))
}

/// The organization of v2 claims.
enum Organization<'a> {
    /// `o` unset (falsy): no organization.
    None,
    /// `o`'s text, and the role and the permissions decoded from it and `fea`, as JSON text.
    Decoded { o: &'a str, role: String, permissions: String },
}

/// The organization v2 claims decode to, `None` for v1 claims.
fn decode_organization(claims_json: &str) -> Result<Option<Organization<'_>>> {
    let [v, o, fea] =
        json::pick(claims_json, [abi::V2_VERSION, abi::V2_ORGANIZATION, abi::V2_FEATURES]).ok_or_else(not_an_object)?;
    if !matches!(Js::of(v), Js::Number(v) if v == 2.0) {
        return Ok(None);
    }
    let Some(o) = o.filter(|o| truthy(o)) else {
        return Ok(Some(Organization::None));
    };
    // `o` may be truthy and not an object (Clerk reads `o.rol` and so on: undefined).
    let [role, per, fpm] = json::pick(o, abi::V2_DECODED).unwrap_or_default();
    let fea = Js::of(fea);
    let features =
        if is_truthy(&fea) { ScopedClaims::parse(text(&fea, abi::V2_FEATURES)?)? } else { ScopedClaims::default() };
    let (per, fpm) = (Js::of(per), Js::of(fpm));
    let granted =
        if is_truthy(&per) && is_truthy(&fpm) { Some((text(&per, "o.per")?, text(&fpm, "o.fpm")?)) } else { None };
    let role = match Js::of(role) {
        role if !is_truthy(&role) => "null".to_owned(),
        Js::String(role) => json_string(&["org:", &role]),
        role => json_string(&["org:", &to_js_string(&role)]),
    };
    let mut permissions = String::from("[");
    if let Some((per, fpm)) = granted {
        org_permissions(features.org(), per, fpm, |feature, name| {
            if permissions.len() > 1 {
                permissions.push(',');
            }
            push_json_string(&mut permissions, &["org:", feature, ":", name]);
        });
    }
    permissions.push(']');
    Ok(Some(Organization::Decoded { o, role, permissions }))
}

/// `parts` joined as one JSON string literal.
fn json_string(parts: &[&str]) -> String {
    let mut out = String::new();
    push_json_string(&mut out, parts);
    out
}

/// Starts the member `field` of the object being written into `out`.
fn member(out: &mut String, field: Field) {
    out.push(if out.is_empty() { '{' } else { ',' });
    push_json_string(out, &[field.name]);
    out.push(':');
}

/// A claim Clerk calls `.split()` on: anything but a string is malformed.
fn text<'c>(claim: &'c Js<'_>, name: &str) -> Result<&'c str> {
    match claim {
        Js::String(text) => Ok(text),
        _ => Err(AuthError::new(ErrorKind::ClaimsInvalid, crate::concat(&["The `", name, "` claim is not a string."]))),
    }
}

/// `!!value` for a member's text, reading containers no further than their first byte.
fn truthy(text: &str) -> bool {
    matches!(text.as_bytes().first(), Some(b'{' | b'[')) || json::js(text).is_some_and(|value| is_truthy(&value))
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
    use serde_json::{json, Value};
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The auth object of `claims`, as the JS values its JSON text holds.
    fn auth(claims: Value) -> Result<Value> {
        let auth = auth_object_from_claims(&claims.to_string())?;
        Ok(serde_json::from_str(&auth.to_json()).expect("the auth object is JSON"))
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn v1_claims_pass_through() {
        let a = auth(json!({
            "sid": "sess_1", "sub": "user_1", "org_id": "org_1", "org_role": "org:admin",
            "org_slug": "acme", "org_permissions": ["org:a:b"], "act": {"sub": "user_2"}
        }))
        .unwrap();
        assert_eq!(
            a,
            json!({
                "sessionId": "sess_1", "sessionStatus": null, "actor": {"sub": "user_2"}, "userId": "user_1",
                "orgId": "org_1", "orgRole": "org:admin", "orgSlug": "acme", "orgPermissions": ["org:a:b"],
                "factorVerificationAge": null
            })
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn v2_claims_decode_the_organization() {
        let a = auth(json!({
            "v": 2, "sid": "sess_1", "sub": "user_1", "sts": "active", "fva": [3, -1],
            "fea": "o:memberships,u:beta,o:billing",
            "o": {"id": "org_1", "slg": "acme", "rol": "admin", "per": "read,manage", "fpm": "3,2"}
        }))
        .unwrap();
        assert_eq!(a["orgId"], "org_1");
        assert_eq!(a["orgSlug"], "acme");
        assert_eq!(a["orgRole"], "org:admin");
        assert_eq!(
            a["orgPermissions"],
            json!(["org:memberships:read", "org:memberships:manage", "org:billing:manage"])
        );
        assert_eq!(a["sessionStatus"], "active");
        assert_eq!(a["factorVerificationAge"], json!([3, -1]));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn v2_without_an_organization_leaves_org_fields_null() {
        let a = auth(json!({"v": 2, "sub": "user_1", "fea": "no colon is fine here", "o": 0})).unwrap();
        for field in abi::ORGANIZATION_FIELDS {
            assert_eq!(a[field.name], Value::Null, "{}", field.name);
        }
        let a = auth(json!({"v": 2, "o": "x", "org_id": "org_v1"})).unwrap();
        assert_eq!((&a["orgId"], &a["orgSlug"]), (&Value::Null, &Value::Null), "`o` not an object: o.id undefined");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn v2_org_role_is_prefixed_like_a_js_template_string() {
        let role = |rol: Value| auth(json!({"v": 2, "o": {"rol": rol}})).unwrap()["orgRole"].clone();
        assert_eq!(role(json!("org:admin")), "org:org:admin");
        assert_eq!(role(json!(5)), "org:5");
        assert_eq!(role(json!("")), Value::Null);
        assert_eq!(auth(json!({"v": 2, "o": "x"})).unwrap()["orgPermissions"], json!([]));
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

    /// Each field is written under its `abi` name, in `abi` order, with the value of the claim
    /// `abi` names.
    #[wasm_bindgen_test(unsupported = test)]
    fn fields_take_their_abi_names_and_claims() {
        let mut claims = serde_json::Map::new();
        for (i, field) in abi::AUTH_OBJECT.iter().enumerate() {
            claims.insert(field.claim.into(), Value::from(i));
        }
        let written = auth_object_from_claims(&Value::Object(claims).to_string()).unwrap().to_json();
        let expected: Vec<String> =
            abi::AUTH_OBJECT.iter().enumerate().map(|(i, field)| format!("\"{}\":{i}", field.name)).collect();
        assert_eq!(written, format!("{{{}}}", expected.join(",")));
    }

    /// Copied claims keep their text: key order, number spelling, escapes, as `JSON.parse` of the
    /// token would see them.
    #[wasm_bindgen_test(unsupported = test)]
    fn copied_claims_keep_their_text() {
        let claims = r#"{"act": {"z": 1, "a": [1.50, "\u0041"]}, "sid" : "s\"1", "sub":null, "sid": "s_2"}"#;
        let a = auth_object_from_claims(claims).unwrap();
        assert_eq!(a.actor, r#"{"z": 1, "a": [1.50, "\u0041"]}"#);
        assert_eq!(a.session_id, r#""s_2""#, "the last of a repeated claim, as JSON.parse keeps it");
        assert_eq!(a.user_id, "null");
        let nulls: Vec<String> = abi::AUTH_OBJECT.iter().map(|f| format!("\"{}\":null", f.name)).collect();
        assert_eq!(AuthObject::default().to_json(), format!("{{{}}}", nulls.join(",")), "signed out");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn version_must_be_the_number_2() {
        let a = auth(json!({"v": "2", "org_id": "org_v1", "o": {"id": "org_v2"}})).unwrap();
        assert_eq!(a["orgId"], "org_v1");
    }
}
