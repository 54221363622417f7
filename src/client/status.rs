//! The load status an app can show (Clerk's `clerk.status`), and the recovery behind it: when the
//! Frontend API cannot be reached, the client says so instead of looking loaded or signed out, and
//! loads by itself once the API answers again, with no page reload.
//!
//! ```text
//!            every exchange answered          a request gave up (network, 5xx, 429) or
//! Loading ─────────────────────────► Ready   the first load failed
//!    │ the first load gave up          ▲  │ ───────────────────────────► Degraded (loaded)
//!    ▼                                 │  │                                 │
//!  Error ──────────────────────────────┴──┴──── the next answer ◄───────────┘
//! ```
//!
//! `Error` is for a client that has loaded nothing (`isLoaded` stays false: no signed-out state is
//! invented); `Degraded` for one whose last known state still holds. While either lasts, the client
//! loads again by itself, after a backoff with jitter ([`RECOVERY_BASE_MS`] doubling up to
//! [`RECOVERY_CAP_MS`]) or at once when the host says the page came back (`online`, focus).

use super::effects::Effect;
use super::{AuthClient, TimerPurpose};
use crate::AuthError;

/// The first recovery attempt's ceiling; each failed one doubles it.
pub const RECOVERY_BASE_MS: u64 = 1_000;
/// The longest wait between two recovery attempts.
pub const RECOVERY_CAP_MS: u64 = 30_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Loading,
    Ready,
    Degraded,
    Error,
}

impl Status {
    /// The name apps see, as Clerk names it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Loading => "loading",
            Status::Ready => "ready",
            Status::Degraded => "degraded",
            Status::Error => "error",
        }
    }
}

/// What the status follows: the last failure (none once an answer came) and the recovery.
#[derive(Debug, Default)]
pub(super) struct Health {
    /// The last exchange's failure, until an answer comes.
    failure: Option<AuthError>,
    /// A load gave up while nothing was loaded: `Error` until an answer comes.
    gave_up: bool,
    /// The recovery timer, and how many attempts failed in a row.
    recovery: Option<super::TimerId>,
    attempts: u32,
    published: Option<(Status, Option<&'static str>)>,
}

impl AuthClient {
    pub fn status(&self) -> (Status, Option<&AuthError>) {
        let health = &self.health;
        let status = match (&health.failure, self.phase.is_loaded()) {
            (None, true) => Status::Ready,
            (Some(_), true) => Status::Degraded,
            (_, false) if health.gave_up => Status::Error,
            (_, false) => Status::Loading,
        };
        (status, health.failure.as_ref())
    }

    /// The Frontend API answered (any answer but a transient failure): it is reachable.
    pub(super) fn answered(&mut self) {
        self.health.failure = None;
        self.health.gave_up = false;
        self.health.attempts = 0;
        if let Some(timer) = self.health.recovery.take() {
            self.timers.remove(&timer);
        }
        self.publish_status();
    }

    /// A transient failure (network, 5xx, 429); `gave_up` when its request stopped retrying.
    pub(super) fn failed(&mut self, error: &AuthError, gave_up: bool, now: u64) {
        self.health.failure = Some(error.clone());
        if gave_up {
            self.health.gave_up |= !self.phase.is_loaded();
            self.recover_later(now);
        }
        self.publish_status();
    }

    /// The first load failed for good (not transiently: an answer outside the protocol, say):
    /// nothing is loaded, and it is tried again later.
    pub(super) fn load_failed(&mut self, error: &AuthError, now: u64) {
        self.health.failure = Some(error.clone());
        self.health.gave_up |= !self.phase.is_loaded();
        self.recover_later(now);
        self.publish_status();
    }

    fn recover_later(&mut self, now: u64) {
        if self.health.recovery.is_some() {
            return;
        }
        let delay = recovery_delay(self.health.attempts, self.jitter.unit());
        self.health.attempts += 1;
        self.health.recovery = Some(self.set_timer(now + delay, TimerPurpose::Recover));
    }

    /// The recovery timer fired: load again.
    pub(super) fn recover(&mut self, now: u64) {
        self.health.recovery = None;
        self.start_load(now);
    }

    /// The host says the page is back (online, focused): a client that is failing loads again now.
    pub fn wake(&mut self, now: u64) {
        if self.health.failure.is_none() && !self.health.gave_up {
            return;
        }
        if let Some(timer) = self.health.recovery.take() {
            self.timers.remove(&timer);
        }
        self.start_load(now);
    }

    /// Tells the host when the status, or the failure's code, changed.
    pub(super) fn publish_status(&mut self) {
        let (status, failure) = self.status();
        let now = (status, failure.map(AuthError::code));
        if self.health.published != Some(now) {
            self.health.published = Some(now);
            self.effects.push(Effect::StatusChanged);
        }
    }
}

/// The wait before recovery attempt `attempt` (0-based), `unit` uniform in [0, 1): between half
/// and all of a ceiling that doubles from [`RECOVERY_BASE_MS`] up to [`RECOVERY_CAP_MS`].
fn recovery_delay(attempt: u32, unit: f64) -> u64 {
    let ceiling = RECOVERY_BASE_MS.saturating_mul(1 << attempt.min(16)).min(RECOVERY_CAP_MS);
    ceiling / 2 + (ceiling as f64 / 2.0 * unit) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn recovery_backs_off_with_jitter_up_to_the_cap() {
        let bounds: Vec<(u64, u64)> = (0..8).map(|a| (recovery_delay(a, 0.0), recovery_delay(a, 0.999_999))).collect();
        assert_eq!(
            bounds,
            [
                (500, 999),
                (1_000, 1_999),
                (2_000, 3_999),
                (4_000, 7_999),
                (8_000, 15_999),
                (15_000, 29_999),
                (15_000, 29_999),
                (15_000, 29_999)
            ]
        );
        assert_eq!(recovery_delay(u32::MAX, 0.5), 22_500, "no overflow");
    }
}
