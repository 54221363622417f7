//! Verification keys, parsed and validated once into a reusable [`KeySet`]: a PEM public key
//! (SPKI RSA, P-256 or P-384; PKCS#1 RSA too) or a JWKS matched by `kid`.
//!
//! Building a key set never fails. A key that cannot be used fails each token at the key step
//! with the reason Clerk gives there, so a misconfigured key reports like Clerk does (and only for
//! tokens that passed the checks before it), instead of throwing from a constructor.

use jsonwebtoken::DecodingKey;
use p256::pkcs8::DecodePublicKey;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, RsaPublicKey};
use serde_json::Value;

use crate::base64url;
use crate::error::{AuthError, ErrorKind, Result};
use crate::jwt::Jwt;
use crate::verify::algorithm::{Algorithm, KeyKind};
use crate::verify::pkcs1::RsaKey;

/// The smallest RSA modulus accepted (jose's floor too); the largest is the rsa crate's 4096.
pub const MIN_RSA_BITS: usize = 2048;

#[derive(Debug)]
pub struct KeySet {
    source: Source,
    keys: Vec<Key>,
}

#[derive(Debug, PartialEq)]
enum Source {
    /// Neither `jwtKey` nor a well-formed `jwks` was given.
    Missing,
    /// One key; the token's `kid` is not consulted (Clerk's `jwtKey`).
    Pem,
    /// Keys chosen by the token's `kid`.
    Jwks,
}

#[derive(Debug)]
struct Key {
    kid: Option<String>,
    /// A JWK's `alg`: when present, the only algorithm the key may verify.
    alg: Restriction,
    material: Material,
}

/// What a JWK's `alg` allows. A value that names no algorithm we know, or is not a string at all,
/// allows nothing: a malformed restriction must not read as no restriction.
#[derive(Debug, PartialEq)]
enum Restriction {
    Any,
    Only(Algorithm),
    Nothing,
}

impl Restriction {
    fn of(jwk: &Value) -> Restriction {
        match jwk.get("alg") {
            None => Restriction::Any,
            Some(alg) => Algorithm::from_header(Some(alg)).map_or(Restriction::Nothing, Restriction::Only),
        }
    }

    fn allows(&self, alg: Algorithm) -> bool {
        match self {
            Restriction::Any => true,
            Restriction::Only(only) => *only == alg,
            Restriction::Nothing => false,
        }
    }
}

/// A key ready to verify with: RSA through our own PKCS#1 verifier (src/verify/pkcs1.rs says why), EC
/// through jsonwebtoken.
#[derive(Debug)]
pub(crate) enum PublicKey {
    Rsa(RsaKey),
    Ec(KeyKind, DecodingKey),
}

impl PublicKey {
    fn kind(&self) -> KeyKind {
        match self {
            PublicKey::Rsa(_) => KeyKind::Rsa,
            PublicKey::Ec(kind, _) => *kind,
        }
    }

    /// Whether `jwt`'s signature holds: RSA reads its bytes, jsonwebtoken (EC) its base64url segment.
    pub(crate) fn verify(&self, alg: Algorithm, jwt: &Jwt<'_>) -> Result<bool> {
        let message = jwt.signing_input().as_bytes();
        match self {
            PublicKey::Rsa(key) => Ok(key.verify(alg, message, &jwt.signature())),
            PublicKey::Ec(_, key) => {
                jsonwebtoken::crypto::verify(jwt.signature_segment(), message, key, alg.jsonwebtoken()).map_err(|e| {
                    AuthError::new(ErrorKind::TokenVerificationFailed, format!("Error verifying JWT signature. {e}"))
                })
            }
        }
    }
}

#[derive(Debug)]
enum Material {
    Usable(PublicKey),
    /// A well-formed key of a type no supported algorithm uses (`oct`, `OKP`, another curve).
    Unsupported,
    /// Not a public key we can parse, or one too weak to trust.
    Invalid(String),
}

impl KeySet {
    pub fn missing() -> KeySet {
        KeySet { source: Source::Missing, keys: Vec::new() }
    }

