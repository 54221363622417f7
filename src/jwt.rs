//! Splitting and decoding a compact JWS, without checking its signature.
//!
//! Stricter than Clerk's loose decoder on purpose: base64url must be canonical and unpadded, the
//! JSON must be UTF-8 and an object, and tokens have a size cap. Anything else is `token-invalid`.

use serde_json::{Map, Value};

use crate::base64url;
use crate::error::{AuthError, ErrorKind, Result};
use crate::json;

/// Far above any real session token (browsers cap a cookie at 4 KiB) and far below what could
/// exhaust memory.
pub const MAX_TOKEN_BYTES: usize = 256 * 1024;

/// A decoded token. The JSON texts are kept so the boundary can hand them to `JSON.parse`, which
/// keeps the key order and is faster than building JS objects field by field.
#[derive(Debug)]
pub struct DecodedJwt<'a> {
    pub header: Map<String, Value>,
    pub payload: Map<String, Value>,
    pub header_json: String,
    pub payload_json: String,
    /// `header.payload`, the bytes the signature covers.
    pub signing_input: &'a str,
    pub signature: Vec<u8>,
}

pub fn decode_jwt(token: &str) -> Result<DecodedJwt<'_>> {
    let (header, payload, signature) = segments(token)?;
    // `header.payload`: everything before the last dot (`rsplit_once`, not slicing: a str slice's
    // panic path would pull character-formatting code into the wasm).
    let signing_input = token.rsplit_once('.').map_or(token, |(input, _)| input);
    let (header, header_json) = decode_object(header, "header")?;
    let (payload, payload_json) = decode_object(payload, "payload")?;
    let signature = decode_segment(signature, "signature")?;
    Ok(DecodedJwt { header, payload, header_json, payload_json, signing_input, signature })
}

/// The header and payload JSON texts of a token that [`decode_jwt`] would accept, checked by the
/// same rules but not parsed into values (for callers that only hand the texts on).
pub fn decode_jwt_texts(token: &str) -> Result<(String, String)> {
    let (header, payload, signature) = segments(token)?;
    let header = object_text(header, "header")?;
    let payload = object_text(payload, "payload")?;
    if !base64url::is_canonical(signature) {
        return Err(not_base64url("signature"));
    }
    Ok((header, payload))
}

/// The three base64url segments, or `token-invalid` when the token is not three dot-separated parts.
fn segments(token: &str) -> Result<(&str, &str, &str)> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(invalid(format!("Token is larger than {MAX_TOKEN_BYTES} bytes.")));
    }
    let mut parts = token.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(header), Some(payload), Some(signature), None) => Ok((header, payload, signature)),
        _ => Err(invalid("Invalid JWT form. A JWT consists of three parts separated by dots.")),
    }
}

fn decode_segment(segment: &str, name: &str) -> Result<Vec<u8>> {
    base64url::decode(segment).ok_or_else(|| not_base64url(name))
}

fn segment_text(segment: &str, name: &str) -> Result<String> {
    String::from_utf8(decode_segment(segment, name)?).map_err(|_| invalid(format!("Invalid JWT {name}: not UTF-8.")))
}

fn object_text(segment: &str, name: &str) -> Result<String> {
    let json = segment_text(segment, name)?;
    if json::is_object(&json) {
        Ok(json)
    } else {
        Err(not_object(name))
    }
}

fn decode_object(segment: &str, name: &str) -> Result<(Map<String, Value>, String)> {
    let json = segment_text(segment, name)?;
    match json::parse(&json) {
        Some(Value::Object(map)) => Ok((map, json)),
        _ => Err(not_object(name)),
    }
}

/// The most header a token may carry, as base64url text: real headers are about a hundred bytes,
/// and verification reads the header before the signature vouches for anything.
#[cfg(feature = "verify")]
pub const MAX_HEADER_SEGMENT_BYTES: usize = 8 * 1024;

/// A token split for verification: only the header is decoded; the payload stays base64url text
/// until the signature over it has been checked ([`decode_payload`] then reads it).
#[cfg(feature = "verify")]
#[derive(Debug)]
pub struct SignedParts<'a> {
    pub header: Map<String, Value>,
    /// `header.payload`, the bytes the signature covers.
    pub signing_input: &'a str,
    pub payload: &'a str,
    pub signature: Vec<u8>,
    pub signature_segment: &'a str,
}

