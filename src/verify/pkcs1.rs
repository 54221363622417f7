//! RSASSA-PKCS1-v1_5 signature verification (RFC 8017 §8.2.2), for RS256, RS384 and RS512.
//!
//! Why not the `rsa` crate that jsonwebtoken calls: it computes with 64-bit limbs whose products
//! need a 128-bit multiply, which wasm does not have, so every limb product is a call into
//! compiler-rt's `__multi3`; a 2048-bit verification then took ~650 µs in Node, 5x Clerk's
//! WebCrypto. Here limbs are 32 bits (a limb product is one native `i64.mul`) and the Montgomery
//! constants are computed once per key: ~6x faster (~97 µs per 2048-bit token in Node).
//!
//! Only public values are involved (key, message, signature), so nothing needs constant time.
//! Verification is encode-and-compare: the expected block is built and compared whole; the
//! recovered block is never parsed, which rules out the classic PKCS#1 parsing forgeries.
//! `fuzz/` and the tests below check the arithmetic against the `rsa` crate's `BigUint`, and
//! `pkcs1/wycheproof.rs` runs Project Wycheproof's PKCS#1 v1.5 vectors through [`RsaKey::verify`].

use rsa::traits::PublicKeyParts;
use rsa::BigUint;
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::verify::algorithm::Algorithm;

/// DER `DigestInfo` prefixes (RFC 8017 §9.2, note 1): the hash's OID with NULL parameters.
const SHA256_PREFIX: &[u8] =
    &[0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];
const SHA384_PREFIX: &[u8] =
    &[0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30];
const SHA512_PREFIX: &[u8] =
    &[0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40];

/// An RSA public key with its Montgomery constants. Built only from a key the `rsa` crate has
/// validated (odd modulus of at most 4096 bits, odd exponent below 2^33).
#[derive(Debug)]
pub struct RsaKey {
    /// The modulus, 32-bit limbs, least significant first.
    n: Vec<u32>,
    /// -n^-1 mod 2^32.
    n_prime: u32,
    /// R^2 mod n, R = 2^(32 * limbs): multiplying by it enters Montgomery form.
    r2: Vec<u32>,
    e: u64,
    /// The modulus length in bytes (RFC 8017's k).
    size: usize,
}

impl RsaKey {
    pub fn new(key: &rsa::RsaPublicKey) -> Option<RsaKey> {
        let n = limbs(&key.n().to_bytes_be(), 0)?;
        let r2 = (BigUint::from(1u32) << (64 * n.len())) % key.n();
        let r2 = limbs(&r2.to_bytes_be(), n.len())?;
        let e = key.e().to_bytes_be();
        let e = Some(e.iter().fold(0u64, |e, &b| e << 8 | u64::from(b))).filter(|&v| e.len() <= 8 && v > 1)?;
        let n_prime = neg_inverse(*n.first()?)?;
        Some(RsaKey { n_prime, r2, e, size: key.size(), n })
    }

    /// Whether `signature` is a PKCS#1 v1.5 signature of `message` under this key with `alg`'s hash.
    pub fn verify(&self, alg: Algorithm, message: &[u8], signature: &[u8]) -> bool {
        let (prefix, hash) = match alg {
            Algorithm::RS256 => (SHA256_PREFIX, Sha256::digest(message).to_vec()),
            Algorithm::RS384 => (SHA384_PREFIX, Sha384::digest(message).to_vec()),
            Algorithm::RS512 => (SHA512_PREFIX, Sha512::digest(message).to_vec()),
            _ => return false,
        };
        // RFC 8017 §8.2.2 step 1 and RSAVP1 step 1: exactly k bytes, as an integer below n.
        let Some(s) = limbs(signature, self.n.len()).filter(|_| signature.len() == self.size) else {
            return false;
        };
        if !less_than(&s, &self.n) {
            return false;
        }
        let recovered = to_bytes(&self.pow(&s), self.size);
        // EMSA-PKCS1-v1_5: 0x00 0x01, at least 8 bytes of 0xff, 0x00, DigestInfo.
        let t_len = prefix.len() + hash.len();
        let Some(padding) = self.size.checked_sub(t_len + 3).filter(|&p| p >= 8) else {
            return false;
        };
        let expected = [&[0x00, 0x01][..], &vec![0xff; padding], &[0x00], prefix, &hash].concat();
        recovered == expected
    }

