//! Organization permissions in v2 session tokens: `o.per` names the permissions, `o.fpm` holds one
//! decimal bit mask per organization feature (in `fea` order), least significant bit = first
//! permission. Masks are arbitrary-precision decimals; only the low `per.len()` bits matter, so
//! the value is reduced modulo 2^width as it is read, which keeps it exact at any length.
//!
//! Decoding costs time and memory linear in the claims, whatever their shape:
//! - The grants are kept as indices into the names ([`OrgPermissions`]), never as the
//!   `org:<feature>:<permission>` strings: one long name granted by every one of thousands of
//!   features would be thousands of copies (a 230 KB token once asked the wasm for 2 GiB). Whoever
//!   needs the strings builds them from the indices, as cheaply as Clerk builds its own (JS:
//!   `expandGrants` in js/core/abi.js; has() checks the indices in place, authorization.rs).
//! - Only set bits are visited, so a feature costs its mask's digits and grants, not a pass over
//!   every permission name.
//! - A mask has at most [`MAX_MASK_DIGITS`] significant digits, so reading one (schoolbook
//!   decimal to binary) costs a bounded amount per digit.

use crate::ecmascript::{split, trim};

/// The longest mask read, in significant digits: 13,606 permissions' worth, far beyond what fits
/// in a session token a browser keeps in a cookie. A longer one is malformed (`claims-invalid`).
pub const MAX_MASK_DIGITS: usize = 4096;

/// A mask longer than [`MAX_MASK_DIGITS`].
#[derive(Debug, PartialEq, Eq)]
pub struct MaskTooLong;

/// The organization permissions v2 claims grant: the permission names of `o.per` (trimmed, in
/// order), and for each organization feature with a mask the names its mask grants, as ascending
/// indices into the names.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct OrgPermissions<'a> {
    pub names: Vec<&'a str>,
    /// Each feature with the end of its indices in `granted` (they start where the previous
    /// feature's end).
    features: Vec<(&'a str, usize)>,
    granted: Vec<u32>,
}

impl<'a> OrgPermissions<'a> {
    /// Decodes `o.per` and `o.fpm` for the organization's features (`fea` entries scoped `o`).
    /// A mask that is not a plain decimal grants nothing; features without a mask are skipped,
    /// extra masks ignored, as in Clerk's `buildOrgPermissions`.
    pub fn decode(
        org_features: impl Iterator<Item = &'a str>,
        per: &'a str,
        fpm: &str,
    ) -> Result<OrgPermissions<'a>, MaskTooLong> {
        let names: Vec<&str> = split(per, b',').map(trim).collect();
        let mut decoded = OrgPermissions { names, ..OrgPermissions::default() };
        for (feature, mask) in org_features.zip(split(fpm, b',')) {
            set_bits(trim(mask), decoded.names.len(), &mut decoded.granted)?;
            decoded.features.push((feature, decoded.granted.len()));
        }
        Ok(decoded)
    }

    /// Each feature and the indices of the names it grants, in claim order.
    pub fn features(&self) -> impl Iterator<Item = (&'a str, &[u32])> + '_ {
        let mut start = 0;
        self.features.iter().map(move |&(feature, end)| {
            let granted = self.granted.get(start..end).unwrap_or_default();
            start = end;
            (feature, granted)
        })
    }
}

/// Appends to `out` the index of every set bit below `width` of `decimal mod 2^width`, ascending.
/// Nothing unless `decimal` is `\d+`.
fn set_bits(decimal: &str, width: usize, out: &mut Vec<u32>) -> Result<(), MaskTooLong> {
    if decimal.is_empty() || !decimal.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(());
    }
    let digits = decimal.trim_start_matches('0').as_bytes();
    if digits.len() > MAX_MASK_DIGITS {
        return Err(MaskTooLong);
    }
    if width <= 64 {
        // Wrapping u64 arithmetic is arithmetic mod 2^64.
        let word = digits.iter().fold(0u64, |n, d| n.wrapping_mul(10).wrapping_add(u64::from(d - b'0')));
        push_set_bits(if width == 64 { word } else { word & ((1 << width) - 1) }, 0, out);
        return Ok(());
    }
    // As 32-bit limbs, no more than the value needs (10^digits < 2^(digits * 3.322 + 1)) nor the
    // width keeps; nine digits at a time: limbs = limbs * 10^len + chunk. Limbs above the ones in
    // use are still zero, so each step multiplies only those; a carry out of the top limb is a
    // multiple of 2^width, which the modulus drops.
    let needed = (digits.len() * 3322 / 1000 + 1).div_ceil(32);
    let mut limbs = vec![0u32; needed.min(width.div_ceil(32))];
    let mut used = 0;
    for chunk in digits.chunks(9) {
        let scale = 10u64.pow(chunk.len() as u32);
        let mut carry = chunk.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
        for limb in limbs.iter_mut().take(used + 1) {
            let v = u64::from(*limb) * scale + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        used = (used + 1).min(limbs.len());
        while used > 0 && limbs.get(used - 1) == Some(&0) {
            used -= 1;
        }
    }
    for (i, &limb) in limbs.iter().enumerate() {
        push_set_bits(u64::from(limb), i * 32, out);
    }
    // Bits of the top limb at or beyond `width` are not permissions.
    while out.last().is_some_and(|&bit| bit as usize >= width) {
        out.pop();
    }
    Ok(())
}