    /// A PEM public key: `-----BEGIN PUBLIC KEY-----` (SPKI) or `-----BEGIN RSA PUBLIC KEY-----`.
    pub fn from_pem(pem: &str) -> KeySet {
        if pem.is_empty() {
            return KeySet::missing(); // Clerk tests `if (options.jwtKey)`: "" is no key
        }
        let material = parse_pem(pem).unwrap_or_else(Material::Invalid);
        KeySet { source: Source::Pem, keys: vec![Key { kid: None, alg: Restriction::Any, material }] }
    }

    /// A JWK Set, `{ "keys": [...] }`. Keys not meant for verifying signatures are left out: a
    /// `use` other than `sig`, or `key_ops` without `verify` (RFC 7517 §4.2, §4.3; a malformed
    /// `key_ops` allows nothing).
    pub fn from_jwks(jwks: &Value) -> KeySet {
        let Some(keys) = jwks.get("keys").and_then(Value::as_array) else {
            return KeySet::missing();
        };
        let for_verifying = |jwk: &&Value| {
            jwk.get("use").is_none_or(|u| u == "sig")
                && jwk
                    .get("key_ops")
                    .is_none_or(|ops| ops.as_array().is_some_and(|ops| ops.iter().any(|op| op == "verify")))
        };
        let keys = keys
            .iter()
            .filter(for_verifying)
            .map(|jwk| Key {
                kid: jwk.get("kid").and_then(Value::as_str).map(str::to_owned),
                alg: Restriction::of(jwk),
                material: match jwk.get("alg") {
                    Some(alg) if !alg.is_string() => Material::Invalid("The JWK's `alg` is not a string.".into()),
                    _ => parse_jwk(jwk).unwrap_or_else(Material::Invalid),
                },
            })
            .collect();
        KeySet { source: Source::Jwks, keys }
    }

    /// The keys that may verify a token with this `kid` and `alg`, at least one, or the reason
    /// there are none. Several keys may share a `kid` (a rotation in progress): each that fits is
    /// a candidate, and the caller tries them all.
    pub(crate) fn candidates(&self, kid: Option<&Value>, alg: Algorithm) -> Result<Vec<&PublicKey>> {
        let kid_text = kid.and_then(Value::as_str);
        let mut matching = self.keys.iter().filter(|key| match self.source {
            Source::Missing => false,
            Source::Pem => true,
            Source::Jwks => kid_text.is_some() && key.kid.as_deref() == kid_text,
        });
        if self.source == Source::Missing {
            return Err(AuthError::new(ErrorKind::JwkLocalMissing, "No jwtKey or jwks to verify with."));
        }
        let Some(first) = matching.next() else {
            let kid = kid.map_or("none".into(), Value::to_string);
            return Err(AuthError::new(ErrorKind::JwkKidMismatch, format!("No key in the JWKS has kid {kid}.")));
        };
        let first = first.fits(alg);
        let mut fitting: Vec<&PublicKey> = matching.filter_map(|key| key.fits(alg).ok()).collect();
        match first {
            Ok(key) => fitting.insert(0, key),
            Err(error) if fitting.is_empty() => return Err(error),
            Err(_) => {}
        }
        Ok(fitting)
    }
}

impl Key {
    fn fits(&self, alg: Algorithm) -> Result<&PublicKey> {
        let mismatch = || AuthError::new(ErrorKind::TokenInvalidAlgorithm, format!("The key cannot verify {alg:?}."));
        match &self.material {
            Material::Invalid(why) => Err(AuthError::new(ErrorKind::TokenVerificationFailed, why.clone())),
            Material::Unsupported => Err(mismatch()),
            Material::Usable(key) if key.kind() == alg.key_kind() && self.alg.allows(alg) => Ok(key),
            Material::Usable(_) => Err(mismatch()),
        }
    }
}

