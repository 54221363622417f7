//! What the client machine does with each Frontend API answer: retry transient failures, then
//! hand the response to the handler of the request's purpose.

use super::cache::{CachedToken, TokenKey};
use super::effects::{Effect, HttpResult, Outcome, RequestId, TabMessage};
use super::fapi::{self, ClientResource, SessionResource};
use super::{ActiveSession, AuthClient, Deferred, Pending, Purpose, TimerPurpose, Waiter};
use crate::error::{AuthError, ErrorKind};

impl AuthClient {
    pub fn on_http(&mut self, id: RequestId, result: HttpResult, now: u64) {
        let Some(pending) = self.requests.get_mut(&id) else { return };
        if pending.stale {
            self.requests.remove(&id);
            return;
        }
        let (status, body) = match result {
            HttpResult::NetworkError(message) => {
                return self.retry_or_fail(id, ErrorKind::NetworkError, message, None, now)
            }
            HttpResult::Response { status: 429, retry_after_secs, .. } => {
                let retry_after = retry_after_secs.map(|s| (s.clamp(0.0, 3600.0) * 1000.0) as u64);
                return self.retry_or_fail(id, ErrorKind::RateLimited, "Rate limited (429).".into(), retry_after, now);
            }
            HttpResult::Response { status: status @ 500.., .. } => {
                let message = format!("The Frontend API answered {status}.");
                return self.retry_or_fail(id, ErrorKind::ServerError, message, None, now);
            }
            HttpResult::Response { status, body, .. } => (status, body),
        };
        let Some(pending) = self.requests.remove(&id) else { return };
        if let Purpose::Token(key) = &pending.purpose {
            if self.in_flight.get(key) == Some(&id) {
                self.in_flight.remove(key);
            }
        }
        let ok = (200..300).contains(&status);
        match pending.purpose.clone() {
            Purpose::Client => self.on_client(pending, ok.then_some(&body).ok_or((status, &body)), now),
            Purpose::Token(key) => self.on_token(pending, key, status, &body, now),
            Purpose::Touch => self.on_touch(pending, ok.then_some(&body).ok_or((status, &body)), now),
            Purpose::SignOut(session_id) => self.on_signed_out(pending, session_id, status, &body),
        }
    }

    fn retry_or_fail(&mut self, id: RequestId, kind: ErrorKind, message: String, retry_after: Option<u64>, now: u64) {
        let Some(pending) = self.requests.get_mut(&id) else { return };
        let elapsed = now.saturating_sub(pending.first_sent_at);
        if let Some(delay) = self.policy.delay(pending.retries, elapsed, retry_after, &mut self.jitter) {
            pending.retries += 1;
            self.set_timer(now + delay, TimerPurpose::Retry(id));
            return;
        }
        let Some(pending) = self.requests.remove(&id) else { return };
        if let Purpose::Token(key) = &pending.purpose {
            if self.in_flight.get(key) == Some(&id) {
                self.in_flight.remove(key);
            }
        }
        self.fail(pending, AuthError::new(kind, message));
    }

    /// A request that will not succeed: its callers get the error. Nobody is signed out by it.
    fn fail(&mut self, pending: Pending, error: AuthError) {
        match &pending.purpose {
            Purpose::Client => self.fail_load(&error),
            Purpose::Token(key) if !self.loaded && Some(key) == self.session_key().as_ref() => self.fail_load(&error),
            Purpose::SignOut(_) => self.signing_out = false,
            _ => {}
        }
        if matches!(pending.purpose, Purpose::Client) {
            self.load_request = None;
        }
        self.settle(pending.waiters, None, Some(&error));
    }

    fn fail_load(&mut self, error: &AuthError) {
        let waiters: Vec<Waiter> = self.load_waiters.drain(..).map(|id| Waiter { id, wants_token: false }).collect();
        self.settle(waiters, None, Some(error));
        if !self.loaded {
            let queued: Vec<Waiter> = self
                .after_load
                .drain(..)
                .map(|(id, deferred)| Waiter { id, wants_token: matches!(deferred, Deferred::Token(_)) })
                .collect();
            self.settle(queued, None, Some(error));
        }
    }

    /// The first load ends once the state is known; reloads end with their response.
    fn finish_load(&mut self, now: u64) {
        self.loaded = true;
        let waiters: Vec<Waiter> = self.load_waiters.drain(..).map(|id| Waiter { id, wants_token: false }).collect();
        self.settle(waiters, None, None);
        for (waiter, deferred) in std::mem::take(&mut self.after_load) {
            let outcome = match deferred {
                Deferred::Token(options) => self.answer_token(options, now, waiter),
                Deferred::SetActive(organization_id) => {
                    self.touch(organization_id, now, Some(waiter)).err().map(Outcome::Failed)
                }
            };
            if let Some(outcome) = outcome {
                self.effects.push(Effect::Settle { waiter, outcome });
            }
        }
    }

