//! Scoped claim lists: the `fea` (features) and `pla` (plans) claims, `"o:reports,u:beta,ou:sso"`,
//! and the `"scope:id"` strings `has({ feature, plan })` asks with ([`grants`]).

use crate::ecmascript::{split_once, trim};
use crate::error::{AuthError, ErrorKind, Result};

/// A `fea`/`pla` claim split by scope: `o:` entries are the organization's, `u:` the user's,
/// `ou:`/`uo:` both. Other scopes are ignored, as Clerk ignores them. Checked once when parsed,
/// then read from the claim's text as it is: nothing is allocated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScopedClaims<'a> {
    text: &'a str,
}

/// Whose an entry is: the organization's (`o:`), the user's (`u:`) or both (`ou:`, `uo:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    pub org: bool,
    pub user: bool,
}

impl Scope {
    /// One byte, for compiled checkers (authorization.rs).
    pub fn bits(self) -> u8 {
        u8::from(self.org) | u8::from(self.user) << 1
    }

    pub fn from_bits(bits: u8) -> Self {
        Scope { org: bits & 1 != 0, user: bits & 2 != 0 }
    }
}

impl<'a> ScopedClaims<'a> {
    /// Parses a claim; an entry without a colon makes the whole claim malformed.
    pub fn parse(claim: &'a str) -> Result<Self> {
        if let Some(entry) = split(claim).find(|entry| split_once(entry, b':').is_none()) {
            // Concatenated, not format!: the client wasm keeps core::fmt out where it can.
            let mut message = String::from("Invalid claim element (missing colon): ");
            message.push_str(entry);
            return Err(AuthError::new(ErrorKind::ClaimsInvalid, message));
        }
        Ok(ScopedClaims { text: claim })
    }

    /// The organization's entries (`o:` and `ou:`/`uo:`), in claim order.
    pub fn org(self) -> impl Iterator<Item = &'a str> {
        self.entries().filter(|(scope, _)| scope.org).map(|(_, value)| value)
    }

    /// Every entry of a known scope with its scope, in claim order.
    pub fn entries(self) -> impl Iterator<Item = (Scope, &'a str)> {
        split(self.text).filter_map(|entry| {
            let (scope, value) = split_once(entry, b':')?;
            let (org, user) = match scope {
                "o" => (true, false),
                "u" => (false, true),
                "ou" | "uo" => (true, true),
                _ => return None,
            };
            Some((Scope { org, user }, value))
        })
    }
}

/// A claim's entries, trimmed as JavaScript trims; none in an empty claim.
fn split(claim: &str) -> impl Iterator<Item = &str> {
    crate::ecmascript::split(claim, b',').map(trim).filter(move |_| !claim.is_empty())
}

/// What `has({ feature })` or `has({ plan })` asks for: `"id"`, `"org:id"` or `"user:id"` (the
/// scope `o`, `org`, `organization`, `u` or `user`). Only the text up to a second colon counts,
/// and `"o:"` asks for `"o"`: both as in Clerk's `split(':')`. An unknown scope is never granted.
pub struct Wanted<'a> {
    /// The [`Scope::bits`] an entry may have.
    scopes: u8,
    id: &'a [u8],
}

impl<'a> Wanted<'a> {
    pub fn parse(requested: &'a [u8]) -> Self {
        let colon = |text: &'a [u8]| text.iter().position(|&b| b == b':');
        let Some(at) = colon(requested) else {
            return Wanted { scopes: 0b11, id: requested };
        };
        let (scope, rest) = (requested.get(..at).unwrap_or_default(), requested.get(at + 1..).unwrap_or_default());
        let id = rest.get(..colon(rest).unwrap_or(rest.len())).unwrap_or_default();
        let scopes = match scope {
            b"o" | b"org" | b"organization" => 0b01,
            b"u" | b"user" => 0b10,
            _ => 0,
        };
        Wanted { scopes, id: if id.is_empty() { scope } else { id } }
    }

    /// Whether a claim entry grants it.
    pub fn granted_by(&self, scope: Scope, value: &[u8]) -> bool {
        scope.bits() & self.scopes != 0 && value == self.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn splits_entries_by_scope() {
        let s = ScopedClaims::parse(" o:reports, u:beta,ou:sso,uo:audit,x:ignored,o:a:b").unwrap();
        assert_eq!(s.org().collect::<Vec<_>>(), ["reports", "sso", "audit", "a:b"]);
        let user: Vec<_> = s.entries().filter(|(scope, _)| scope.user).map(|(_, v)| v).collect();
        assert_eq!(user, ["beta", "sso", "audit"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_entry_without_colon_is_malformed() {
        for claim in ["reports", "o:a,", " ", "o:a,,u:b"] {
            let err = ScopedClaims::parse(claim).unwrap_err();
            assert_eq!(err.code(), "claims-invalid", "{claim:?}");
        }
        assert_eq!(ScopedClaims::parse("").unwrap(), ScopedClaims::default());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn grants_follow_the_requested_scope() {
        let claims = ScopedClaims::parse("o:reports,u:beta,o:o").unwrap();
        let s = Granting(claims);
        assert!(s.grants("reports") && s.grants("beta"));
        assert!(s.grants("o:reports") && s.grants("org:reports") && s.grants("organization:reports"));
        assert!(!s.grants("u:reports") && s.grants("user:beta") && !s.grants("org:beta"));
        assert!(!s.grants("team:reports"), "unknown scope");
        assert!(s.grants("o:reports:extra"), "text after a second colon is ignored");
        assert!(s.grants("o:"), "an empty id asks for the scope text itself");
        for bits in 0..4 {
            assert_eq!(Scope::from_bits(bits).bits(), bits);
        }
    }

    struct Granting<'a>(ScopedClaims<'a>);

    impl Granting<'_> {
        fn grants(&self, requested: &str) -> bool {
            let wanted = Wanted::parse(requested.as_bytes());
            self.0.entries().any(|(scope, value)| wanted.granted_by(scope, value.as_bytes()))
        }
    }
}
