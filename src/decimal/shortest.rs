//! Double to decimal: the shortest digits that read back as the double, and of those the closest,
//! ties to the even digit, as JavaScript's `Number.prototype.toString()` and V8 pick them
//! (ECMA-262 Number::toString). Steele and White's free-format algorithm (Dragon4) on the big
//! integers `to_f64` already uses: slow next to a dedicated float printer, but a few hundred bytes
//! of wasm, and the browser only prints the odd number a token holds where Clerk expects a string.

use super::Big;

/// The digits (ASCII) of the positive finite double `x` and `n` such that `x = 0.digits × 10^n`,
/// the digits as few as read back as `x`.
pub fn shortest(x: f64) -> (Vec<u8>, i32) {
    // x = f × 2^e, f < 2^53.
    let bits = x.to_bits();
    let (biased, fraction) = ((bits >> 52) as i32 & 0x7ff, bits & ((1 << 52) - 1));
    let (f, e) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    // Doubles read back as x from the midpoints with its neighbours, inclusive when f is even
    // (a midpoint reads as the even neighbour). Below a power of two the lower neighbour is half
    // as far: everything is doubled once more so that its midpoint stays an integer.
    let inclusive = f % 2 == 0;
    let uneven = f == 1 << 52 && biased > 1;
    let scale = 1 + u32::from(uneven);
    // x = r / s, its midpoints (r - low) / s and (r + high) / s.
    let mut r = Big::from_u64(f);
    let mut s = Big::from(1);
    let (mut low, mut high) = (Big::from(1), Big::from(1 << u32::from(uneven)));
    r.shl(scale);
    s.shl(scale);
    if e >= 0 {
        for big in [&mut r, &mut low, &mut high] {
            big.shl(e as u32);
        }
    } else {
        s.shl(e.unsigned_abs());
    }
    // Scale by 10^-k so that the upper midpoint lies in [0.1, 1): k estimated from the magnitude
    // (x >= 2^t with t below, and 78,913 / 2^18 is log10(2) rounded down), one or two short at
    // most, then raised until it holds.
    let t = e + 63 - f.leading_zeros() as i32;
    let mut k = (t * 78_913).div_euclid(1 << 18) - 1;
    if k >= 0 {
        s.mul_pow10(k as u32);
    } else {
        for big in [&mut r, &mut low, &mut high] {
            big.mul_pow10(k.unsigned_abs());
        }
    }
    while reaches(&r, &high, &s, inclusive) {
        s.mul_pow10(1);
        k += 1;
    }
    let mut digits = Vec::new();
    loop {
        for big in [&mut r, &mut low, &mut high] {
            big.mul_pow10(1);
        }
        let mut digit = b'0';
        while r.ge(&s) {
            r.sub(&s);
            digit += 1;
        }
        let down = if inclusive { low.ge(&r) } else { !r.ge(&low) };
        let up = reaches(&r, &high, &s, inclusive);
        let round_up = match (down, up) {
            (false, false) => {
                digits.push(digit);
                continue;
            }
            (true, false) => false,
            (false, true) => true,
            // Both read back: the closer, and of two equally close the even digit.
            (true, true) => {
                let mut twice = r.clone();
                twice.shl(1);
                match (twice.ge(&s), s.ge(&twice)) {
                    (true, true) => digit % 2 == 1, // b'0' is even
                    (above, _) => above,
                }
            }
        };
        digits.push(digit + u8::from(round_up));
        break;
    }
    // A last digit rounded up to 10 carries (the algorithm's bounds rule it out; kept exact).
    while digits.last() == Some(&(b'9' + 1)) {
        digits.pop();
        match digits.last_mut() {
            Some(last) => *last += 1,
            None => {
                digits.push(b'1');
                k += 1;
            }
        }
    }
    (digits, k)
}

/// Whether `(r + high) / s` reaches 1 (`>=` when `inclusive`, else `>`).
fn reaches(r: &Big, high: &Big, s: &Big, inclusive: bool) -> bool {
    if r.ge(s) {
        return true;
    }
    let mut gap = s.clone();
    gap.sub(r); // s - r > 0
    if inclusive {
        high.ge(&gap)
    } else {
        !gap.ge(high)
    }
}
