//! The approximate path of [`super::to_f64`] (the server build's): the first 19 digits times a
//! 128-bit approximation of the power of ten, the idea of Eisel and Lemire's algorithm
//! ("Number Parsing at a Gigabyte per Second") with 25 table entries instead of 650. The value is
//! known to lie in a small interval; when both ends round to the same double, that double is the
//! answer, and otherwise the caller takes the exact path.

/// Each power of ten is split as 10^q = 2^q × 5^(STEP·j) × 5^r with 0 <= r < STEP; 5^STEP is the
/// largest power of five below 2^63, so 5^r times 19 digits is exact in a u128.
const STEP: i32 = 27;
const FIRST_STEP: i32 = -13; // 5^(27·-13) covers 10^-343, the smallest power a finite input needs
const STEPS: usize = 25; // up to 5^(27·11), for 10^309
const FIVE_TO_STEP: u64 = 5u64.pow(STEP as u32);

/// `(m, k)` for each 5^(STEP·j), j from FIRST_STEP: m × 2^k <= 5^(STEP·j) < (m + 1) × 2^k with
/// 2^127 <= m < 2^128. Computed at compile time with 256-bit mantissas (far more precision than
/// the 128 bits kept); `tests::power_table_is_exact` checks each bound with big integers.
static POWERS: [(u128, i32); STEPS] = powers();

const fn powers() -> [(u128, i32); STEPS] {
    let mut table = [(0u128, 0i32); STEPS];
    // Upwards from 5^0 = 2^255 × 2^-255, then downwards from it: x × 2^e, x's top bit set.
    let (mut x, mut e) = ([0u64, 0, 0, 1 << 63], -255i32);
    let mut j = 0;
    while j < STEPS as i32 + FIRST_STEP {
        table[(j - FIRST_STEP) as usize] = (top_128(x), e + 128);
        let mut carry = 0u128;
        let mut i = 0;
        while i < 4 {
            let v = x[i] as u128 * FIVE_TO_STEP as u128 + carry;
            x[i] = v as u64;
            carry = v >> 64;
            i += 1;
        }
        // Renormalize: the 320-bit product's top 256 bits.
        let shift = 64 - (carry as u64).leading_zeros();
        let mut i = 0;
        while i < 4 {
            let next = if i == 3 { carry as u64 } else { x[i + 1] };
            x[i] = if shift == 0 { x[i] } else { x[i] >> shift | next << (64 - shift) };
            i += 1;
        }
        e += shift as i32;
        j += 1;
    }
    let (mut x, mut e) = ([0u64, 0, 0, 1 << 63], -255i32);
    let mut j = -1;
    while j >= FIRST_STEP {
        // x / 5^STEP with 64 more bits below x, then the quotient's top 256 bits.
        let mut q = [0u64; 5];
        let mut rest = 0u128;
        let mut i = 5;
        while i > 0 {
            i -= 1;
            let limb = if i == 0 { 0 } else { x[i - 1] };
            let v = rest << 64 | limb as u128;
            q[i] = (v / FIVE_TO_STEP as u128) as u64;
            rest = v % FIVE_TO_STEP as u128;
        }
        let shift = q[4].leading_zeros();
        let mut i = 0;
        while i < 4 {
            x[i] = if shift == 0 { q[i + 1] } else { q[i + 1] << shift | q[i] >> (64 - shift) };
            i += 1;
        }
        e -= shift as i32;
        table[(j - FIRST_STEP) as usize] = (top_128(x), e + 128);
        j -= 1;
    }
    table
}

const fn top_128(x: [u64; 4]) -> u128 {
    (x[3] as u128) << 64 | x[2] as u128
}

/// `w × 10^q` (`w` the first 19 digits, `truncated` if nonzero digits follow them) when an
/// interval around it rounds to one double; `None` when the exact path must decide.
pub(super) fn approximate(w: u64, truncated: bool, q: i32) -> Option<f64> {
    let j = q.div_euclid(STEP);
    let r = q.rem_euclid(STEP) as u32;
    let &(m, k) = POWERS.get(usize::try_from(j - FIRST_STEP).ok()?)?;
    let five_r = 5u128.pow(r);
    // value = a × 5^(STEP·j) × 2^q, 5^(STEP·j) in [m, m + 1) × 2^k, a in [w, w + 1) × 5^r.
    let a = u128::from(w) * five_r;
    let (high, low) = mul_128(a, m);
    // The product's top 128 bits: `mantissa × 2^(k + q + s)` with `s` bits dropped.
    let s = 128 - high.leading_zeros();
    let mantissa = if s == 0 { low } else { high << (128 - s) | low >> s };
    // What the dropped bits, m's own truncation and the digits after the 19th can add, in units
    // of the mantissa's last bit: below (a + 5^r × 2^128) / 2^s + 1.
    let mut width = (a >> s) + 2;
    if truncated {
        width = width.checked_add(five_r.checked_shl(128 - s).filter(|v| v >> (128 - s) == five_r)?)?;
    }
    let exponent = k + q + s as i32;
    let low_end = round(mantissa, exponent);
    let high_end = round(mantissa.checked_add(width)?, exponent);
    (low_end.to_bits() == high_end.to_bits()).then_some(low_end)
}

