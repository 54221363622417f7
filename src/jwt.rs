//! Splitting and decoding a compact JWS, without checking its signature.
//!
//! Stricter than Clerk's loose decoder on purpose: base64url must be canonical and unpadded, the
//! JSON must be UTF-8 and an object, and tokens have a size cap. Anything else is `token-invalid`.
//!
//! One decoder: a segment becomes its JSON text, checked without building anything (JS parses
//! the text itself, which keeps the key order and is faster than building objects through the
//! boundary). Rust callers that need the values parse the checked text, when they need them: a
//! verifier reads the payload only after the signature holds.

use serde_json::{Map, Value};

use crate::base64url;
use crate::error::{AuthError, ErrorKind, Result};
use crate::json;

/// src/abi.rs's, which JS reads too. (Error messages are concatenated, not `format!`ed: the
/// client wasm keeps `core::fmt` out where it can.)
pub const MAX_TOKEN_BYTES: usize = crate::abi::MAX_TOKEN_BYTES as usize;

/// The most header a token may carry, as base64url text: real headers are about a hundred bytes,
/// and verification reads the header before the signature vouches for anything.
#[cfg(feature = "verify")]
pub const MAX_HEADER_SEGMENT_BYTES: usize = 8 * 1024;

/// A token split into its three segments, its form checked (size, three parts, a canonical
/// base64url signature); header and payload are decoded on demand.
#[derive(Clone, Copy, Debug)]
pub struct Jwt<'a> {
    header: &'a str,
    payload: &'a str,
    signature: &'a str,
    /// `header.payload`, the bytes the signature covers.
    signing_input: &'a str,
}

pub fn split_jwt(token: &str) -> Result<Jwt<'_>> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(invalid("Token is larger than 256 KiB."));
    }
    // The two dots, found once (`get`, not slicing: a str slice's panic path would pull
    // character-formatting code into the wasm; a dot is ASCII, so `get` never fails there).
    let part = |range: std::ops::Range<usize>| token.get(range).unwrap_or_default();
    let dots = token.find('.').and_then(|first| Some((first, first + 1 + part(first + 1..token.len()).find('.')?)));
    let Some((first, second)) = dots.filter(|&(_, second)| !part(second + 1..token.len()).contains('.')) else {
        return Err(invalid("Invalid JWT form. A JWT consists of three parts separated by dots."));
    };
    let (header, payload, signature) = (part(0..first), part(first + 1..second), part(second + 1..token.len()));
    if !base64url::is_canonical(signature) {
        return Err(not_base64url("signature"));
    }
    Ok(Jwt { header, payload, signature, signing_input: part(0..second) })
}

impl<'a> Jwt<'a> {
    /// The header's JSON text, checked to be an object.
    pub fn header_json(&self) -> Result<String> {
        object_text(self.header, "header")
    }

    /// The payload's JSON text, checked to be an object.
    pub fn payload_json(&self) -> Result<String> {
        object_text(self.payload, "payload")
    }

    pub fn signing_input(&self) -> &'a str {
        self.signing_input
    }

    /// The header and payload as their base64url segments, as the token carries them.
    pub fn header_segment(&self) -> &'a str {
        self.header
    }

    pub fn payload_segment(&self) -> &'a str {
        self.payload
    }

    /// The signature as its base64url segment, as the token carries it.
    pub fn signature_segment(&self) -> &'a str {
        self.signature
    }

    /// The signature's bytes.
    pub fn signature(&self) -> Vec<u8> {
        base64url::decode(self.signature).unwrap_or_default() // canonical: checked by `split`
    }
}

/// A token as `decodeJwt` accepts it: its header and payload JSON texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedJwt {
    pub header_json: String,
    pub payload_json: String,
}

impl DecodedJwt {
    /// The header's values.
    pub fn header(&self) -> Map<String, Value> {
        object(&self.header_json)
    }

    /// The payload's values.
    pub fn payload(&self) -> Map<String, Value> {
        object(&self.payload_json)
    }
}

pub fn decode_jwt(token: &str) -> Result<DecodedJwt> {
    let jwt = split_jwt(token)?;
    Ok(DecodedJwt { header_json: jwt.header_json()?, payload_json: jwt.payload_json()? })
}

/// The object a checked JSON text holds (it always holds one).
pub fn object(json: &str) -> Map<String, Value> {
    json::parse_object(json).unwrap_or_default()
}

/// The one decoder: base64url, then UTF-8, then a JSON object (checked, nothing built).
fn object_text(segment: &str, name: &str) -> Result<String> {
    let bytes = base64url::decode(segment).ok_or_else(|| not_base64url(name))?;
    let json = String::from_utf8(bytes).map_err(|_| malformed(name, "not UTF-8"))?;
    if !json::is_object(&json) {
        return Err(malformed(name, "not a JSON object"));
    }
    Ok(json)
}

fn not_base64url(name: &str) -> AuthError {
    malformed(name, "not canonical base64url")
}

/// `Invalid JWT <segment>: <problem>.`
fn malformed(name: &str, problem: &str) -> AuthError {
    invalid(crate::concat(&["Invalid JWT ", name, ": ", problem, "."]))
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
        let decoded = decode_jwt(&t).unwrap();
        assert_eq!(decoded.header()["alg"], "RS256");
        assert_eq!(decoded.payload()["sub"], "user_1");
        assert_eq!(decoded.payload_json, r#"{"sub":"user_1","n":[1,2]}"#);
        let jwt = split_jwt(&t).unwrap();
        assert_eq!(jwt.signature(), b"sig");
        assert_eq!(jwt.signature_segment(), "c2ln");
        assert_eq!(jwt.signing_input(), &t[..t.len() - 5]);
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
    fn numbers_beyond_the_double_range_are_not_json() {
        let t = format!("{}.{}.", b64("{}"), b64("{\"a\":1e400}"));
        assert_eq!(code_of(&t), "token-invalid");
        let t = format!("{}.{}.", b64("{}"), b64("{\"a\":1e-400,\"b\":1.7976931348623157e308}"));
        assert_eq!(decode_jwt(&t).unwrap().payload()["a"], 0.0);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn accepts_an_empty_signature() {
        let t = format!("{}.e30.", b64(r#"{"alg":"none"}"#));
        assert!(split_jwt(&t).unwrap().signature().is_empty());
        assert_eq!(decode_jwt(&t).unwrap().payload_json, "{}");
    }
}