/// Splits `token` and decodes its header (capped at [`MAX_HEADER_SEGMENT_BYTES`]) and signature;
/// the payload must be canonical base64url but is neither decoded nor parsed.
#[cfg(feature = "verify")]
pub fn split_jwt(token: &str) -> Result<SignedParts<'_>> {
    let (header, payload, signature_segment) = segments(token)?;
    if header.len() > MAX_HEADER_SEGMENT_BYTES {
        return Err(invalid(format!("Invalid JWT header: larger than {MAX_HEADER_SEGMENT_BYTES} bytes.")));
    }
    if !base64url::is_canonical(payload) {
        return Err(not_base64url("payload"));
    }
    let signing_input = token.rsplit_once('.').map_or(token, |(input, _)| input);
    let (header, _) = decode_object(header, "header")?;
    let signature = decode_segment(signature_segment, "signature")?;
    Ok(SignedParts { header, signing_input, payload, signature, signature_segment })
}

/// A payload segment of [`SignedParts`], decoded by [`decode_jwt`]'s rules: the object and its text.
#[cfg(feature = "verify")]
pub fn decode_payload(segment: &str) -> Result<(Map<String, Value>, String)> {
    decode_object(segment, "payload")
}

fn not_base64url(name: &str) -> AuthError {
    invalid(format!("Invalid JWT {name}: not canonical base64url."))
}

fn not_object(name: &str) -> AuthError {
    invalid(format!("Invalid JWT {name}: not a JSON object."))
}

fn invalid(message: impl Into<String>) -> AuthError {
    AuthError::new(ErrorKind::TokenInvalid, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    fn token(header: &str, payload: &str) -> String {
        format!("{}.{}.c2ln", b64(header), b64(payload))
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn decodes_header_payload_and_signature() {
        let t = token(r#"{"alg":"RS256"}"#, r#"{"sub":"user_1","n":[1,2]}"#);
        let jwt = decode_jwt(&t).unwrap();
        assert_eq!(jwt.header["alg"], "RS256");
        assert_eq!(jwt.payload["sub"], "user_1");
        assert_eq!(jwt.payload_json, r#"{"sub":"user_1","n":[1,2]}"#);
        assert_eq!(jwt.signature, b"sig");
        assert_eq!(jwt.signing_input, &t[..t.len() - 5]);
    }

    fn code_of(t: &str) -> &'static str {
        decode_jwt(t).unwrap_err().code()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn rejects_malformed_tokens_with_token_invalid() {
        let good_header = b64(r#"{"alg":"RS256"}"#);
        let cases = [
            String::new(),
            "a.b".into(),
            "a.b.c.d".into(),
            format!("{good_header}.{}.", b64("[1]")),
            format!("{good_header}.{}.", b64("not json")),
            format!("{good_header}.{}.", b64(r#"{"a":1"#)),
            format!("{good_header}.{}=.", b64(r#"{"a":1}"#)),
            format!("{good_header}.e30.c2lnZ",), // 5 chars: impossible length
            format!("{good_header}.e31.",),      // non-canonical trailing bits
            format!("{good_header}./w.",),       // 0xff: not UTF-8
            format!("{good_header}.{}.", b64(&"[".repeat(200))),
            format!("{good_header}.e30.{}", "A".repeat(MAX_TOKEN_BYTES)),
        ];
        for t in &cases {
            assert_eq!(code_of(t), "token-invalid", "{t:.80}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn texts_follow_the_same_rules() {
        let good = token(r#"{"alg":"RS256"}"#, r#"{"sub":"u","n":[1.5,{"a":null}]}"#);
        let bad = [
            good.replace(".c2ln", ".c2l"),
            format!("{}.e30.", b64("[1]")),
            format!("{}.{}.", b64("{}"), b64("{\"a\":1e400}")),
        ];
        for t in [good.as_str(), bad[0].as_str(), bad[1].as_str(), bad[2].as_str(), "a.b", ""] {
            let texts = decode_jwt_texts(t).map(|(h, p)| [h, p]);
            let full = decode_jwt(t).map(|j| [j.header_json, j.payload_json]);
            assert_eq!(texts, full, "{t:?}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn accepts_an_empty_signature() {
        let t = format!("{}.e30.", b64(r#"{"alg":"none"}"#));
        assert!(decode_jwt(&t).unwrap().signature.is_empty());
    }
}
