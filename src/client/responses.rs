//! What the client machine does with each Frontend API answer: retry transient failures, apply a
//! piggybacked client, then hand the response to the handler of the request's purpose.

use super::cache::{CachedToken, TokenKey};
use super::effects::{Effect, Failure, HttpResult, RequestId, TabMessage};
use super::fapi;
use super::phase::Phase;
use super::{AuthClient, Pending, Purpose, TimerPurpose};
use crate::error::{AuthError, ErrorKind};

impl AuthClient {
    pub fn on_http(&mut self, id: RequestId, result: HttpResult, now: u64) {
        let Some(pending) = self.requests.get_mut(&id) else { return };
        if pending.stale {
            self.requests.remove(&id);
            return;
        }
        let (status, body) = match result {
            HttpResult::NetworkError(_) => {
                let error = AuthError::new(ErrorKind::NetworkError, "The Frontend API could not be reached.");
                return self.retry_or_fail(id, error.into(), None, now);
            }
            HttpResult::Response { status: status @ (429 | 500..), body, retry_after_secs } => {
                let retry_after = retry_after_secs.map(|s| (s.clamp(0.0, 3600.0) * 1000.0) as u64);
                let (kind, message) = match status {
                    429 => (ErrorKind::RateLimited, "The Frontend API kept answering 429."),
                    _ => (ErrorKind::ServerError, "The Frontend API kept failing (5xx)."),
                };
                let failure = Failure { error: AuthError::new(kind, message), response: Some((status, body)) };
                return self.retry_or_fail(id, failure, retry_after, now);
            }
            HttpResult::Response { status, body, .. } => (status, body),
        };
        self.answered();
        let Some(pending) = self.requests.remove(&id) else { return };
        self.leave_in_flight(&pending, id);
        if !(200..300).contains(&status) {
            return self.on_rejected(pending, status, &body, now);
        }
        let body = match fapi::parse(&body) {
            Ok(body) => body.to_owned(),
            Err(error) => return self.fail(pending, error.into(), now),
        };
        // Every answer but the client's own may carry the client: clerk-js applies it before
        // the resource (core/resources/Base.ts, `_baseFetch`).
        if pending.purpose != Purpose::Client {
            if let Some(client) = fapi::piggybacked_client(&body) {
                self.apply_client(Some(client), pending.sent_at, now);
            }
        }
        match pending.purpose.clone() {
            Purpose::Client => self.on_client(pending, &body, now),
            Purpose::Token(key) => self.on_token(pending, key, &body, now),
            Purpose::Touch => self.on_touch(pending, &body, now),
            Purpose::SignOut(session_id) => self.on_signed_out(pending, session_id, now),
        }
    }

    fn leave_in_flight(&mut self, pending: &Pending, id: RequestId) {
        if let Purpose::Token(key) = &pending.purpose {
            if self.in_flight.get(key) == Some(&id) {
                self.in_flight.remove(key);
            }
        }
    }

    fn retry_or_fail(&mut self, id: RequestId, failure: Failure, retry_after: Option<u64>, now: u64) {
        let Some(pending) = self.requests.get_mut(&id) else { return };
        let elapsed = now.saturating_sub(pending.first_sent_at);
        if let Some(delay) = self.policy.delay(pending.retries, elapsed, retry_after, &mut self.jitter) {
            pending.retries += 1;
            self.set_timer(now + delay, TimerPurpose::Retry(id));
            return self.failed(&failure.error, false, now);
        }
        let Some(pending) = self.requests.remove(&id) else { return };
        self.leave_in_flight(&pending, id);
        self.failed(&failure.error, true, now);
        self.fail(pending, failure, now);
    }

    /// A request that will not succeed: its callers get the failure. Nobody is signed out by it;
    /// a load that failed is tried again later (status.rs).
    fn fail(&mut self, pending: Pending, failure: Failure, now: u64) {
        let first_load = !self.phase.is_loaded();
        match &pending.purpose {
            Purpose::Client => {
                self.load_request = None;
                self.fail_load(&failure);
                self.load_failed(&failure.error, now);
            }
            Purpose::Token(key) if first_load && Some(key) == self.session_key().as_ref() => {
                self.fail_load(&failure);
                self.load_failed(&failure.error, now);
            }
            Purpose::SignOut(_) => self.sign_out_failed(),
            _ => {}
        }
        self.settle(pending.waiters, None, Some(&failure));
    }

