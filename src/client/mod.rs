//! The auth client as a state machine: public operations and host events go in, `Effect`s come
//! out. It never does I/O and never reads the clock, so every rule of API.md's token cache can be
//! tested by stepping a fake clock (tests/client.rs). Its phase and the transitions between phases
//! are in `phase.rs`; what it does with each Frontend API answer is in `responses.rs`.

mod cache;
mod effects;
mod fapi;
mod phase;
mod responses;
mod retry;
mod state;
mod status;
mod vec_map;
pub mod wire;

pub use cache::{CachedToken, TokenCache, TokenKey};
pub use effects::{
    Effect, Failure, HttpRequest, HttpResult, Method, Outcome, Reply, RequestId, TabMessage, TimerId, WaiterId,
};
pub use retry::{parse_retry_after, RetryPolicy};
pub use state::AuthState;
pub use status::{Status, RECOVERY_BASE_MS, RECOVERY_CAP_MS};

use crate::error::AuthError;
use phase::{signed_out, Phase, PhaseCell};
use retry::Jitter;
use vec_map::VecMap;

/// `leewayInSeconds` when the caller gives none.
pub const DEFAULT_LEEWAY_SECS: f64 = 10.0;
/// How long before the leeway point a token is refreshed in the background, at most; a token
/// that lives shorter is refreshed halfway through its usable life instead.
pub const REFRESH_AHEAD_MS: u64 = 15_000;

