//! The token cache behind `getToken()`: one entry per (session, template, organization).
//!
//! Expiry is kept in the local clock: a token minted by the server after the request left lives
//! `exp - iat` seconds from the moment the request was sent, whatever the skew between the two
//! clocks. Entries only ever move forward in `iat`, and hold only tokens of their own session: a
//! token names its session (`sid`), so a Frontend API answer or another tab's message cannot put
//! one session's token where another's is asked for.

use crate::json::{self, Js};

use super::effects::optional_string;
use super::vec_map::VecMap;
use crate::error::{AuthError, ErrorKind, Result};
use crate::jwt::decode_jwt;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TokenKey {
    pub session_id: String,
    /// A JWT template name; `None` is the session token.
    pub template: Option<String>,
    /// `None` is the personal account.
    pub organization_id: Option<String>,
}

impl TokenKey {
    /// A key as `TabMessage::to_json` writes it (camelCase fields).
    pub(crate) fn from_json(text: &str) -> Option<TokenKey> {
        let [session_id, template, organization_id] = json::pick(text, ["sessionId", "template", "organizationId"])?;
        let Js::String(session_id) = Js::of(session_id) else { return None };
        Some(TokenKey {
            session_id: session_id.into_owned(),
            template: optional_string(template)?,
            organization_id: optional_string(organization_id)?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedToken {
    pub jwt: String,
    /// The token's `iat` (seconds, server clock): orders tokens of one key.
    pub issued_at: i64,
    /// When it expires, in the local clock (ms).
    pub expires_at: u64,
    /// `exp - iat`, in ms.
    pub lifetime_ms: u64,
    /// The token's `sid`, when it is a string.
    pub session_id: Option<String>,
}

impl CachedToken {
    /// A token from a response to a request sent at `sent_at` (local ms).
    pub fn received(jwt: String, sent_at: u64) -> Result<Self> {
        let payload = decode_jwt(&jwt)?.payload_json;
        let [iat, exp, sid] = json::pick(&payload, ["iat", "exp", "sid"]).unwrap_or_default();
        let (Js::Number(iat), Js::Number(exp)) = (Js::of(iat), Js::of(exp)) else {
            return Err(AuthError::new(ErrorKind::TokenInvalid, "The token has no numeric iat and exp."));
        };
        let session_id = match Js::of(sid) {
            Js::String(sid) => Some(sid.into_owned()),
            _ => None,
        };
        let lifetime_ms = ((exp - iat) * 1000.0).max(0.0) as u64;
        let expires_at = sent_at.saturating_add(lifetime_ms);
        Ok(CachedToken { jwt, issued_at: iat as i64, expires_at, lifetime_ms, session_id })
    }

    /// Whether the token is one of `key`'s session: its `sid` is the key's session id. A JWT
    /// template may leave `sid` out (its claims are the app's); a session token never does.
    pub fn belongs_to(&self, key: &TokenKey) -> bool {
        match &self.session_id {
            Some(sid) => *sid == key.session_id,
            None => key.template.is_some(),
        }
    }

    /// Milliseconds left before expiry (negative once expired).
    pub fn remaining(&self, now: u64) -> i64 {
        self.expires_at as i64 - now as i64
    }
}

#[derive(Debug, Default)]
pub struct TokenCache {
    entries: VecMap<TokenKey, CachedToken>,
}

impl TokenCache {
    /// The entry if more than `leeway_ms` of its life remain.
    pub fn fresh(&self, key: &TokenKey, now: u64, leeway_ms: u64) -> Option<&CachedToken> {
        self.entries.get(key).filter(|t| t.remaining(now) > leeway_ms as i64)
    }

    pub fn get(&self, key: &TokenKey) -> Option<&CachedToken> {
        self.entries.get(key)
    }

    /// Stores `token` unless it is not the key's session's or the entry holds a newer one (by
    /// `iat`); says whether it did.
    pub fn insert(&mut self, key: TokenKey, token: CachedToken) -> bool {
        if !token.belongs_to(&key) {
            return false;
        }
        match self.entries.get(&key) {
            Some(current) if current.issued_at > token.issued_at => false,
            _ => {
                self.entries.insert(key, token);
                true
            }
        }
    }

    /// Forgets every entry of one session, or of all sessions.
    pub fn clear(&mut self, session_id: Option<&str>) {
        match session_id {
            Some(id) => self.entries.retain(|key, _| key.session_id != id),
            None => self.entries.clear(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
