//! Scoped claim lists: the `fea` (features) and `pla` (plans) claims, `"o:reports,u:beta,ou:sso"`,
//! and the `"scope:id"` strings `has({ feature, plan })` asks with.

use crate::ecmascript::trim;
use crate::error::{AuthError, ErrorKind, Result};

/// A `fea`/`pla` claim split by scope: `o:` entries are the organization's, `u:` the user's,
/// `ou:`/`uo:` both. Other scopes are ignored, as Clerk ignores them. The claim is kept as one
/// string with the entries' spans into it: two allocations however many entries it has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScopedClaims {
    text: String,
    entries: Vec<Entry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    org: bool,
    user: bool,
    start: usize,
    end: usize,
}

impl ScopedClaims {
    /// Parses a claim; an entry without a colon makes the whole claim malformed.
    pub fn parse(claim: &str) -> Result<Self> {
        let mut entries = Vec::new();
        if claim.is_empty() {
            return Ok(ScopedClaims::default());
        }
        for entry in claim.split(',').map(trim) {
            let Some((scope, value)) = entry.split_once(':') else {
                // Concatenated, not format!: the client wasm keeps core::fmt out where it can.
                let mut message = String::from("Invalid claim element (missing colon): ");
                message.push_str(entry);
                return Err(AuthError::new(ErrorKind::ClaimsInvalid, message));
            };
            let (org, user) = match scope {
                "o" => (true, false),
                "u" => (false, true),
                "ou" | "uo" => (true, true),
                _ => continue,
            };
            // `value` is a slice of `claim`: its offset is the distance between the pointers.
            let start = value.as_ptr() as usize - claim.as_ptr() as usize;
            entries.push(Entry { org, user, start, end: start + value.len() });
        }
        Ok(ScopedClaims { text: claim.to_owned(), entries })
    }

    /// The organization's entries (`o:` and `ou:`/`uo:`), in claim order.
    pub fn org(&self) -> impl Iterator<Item = &str> {
        self.values(|e| e.org)
    }

    /// The user's entries (`u:` and `ou:`/`uo:`), in claim order.
    pub fn user(&self) -> impl Iterator<Item = &str> {
        self.values(|e| e.user)
    }

    fn values(&self, pick: impl Fn(&Entry) -> bool) -> impl Iterator<Item = &str> {
        self.entries.iter().filter(move |e| pick(e)).map(|e| self.text.get(e.start..e.end).unwrap_or_default())
    }

    /// Whether a requested `"id"`, `"org:id"` or `"user:id"` is granted. Only the text up to a
    /// second colon counts, and `"o:"` asks for `"o"`: both as in Clerk's `split(':')`.
    /// An unknown scope is never granted.
    pub fn grants(&self, requested: &str) -> bool {
        let mut parts = requested.split(':');
        let scope = parts.next().unwrap_or_default();
        let Some(id) = parts.next() else {
            return self.values(|e| e.org || e.user).any(|v| v == scope);
        };
        let id = if id.is_empty() { scope } else { id };
        match scope {
            "o" | "org" | "organization" => self.org().any(|v| v == id),
            "u" | "user" => self.user().any(|v| v == id),
            _ => false,
        }
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
        assert_eq!(s.user().collect::<Vec<_>>(), ["beta", "sso", "audit"]);
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
