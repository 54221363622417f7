//! Decimal to double, correctly rounded (to nearest, ties to even), as `JSON.parse` and
//! `Number()` read numbers: the JSON reader (`json.rs`) needs it so that every claim value
//! survives the trip through Rust unchanged.
//!
//! The server build (the `verify` feature), which parses numbers it did not choose at request
//! rate and whose size does not matter, uses the standard library's reader (`str::parse`, the
//! Eisel-Lemire algorithm with an exact fallback). The browser's build converts almost none
//! (checking a token's JSON converts nothing, integers below 2^64 need no decimal path) and
//! downloads every byte of code, so it computes the value exactly with a small big integer: slow,
//! but 2.7 KB of wasm (docs/size.md's map) where the standard reader's table of powers of five
//! alone is 10 KB.

/// Significant digits beyond this many only matter as "something nonzero follows": the exact
/// midpoint between two doubles has at most 767 significant digits.
#[cfg_attr(feature = "verify", allow(dead_code))]
const MAX_DIGITS: usize = 800;

/// The decimal exponent `digits × 10^exponent` is reduced to: significant digits without leading
/// and trailing zeros, and the power of ten that scales them. `None` for zero.
struct Decimal<'a> {
    integer: &'a [u8],
    fraction: &'a [u8],
    /// Leading zeros to skip, and the count of significant digits after them.
    leading: usize,
    count: usize,
    /// The value is `digits × 10^scale`, `digits` read as an integer.
    scale: i64,
}

impl<'a> Decimal<'a> {
    fn new(integer: &'a [u8], fraction: &'a [u8], exponent: i64) -> Option<Self> {
        let total = integer.len() + fraction.len();
        let digit = |i: usize| integer.get(i).or_else(|| fraction.get(i.wrapping_sub(integer.len()))).copied();
        let leading = (0..total).position(|i| digit(i) != Some(b'0'))?;
        let trailing = (0..total).rev().position(|i| digit(i) != Some(b'0')).unwrap_or_default();
        let scale = exponent.saturating_sub(fraction.len() as i64).saturating_add(trailing as i64);
        Some(Decimal { integer, fraction, leading, count: total - leading - trailing, scale })
    }

    /// The significant digits, as numbers 0-9.
    fn digits(&self) -> impl Iterator<Item = u8> + 'a {
        let (integer, fraction) = (self.integer, self.fraction);
        let digit = move |i: usize| integer.get(i).or_else(|| fraction.get(i.wrapping_sub(integer.len())));
        (self.leading..self.leading + self.count).map(move |i| digit(i).map_or(0, |d| d - b'0'))
    }

    /// `n` with the value in [10^(n-1), 10^n).
    fn magnitude(&self) -> i64 {
        (self.count as i64).saturating_add(self.scale)
    }
}

/// `integer.fraction × 10^exponent` (ASCII digits, no sign) as the nearest double.
pub fn to_f64(integer: &[u8], fraction: &[u8], exponent: i64) -> f64 {
    let Some(decimal) = Decimal::new(integer, fraction, exponent) else { return 0.0 };
    if decimal.magnitude() > 310 {
        return f64::INFINITY;
    }
    if decimal.magnitude() < -324 {
        return 0.0;
    }
    let e = decimal.scale as i32; // within ±(324 + digits), checked above
    #[cfg(feature = "verify")]
    {
        // `<digits>e<e>`, the significant digits as they are: always a valid float literal.
        let mut literal: String = decimal.digits().map(|d| char::from(b'0' + d)).collect();
        literal.push('e');
        literal.push_str(&e.to_string());
        literal.parse().unwrap_or(f64::NAN)
    }
    #[cfg(not(feature = "verify"))]
    exact(&decimal.digits().collect::<Vec<u8>>(), e)
}

/// Whether [`to_f64`] gives a finite double, without computing it unless the value is near the
/// largest double: what a reader that only checks JSON needs.
pub fn is_finite(integer: &[u8], fraction: &[u8], exponent: i64) -> bool {
    // Below 10^308 a value is below f64::MAX (1.79e308).
    Decimal::new(integer, fraction, exponent).is_none_or(|d| d.magnitude() <= 308)
        || to_f64(integer, fraction, exponent).is_finite()
}

