//! Scoped claim lists: the `fea` (features) and `pla` (plans) claims, `"o:reports,u:beta,ou:sso"`,
//! and the `"scope:id"` strings `has({ feature, plan })` asks with.

use crate::ecmascript::trim;
use crate::error::{AuthError, ErrorKind, Result};

/// A `fea`/`pla` claim split by scope: `o:` entries are the organization's, `u:` the user's,
/// `ou:`/`uo:` both. Other scopes are ignored, as Clerk ignores them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScopedClaims {
    pub org: Vec<String>,
    pub user: Vec<String>,
}

impl ScopedClaims {
    /// Parses a claim; an entry without a colon makes the whole claim malformed.
    pub fn parse(claim: &str) -> Result<Self> {
        let mut scoped = ScopedClaims::default();
        if claim.is_empty() {
            return Ok(scoped);
        }
        for entry in claim.split(',').map(trim) {
            let Some((scope, value)) = entry.split_once(':') else {
                return Err(AuthError::new(
                    ErrorKind::ClaimsInvalid,
                    format!("Invalid claim element (missing colon): {entry}"),
                ));
            };
            let (org, user) = match scope {
                "o" => (true, false),
                "u" => (false, true),
                "ou" | "uo" => (true, true),
                _ => (false, false),
            };
            if org {
                scoped.org.push(value.to_owned());
            }
            if user {
                scoped.user.push(value.to_owned());
            }
        }
        Ok(scoped)
    }

    /// Whether a requested `"id"`, `"org:id"` or `"user:id"` is granted. Only the text up to a
    /// second colon counts, and `"o:"` asks for `"o"`: both as in Clerk's `split(':')`.
    /// An unknown scope is never granted.
    pub fn grants(&self, requested: &str) -> bool {
        let mut parts = requested.split(':');
        let scope = parts.next().unwrap_or_default();
        let Some(id) = parts.next() else {
            return self.org.iter().chain(&self.user).any(|v| v == scope);
        };
        let id = if id.is_empty() { scope } else { id };
        let list = match scope {
            "o" | "org" | "organization" => &self.org,
            "u" | "user" => &self.user,
            _ => return false,
        };
        list.iter().any(|v| v == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn splits_entries_by_scope() {
        let s = ScopedClaims::parse(" o:reports, u:beta,ou:sso,uo:audit,x:ignored,o:a:b").unwrap();
        assert_eq!(s.org, ["reports", "sso", "audit", "a:b"]);
        assert_eq!(s.user, ["beta", "sso", "audit"]);
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
        let s = ScopedClaims::parse("o:reports,u:beta,o:o").unwrap();
        assert!(s.grants("reports") && s.grants("beta"));
        assert!(s.grants("o:reports") && s.grants("org:reports") && s.grants("organization:reports"));
        assert!(!s.grants("u:reports") && s.grants("user:beta") && !s.grants("org:beta"));
        assert!(!s.grants("team:reports"), "unknown scope");
        assert!(s.grants("o:reports:extra"), "text after a second colon is ignored");
        assert!(s.grants("o:"), "an empty id asks for the scope text itself");
    }
}