    /// A 4xx other than 429. For a token, 401 and 404 mean the session is gone on the server: whoever
    /// waits for its tokens is signed out. For a sign-out, they mean it had already ended, which
    /// is what was asked.
    fn on_rejected(&mut self, pending: Pending, status: u16, body: &str, now: u64) {
        let gone = status == 401 || status == 404;
        match pending.purpose.clone() {
            Purpose::Token(key) if gone => {
                self.settle(pending.waiters, None, None);
                if self.affects_active(Some(&key.session_id)) {
                    self.become_signed_out(Some(&key.session_id), now);
                }
            }
            Purpose::SignOut(session_id) if gone => self.on_signed_out(pending, session_id, now),
            _ => self.fail(pending, fapi::rejected(status, body), now),
        }
    }

    fn on_client(&mut self, pending: Pending, body: &str, now: u64) {
        self.load_request = None;
        let client = match fapi::client_of(body) {
            Ok(client) => client,
            Err(error) => return self.fail(pending, error.into(), now),
        };
        if self.apply_client(client, pending.sent_at, now) {
            self.end_load(now);
        }
    }

    /// The first load ends once the state is known; reloads end with their response.
    fn end_load(&mut self, now: u64) {
        if self.phase.is_loaded() {
            self.settle_reload();
        } else {
            self.end_first_load(now);
        }
    }

    fn settle_reload(&mut self) {
        let waiters = std::mem::take(&mut self.load_waiters);
        self.settle(waiters, None, None);
    }

    fn on_token(&mut self, pending: Pending, key: TokenKey, body: &str, now: u64) {
        let is_session_key = Some(&key) == self.session_key().as_ref();
        let token = fapi::token_of(body).and_then(|jwt| CachedToken::received(jwt, pending.sent_at));
        let token = match token {
            Ok(token) if !token.belongs_to(&key) => {
                let error =
                    AuthError::new(ErrorKind::ResponseInvalid, "The Frontend API answered another session's token.");
                return self.fail(pending, error.into(), now);
            }
            Ok(token) => token,
            Err(error) => return self.fail(pending, error.into(), now),
        };
        let message = TabMessage::Token { key: key.clone(), jwt: token.jwt.clone(), expires_at: token.expires_at };
        if self.cache.insert(key.clone(), token) {
            self.effects.push(Effect::Broadcast(message));
        }
        // The newest token of the key, which may be one that arrived first; never an expired one.
        let answer = self.cache.get(&key).filter(|t| t.remaining(now) > 0).map(|t| t.jwt.clone());
        if is_session_key {
            if let Err(error) = self.follow_session_token(now) {
                return self.fail(pending, error.into(), now);
            }
            if !self.phase.is_loaded() {
                self.end_first_load(now);
            }
        }
        match answer {
            Some(jwt) => self.settle(pending.waiters, Some(&jwt), None),
            None => {
                let error = AuthError::new(ErrorKind::ResponseInvalid, "The token expired before it arrived.");
                self.settle(pending.waiters, None, Some(&error.into()));
            }
        }
    }

    fn on_touch(&mut self, pending: Pending, body: &str, now: u64) {
        let session = match fapi::session_of(body) {
            Ok(session) if self.phase.session().is_some_and(|s| s.id == session.id) => session,
            Ok(_) => return self.settle(pending.waiters, None, None),
            Err(error) => return self.fail(pending, error.into(), now),
        };
        self.switch_organization(session.last_active_organization_id.clone());
        self.effects.push(Effect::Broadcast(TabMessage::ActiveChanged));
        let Some(key) = self.session_key() else { return };
        if let Some(token) = session.last_active_token.and_then(|t| CachedToken::received(t.jwt, pending.sent_at).ok())
        {
            self.cache.insert(key.clone(), token);
        }
        if self.cache.fresh(&key, now, 0).is_some() {
            match self.follow_session_token(now) {
                Ok(()) => self.settle(pending.waiters, None, None),
                Err(error) => self.settle(pending.waiters, None, Some(&error.into())),
            }
        } else {
            // No token for the new organization yet: settle once it arrives.
            self.request_token(key, now, pending.waiters);
        }
    }

    fn on_signed_out(&mut self, pending: Pending, session_id: Option<String>, now: u64) {
        if matches!(*self.phase, Phase::SigningOut { .. }) || self.affects_active(session_id.as_deref()) {
            self.become_signed_out(session_id.as_deref(), now);
        }
        self.effects.push(Effect::Broadcast(TabMessage::SignedOut { session_id }));
        self.settle(pending.waiters, None, None);
    }
}
