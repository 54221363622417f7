//! Organization permissions in v2 session tokens: `o.per` names the permissions, `o.fpm` holds one
//! decimal bit mask per organization feature (in `fea` order), least significant bit = first
//! permission. Masks are arbitrary-precision decimals; only the low `per.len()` bits matter, so
//! the value is reduced modulo 2^width as it is read, which keeps it exact at any length.

use crate::ecmascript::{split, trim};

/// `grant(feature, permission)`, in order, for every bit set in each feature's mask: the
/// permission `org:<feature>:<permission>`. A mask that is not a plain decimal grants nothing;
/// features without a mask are skipped, extra masks ignored.
pub fn org_permissions<'a, 'p>(
    org_features: impl Iterator<Item = &'a str>,
    per: &'p str,
    fpm: &str,
    mut grant: impl FnMut(&'a str, &'p str),
) {
    let names: Vec<&str> = split(per, b',').map(trim).collect();
    for (feature, mask) in org_features.zip(split(fpm, b',')) {
        let Some(bits) = low_bits(trim(mask), names.len()) else { continue };
        for (i, name) in names.iter().enumerate() {
            if bits.get(i) {
                grant(feature, name);
            }
        }
    }
}

/// The low bits of a mask: in one word for up to 64 permissions, else as 32-bit limbs.
enum Bits {
    Word(u64),
    Limbs(Vec<u32>),
}

impl Bits {
    fn get(&self, i: usize) -> bool {
        match self {
            Bits::Word(word) => i < 64 && word >> i & 1 == 1,
            Bits::Limbs(limbs) => limbs.get(i / 32).is_some_and(|limb| limb >> (i % 32) & 1 == 1),
        }
    }
}

/// `decimal mod 2^width`, or `None` unless `decimal` is `\d+`.
fn low_bits(decimal: &str, width: usize) -> Option<Bits> {
    if decimal.is_empty() || !decimal.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if width <= 64 {
        // Wrapping u64 arithmetic is arithmetic mod 2^64.
        let word = decimal.bytes().fold(0u64, |n, d| n.wrapping_mul(10).wrapping_add(u64::from(d - b'0')));
        return Some(Bits::Word(if width == 64 { word } else { word & ((1 << width) - 1) }));
    }
    let mut limbs = vec![0u32; width.div_ceil(32)];
    // Nine digits at a time: limbs = limbs * 10^len + chunk; carries past the top limb are the
    // multiples of 2^width that the modulus drops.
    for chunk in decimal.as_bytes().chunks(9) {
        let scale = 10u64.pow(chunk.len() as u32);
        let mut carry = chunk.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
        for limb in &mut limbs {
            let v = u64::from(*limb) * scale + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
    }
    if let (Some(top), 1..=31) = (limbs.last_mut(), width % 32) {
        *top &= (1 << (width % 32)) - 1;
    }
    Some(Bits::Limbs(limbs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn org_permissions<'a>(features: impl Iterator<Item = &'a str>, per: &str, fpm: &str) -> Vec<String> {
        let mut granted = Vec::new();
        super::org_permissions(features, per, fpm, |feature, name| granted.push(format!("org:{feature}:{name}")));
        granted
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

    #[wasm_bindgen_test(unsupported = test)]
    fn bits_above_the_permission_count_are_ignored() {
        let set = |decimal: &str, width: usize| {
            low_bits(decimal, width).map(|bits| (0..width + 8).filter(|&i| bits.get(i)).collect::<Vec<_>>())
        };
        assert_eq!(set("123456789012345678901234567890", 3), Some(vec![1]));
        assert_eq!(
            set("123456789012345678901234567890", 70),
            Some(vec![
                1, 4, 6, 7, 9, 11, 16, 17, 18, 19, 20, 21, 25, 26, 27, 30, 33, 34, 35, 37, 38, 39, 45, 46, 47, 48, 49,
                52, 53, 54, 56, 57, 62, 63, 65, 66, 68, 69
            ])
        );
        assert_eq!(set("0000", 40), Some(vec![]));
        assert_eq!(set("", 4), None);
        assert_eq!(set("١", 4), None, "only ASCII digits, as JS /\\d/");
    }
}
