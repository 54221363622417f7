//! Session-token claims v2's organization, the one part of Clerk's
//! `JWTPayloadToAuthObjectProperties` (`packages/shared/src/jwtPayloadParser.ts`) that needs
//! decoding: `o.per` × `o.fpm` over the organization features of `fea`. Everything else Clerk
//! copies (`sid`, `sub`, `act`, `sts`, `fva`, the v1 `org_*` claims, v2's `o.id`, `o.slg` and
//! `org:${o.rol}`) JS copies from the claims object as it is (`authObject` in js/core/abi.js,
//! generated from src/abi.rs): the same value, the same reference, as in Clerk.
//!
//! [`organization_from_claims`] reads the claims' JSON text and builds only what it decodes, since JS calls
//! it for every token it normalises; the client's state (src/client/state.rs) keeps its answer.

use crate::abi;
use crate::ecmascript::is_truthy;
use crate::error::{AuthError, ErrorKind, Result};
use crate::json::{self, Js};
use crate::permissions::{MaskTooLong, OrgPermissions};
use crate::scopes::ScopedClaims;

/// The organization fields ([`abi::ORGANIZATION_FIELDS`]) that v2 claims (`v: 2`) decode, as a
/// JSON object, or `None` for v1 claims, whose `org_*` claims are the fields as they are. With `o`
/// set, the object holds `orgPermissions` as [`grants_json`] writes them (JS expands them) and the
/// other fields are left for JS to copy from `o`; with `o` unset, all four are `null`. Reads `v`,
/// `o` and `fea` only; a malformed `fea`, `o.per` or `o.fpm` is `claims-invalid`.
pub fn organization_from_claims(claims_json: &str) -> Result<Option<String>> {
    let [v, o, fea] =
        json::pick(claims_json, [abi::V2_VERSION, abi::V2_ORGANIZATION, abi::V2_FEATURES]).ok_or_else(not_an_object)?;
    if !matches!(Js::of(v), Js::Number(v) if v == 2.0) {
        return Ok(None);
    }
    let mut out = String::with_capacity(64);
    let Some(o) = o.filter(|o| truthy(o)) else {
        for field in abi::ORGANIZATION_FIELDS {
            member(&mut out, field.name);
            out.push_str("null");
        }
        out.push('}');
        return Ok(Some(out));
    };
    // `o` may be truthy and not an object (Clerk reads `o.per` and so on: undefined).
    let [per, fpm] = json::pick(o, abi::V2_DECODED).unwrap_or_default();
    let fea = Js::of(fea);
    let features =
        if is_truthy(&fea) { ScopedClaims::parse(text(&fea, abi::V2_FEATURES)?)? } else { ScopedClaims::default() };
    let (per, fpm) = (Js::of(per), Js::of(fpm));
    let permissions = if is_truthy(&per) && is_truthy(&fpm) {
        OrgPermissions::decode(features.org(), text(&per, "o.per")?, text(&fpm, "o.fpm")?).map_err(mask_too_long)?
    } else {
        OrgPermissions::default()
    };
    member(&mut out, abi::ORG_PERMISSIONS.name);
    out.push_str(&grants_json(&permissions));
    out.push('}');
    Ok(Some(out))
}

/// The grants as JSON, linear in the claims: `[names, [feature, index, …], …]`, the permission
/// names once and each feature with the indices of the names its mask grants. `[[]]` grants
/// nothing. JS expands them to Clerk's `org:<feature>:<permission>` strings (`expandGrants`).
pub fn grants_json(permissions: &OrgPermissions<'_>) -> String {
    let mut out = String::from("[[");
    for (i, name) in permissions.names.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::push_string(&mut out, &[name]);
    }
    out.push(']');
    for (feature, granted) in permissions.features().filter(|(_, granted)| !granted.is_empty()) {
        out.push_str(",[");
        json::push_string(&mut out, &[feature]);
        for index in granted {
            out.push(',');
            json::push_number(&mut out, (*index).into());
        }
        out.push(']');
    }
    out.push(']');
    out
}

fn mask_too_long(_: MaskTooLong) -> AuthError {
    AuthError::new(ErrorKind::ClaimsInvalid, "An `o.fpm` mask is longer than 4096 digits.")
}

/// Starts the member `name` of the object being written into `out`.
fn member(out: &mut String, name: &str) {
    out.push(if out.is_empty() { '{' } else { ',' });
    json::push_string(out, &[name]);
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

fn not_an_object() -> AuthError {
    AuthError::new(ErrorKind::ClaimsInvalid, "Claims must be a JSON object.")
}

#[cfg(test)]
mod tests;