/// Appends `base + i` for every bit `i` set in `word`, ascending.
fn push_set_bits(mut word: u64, base: usize, out: &mut Vec<u32>) {
    while word != 0 {
        out.push((base + word.trailing_zeros() as usize) as u32);
        word &= word - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The `org:<feature>:<permission>` strings Clerk lists, in its order.
    fn org_permissions<'a>(features: impl Iterator<Item = &'a str>, per: &'a str, fpm: &str) -> Vec<String> {
        let decoded = OrgPermissions::decode(features, per, fpm).unwrap();
        let name = |i: &u32| decoded.names[*i as usize];
        decoded
            .features()
            .flat_map(|(feature, granted)| granted.iter().map(move |i| format!("org:{feature}:{}", name(i))))
            .collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn decodes_each_feature_mask() {
        let got = org_permissions(["memberships", "billing"].into_iter(), "read, manage", "3, 2");
        assert_eq!(got, ["org:memberships:read", "org:memberships:manage", "org:billing:manage"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn malformed_or_missing_masks_grant_nothing() {
        let f = ["a", "b", "c", "d"];
        assert_eq!(org_permissions(f.into_iter(), "x,y", "-1,1.5,,0x1"), Vec::<String>::new());
        assert_eq!(org_permissions(f.into_iter(), "x,y", "2"), ["org:a:y"]);
        assert_eq!(org_permissions(f[..1].iter().copied(), "x", "1,1,1"), ["org:a:x"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn masks_beyond_2_pow_64_are_exact() {
        // 2^70 + 2^64 + 1
        let names: Vec<String> = (0..72).map(|i| format!("p{i}")).collect();
        let per = names.join(",");
        let got = org_permissions(["f"].into_iter(), &per, "1199038364791120855041");
        assert_eq!(got, ["org:f:p0", "org:f:p64", "org:f:p70"]);
    }

    fn bits(decimal: &str, width: usize) -> Vec<u32> {
        let mut out = Vec::new();
        set_bits(decimal, width, &mut out).unwrap();
        out
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn bits_above_the_permission_count_are_ignored() {
        assert_eq!(bits("123456789012345678901234567890", 3), [1]);
        assert_eq!(
            bits("123456789012345678901234567890", 70),
            [
                1, 4, 6, 7, 9, 11, 16, 17, 18, 19, 20, 21, 25, 26, 27, 30, 33, 34, 35, 37, 38, 39, 45, 46, 47, 48, 49,
                52, 53, 54, 56, 57, 62, 63, 65, 66, 68, 69
            ]
        );
        assert_eq!(bits("0000", 40), [] as [u32; 0]);
        assert_eq!(bits("", 4), [] as [u32; 0]);
        assert_eq!(bits("١", 4), [] as [u32; 0], "only ASCII digits, as JS /\\d/");
    }

    /// The limbs in use grow with the digits read: a mask much shorter than the width, and one
    /// whose top limb carries past the width, both come out exact.
    #[wasm_bindgen_test(unsupported = test)]
    fn short_and_wrapping_masks_over_wide_widths() {
        assert_eq!(bits("5", 1000), [0, 2]);
        assert_eq!(bits("0004294967296", 1000), [32], "2^32, leading zeros skipped");
        // 2^100 - 1 (31 digits) over 99 bits: 99 ones, the top bit dropped.
        let ones = bits("1267650600228229401496703205375", 99);
        assert_eq!(ones, (0..99).collect::<Vec<u32>>());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn masks_longer_than_the_limit_are_refused() {
        let long = "9".repeat(MAX_MASK_DIGITS + 1);
        assert_eq!(set_bits(&long, 100, &mut Vec::new()), Err(MaskTooLong));
        let padded = format!("{}{}", "0".repeat(10_000), "7");
        assert_eq!(bits(&padded, 100), [0, 1, 2], "leading zeros are not significant digits");
        assert!(set_bits(&"9".repeat(MAX_MASK_DIGITS), 100_000, &mut Vec::new()).is_ok());
    }

    /// A long name granted by many features is one name and one index per feature, not a copy of
    /// the name per feature.
    #[wasm_bindgen_test(unsupported = test)]
    fn grants_hold_indices_not_copies() {
        let name = "n".repeat(100_000);
        let features = vec!["f"; 10_000];
        let fpm = vec!["1"; 10_000].join(",");
        let decoded = OrgPermissions::decode(features.into_iter(), &name, &fpm).unwrap();
        assert_eq!(decoded.names.len(), 1);
        assert_eq!(decoded.granted.len(), 10_000);
        assert!(decoded.features().all(|(_, granted)| granted == [0]));
    }
}