    /// s^e mod n, left-to-right binary exponentiation in Montgomery form.
    pub(crate) fn pow(&self, s: &[u32]) -> Vec<u32> {
        let mut t = vec![0u32; 2 * self.n.len() + 1];
        let base = self.mul(s, &self.r2, &mut t);
        let mut acc = base.clone();
        for bit in (0..63 - self.e.leading_zeros()).rev() {
            acc = self.square(&acc, &mut t);
            if self.e >> bit & 1 == 1 {
                acc = self.mul(&acc, &base, &mut t);
            }
        }
        let mut one = vec![0u32; self.n.len()];
        one[0] = 1; // n has at least one limb: `new` checked it
        self.mul(&acc, &one, &mut t)
    }

    /// Montgomery product a·b·R^-1 mod n, for a, b < n (SOS: schoolbook product, then reduce).
    fn mul(&self, a: &[u32], b: &[u32], t: &mut [u32]) -> Vec<u32> {
        t.fill(0);
        for (i, &b_i) in b.iter().enumerate() {
            let mut carry = 0u64;
            for (t_ij, &a_j) in t[i..].iter_mut().zip(a) {
                let x = u64::from(*t_ij) + u64::from(a_j) * u64::from(b_i) + carry;
                (*t_ij, carry) = (x as u32, x >> 32);
            }
            t[i + a.len()] = carry as u32;
        }
        self.reduce(t)
    }

    /// Montgomery square a·a·R^-1 mod n: each cross product a_i·a_j is computed once and doubled,
    /// which makes squaring (16 of the 19 products for e = 65537) a quarter cheaper.
    fn square(&self, a: &[u32], t: &mut [u32]) -> Vec<u32> {
        let len = a.len();
        t.fill(0);
        for (i, &a_i) in a.iter().enumerate() {
            let mut carry = 0u64;
            for (t_ij, &a_j) in t[2 * i + 1..].iter_mut().zip(&a[i + 1..]) {
                let x = u64::from(*t_ij) + u64::from(a_j) * u64::from(a_i) + carry;
                (*t_ij, carry) = (x as u32, x >> 32);
            }
            t[i + len] = carry as u32;
        }
        let mut top = 0u32;
        for t_k in t[..2 * len].iter_mut() {
            (*t_k, top) = (*t_k << 1 | top, *t_k >> 31);
        }
        let mut carry = 0u64;
        for (i, &a_i) in a.iter().enumerate() {
            let square = u64::from(a_i) * u64::from(a_i);
            let x = u64::from(t[2 * i]) + (square & 0xffff_ffff) + carry;
            t[2 * i] = x as u32;
            let x = u64::from(t[2 * i + 1]) + (square >> 32) + (x >> 32);
            (t[2 * i + 1], carry) = (x as u32, x >> 32);
        }
        self.reduce(t)
    }

    /// Montgomery reduction of t < n·R (2·len limbs and a zero top limb) to t·R^-1 mod n.
    fn reduce(&self, t: &mut [u32]) -> Vec<u32> {
        let (n, len) = (&self.n, self.n.len());
        // Row i's carry out of limb i+len belongs in limb i+len+1, the limb row i+1 ends on: it
        // waits in `overflow` (at most 1) instead of rippling upwards (that ripple cost ~40%).
        let mut overflow = 0u64;
        for i in 0..len {
            let m = u64::from(t[i].wrapping_mul(self.n_prime));
            let mut carry = 0u64;
            for (t_ij, &n_j) in t[i..i + len].iter_mut().zip(n) {
                let x = u64::from(*t_ij) + m * u64::from(n_j) + carry;
                (*t_ij, carry) = (x as u32, x >> 32);
            }
            let x = u64::from(t[i + len]) + carry + overflow;
            (t[i + len], overflow) = (x as u32, x >> 32);
        }
        t[2 * len] = overflow as u32;
        // Now t / R < 2n: one subtraction at most.
        let (low, high) = t[len..].split_at(len);
        if high.first() == Some(&0) && less_than(low, n) {
            return low.to_vec();
        }
        let mut borrow = 0i64;
        low.iter()
            .zip(n)
            .map(|(&t_j, &n_j)| {
                let x = i64::from(t_j) - i64::from(n_j) + borrow;
                borrow = x >> 32;
                x as u32
            })
            .collect()
    }
}

/// For the fuzzer's differential check against `BigUint::modpow` (only built under `cfg(fuzzing)`):
/// s^e mod n through [`RsaKey`], or None when `rsa` rejects n and e or s is not below n.
#[cfg(fuzzing)]
pub fn fuzz_modpow(n: &[u8], e: u32, s: &[u8]) -> Option<Vec<u8>> {
    let key = rsa::RsaPublicKey::new(BigUint::from_bytes_be(n), BigUint::from(e)).ok()?;
    let key = RsaKey::new(&key)?;
    let s = limbs(s, key.n.len()).filter(|s| less_than(s, &key.n))?;
    Some(to_bytes(&key.pow(&s), key.size))
}

