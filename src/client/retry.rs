//! Backoff for transient failures (network errors, 5xx, 429): exponential with full jitter, capped
//! per attempt and bounded in total, so a caller always gets an answer within `budget_ms`.

/// The jitter of the backoffs: the crate's generator, seeded by the host.
pub type Jitter = crate::rng::Rng;

/// A `Retry-After` header's delay in seconds: digits with an optional fraction (RFC 9110 allows
/// only digits; `1.5`, `1.` and `.5` are honoured too). An HTTP date, a sign, an exponent or
/// anything else is `None`. Read with
/// integer arithmetic: `f64::from_str` would link core's float parser and its tables.
pub fn parse_retry_after(header: &str) -> Option<f64> {
    // ASCII whitespace only: a header value holds no other (and `str::trim`'s Unicode tables
    // would be the client's alone).
    let header = header.trim_ascii();
    let (whole, fraction) = crate::ecmascript::split_once(header, b'.').unwrap_or((header, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !digits(whole) || !digits(fraction) {
        return None;
    }
    let number = |s: &str| s.bytes().take(12).fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let scale = 10u64.pow(fraction.len().min(12) as u32);
    let whole = if whole.len() > 12 { f64::INFINITY } else { number(whole) as f64 };
    Some(whole + number(fraction) as f64 / scale as f64)
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Attempts after the first.
    pub max_retries: u32,
    pub base_ms: u64,
    pub cap_ms: u64,
    /// No retry starts later than this after the first attempt.
    pub budget_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 4, base_ms: 250, cap_ms: 4_000, budget_ms: 10_000 }
    }
}

impl RetryPolicy {
    /// The delay before retry number `retry` (0-based), or `None` when retrying must stop.
    /// `retry_after_ms` (from a 429's Retry-After) is honoured as a minimum.
    pub fn delay(&self, retry: u32, elapsed_ms: u64, retry_after_ms: Option<u64>, jitter: &mut Jitter) -> Option<u64> {
        if retry >= self.max_retries {
            return None;
        }
        let ceiling = self.base_ms.saturating_mul(1 << retry.min(20)).min(self.cap_ms);
        let delay = ((ceiling as f64 * jitter.unit()) as u64).max(retry_after_ms.unwrap_or(0));
        (elapsed_ms.saturating_add(delay) <= self.budget_ms).then_some(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn retry_after_reads_delay_seconds() {
        assert_eq!(parse_retry_after("3"), Some(3.0));
        assert_eq!(parse_retry_after(" 120 "), Some(120.0));
        assert_eq!(parse_retry_after("1.5"), Some(1.5));
        assert_eq!(parse_retry_after("0"), Some(0.0));
        assert_eq!((parse_retry_after("2."), parse_retry_after(".5")), (Some(2.0), Some(0.5)));
        assert_eq!(parse_retry_after("99999999999999999999"), Some(f64::INFINITY));
        for bad in ["", " ", "-1", "+1", "1e3", ".", "1..2", "Wed, 21 Oct 2015 07:28:00 GMT", "NaN", "inf"] {
            assert_eq!(parse_retry_after(bad), None, "{bad:?}");
        }
    }
}
