//! The auth state `getState()` returns, derived from the active session's newest session token.

use crate::claims::{auth_object_from_claims, AuthObject};
use crate::error::Result;
use crate::jwt::decode_jwt;

// A client holds one state: the signed-in variant's size costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, Default)]
pub enum AuthState {
    #[default]
    NotLoaded,
    SignedOut,
    SignedIn {
        auth: AuthObject,
        /// The token's payload as the server wrote it, so JS gets the claims in their order.
        claims_json: String,
    },
}

/// Two signed-in states are equal when their claims are: the auth object is derived from them.
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
    pub fn from_session_token(jwt: &str) -> Result<AuthState> {
        let decoded = decode_jwt(jwt)?;
        let auth = auth_object_from_claims(&decoded.payload_json)?;
        Ok(AuthState::SignedIn { auth, claims_json: decoded.payload_json })
    }

    pub fn is_signed_in(&self) -> bool {
        matches!(self, AuthState::SignedIn { .. })
    }

    /// `getState()` minus `sessionClaims` as JSON, and the claims JSON when signed in. Before
    /// load every field but `isLoaded` is left out (JS makes them `undefined`).
    pub fn to_json(&self) -> (String, Option<&str>) {
        let signed_out = AuthObject::default();
        let (auth, claims) = match self {
            AuthState::NotLoaded => return (r#"{"isLoaded":false}"#.into(), None),
            AuthState::SignedOut => (&signed_out, None),
            AuthState::SignedIn { auth, claims_json } => (auth, Some(claims_json.as_str())),
        };
        // `{"isLoaded":true,` then the auth object's fields.
        let fields = auth.to_json();
        let json = crate::concat(&[r#"{"isLoaded":true,"#, fields.get(1..).unwrap_or_default()]);
        (json, claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn states_are_equal_when_their_claims_are() {
        let signed_in = |claims: &str| AuthState::SignedIn { auth: AuthObject::default(), claims_json: claims.into() };
        assert_eq!(signed_in(r#"{"sid":"a"}"#), signed_in(r#"{"sid":"a"}"#));
        assert_ne!(signed_in(r#"{"sid":"a"}"#), signed_in(r#"{"sid":"a","iat":1}"#));
        assert_eq!(AuthState::SignedOut, AuthState::SignedOut);
        assert_ne!(AuthState::NotLoaded, AuthState::SignedOut);
        assert_ne!(signed_in("{}"), AuthState::SignedOut);
    }
}