/// -n0^-1 mod 2^32 by Newton's iteration (each step doubles the correct low bits); None for an
/// even n0, which has no inverse.
fn neg_inverse(n0: u32) -> Option<u32> {
    if n0 & 1 == 0 {
        return None;
    }
    let mut x = 1u32;
    for _ in 0..5 {
        x = x.wrapping_mul(2u32.wrapping_sub(n0.wrapping_mul(x)));
    }
    Some(x.wrapping_neg())
}

/// Big-endian bytes to `len` little-endian limbs (`len` 0: as many as needed); None if they do
/// not fit.
pub(crate) fn limbs(bytes: &[u8], len: usize) -> Option<Vec<u32>> {
    let mut limbs: Vec<u32> = bytes.rchunks(4).map(|c| c.iter().fold(0, |v, &b| v << 8 | u32::from(b))).collect();
    while limbs.len() > len && limbs.last() == Some(&0) {
        limbs.pop();
    }
    if len > 0 && limbs.len() > len {
        return None;
    }
    limbs.resize(len.max(limbs.len()), 0);
    Some(limbs)
}

/// Little-endian limbs to `size` big-endian bytes (the value is below n, so it fits).
pub(crate) fn to_bytes(limbs: &[u32], size: usize) -> Vec<u8> {
    let bytes: Vec<u8> = limbs.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
    bytes[bytes.len().saturating_sub(size)..].to_vec()
}

fn less_than(a: &[u32], b: &[u32]) -> bool {
    a.iter().rev().cmp(b.iter().rev()) == core::cmp::Ordering::Less
}

#[cfg(test)]
mod wycheproof;

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// xorshift64*: deterministic test values without a dependency.
    fn bytes(seed: &mut u64, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| {
                *seed ^= *seed >> 12;
                *seed ^= *seed << 25;
                *seed ^= *seed >> 27;
                (seed.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
            })
            .collect()
    }

    fn key(n: &[u8], e: u32) -> RsaKey {
        let key = rsa::RsaPublicKey::new(BigUint::from_bytes_be(n), BigUint::from(e)).unwrap();
        RsaKey::new(&key).unwrap()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn pow_matches_biguint_modpow() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for (bits, e) in [(2048, 65537), (2056, 3), (3072, 65537), (4096, 65537), (4096, (1 << 31) + 1)] {
            for round in 0..3 {
                let mut n = bytes(&mut seed, bits / 8);
                n[0] |= 0x80;
                *n.last_mut().unwrap() |= 1;
                let key = key(&n, e);
                let n_big = BigUint::from_bytes_be(&n);
                let s_big = match round {
                    0 => BigUint::from_bytes_be(&bytes(&mut seed, bits / 8)) % &n_big,
                    1 => &n_big - BigUint::from(1u32),
                    _ => BigUint::from(round as u32 - 2),
                };
                let s = limbs(&s_big.to_bytes_be(), key.n.len()).unwrap();
                let want = s_big.modpow(&BigUint::from(e), &n_big).to_bytes_be();
                let got = to_bytes(&key.pow(&s), key.size);
                assert_eq!(BigUint::from_bytes_be(&got).to_bytes_be(), want, "{bits} bits, round {round}");
            }
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn limbs_round_trip_and_refuse_overflow() {
        let be = [0x01, 0x02, 0x03, 0x04, 0x05];
        assert_eq!(limbs(&be, 0).unwrap(), vec![0x0203_0405, 0x01]);
        assert_eq!(to_bytes(&limbs(&be, 3).unwrap(), 5), be);
        assert_eq!(limbs(&[0, 0, 0, 0, 0, 0, 0, 7], 0).unwrap(), vec![7]);
        assert!(limbs(&be, 1).is_none());
        assert_eq!(neg_inverse(2), None);
        assert_eq!(neg_inverse(0xffff_ffff).map(|p| p.wrapping_mul(0xffff_ffff)), Some(u32::MAX));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn signatures_of_the_wrong_length_or_range_do_not_verify() {
        let mut seed = 7;
        let mut n = bytes(&mut seed, 256);
        n[0] |= 0x80;
        n[255] |= 1;
        let key = key(&n, 65537);
        for signature in [vec![], vec![0; 255], vec![0; 257], n.clone(), vec![0xff; 256]] {
            assert!(!key.verify(Algorithm::RS256, b"m", &signature), "{}", signature.len());
        }
        assert!(!key.verify(Algorithm::ES256, b"m", &[0; 256]));
    }
}