fn parse_pem(pem: &str) -> core::result::Result<Material, String> {
    let armored = |label: &str| {
        let body = pem.trim().strip_prefix(&format!("-----BEGIN {label}-----"))?;
        body.strip_suffix(&format!("-----END {label}-----"))
    };
    let not_pem = || "The jwtKey is not a PEM public key.".to_owned();
    if let Some(body) = armored("RSA PUBLIC KEY") {
        let der = pem_body(body).ok_or_else(not_pem)?;
        return rsa_key(RsaPublicKey::from_pkcs1_der(&der).map_err(|e| e.to_string())?);
    }
    let der = armored("PUBLIC KEY").and_then(pem_body).ok_or_else(not_pem)?;
    if let Ok(key) = RsaPublicKey::from_public_key_der(&der) {
        return rsa_key(key);
    }
    if let Ok(key) = p256::PublicKey::from_public_key_der(&der) {
        return Ok(ec_key(KeyKind::P256, key.to_sec1_bytes().as_ref()));
    }
    if let Ok(key) = p384::PublicKey::from_public_key_der(&der) {
        return Ok(ec_key(KeyKind::P384, key.to_sec1_bytes().as_ref()));
    }
    Err("The jwtKey is not an RSA (2048 to 4096 bits), P-256 or P-384 public key.".into())
}

/// A PEM body is standard base64, often re-wrapped or unpadded by the time it reaches an
/// environment variable: whitespace and padding are dropped, and the rest is decoded by the one
/// base64url decoder (src/base64url.rs) after swapping the two characters the alphabets differ in.
/// Canonical as before: the unused bits of the last character must be zero.
fn pem_body(body: &str) -> Option<Vec<u8>> {
    let text = body.trim_end_matches(|c: char| c == '=' || c.is_ascii_whitespace());
    let mut base64 = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_ascii_whitespace()) {
        base64.push(match c {
            '+' => '-',
            '/' => '_',
            '-' | '_' | '=' => return None, // base64url's characters, or padding before the end
            c => c,
        });
    }
    base64url::decode(&base64)
}

fn parse_jwk(jwk: &Value) -> core::result::Result<Material, String> {
    let param = |name: &str| -> core::result::Result<Vec<u8>, String> {
        let text = jwk.get(name).and_then(Value::as_str).ok_or(format!("The JWK has no `{name}`."))?;
        base64url::decode(text).ok_or_else(|| format!("The JWK's `{name}` is not base64url."))
    };
    match (jwk.get("kty").and_then(Value::as_str), jwk.get("crv").and_then(Value::as_str)) {
        (Some("RSA"), _) => {
            let (n, e) = (BigUint::from_bytes_be(&param("n")?), BigUint::from_bytes_be(&param("e")?));
            rsa_key(RsaPublicKey::new(n, e).map_err(|e| e.to_string())?)
        }
        (Some("EC"), Some(crv @ ("P-256" | "P-384"))) => {
            let (kind, size) = if crv == "P-256" { (KeyKind::P256, 32) } else { (KeyKind::P384, 48) };
            let (x, y) = (param("x")?, param("y")?);
            if x.len() != size || y.len() != size {
                return Err(format!("The JWK's coordinates are not {size} bytes."));
            }
            let point = [&[0x04][..], &x, &y].concat();
            let on_curve = match kind {
                KeyKind::P256 => p256::PublicKey::from_sec1_bytes(&point).is_ok(),
                _ => p384::PublicKey::from_sec1_bytes(&point).is_ok(),
            };
            on_curve.then(|| ec_key(kind, &point)).ok_or_else(|| "The JWK's point is not on its curve.".into())
        }
        (Some(_), _) => Ok(Material::Unsupported),
        (None, _) => Err("The JWK has no `kty`.".into()),
    }
}

fn rsa_key(key: RsaPublicKey) -> core::result::Result<Material, String> {
    if key.n().bits() < MIN_RSA_BITS {
        return Err(format!("RSA keys under {MIN_RSA_BITS} bits are not accepted."));
    }
    let key = RsaKey::new(&key).ok_or("The RSA key has an unusable modulus or exponent.")?;
    Ok(Material::Usable(PublicKey::Rsa(key)))
}

fn ec_key(kind: KeyKind, sec1_point: &[u8]) -> Material {
    Material::Usable(PublicKey::Ec(kind, DecodingKey::from_ec_der(sec1_point)))
}
