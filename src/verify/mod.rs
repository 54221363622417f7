//! Networkless verification of a session token: Clerk's checks (`@clerk/backend` `verifyToken`
//! with `jwtKey`), in Clerk's order and with Clerk's reasons, so a token fails here exactly as it
//! fails there: form, `typ`, `alg`, key, signature, `sub`, `aud`, `azp`, `iss`, `exp`, `nbf`, `iat`.
//!
//! Pure: the clock is the `now_ms` argument. Deliberately stricter than Clerk where Clerk fails
//! open or reads past what it has checked: the decoder (see `jwt.rs`); the signature is checked
//! before the payload is read; `crit` is refused; `audience`, when given, must be named by the
//! token; JWK restrictions (`alg`, `use`, `key_ops`) fail closed (see `keys.rs`).
//!
//! The server build's part of the crate (the `verify` feature): the key set (`keys.rs`: PEM and
//! JWKS), the algorithms (`algorithm.rs`), RSA signatures (`pkcs1.rs`), the checks' options
//! (`options.rs`), and this file, the checks. The browser's wasm has none of it.

mod algorithm;
mod keys;
mod options;
mod pkcs1;

pub use algorithm::{Algorithm, KeyKind};
pub use keys::{KeySet, MIN_RSA_BITS};
pub use options::{Allowed, VerifyOptions, DEFAULT_CLOCK_SKEW_MS};
#[cfg(fuzzing)]
pub use pkcs1::fuzz_modpow;

use serde_json::{Map, Value};

use crate::base64url;
use crate::ecmascript::date_from_seconds;
use crate::error::{AuthError, ErrorKind, Result};
use crate::jwt::{self, split_jwt, Jwt, MAX_HEADER_SEGMENT_BYTES};

/// The `cat` headers Clerk gives its JWTs (packages/backend/src/tokens/jwtCategories.ts): machine
/// tokens are signed by the same keys and are never a session.
const M2M_TOKEN_CATEGORY: &str = "cl_B7d4PD333AAA";
const SESSION_TOKEN_CATEGORY: &str = "cl_B7d4PD111AAA";
const IGNORED_CATEGORY: &str = "cl_I7d4PD111III";

/// A verified token: its header and payload, and the payload's JSON text for the boundary.
#[derive(Debug)]
pub struct VerifiedJwt {
    pub header: Map<String, Value>,
    pub payload: Map<String, Value>,
    pub payload_json: String,
}

/// Verifies `token` with `keys` at time `now_ms` (milliseconds since the epoch) and returns it
/// decoded. Every failure is an [`AuthError`] whose code is Clerk's reason.
///
/// The payload is read only after the signature has been checked (as jose does; Clerk parses it
/// first): an unsigned payload costs a hash, never a parse. So a token whose signature fails and
/// whose payload is not JSON fails with `token-invalid-signature` here and `token-invalid` in Clerk.
pub fn verify_token(token: &str, keys: &KeySet, options: &VerifyOptions, now_ms: f64) -> Result<VerifiedJwt> {
    let (jwt, header) = verify_signature(token, keys, Purpose::SessionToken)?;
    let payload_json = jwt.payload_json()?;
    let payload = jwt::object(&payload_json);
    check_claims(&payload, options, now_ms)?;
    Ok(VerifiedJwt { header, payload, payload_json })
}

/// Verifies a handshake token (the Frontend API's answer to `/v1/client/handshake` with
/// `format=token`) with the session tokens' keys, and returns the `Set-Cookie` directives it
/// carries. Clerk's rules (packages/backend/src/tokens/handshake.ts, `verifyHandshakeJwt`): `typ`,
/// `alg`, a session-token category, the signature; then, stricter than Clerk, `exp`, `nbf` and
/// `iat` when present, so an expired handshake token cannot set cookies. A payload without a
/// `handshake` list sets none (Clerk ignores it too).
pub fn verify_handshake(token: &str, keys: &KeySet, clock_skew_ms: f64, now_ms: f64) -> Result<Vec<String>> {
    let (jwt, _) = verify_signature(token, keys, Purpose::Handshake)?;
    let payload = jwt::object(&jwt.payload_json()?);
    check_dates(&payload, clock_skew_ms, now_ms, false)?;
    let directives = payload.get("handshake").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    Ok(directives.iter().filter_map(Value::as_str).map(str::to_owned).collect())
}

