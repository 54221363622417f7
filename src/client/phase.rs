//! The client's phase, and every transition between phases. Only this file can change the phase:
//! `AuthClient` holds it in a [`PhaseCell`], whose field is private to this module and which no
//! other module can make, so elsewhere the phase can be read (through `Deref`) and never written.
//! The other fields of `AuthClient` (requests, timers, the token cache) serve whatever phase the
//! client is in.
//!
//! ```text
//!            first client answer, no session            a client without session, a 401/404 token,
//! Loading ─────────────────────────────────► SignedOut ◄──── a sign-out in another tab
//!    │  session token known                   ▲    │ a client with a session
//!    └──────────────────────────► SignedIn ◄──┼────┘ (a reload, a piggybacked client)
//!                                   │   ▲     │
//!                        signOut()  ▼   │ failed
//!                                 SigningOut ─┘ (answered: SignedOut)
//! ```
//! (`signOut()` during the first load goes to `SigningOut` too, and back to `Loading` if it fails.)

use super::effects::{Effect, Failure, Outcome, WaiterId};
use super::fapi::{ClientResource, SessionResource};
use super::{AuthClient, CachedToken, Deferred, Waiter};
use crate::error::{AuthError, ErrorKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ActiveSession {
    pub(super) id: String,
    pub(super) organization_id: Option<String>,
}

#[derive(Debug)]
pub(super) enum Phase {
    /// Before the first load has told whether anyone is signed in. `session` is known once the
    /// client is, before its token is; `getToken()` and `setActive()` calls wait in `deferred`.
    Loading {
        session: Option<ActiveSession>,
        deferred: Vec<(WaiterId, Deferred)>,
    },
    SignedOut,
    SignedIn(ActiveSession),
    /// A sign-out of the active session is in flight: `getToken()` answers `None` already.
    /// `loaded` says where a failed sign-out returns to.
    SigningOut {
        session: Option<ActiveSession>,
        loaded: bool,
    },
}

/// The client's phase, writable in this file only.
#[derive(Debug)]
pub(super) struct PhaseCell(Phase);

impl PhaseCell {
    /// A new client's: loading, nothing known.
    pub(super) fn new() -> Self {
        PhaseCell(Phase::Loading { session: None, deferred: Vec::new() })
    }
}

impl std::ops::Deref for PhaseCell {
    type Target = Phase;

    fn deref(&self) -> &Phase {
        &self.0
    }
}

impl Phase {
    pub(super) fn session(&self) -> Option<&ActiveSession> {
        match self {
            Phase::Loading { session, .. } | Phase::SigningOut { session, .. } => session.as_ref(),
            Phase::SignedIn(session) => Some(session),
            Phase::SignedOut => None,
        }
    }

    pub(super) fn is_loaded(&self) -> bool {
        !matches!(self, Phase::Loading { .. } | Phase::SigningOut { loaded: false, .. })
    }
}

impl AuthClient {
    /// A `getToken()` or `setActive()` made before the first load: answered when it ends.
    pub(super) fn defer(&mut self, waiter: WaiterId, call: Deferred) -> bool {
        match &mut self.phase.0 {
            Phase::Loading { deferred, .. } => {
                deferred.push((waiter, call));
                true
            }
            _ => false,
        }
    }

    /// The active session is being signed out: whoever waits for the first load gets `None` (a
    /// token) or `signed-out` (`setActive`).
    pub(super) fn begin_sign_out(&mut self) {
        let loaded = self.phase.0.is_loaded();
        let previous = std::mem::replace(&mut self.phase.0, Phase::SignedOut);
        let (session, deferred) = match previous {
            Phase::Loading { session, deferred } => (session, deferred),
            Phase::SignedIn(session) => (Some(session), Vec::new()),
            Phase::SigningOut { session, .. } => (session, Vec::new()),
            Phase::SignedOut => (None, Vec::new()),
        };
        self.phase.0 = Phase::SigningOut { session, loaded };
        for (waiter, call) in deferred {
            let outcome = match call {
                Deferred::Token(_) => Outcome::Token(None),
                Deferred::SetActive(_) => Outcome::Failed(signed_out().into()),
            };
            self.effects.push(Effect::Settle { waiter, outcome });
        }
    }

    /// The sign-out request failed: back to where the client was.
    pub(super) fn sign_out_failed(&mut self) {
        if let Phase::SigningOut { session, loaded } = std::mem::replace(&mut self.phase.0, Phase::SignedOut) {
            self.phase.0 = match (session, loaded) {
                (session, false) => Phase::Loading { session, deferred: Vec::new() },
                (Some(session), true) => Phase::SignedIn(session),
                (None, true) => Phase::SignedOut,
            };
        }
    }

    /// Nobody is signed in (any more): tokens of `session_id` (all, when `None`) are forgotten,
    /// the state and the cookies say signed out, and a first load ends here.
    pub(super) fn become_signed_out(&mut self, session_id: Option<&str>, now: u64) {
        self.forget_tokens(session_id);
        self.show_session(None);
        let deferred = match std::mem::replace(&mut self.phase.0, Phase::SignedOut) {
            Phase::Loading { deferred, .. } => Some(deferred),
            _ => None,
        };
        if self.set_state(super::AuthState::SignedOut) {
            self.effects.push(Effect::Cookies { session: None, client_uat: 0 });
        }
        if let Some(deferred) = deferred {
            self.finish_first_load(deferred, now);
        }
    }

    /// Applies a client resource, from `GET /v1/client` or piggybacked on another answer, as
    /// clerk-js's `Clerk.updateClient` does: its last active session becomes the active one
    /// (another session's tokens are forgotten), or nobody is signed in. Says whether the state
    /// is known now.
    pub(super) fn apply_client(&mut self, client: Option<ClientResource>, sent_at: u64, now: u64) -> bool {
        if matches!(self.phase.0, Phase::SigningOut { .. }) {
            return false;
        }
        if let Some(client) = &client {
            self.client_updated_at = client.updated_at;
        }
        match client.as_ref().and_then(ClientResource::active_session).cloned() {
            None => {
                self.become_signed_out(None, now);
                true
            }
            Some(session) => {
                self.adopt(session, sent_at, now);
                self.state.is_signed_in() || self.phase.0.is_loaded()
            }
        }
    }

    /// Makes `session` the active one: another session's tokens are forgotten, its token cached,
    /// and the state follows it (fetching a session token when the client had none).
    pub(super) fn adopt(&mut self, session: SessionResource, sent_at: u64, now: u64) {
        let previous = self.phase.0.session().map(|s| s.id.clone());
        if previous.as_ref().is_some_and(|id| *id != session.id) {
            self.forget_tokens(previous.as_deref());
        }
        self.show_session(Some(session.json));
        let active = ActiveSession { id: session.id, organization_id: session.last_active_organization_id };
        match &mut self.phase.0 {
            Phase::Loading { session, .. } => *session = Some(active),
            phase => *phase = Phase::SignedIn(active),
        }
        let Some(key) = self.session_key() else { return };
        if let Some(token) = session.last_active_token.and_then(|t| CachedToken::received(t.jwt, sent_at).ok()) {
            self.cache.insert(key.clone(), token);
        }
        if self.cache.get(&key).is_none() {
            if !self.in_flight.contains_key(&key) {
                self.request_token(key, now, Vec::new());
            }
        } else if let Err(error) = self.follow_session_token(now) {
            self.fail_load(&error.into());
        }
    }

    /// Tells the host about the active session's resource when it changed.
    fn show_session(&mut self, json: Option<String>) {
        if self.session_json != json {
            self.session_json = json.clone();
            self.effects.push(Effect::Session(json));
        }
    }

    /// The organization of the active session changed (a touch answered).
    pub(super) fn switch_organization(&mut self, organization_id: Option<String>) {
        match &mut self.phase.0 {
            Phase::SignedIn(session) | Phase::Loading { session: Some(session), .. } => {
                session.organization_id = organization_id
            }
            _ => {}
        }
    }

    /// Ends the first load once the state is known: the calls made before it are answered now.
    pub(super) fn end_first_load(&mut self, now: u64) {
        if let Phase::Loading { session, deferred } = std::mem::replace(&mut self.phase.0, Phase::SignedOut) {
            self.phase.0 = session.map_or(Phase::SignedOut, Phase::SignedIn);
            self.finish_first_load(deferred, now);
        }
    }

    fn finish_first_load(&mut self, deferred: Vec<(WaiterId, Deferred)>, now: u64) {
        self.settle_load_waiters(None);
        for (waiter, call) in deferred {
            let outcome = match call {
                Deferred::Token(options) => self.answer_token(options, now, waiter),
                Deferred::SetActive(organization_id) => {
                    self.touch(organization_id, now, Some(waiter)).err().map(|e| Outcome::Failed(e.into()))
                }
            };
            if let Some(outcome) = outcome {
                self.effects.push(Effect::Settle { waiter, outcome });
            }
        }
    }

    /// The first load failed: whoever waits for it gets `failure` (with the Frontend API's answer,
    /// if it gave one); the client stays loading and the next call tries again.
    pub(super) fn fail_load(&mut self, failure: &Failure) {
        self.settle_load_waiters(Some(failure));
        if let Phase::Loading { deferred, .. } = &mut self.phase.0 {
            let mut queued = Vec::new();
            for (id, call) in std::mem::take(deferred) {
                queued.push(Waiter { id, wants_token: matches!(call, Deferred::Token(_)) });
            }
            self.settle(queued, None, Some(failure));
        }
    }

    fn settle_load_waiters(&mut self, failure: Option<&Failure>) {
        let waiters = std::mem::take(&mut self.load_waiters);
        self.settle(waiters, None, failure);
    }
}

pub(super) fn signed_out() -> AuthError {
    AuthError::new(ErrorKind::SignedOut, "No active session.")
}