/// Which organization a token is for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Organization {
    /// `organizationId` undefined: the session's active organization.
    #[default]
    Active,
    /// `organizationId: null`: the personal account.
    Personal,
    Id(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TokenOptions {
    pub template: Option<String>,
    pub organization: Organization,
    pub skip_cache: bool,
    pub leeway_secs: Option<f64>,
}

/// A request the host is carrying out, or will retry.
#[derive(Debug)]
struct Pending {
    purpose: Purpose,
    request: HttpRequest,
    first_sent_at: u64,
    sent_at: u64,
    retries: u32,
    waiters: Vec<Waiter>,
    /// Sent before a sign-out it could undo: its answer is dropped.
    stale: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Purpose {
    Client,
    Token(TokenKey),
    Touch,
    SignOut(Option<String>),
}

#[derive(Clone, Copy, Debug)]
struct Waiter {
    id: WaiterId,
    /// Settled with `Outcome::Token`, else with `Outcome::Done`.
    wants_token: bool,
}

/// A call made before the first load finished, answered once it has.
#[derive(Debug)]
enum Deferred {
    Token(TokenOptions),
    SetActive(Option<String>),
}

#[derive(Debug)]
enum TimerPurpose {
    Retry(RequestId),
    Refresh,
    /// Load again while the Frontend API is failing (status.rs).
    Recover,
}

/// The next id of each kind.
#[derive(Debug)]
struct Ids {
    request: RequestId,
    timer: TimerId,
    waiter: WaiterId,
}

pub struct AuthClient {
    policy: RetryPolicy,
    jitter: Jitter,
    phase: PhaseCell,
    state: AuthState,
    cache: TokenCache,
    /// The client's `updated_at` (Unix ms) as last seen: `__client_uat` is this in seconds.
    client_updated_at: u64,
    requests: VecMap<RequestId, Pending>,
    /// The newest request per key that later callers may join.
    in_flight: VecMap<TokenKey, RequestId>,
    timers: VecMap<TimerId, TimerPurpose>,
    refresh_timer: Option<TimerId>,
    /// The `GET /v1/client` in flight, and the `load()` calls waiting for it.
    load_request: Option<RequestId>,
    load_waiters: Vec<Waiter>,
    ids: Ids,
    effects: Vec<Effect>,
    token_requests: u64,
    health: status::Health,
    /// The active session's resource as the Frontend API last sent it (JSON text), for the hooks
    /// that show the user and the organization.
    session_json: Option<String>,
}

impl AuthClient {
    /// `seed` feeds the retry jitter.
    pub fn new(seed: u64, policy: RetryPolicy) -> Self {
        AuthClient {
            policy,
            jitter: Jitter::new(seed),
            phase: PhaseCell::new(),
            state: AuthState::NotLoaded,
            cache: TokenCache::default(),
            client_updated_at: 0,
            requests: VecMap::new(),
            in_flight: VecMap::new(),
            timers: VecMap::new(),
            refresh_timer: None,
            load_request: None,
            load_waiters: Vec::new(),
            ids: Ids { request: RequestId(1), timer: TimerId(1), waiter: WaiterId(1) },
            effects: Vec::new(),
            token_requests: 0,
            health: status::Health::default(),
            session_json: None,
        }
    }

    pub fn state(&self) -> &AuthState {
        &self.state
    }

    /// The effects produced since the last call, in order; a changed status last.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        self.publish_status();
        std::mem::take(&mut self.effects)
    }

    /// The active session's resource (JSON text), once the Frontend API has sent it.
    pub fn session_json(&self) -> Option<&str> {
        self.session_json.as_deref()
    }

    /// Token requests sent so far, retries included (for tests and benchmarks).
    pub fn token_requests(&self) -> u64 {
        self.token_requests
    }

    pub fn cache(&self) -> &TokenCache {
        &self.cache
    }

    /// Fetches the client from the Frontend API (again, if already loaded); concurrent calls
    /// share one request.
    pub fn load(&mut self, now: u64) -> Reply {
        let waiter = self.ids.waiter.advance();
        self.load_waiters.push(Waiter { id: waiter, wants_token: false });
        self.start_load(now);
        Reply::Wait(waiter)
    }

    pub fn get_token(&mut self, options: TokenOptions, now: u64) -> Reply {
        let waiter = self.ids.waiter.advance();
        match self.answer_token(options, now, waiter) {
            Some(outcome) => Reply::Ready(outcome),
            None => Reply::Wait(waiter),
        }
    }

    /// Ends the session `session_id`, or every session. From this call on, `getToken()` for the
    /// signed-out sessions answers `None`, and no request already in flight can bring a token back.
    pub fn sign_out(&mut self, session_id: Option<String>, now: u64) -> Reply {
        if matches!(*self.phase, Phase::SignedOut) {
            return Reply::Ready(Outcome::Done);
        }
        if self.affects_active(session_id.as_deref()) {
            self.begin_sign_out();
        }
        self.forget_tokens(session_id.as_deref());
        let waiter = self.ids.waiter.advance();
        let request = fapi::sign_out(session_id.as_deref());
        self.send(Purpose::SignOut(session_id), request, now, vec![Waiter { id: waiter, wants_token: false }]);
        Reply::Wait(waiter)
    }

    /// Switches the active organization (`None`: the personal account). Settles once the state
    /// shows the new organization. Before the first load has finished (a page rendered from an
    /// app server's initialState shows the session already) it waits for the load, as getToken does.
    pub fn set_active(&mut self, organization_id: Option<String>, now: u64) -> Reply {
        let waiter = self.ids.waiter.advance();
        if matches!(*self.phase, Phase::Loading { .. }) {
            self.defer(waiter, Deferred::SetActive(organization_id));
            self.start_load(now);
            return Reply::Wait(waiter);
        }
        match self.touch(organization_id, now, Some(waiter)) {
            Ok(waiter) => Reply::Wait(waiter),
            Err(error) => Reply::Ready(Outcome::Failed(error.into())),
        }
    }

    /// Sends the touch that switches organization; `waiter` (a new one if `None`) settles with it.
    fn touch(
        &mut self,
        organization_id: Option<String>,
        now: u64,
        waiter: Option<WaiterId>,
    ) -> Result<WaiterId, AuthError> {
        let session = match &*self.phase {
            Phase::SignedIn(session) => session,
            _ => return Err(signed_out()),
        };
        let request = fapi::touch(&session.id, organization_id.as_deref());
        let waiter = waiter.unwrap_or_else(|| self.ids.waiter.advance());
        self.send(Purpose::Touch, request, now, vec![Waiter { id: waiter, wants_token: false }]);
        Ok(waiter)
    }

    pub fn on_timer(&mut self, id: TimerId, now: u64) {
        match self.timers.remove(&id) {
            Some(TimerPurpose::Retry(request)) => self.resend(request, now),
            Some(TimerPurpose::Refresh) if self.refresh_timer == Some(id) => {
                self.refresh_timer = None;
                self.refresh_session_token(now);
            }
            Some(TimerPurpose::Recover) => self.recover(now),
            _ => {}
        }
    }

    pub fn on_tab_message(&mut self, message: TabMessage, now: u64) {
        match message {
            TabMessage::Token { key, jwt, expires_at } => {
                let Ok(mut token) = CachedToken::received(jwt, now) else { return };
                // The other tab received it earlier, on the same clock; never later than a
                // whole lifetime from now, whatever the message says.
                token.expires_at = expires_at.min(token.expires_at);
                if self.cache.insert(key.clone(), token) && Some(&key) == self.session_key().as_ref() {
                    let _ = self.follow_session_token(now);
                }
            }
            TabMessage::SignedOut { session_id } => {
                if self.affects_active(session_id.as_deref()) {
                    self.become_signed_out(session_id.as_deref(), now);
                } else {
                    self.forget_tokens(session_id.as_deref());
                }
            }
            TabMessage::ActiveChanged => self.start_load(now),
        }
    }

    /// `getToken()` for `waiter`: the answer now, or `None` once the waiter is queued.
    fn answer_token(&mut self, options: TokenOptions, now: u64, waiter: WaiterId) -> Option<Outcome> {
        if matches!(*self.phase, Phase::SigningOut { .. }) {
            return Some(Outcome::Token(None));
        }
        if matches!(*self.phase, Phase::Loading { .. }) {
            self.defer(waiter, Deferred::Token(options));
            self.start_load(now);
            return None;
        }
        let Some(key) = self.key_for(&options) else {
            return Some(Outcome::Token(None));
        };
        let leeway_ms = leeway_ms(options.leeway_secs);
        let waiter = Waiter { id: waiter, wants_token: true };
        if !options.skip_cache {
            if let Some(token) = self.cache.fresh(&key, now, leeway_ms) {
                let (jwt, due) = (token.jwt.clone(), refresh_at(token, leeway_ms) <= now);
                if due && !self.in_flight.contains_key(&key) {
                    self.request_token(key, now, Vec::new());
                }
                return Some(Outcome::Token(Some(jwt)));
            }
            if let Some(pending) = self.in_flight.get(&key).and_then(|id| self.requests.get_mut(id)) {
                pending.waiters.push(waiter);
                return None;
            }
        }
        self.request_token(key, now, vec![waiter]);
        None
    }

    fn affects_active(&self, session_id: Option<&str>) -> bool {
        session_id.is_none() || session_id == self.phase.session().map(|s| s.id.as_str())
    }

    fn key_for(&self, options: &TokenOptions) -> Option<TokenKey> {
        let session = self.phase.session()?;
        let organization_id = match &options.organization {
            Organization::Active => session.organization_id.clone(),
            Organization::Personal => None,
            Organization::Id(id) => Some(id.clone()),
        };
        Some(TokenKey { session_id: session.id.clone(), template: options.template.clone(), organization_id })
    }

    /// The key of the token that defines the auth state: the active organization's session token.
    fn session_key(&self) -> Option<TokenKey> {
        self.key_for(&TokenOptions::default())
    }

    fn start_load(&mut self, now: u64) {
        if self.load_request.is_none() {
            self.load_request = Some(self.send(Purpose::Client, fapi::get_client(), now, Vec::new()));
        }
    }

    fn request_token(&mut self, key: TokenKey, now: u64, waiters: Vec<Waiter>) {
        let request = fapi::create_token(&key.session_id, key.template.as_deref(), key.organization_id.as_deref());
        let id = self.send(Purpose::Token(key.clone()), request, now, waiters);
        self.in_flight.insert(key, id);
    }

    fn send(&mut self, purpose: Purpose, request: HttpRequest, now: u64, waiters: Vec<Waiter>) -> RequestId {
        let id = self.ids.request.advance();
        self.token_requests += u64::from(matches!(purpose, Purpose::Token(_)));
        self.effects.push(Effect::Http { id, request: request.clone() });
        let pending = Pending { purpose, request, first_sent_at: now, sent_at: now, retries: 0, waiters, stale: false };
        self.requests.insert(id, pending);
        id
    }

    fn resend(&mut self, id: RequestId, now: u64) {
        let Some(pending) = self.requests.get_mut(&id) else { return };
        if pending.stale {
            self.requests.remove(&id);
            return;
        }
        pending.sent_at = now;
        self.token_requests += u64::from(matches!(pending.purpose, Purpose::Token(_)));
        self.effects.push(Effect::Http { id, request: pending.request.clone() });
    }

    fn set_timer(&mut self, at: u64, purpose: TimerPurpose) -> TimerId {
        let id = self.ids.timer.advance();
        self.timers.insert(id, purpose);
        self.effects.push(Effect::Timer { id, at });
        id
    }

    fn settle(&mut self, waiters: Vec<Waiter>, token: Option<&str>, failure: Option<&Failure>) {
        for waiter in waiters {
            let outcome = match (failure, waiter.wants_token) {
                (Some(failure), _) => Outcome::Failed(failure.clone()),
                (None, true) => Outcome::Token(token.map(String::from)),
                (None, false) => Outcome::Done,
            };
            self.effects.push(Effect::Settle { waiter: waiter.id, outcome });
        }
    }

    fn set_state(&mut self, state: AuthState) -> bool {
        let changed = self.state != state;
        if changed {
            self.state = state;
            self.effects.push(Effect::StateChanged);
        }
        changed
    }

    /// Makes the state, the cookies and the refresh timer follow the newest cached session token
    /// of the active organization.
    fn follow_session_token(&mut self, now: u64) -> Result<(), AuthError> {
        let Some(token) = self.session_key().and_then(|key| self.cache.get(&key).cloned()) else {
            return Ok(());
        };
        if self.set_state(AuthState::from_session_token(&token.jwt)?) {
            let at = refresh_at(&token, leeway_ms(None)).max(now);
            self.effects.push(Effect::Cookies { session: Some(token.jwt), client_uat: self.client_updated_at / 1000 });
            self.refresh_timer = Some(self.set_timer(at, TimerPurpose::Refresh));
        }
        Ok(())
    }

    fn refresh_session_token(&mut self, now: u64) {
        let Some(key) = self.session_key() else { return };
        if matches!(*self.phase, Phase::SigningOut { .. }) || self.in_flight.contains_key(&key) {
            return;
        }
        match self.cache.get(&key).map(|t| refresh_at(t, leeway_ms(None))) {
            Some(at) if at > now => self.refresh_timer = Some(self.set_timer(at, TimerPurpose::Refresh)),
            _ => self.request_token(key, now, Vec::new()),
        }
    }

    /// Drops the cached tokens of a session (or all) and answers `None` to everyone waiting for
    /// one. Requests in flight that could bring such a token back are marked stale.
    fn forget_tokens(&mut self, session_id: Option<&str>) {
        self.cache.clear(session_id);
        let hit = |key: &TokenKey| session_id.is_none_or(|id| key.session_id == id);
        self.in_flight.retain(|key, _| !hit(key));
        let active = self.affects_active(session_id);
        let mut orphaned = Vec::new();
        for pending in self.requests.values_mut() {
            let undoes_sign_out = match &pending.purpose {
                Purpose::Token(key) => hit(key),
                Purpose::Touch | Purpose::Client => active,
                Purpose::SignOut(_) => false,
            };
            if undoes_sign_out {
                pending.stale = true;
                orphaned.extend(std::mem::take(&mut pending.waiters));
            }
        }
        if active && self.load_request.is_some() {
            self.load_request = None;
            orphaned.append(&mut self.load_waiters);
        }
        self.settle(orphaned, None, None);
    }
}

fn leeway_ms(leeway_secs: Option<f64>) -> u64 {
    let secs = leeway_secs.filter(|s| s.is_finite() && *s >= 0.0).unwrap_or(DEFAULT_LEEWAY_SECS);
    (secs * 1000.0) as u64
}

/// When a background refresh of `token` should start.
fn refresh_at(token: &CachedToken, leeway_ms: u64) -> u64 {
    let usable = token.lifetime_ms.saturating_sub(leeway_ms);
    let ahead = REFRESH_AHEAD_MS.min(usable / 2);
    token.expires_at.saturating_sub(leeway_ms + ahead)
}