/// The 256-bit product `x × y` as (high, low) halves.
fn mul_128(x: u128, y: u128) -> (u128, u128) {
    let (x1, x0, y1, y0) = (x >> 64, x & u64::MAX as u128, y >> 64, y & u64::MAX as u128);
    let (p00, p01, p10, p11) = (x0 * y0, x0 * y1, x1 * y0, x1 * y1);
    let middle = (p00 >> 64) + (p01 & u64::MAX as u128) + (p10 & u64::MAX as u128);
    let low = (middle << 64) | (p00 & u64::MAX as u128);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    (high, low)
}

/// `m × 2^e` (m > 0) rounded to the nearest double, ties to even.
fn round(m: u128, e: i32) -> f64 {
    let bits = 128 - m.leading_zeros() as i32;
    // The exponent of a double's last kept bit: 53 bits of m, or the subnormal floor.
    let mut ulp = (e + bits - 53).max(-1074);
    let drop = ulp - e;
    let mut q = if drop <= 0 {
        m << -drop // exact: fewer than 53 bits
    } else if drop > 128 {
        0 // below half the smallest subnormal
    } else {
        let q = m.checked_shr(drop as u32).unwrap_or(0);
        let rest = m - q.checked_shl(drop as u32).unwrap_or(0);
        let half = 1u128 << (drop - 1);
        q + u128::from(rest > half || (rest == half && q & 1 == 1))
    };
    if q == 1 << 53 {
        q >>= 1;
        ulp += 1;
    }
    if q < 1 << 52 {
        return f64::from_bits(q as u64); // subnormal (ulp is -1074), or zero
    }
    let biased = ulp + 1075;
    if biased >= 0x7ff {
        return f64::INFINITY;
    }
    f64::from_bits((biased as u64) << 52 | (q as u64 & ((1 << 52) - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn check(text: &str) {
        let want: f64 = text.parse().unwrap();
        let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
        let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let got = super::super::to_f64(integer.as_bytes(), fraction.as_bytes(), exponent.parse().unwrap());
        assert_eq!(got.to_bits(), want.to_bits(), "{text}");
    }

    /// xorshift64
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// Each table entry bounds its power of five from below, within one unit of its last bit.
    #[wasm_bindgen_test(unsupported = test)]
    fn power_table_is_exact() {
        let big = |m: u128| super::super::Big(vec![m as u32, (m >> 32) as u32, (m >> 64) as u32, (m >> 96) as u32]);
        for (i, &(m, k)) in POWERS.iter().enumerate() {
            assert!(m >> 127 == 1, "entry {i} is normalised");
            let j = i as i32 + FIRST_STEP;
            // m × 2^k <= 5^(STEP·j) < (m + 1) × 2^k, scaled to integers: `low <= power < high`.
            let (mut low, mut high, mut power) = (big(m), big(m + 1), super::super::Big::from(1));
            if j >= 0 {
                power.mul_pow5((STEP * j) as u32);
                if k >= 0 {
                    low.shl(k as u32);
                    high.shl(k as u32);
                } else {
                    power.shl(k.unsigned_abs());
                }
            } else {
                low.mul_pow5((-STEP * j) as u32);
                high.mul_pow5((-STEP * j) as u32);
                power.shl(k.unsigned_abs()); // k < 0: 2^-k
            }
            assert!(power.ge(&low) && !power.ge(&high), "entry {i}: 5^{}", STEP * j);
        }
    }

    /// The 128-bit path answers the inputs it should (and exactly: `check` compares with Rust).
    #[wasm_bindgen_test(unsupported = test)]
    fn ordinary_floats_take_the_approximate_path() {
        for text in ["1e-300", "1.5e300", "123456789012345678", "0.1234567890123456789", "2.2250738585072014e-308"] {
            let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
            let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            let decimal =
                super::super::Decimal::new(integer.as_bytes(), fraction.as_bytes(), exponent.parse().unwrap()).unwrap();
            let kept = decimal.count.min(19);
            let w = decimal.digits().take(kept).fold(0u64, |w, d| w * 10 + u64::from(d));
            let q = decimal.scale as i32 + (decimal.count - kept) as i32;
            assert_eq!(
                approximate(w, decimal.count > kept, q).map(f64::to_bits),
                Some(text.parse::<f64>().unwrap().to_bits()),
                "{text}"
            );
            check(text);
        }
        // An exact midpoint (2^53 + 1) is left to the exact path.
        assert_eq!(approximate(9007199254740993, false, 0), None);
        check("9007199254740993");
        // Random 19-digit decimals, and longer ones (their 19 digits then bound an interval about
        // 2^-7 of a double's spacing wide): the exact path is the rare exception.
        let mut rng = Rng(0x51_7cc1_b727_220a);
        for (truncated, at_least) in [(false, 9_999), (true, 9_900)] {
            let answered = (0..10_000)
                .filter(|_| {
                    let w = rng.below(9 * 10u64.pow(18)) + 10u64.pow(18);
                    approximate(w, truncated, rng.below(600) as i32 - 320).is_some()
                })
                .count();
            assert!(answered >= at_least, "{answered} of 10,000 answered without big integers ({truncated})");
        }
    }
}