/// What a token is verified as: the two differ only in which `cat` headers they refuse.
#[derive(Clone, Copy, PartialEq)]
enum Purpose {
    SessionToken,
    Handshake,
}

/// Form, `typ`, `crit`, `alg`, key and signature: everything before the payload is read. The
/// token split, and its header (capped at [`MAX_HEADER_SEGMENT_BYTES`]) decoded; the payload
/// must be canonical base64url but is neither decoded nor parsed.
fn verify_signature<'a>(token: &'a str, keys: &KeySet, purpose: Purpose) -> Result<(Jwt<'a>, Map<String, Value>)> {
    let jwt = split_jwt(token)?;
    if jwt.header_segment().len() > MAX_HEADER_SEGMENT_BYTES {
        return Err(fail(ErrorKind::TokenInvalid, "Invalid JWT header: larger than 8 KiB."));
    }
    if !base64url::is_canonical(jwt.payload_segment()) {
        return Err(fail(ErrorKind::TokenInvalid, "Invalid JWT payload: not canonical base64url."));
    }
    let header = jwt::object(&jwt.header_json()?);
    let category = header.get("cat").and_then(Value::as_str);
    if purpose == Purpose::SessionToken && category == Some(M2M_TOKEN_CATEGORY) {
        return Err(fail(ErrorKind::TokenInvalid, "Invalid session token category."));
    }
    if header.get("typ").is_some_and(|typ| typ != "JWT") {
        return Err(fail(ErrorKind::TokenInvalid, "Invalid JWT type. Expected \"JWT\"."));
    }
    // RFC 7515 §4.1.11: `crit` names extensions the recipient must understand, and we understand
    // none. Clerk ignores the header; we reject.
    if header.contains_key("crit") {
        return Err(fail(
            ErrorKind::TokenInvalid,
            "The JWT names critical header parameters this verifier does not know.",
        ));
    }
    let Some(alg) = Algorithm::from_header(header.get("alg")) else {
        let message = format!(
            "Invalid JWT algorithm {}. Supported: RS256, RS384, RS512, ES256, ES384.",
            shown(header.get("alg"))
        );
        return Err(fail(ErrorKind::TokenInvalidAlgorithm, message));
    };
    if purpose == Purpose::Handshake && header.get("cat").is_some_and(|cat| !is_session_category(cat)) {
        return Err(fail(ErrorKind::TokenInvalid, "Invalid handshake token category."));
    }
    // Every key that fits is tried: during a rotation two keys may share a kid.
    let (mut verified, mut error) = (false, None);
    for key in keys.candidates(header.get("kid"), alg)? {
        match key.verify(alg, &jwt) {
            Ok(true) => {
                verified = true;
                break;
            }
            Ok(false) => error = Some(fail(ErrorKind::TokenInvalidSignature, "JWT signature is invalid.")),
            Err(e) => _ = error.get_or_insert(e),
        }
    }
    if verified {
        return Ok((jwt, header));
    }
    Err(error.unwrap_or_else(|| fail(ErrorKind::TokenInvalidSignature, "JWT signature is invalid.")))
}

/// Clerk's `isNonSessionJwtCategory`, negated (packages/backend/src/tokens/jwtCategories.ts).
fn is_session_category(cat: &Value) -> bool {
    cat == SESSION_TOKEN_CATEGORY || cat == IGNORED_CATEGORY
}

/// The claim checks alone, for the fuzzer (a mutated token never reaches them: its signature fails).
#[cfg(fuzzing)]
pub fn fuzz_check_claims(claims: &Map<String, Value>, options: &VerifyOptions, now_ms: f64) -> Result<()> {
    check_claims(claims, options, now_ms)
}