/// `digits × 10^e` rounded exactly, with big integers: the browser's build's path, which the tests
/// hold to the standard library's reader in both builds.
#[cfg_attr(feature = "verify", allow(dead_code))]
fn exact(digits: &[u8], mut e: i32) -> f64 {
    let (kept, dropped) = digits.split_at(digits.len().min(MAX_DIGITS));
    e += dropped.len() as i32;
    // Trailing zeros were stripped, so anything dropped holds a nonzero digit.
    let mut sticky = !dropped.is_empty();
    // value = n / s × 2^e
    let mut n = Big::from_digits(kept);
    let mut s = Big::from(1);
    if e >= 0 {
        n.mul_pow5(e as u32);
    } else {
        s.mul_pow5(e.unsigned_abs());
    }
    // q = floor(value / 2^k) lands in [2^53, 2^55).
    let mut k = n.bits() as i32 - s.bits() as i32 + e - 54;
    let shift = e - k;
    if shift >= 0 {
        n.shl(shift as u32);
    } else {
        s.shl(shift.unsigned_abs());
    }
    let (mut q, rest) = n.div_small_quotient(s);
    sticky |= rest;
    if q >> 54 != 0 {
        sticky |= q & 1 == 1;
        q >>= 1;
        k += 1;
    }
    // value = (q + something in [0, 1)) × 2^k, q in [2^53, 2^54). A double is m × 2^b with
    // m < 2^53 and b >= -1074: drop one bit of q, or more below the normal range.
    let b = (k + 1).max(-1074);
    let drop = (b - k) as u32;
    let (mut m, round) = if drop > 55 { (0, false) } else { (q >> drop, q >> (drop - 1) & 1 == 1) };
    sticky |= drop > 55 || q & ((1u64 << (drop - 1).min(63)) - 1) != 0;
    if round && (sticky || m & 1 == 1) {
        m += 1;
    }
    let (m, b) = if m == 1 << 53 { (m >> 1, b + 1) } else { (m, b) };
    if m < 1 << 52 {
        return f64::from_bits(m); // subnormal (b is -1074), or zero
    }
    let biased = (b + 1075) as u64;
    if biased >= 0x7ff {
        return f64::INFINITY;
    }
    f64::from_bits(biased << 52 | (m & ((1 << 52) - 1)))
}

/// An unsigned big integer, little-endian 32-bit limbs. Only what `exact` needs.
#[derive(Clone)]
#[cfg_attr(feature = "verify", allow(dead_code))]
struct Big(Vec<u32>);

impl Big {
    fn from(n: u32) -> Self {
        Big(vec![n])
    }

    fn from_digits(digits: &[u8]) -> Self {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0u32, |v, &d| v * 10 + u32::from(d));
            big.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    /// self = self × factor + add
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut e: u32) {
        while e > 0 {
            let step = e.min(13); // 5^13 < 2^32
            self.mul_add(5u32.pow(step), 0);
            e -= step;
        }
    }

    fn bits(&self) -> u32 {
        let top = self.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        match self.0.get(..top).and_then(<[u32]>::last) {
            Some(&last) => (top as u32 - 1) * 32 + (32 - last.leading_zeros()),
            None => 0,
        }
    }

    fn shl(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits != 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = *limb;
                *limb = v << bits | carry;
                carry = v >> (32 - bits);
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 {
            let mut shifted = vec![0; limbs];
            shifted.append(&mut self.0);
            self.0 = shifted;
        }
    }

    fn shr1(&mut self) {
        let mut carry = 0;
        for limb in self.0.iter_mut().rev() {
            let v = *limb;
            *limb = v >> 1 | carry;
            carry = v << 31;
        }
    }

    fn ge(&self, other: &Big) -> bool {
        let len = self.0.len().max(other.0.len());
        for i in (0..len).rev() {
            let (a, b) = (self.0.get(i).copied().unwrap_or(0), other.0.get(i).copied().unwrap_or(0));
            if a != b {
                return a > b;
            }
        }
        true
    }

    /// self -= other, for self >= other.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = v as u32;
            borrow = i64::from(v < 0);
        }
    }

    /// `(floor(self / divisor), remainder != 0)` for a quotient below 2^56.
    fn div_small_quotient(mut self, mut divisor: Big) -> (u64, bool) {
        divisor.shl(56);
        let mut q = 0u64;
        for _ in 0..=56 {
            q <<= 1;
            if self.ge(&divisor) {
                self.sub(&divisor);
                q |= 1;
            }
            divisor.shr1();
        }
        (q, self.0.iter().any(|&l| l != 0))
    }
}

#[cfg(test)]
mod tests;
