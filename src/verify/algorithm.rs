//! The signature algorithms a session token may name, as a closed set.
//!
//! HMAC and `none` have no variant, so no option, header or key can enable them: a token whose
//! header says `HS256` cannot get an RSA public key used as an HMAC secret (algorithm confusion).

use serde_json::Value;

/// Clerk signs session tokens with RS256; RS384/RS512 are what Clerk's verifier also accepts.
/// ES256/ES384 are ours on top, for keys that are EC (Clerk cannot load an EC key at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    RS256,
    RS384,
    RS512,
    ES256,
    ES384,
}

/// What kind of public key an algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    Rsa,
    P256,
    P384,
}

impl Algorithm {
    /// The header's `alg`, compared exactly as JWS requires (case-sensitive, a JSON string).
    pub fn from_header(alg: Option<&Value>) -> Option<Algorithm> {
        Self::from_name(alg?.as_str()?)
    }

    pub fn from_name(name: &str) -> Option<Algorithm> {
        Some(match name {
            "RS256" => Algorithm::RS256,
            "RS384" => Algorithm::RS384,
            "RS512" => Algorithm::RS512,
            "ES256" => Algorithm::ES256,
            "ES384" => Algorithm::ES384,
            _ => return None,
        })
    }

    pub fn key_kind(self) -> KeyKind {
        match self {
            Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512 => KeyKind::Rsa,
            Algorithm::ES256 => KeyKind::P256,
            Algorithm::ES384 => KeyKind::P384,
        }
    }

    pub(crate) fn jsonwebtoken(self) -> jsonwebtoken::Algorithm {
        match self {
            Algorithm::RS256 => jsonwebtoken::Algorithm::RS256,
            Algorithm::RS384 => jsonwebtoken::Algorithm::RS384,
            Algorithm::RS512 => jsonwebtoken::Algorithm::RS512,
            Algorithm::ES256 => jsonwebtoken::Algorithm::ES256,
            Algorithm::ES384 => jsonwebtoken::Algorithm::ES384,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn only_asymmetric_algorithms_have_a_name() {
        for bad in ["none", "None", "HS256", "HS384", "HS512", "PS256", "EdDSA", "rs256", "RS256 ", ""] {
            assert_eq!(Algorithm::from_name(bad), None, "{bad}");
        }
        assert_eq!(Algorithm::from_header(Some(&json!("RS512"))), Some(Algorithm::RS512));
        assert_eq!(Algorithm::from_header(Some(&json!(["RS256"]))), None);
        assert_eq!(Algorithm::from_header(None), None);
    }
}