fn check_claims(claims: &Map<String, Value>, options: &VerifyOptions, now_ms: f64) -> Result<()> {
    if !claims.get("sub").is_some_and(Value::is_string) {
        return Err(fail(ErrorKind::TokenVerificationFailed, "Subject claim (sub) is required and must be a string."));
    }
    if let Allowed::OneOf(audience) = &options.audience {
        let listed = |aud: &Value| aud.as_str().is_some_and(|aud| audience.iter().any(|a| a == aud));
        let matches = match claims.get("aud") {
            // Clerk compares an all-string list and skips the check for any other list, so
            // `[1, "api"]` passes there for any audience (assertAudienceClaim in
            // packages/backend/src/jwt/assertions.ts). Here its strings are compared and the rest
            // ignored: `[1, "api"]` passes for "api", as in Clerk, and fails for "web".
            Some(Value::Array(auds)) => auds.iter().any(listed),
            Some(aud) => listed(aud),
            None => false,
        };
        if !matches {
            let message = format!("Invalid JWT audience claim (aud) {}.", shown(claims.get("aud")));
            return Err(fail(ErrorKind::TokenVerificationFailed, message));
        }
    }
    claim_one_of(claims, "azp", &options.authorized_parties, ErrorKind::TokenInvalidAuthorizedParties)?;
    claim_one_of(claims, "iss", &options.issuer, ErrorKind::TokenInvalidIssuer)?;

    check_dates(claims, options.clock_skew_ms, now_ms, true)
}

/// `exp` (required for session tokens), `nbf` and `iat`, each with the skew.
fn check_dates(claims: &Map<String, Value>, skew: f64, now_ms: f64, exp_required: bool) -> Result<()> {
    match claims.get("exp") {
        None if !exp_required => {}
        exp => {
            let Some(exp) = exp.and_then(Value::as_f64) else {
                let message = format!("Invalid JWT expiry date claim (exp) {}. Expected number.", shown(exp));
                return Err(fail(ErrorKind::TokenVerificationFailed, message));
            };
            if date_from_seconds(exp) <= now_ms - skew {
                return Err(fail(ErrorKind::TokenExpired, "JWT is expired."));
            }
        }
    }
    if optional_date(claims, "nbf")? > now_ms + skew {
        return Err(fail(ErrorKind::TokenNotActiveYet, "JWT cannot be used prior to not before date claim (nbf)."));
    }
    if optional_date(claims, "iat")? > now_ms + skew {
        return Err(fail(ErrorKind::TokenIatInTheFuture, "JWT issued at date claim (iat) is in the future."));
    }
    Ok(())
}

fn claim_one_of(claims: &Map<String, Value>, name: &str, allowed: &Allowed, kind: ErrorKind) -> Result<()> {
    let Allowed::OneOf(list) = allowed else { return Ok(()) };
    let claim = claims.get(name);
    if claim.and_then(Value::as_str).is_some_and(|c| list.iter().any(|a| a == c)) {
        return Ok(());
    }
    Err(fail(kind, format!("Invalid JWT claim ({name}) {}. Expected one of {list:?}.", shown(claim))))
}

/// An absent `nbf`/`iat` passes (NaN compares false); present, it must be a number.
fn optional_date(claims: &Map<String, Value>, name: &str) -> Result<f64> {
    match claims.get(name) {
        None => Ok(f64::NAN),
        Some(Value::Number(n)) => Ok(n.as_f64().map_or(f64::NAN, date_from_seconds)),
        Some(other) => {
            let message = format!("Invalid JWT {name} claim {}. Expected number.", shown(Some(other)));
            Err(fail(ErrorKind::TokenVerificationFailed, message))
        }
    }
}

/// A claim for an error message, cut short: the token may be large and is not ours to echo.
fn shown(value: Option<&Value>) -> String {
    let text = value.map_or("undefined".into(), Value::to_string);
    match text.char_indices().nth(80) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

fn fail(kind: ErrorKind, message: impl Into<String>) -> AuthError {
    AuthError::new(kind, message)
}