    fn on_client(&mut self, pending: Pending, answer: Result<&String, (u16, &String)>, now: u64) {
        self.load_request = None;
        let client = match answer {
            Ok(body) => fapi::parse_client(body),
            Err((status, body)) => Err(fapi::rejected(status, body)),
        };
        let session = match client {
            Ok(client) => client.as_ref().and_then(ClientResource::active_session).cloned(),
            Err(error) => return self.fail_load(&error),
        };
        let Some(session) = session else {
            self.become_signed_out(None);
            return self.finish_load(now);
        };
        self.adopt(session, pending.sent_at, now);
        if self.loaded || self.state.is_signed_in() {
            self.finish_load(now);
        }
    }

    /// Makes `session` the active one: another session's tokens are forgotten, its token cached,
    /// and the state follows it (fetching a session token when the client had none).
    fn adopt(&mut self, session: SessionResource, sent_at: u64, now: u64) {
        if self.session.as_ref().is_some_and(|active| active.id != session.id) {
            let old = self.session.take().map(|s| s.id);
            self.forget_tokens(old.as_deref());
        }
        self.session = Some(ActiveSession { id: session.id, organization_id: session.last_active_organization_id });
        let Some(key) = self.session_key() else { return };
        if let Some(token) = session.last_active_token.and_then(|t| CachedToken::received(t.jwt, sent_at).ok()) {
            self.cache.insert(key.clone(), token);
        }
        if self.cache.get(&key).is_none() {
            if !self.in_flight.contains_key(&key) {
                self.request_token(key, now, Vec::new());
            }
        } else if let Err(error) = self.follow_session_token(now) {
            self.fail_load(&error);
        }
    }

    fn on_token(&mut self, pending: Pending, key: TokenKey, status: u16, body: &str, now: u64) {
        let is_session_key = Some(&key) == self.session_key().as_ref();
        if status == 401 || status == 404 {
            // The session is gone on the server: whoever waits for its tokens is signed out.
            self.settle(pending.waiters, None, None);
            if self.affects_active(Some(&key.session_id)) {
                self.become_signed_out(Some(&key.session_id));
                if !self.loaded {
                    self.finish_load(now);
                }
            }
            return;
        }
        let token = if (200..300).contains(&status) {
            fapi::parse_token(body).and_then(|jwt| CachedToken::received(jwt, pending.sent_at))
        } else {
            Err(fapi::rejected(status, body))
        };
        let token = match token {
            Ok(token) => token,
            Err(error) => return self.fail(pending, error),
        };
        let message = TabMessage::Token { key: key.clone(), jwt: token.jwt.clone(), expires_at: token.expires_at };
        if self.cache.insert(key.clone(), token) {
            self.effects.push(Effect::Broadcast(message));
        }
        // The newest token of the key, which may be one that arrived first; never an expired one.
        let answer = self.cache.get(&key).filter(|t| t.remaining(now) > 0).map(|t| t.jwt.clone());
        if is_session_key {
            if let Err(error) = self.follow_session_token(now) {
                return self.fail(pending, error);
            }
            if !self.loaded {
                self.finish_load(now);
            }
        }
        match answer {
            Some(jwt) => self.settle(pending.waiters, Some(&jwt), None),
            None => {
                let error = AuthError::new(ErrorKind::ResponseInvalid, "The token expired before it arrived.");
                self.settle(pending.waiters, None, Some(&error));
            }
        }
    }

    fn on_touch(&mut self, pending: Pending, answer: Result<&String, (u16, &String)>, now: u64) {
        let session = match answer {
            Ok(body) => fapi::parse_session(body),
            Err((status, body)) => Err(fapi::rejected(status, body)),
        };
        let session = match session {
            Ok(session) if self.session.as_ref().is_some_and(|s| s.id == session.id) => session,
            Ok(_) => return self.settle(pending.waiters, None, None),
            Err(error) => return self.fail(pending, error),
        };
        if let Some(active) = &mut self.session {
            active.organization_id = session.last_active_organization_id.clone();
        }
        self.effects.push(Effect::Broadcast(TabMessage::ActiveChanged));
        let Some(key) = self.session_key() else { return };
        if let Some(token) = session.last_active_token.and_then(|t| CachedToken::received(t.jwt, pending.sent_at).ok())
        {
            self.cache.insert(key.clone(), token);
        }
        if self.cache.fresh(&key, now, 0).is_some() {
            match self.follow_session_token(now) {
                Ok(()) => self.settle(pending.waiters, None, None),
                Err(error) => self.settle(pending.waiters, None, Some(&error)),
            }
        } else {
            // No token for the new organization yet: settle once it arrives.
            self.request_token(key, now, pending.waiters);
        }
    }

    fn on_signed_out(&mut self, pending: Pending, session_id: Option<String>, status: u16, body: &str) {
        // 401/404: the session had already ended, which is what was asked.
        if !(200..300).contains(&status) && status != 401 && status != 404 {
            self.signing_out = false;
            return self.settle(pending.waiters, None, Some(&fapi::rejected(status, body)));
        }
        if self.affects_active(session_id.as_deref()) {
            self.become_signed_out(session_id.as_deref());
        }
        self.effects.push(Effect::Broadcast(TabMessage::SignedOut { session_id }));
        self.settle(pending.waiters, None, None);
    }
}
