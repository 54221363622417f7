//! Networkless verification of a session token: Clerk's checks (`@clerk/backend` `verifyToken`
//! with `jwtKey`), in Clerk's order and with Clerk's reasons, so a token fails here exactly as it
//! fails there: form, `typ`, `alg`, key, signature, `sub`, `aud`, `azp`, `iss`, `exp`, `nbf`, `iat`.
//!
//! Pure: the clock is the `now_ms` argument. Deliberately stricter than Clerk in two places: the
//! decoder (see `jwt.rs`), and `audience`, which a token must name when it is given.

use serde_json::{Map, Value};

use crate::algorithm::Algorithm;
use crate::ecmascript::{date_from_seconds, is_truthy};
use crate::error::{AuthError, ErrorKind, Result};
use crate::jwt::{split_jwt, DecodedJwt};
use crate::keys::KeySet;

/// Clerk's default leeway for `exp`, `nbf` and `iat`.
pub const DEFAULT_CLOCK_SKEW_MS: f64 = 5000.0;

/// The `cat` header of Clerk's machine-to-machine tokens: signed by the same keys, never a session.
const M2M_TOKEN_CATEGORY: &str = "cl_B7d4PD333AAA";

/// What a claim must be, if anything.
#[derive(Clone, Debug, PartialEq)]
pub enum Allowed {
    /// No check.
    Any,
    /// The claim must equal one of these. Empty when the option held only values that can never
    /// equal a claim (a function, a number): then every token fails, as it does in Clerk.
    OneOf(Vec<String>),
}

/// `verifyToken`'s options; `Default` is the secure default (no optional check, 5 s of skew).
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyOptions {
    pub authorized_parties: Allowed,
    pub issuer: Allowed,
    pub audience: Allowed,
    pub clock_skew_ms: f64,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            authorized_parties: Allowed::Any,
            issuer: Allowed::Any,
            audience: Allowed::Any,
            clock_skew_ms: DEFAULT_CLOCK_SKEW_MS,
        }
    }
}

impl VerifyOptions {
    /// From the options as JSON, read with Clerk's JavaScript semantics: `issuer` and `audience`
    /// are a value or a list whose falsy entries are dropped; a non-finite skew means the default.
    pub fn from_json(options: &Map<String, Value>) -> VerifyOptions {
        let skew = options.get("clockSkewInMs").and_then(Value::as_f64).filter(|s| s.is_finite());
        VerifyOptions {
            authorized_parties: authorized_parties(options.get("authorizedParties")),
            issuer: one_of(options.get("issuer")),
            audience: one_of(options.get("audience")),
            clock_skew_ms: skew.unwrap_or(DEFAULT_CLOCK_SKEW_MS),
        }
    }
}

/// `[option].flat().filter(Boolean)`; empty means no check.
fn one_of(option: Option<&Value>) -> Allowed {
    let list = match option {
        None => return Allowed::Any,
        Some(Value::Array(items)) => items.iter().collect::<Vec<_>>(),
        Some(value) => vec![value],
    };
    let list: Vec<_> = list.into_iter().filter(|v| is_truthy(v)).collect();
    if list.is_empty() {
        return Allowed::Any;
    }
    Allowed::OneOf(list.into_iter().filter_map(Value::as_str).map(str::to_owned).collect())
}

/// Clerk skips the check when `!authorizedParties || authorizedParties.length === 0`. A string is
/// one party here (Clerk would test it as a substring of `azp`, which is not what anyone means).
fn authorized_parties(option: Option<&Value>) -> Allowed {
    match option {
        Some(Value::Array(items)) if !items.is_empty() => {
            Allowed::OneOf(items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        }
        Some(Value::String(party)) if !party.is_empty() => Allowed::OneOf(vec![party.clone()]),
        Some(value) if is_truthy(value) && !value.is_array() && !value.is_string() => Allowed::OneOf(Vec::new()),
        _ => Allowed::Any,
    }
}

/// Verifies `token` with `keys` at time `now_ms` (milliseconds since the epoch) and returns it
/// decoded. Every failure is an [`AuthError`] whose code is Clerk's reason.
pub fn verify_token(token: &str, keys: &KeySet, options: &VerifyOptions, now_ms: f64) -> Result<DecodedJwt> {
    let jwt = split_jwt(token)?;
    let decoded = DecodedJwt { header_json: jwt.header_json()?, payload_json: jwt.payload_json()? };
    let header = &decoded.header();
    if header.get("cat").and_then(Value::as_str) == Some(M2M_TOKEN_CATEGORY) {
        return Err(fail(ErrorKind::TokenInvalid, "Invalid session token category."));
    }
    if header.get("typ").is_some_and(|typ| typ != "JWT") {
        return Err(fail(ErrorKind::TokenInvalid, "Invalid JWT type. Expected \"JWT\"."));
    }
    let Some(alg) = Algorithm::from_header(header.get("alg")) else {
        let message = format!(
            "Invalid JWT algorithm {}. Supported: RS256, RS384, RS512, ES256, ES384.",
            shown(header.get("alg"))
        );
        return Err(fail(ErrorKind::TokenInvalidAlgorithm, message));
    };
    let key = keys.select(header.get("kid"), alg)?;
    if !key.verify(alg, &jwt)? {
        return Err(fail(ErrorKind::TokenInvalidSignature, "JWT signature is invalid."));
    }
    check_claims(&decoded.payload(), options, now_ms)?;
    Ok(decoded)
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
            Some(Value::Array(auds)) => {
                !auds.is_empty() && auds.iter().all(Value::is_string) && auds.iter().any(listed)
            }
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

    let skew = options.clock_skew_ms;
    let Some(exp) = claims.get("exp").and_then(Value::as_f64) else {
        let message = format!("Invalid JWT expiry date claim (exp) {}. Expected number.", shown(claims.get("exp")));
        return Err(fail(ErrorKind::TokenVerificationFailed, message));
    };
    if date_from_seconds(exp) <= now_ms - skew {
        return Err(fail(ErrorKind::TokenExpired, "JWT is expired."));
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
