//! The auth state `getState()` returns, derived from the active session's newest session token.
//! JS shapes it as it shapes every auth object (`authObject` in js/core/abi.js): from the claims
//! and the organization fields v2 claims decode to (src/claims.rs), which is all the machine keeps.

use crate::claims::organization_from_claims;
use crate::error::Result;
use crate::jwt::decode_jwt;

#[derive(Clone, Debug, Default)]
pub enum AuthState {
    #[default]
    NotLoaded,
    SignedOut,
    SignedIn {
        /// The token's payload as the server wrote it, so JS gets the claims in their order.
        claims_json: String,
        /// What v2 claims decode to (`organization_from_claims`), `None` for v1 claims.
        org_json: Option<String>,
    },
}

/// Two signed-in states are equal when their claims are: the rest is derived from them.
/// (Comparing the claims text alone spares the wasm a comparison of JSON values.)
impl PartialEq for AuthState {
    fn eq(&self, other: &AuthState) -> bool {
        match (self, other) {
            (AuthState::SignedIn { claims_json: a, .. }, AuthState::SignedIn { claims_json: b, .. }) => a == b,
            (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
        }
    }
}

impl AuthState {
    /// The state a session token gives; `claims-invalid` when its v2 claims are malformed.
    pub fn from_session_token(jwt: &str) -> Result<AuthState> {
        let decoded = decode_jwt(jwt)?;
        let org_json = organization_from_claims(&decoded.payload_json)?;
        Ok(AuthState::SignedIn { claims_json: decoded.payload_json, org_json })
    }

    pub fn is_signed_in(&self) -> bool {
        matches!(self, AuthState::SignedIn { .. })
    }

    /// The claims JSON when signed in.
    pub fn claims_json(&self) -> Option<&str> {
        match self {
            AuthState::SignedIn { claims_json, .. } => Some(claims_json),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn states_are_equal_when_their_claims_are() {
        let signed_in = |claims: &str| AuthState::SignedIn { claims_json: claims.into(), org_json: None };
        assert_eq!(signed_in(r#"{"sid":"a"}"#), signed_in(r#"{"sid":"a"}"#));
        assert_ne!(signed_in(r#"{"sid":"a"}"#), signed_in(r#"{"sid":"a","iat":1}"#));
        assert_eq!(AuthState::SignedOut, AuthState::SignedOut);
        assert_ne!(AuthState::NotLoaded, AuthState::SignedOut);
        assert_ne!(signed_in("{}"), AuthState::SignedOut);
    }
}
