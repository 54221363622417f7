//! `has()`: Clerk's `createCheckAuthorization` (`packages/shared/src/authorization.ts`). The
//! options are compiled once into a checker, a compact byte string that a check reads in place: JS
//! keeps each checker's bytes and copies them into wasm memory only when they are not there already
//! (js/core/has.js), so any number of live checkers costs no parsing per call. Every dimension
//! asked for must pass, nothing asked means false, and a wrongly typed parameter fails its
//! dimension instead of throwing.

use crate::abi::{self, param};
use crate::ecmascript::is_truthy;
use crate::json::{self, Js};
use crate::permissions::OrgPermissions;
use crate::scopes::{Scope, ScopedClaims, Wanted};

/// One `role`/`permission`/`feature`/`plan` parameter as JS passed it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Param<'a> {
    #[default]
    Absent,
    /// A string's UTF-8 bytes (compared as bytes: JS writes valid UTF-8, and the checker's own
    /// strings are, so bytes that are not can match nothing).
    Text(&'a [u8]),
    WrongType,
}

/// The `reverification` parameter: a preset name or `{ level, afterMinutes }`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Reverification<'a> {
    #[default]
    Absent,
    Preset(&'a [u8]),
    /// `level` is `None` when it is not a string; `after_minutes` is NaN when not a number.
    Custom {
        level: Option<&'a [u8]>,
        after_minutes: f64,
    },
    WrongType,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CheckParams<'a> {
    pub role: Param<'a>,
    pub permission: Param<'a>,
    pub feature: Param<'a>,
    pub plan: Param<'a>,
    pub reverification: Reverification<'a>,
}

impl<'a> CheckParams<'a> {
    /// The parameters as js/core/has.js encodes them: `tags` holds one [`abi::param`] tag per
    /// parameter ([`abi::PARAMS`] order, [`abi::PARAM_BITS`] each), `lens` each one's UTF-8 length,
    /// and `texts` those texts back to back. A text out of bounds is a wrong type.
    pub fn decode(tags: u32, lens: [usize; 5], texts: &'a [u8], after_minutes: f64) -> Self {
        let tag = |index: usize| tags >> (abi::PARAM_BITS * index as u32) & ((1 << abi::PARAM_BITS) - 1);
        let [role_len, permission_len, feature_len, plan_len, level_len] = lens;
        let mut texts = Texts { bytes: texts, at: 0 };
        let mut param = |index: usize, len: usize| match tag(index) {
            param::ABSENT => Param::Absent,
            param::TEXT => texts.next(len).map_or(Param::WrongType, Param::Text),
            _ => Param::WrongType,
        };
        let (role, permission) = (param(0, role_len), param(1, permission_len));
        let (feature, plan) = (param(2, feature_len), param(3, plan_len));
        let reverification = match tag(4) {
            param::ABSENT => Reverification::Absent,
            param::TEXT => texts.next(level_len).map_or(Reverification::WrongType, Reverification::Preset),
            param::CUSTOM => Reverification::Custom { level: texts.next(level_len), after_minutes },
            param::CUSTOM_WITHOUT_LEVEL => Reverification::Custom { level: None, after_minutes },
            _ => Reverification::WrongType,
        };
        CheckParams { role, permission, feature, plan, reverification }
    }
}

/// The parameters' texts, read in order.
struct Texts<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Texts<'a> {
    fn next(&mut self, len: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(len)?;
        let text = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(text)
    }
}

/// A compiled `createCheckAuthorization(options)`: the bytes [`Checker`] reads.
///
/// Layout: flags; four little-endian u32 offsets (where the permissions, the features and the
/// plans start, and where the checker ends), so a check reads only what it asks about; the two
/// factor ages as little-endian f64 (if [`AGES`]); the role with its `org:` prefixes removed (if
/// [`ROLE`]); the permissions; the features and the plans (each entry a [`Scope`] byte and its
/// value). Strings are a LEB128 length and UTF-8 bytes.
///
/// The permissions are a list (each after its one `org:` prefix: entries without it can never
/// match), or with [`GRANTS`] the grants of v2 claims as src/permissions.rs decodes them (from the
/// [`abi::CHECK_GRANTS`] option), never expanded: a u32 count of names, a u32 offset (from the part's start) of the features, a u32
/// offset per name, the names, then each feature with a LEB128 count and the LEB128 indices of
/// the names it grants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckAuthorization(Vec<u8>);

const USER: u8 = 1;
const ORG: u8 = 2;
const ROLE: u8 = 4;
const AGES: u8 = 8;
const GRANTS: u8 = 16;
/// The flags byte and the four offsets.
const HEADER: usize = 17;

/// The options `from_options` reads, in the order it reads them.
const OPTIONS: [&str; 8] = [
    abi::USER_ID.name,
    abi::ORG_ID.name,
    abi::ORG_ROLE.name,
    abi::ORG_PERMISSIONS.name,
    abi::FACTOR_VERIFICATION_AGE.name,
    abi::CHECK_FEATURES,
    abi::CHECK_PLANS,
    abi::CHECK_GRANTS,
];

impl CheckAuthorization {
    /// From the options object `createCheckAuthorization` takes, as JSON text: `userId`, `orgId`,
    /// `orgRole`, `orgPermissions`, `factorVerificationAge`, `features`, `plans` (and from JS,
    /// [`abi::CHECK_GRANTS`] in place of `orgPermissions`). `None` unless the text is a JSON object.
    pub fn from_options(options_json: &str) -> Option<Self> {
        let [user, org, role, permissions, ages, features, plans, grants] = json::pick(options_json, OPTIONS)?;
        let grants = grants.filter(|grants| grants.starts_with('{'));
        let role = match Js::of(role) {
            Js::String(role) if !role.is_empty() => Some(role),
            _ => None,
        };
        let role = role.as_deref().map(|role| strip_org(role.as_bytes()));
        let ages = factor_ages(Js::of(ages));
        let flag = |set: bool, flag: u8| if set { flag } else { 0 };
        let flags = flag(is_truthy(&Js::of(user)), USER)
            | flag(is_truthy(&Js::of(org)), ORG)
            | flag(role.is_some(), ROLE)
            | flag(ages.is_some(), AGES)
            | flag(grants.is_some(), GRANTS);
        let mut bytes = vec![flags];
        bytes.resize(HEADER, 0);
        if let Some(ages) = ages {
            for age in ages {
                bytes.extend(age.to_le_bytes());
            }
        }
        if let Some(role) = role {
            put_str(&mut bytes, role);
        }
        let mut offsets = [bytes.len(); 4];
        if let Some(o) = grants {
            put_grants(&mut bytes, features, o);
        } else if let Js::Array(permissions) = Js::of(permissions) {
            json::items(permissions, |permission| {
                if let Some(Js::String(permission)) = json::js(permission) {
                    if let Some(permission) = permission.strip_prefix("org:") {
                        put_str(&mut bytes, permission.as_bytes());
                    }
                }
            });
        }
        for (claim, offset) in [features, plans].into_iter().zip(&mut offsets[1..]) {
            *offset = bytes.len();
            // A malformed claim grants nothing, as Clerk's parser throws and `has()` answers false.
            let Js::String(text) = Js::of(claim) else { continue };
            let Ok(claims) = ScopedClaims::parse(&text) else { continue };
            for (scope, value) in claims.entries() {
                bytes.push(scope.bits());
                put_str(&mut bytes, value.as_bytes());
            }
        }
        offsets[3] = bytes.len();
        for (i, offset) in offsets.into_iter().enumerate() {
            if let Some(slot) = bytes.get_mut(1 + 4 * i..5 + 4 * i) {
                slot.copy_from_slice(&(offset as u32).to_le_bytes());
            }
        }
        Some(CheckAuthorization(bytes))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    pub fn has(&self, params: &CheckParams<'_>) -> bool {
        Checker::read(&self.0).is_some_and(|checker| checker.has(params))
    }
}

fn put_str(out: &mut Vec<u8>, text: &[u8]) {
    put_varint(out, text.len());
    out.extend_from_slice(text);
}

fn put_varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_u32(out: &mut Vec<u8>, at: usize, n: usize) {
    if let Some(slot) = out.get_mut(at..at + 4) {
        slot.copy_from_slice(&(n as u32).to_le_bytes());
    }
}

/// The grants of v2 claims (`o.per` × `o.fpm` over `features`' organization entries, decoded as
/// for the auth object: src/permissions.rs) in the layout [`CheckAuthorization`] describes. A
/// malformed claim grants nothing, as Clerk's parser throws and `has()` answers false.
fn put_grants(out: &mut Vec<u8>, features: Option<&str>, o: &str) {
    let [per, fpm] = json::pick(o, abi::V2_DECODED).unwrap_or_default();
    // As the auth object's decoder: an empty `o.per` or `o.fpm` grants nothing.
    let (Js::String(features), Js::String(per), Js::String(fpm)) = (Js::of(features), Js::of(per), Js::of(fpm)) else {
        return put_grants_of(out, &OrgPermissions::default());
    };
    if per.is_empty() || fpm.is_empty() {
        return put_grants_of(out, &OrgPermissions::default());
    }
    let Ok(features) = ScopedClaims::parse(&features) else { return put_grants_of(out, &OrgPermissions::default()) };
    let permissions = OrgPermissions::decode(features.org(), &per, &fpm).unwrap_or_default();
    put_grants_of(out, &permissions);
}

fn put_grants_of(out: &mut Vec<u8>, permissions: &OrgPermissions<'_>) {
    let start = out.len();
    out.extend_from_slice(&(permissions.names.len() as u32).to_le_bytes());
    out.resize(out.len() + 4 + 4 * permissions.names.len(), 0);
    for (i, name) in permissions.names.iter().enumerate() {
        put_u32(out, start + 8 + 4 * i, out.len() - start);
        put_str(out, name.as_bytes());
    }
    put_u32(out, start + 4, out.len() - start);
    for (feature, granted) in permissions.features() {
        put_str(out, feature.as_bytes());
        put_varint(out, granted.len());
        for &index in granted {
            put_varint(out, index as usize);
        }
    }
}

/// Reads strings off a part of a checker; every read is bounds-checked, so any bytes give an answer.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&byte, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(byte)
    }

    fn varint(&mut self) -> Option<usize> {
        let mut n = usize::from(self.byte()?);
        if n >= 0x80 {
            n &= 0x7f;
            for shift in (7..35).step_by(7) {
                let byte = self.byte()?;
                n |= usize::from(byte & 0x7f).checked_shl(shift)?;
                if byte & 0x80 == 0 {
                    break;
                }
            }
        }
        Some(n)
    }

    fn str(&mut self) -> Option<&'a [u8]> {
        let len = self.varint()?;
        let (text, rest) = (self.0.get(..len)?, self.0.get(len..)?);
        self.0 = rest;
        Some(text)
    }

    fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
        Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize)
    }
}

/// Whether grants (the [`GRANTS`] layout of `part`) hold `wanted`, a permission after its `org:`
/// prefixes: some feature's granted name with `wanted == feature ":" name`. Reads each feature
/// and its indices once, as a list's check reads each entry.
fn grants_hold(part: &[u8], wanted: &[u8]) -> Option<bool> {
    let count = Reader::u32_at(part, 0)?;
    let name = |index: usize| {
        let offset = Reader::u32_at(part, 8 + 4 * index).filter(|_| index < count)?;
        Reader(part.get(offset..)?).str()
    };
    let mut features = Reader(part.get(Reader::u32_at(part, 4)?..)?);
    while let Some(feature) = features.str() {
        let granted = features.varint()?;
        let rest = wanted.strip_prefix(feature).and_then(|rest| rest.strip_prefix(b":"));
        for _ in 0..granted {
            let index = features.varint()?;
            if rest.is_some() && name(index) == rest {
                return Some(true);
            }
        }
    }
    Some(false)
}

/// A compiled checker, read in place (from wasm memory, where JS put its bytes).
pub struct Checker<'a> {
    bytes: &'a [u8],
    flags: u8,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    NotAsked,
    Pass,
    Fail,
}

impl From<bool> for Verdict {
    fn from(pass: bool) -> Self {
        if pass {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }
}

impl<'a> Checker<'a> {
    /// The checker whose bytes start `bytes` (which may go on beyond it), or `None` if they cannot
    /// be one. Its parts are found when a check reads them: a part out of bounds reads as empty.
    pub fn read(bytes: &'a [u8]) -> Option<Self> {
        let flags = *bytes.get(..HEADER)?.first()?;
        Some(Checker { bytes, flags })
    }

    /// Part `i` (0: the role, 1: the permissions, 2: the features, 3: the plans).
    fn part(&self, i: usize) -> Reader<'a> {
        let offset = |i: usize| -> Option<usize> {
            let word = self.bytes.get(1 + 4 * i..5 + 4 * i)?;
            Some(u32::from_le_bytes(word.try_into().ok()?) as usize)
        };
        let start = if i == 0 { Some(HEADER + if self.flags & AGES != 0 { 16 } else { 0 }) } else { offset(i - 1) };
        let part = start.zip(offset(i)).and_then(|(start, end)| self.bytes.get(start..end));
        Reader(part.unwrap_or_default())
    }

    pub fn has(&self, params: &CheckParams<'_>) -> bool {
        if self.flags & USER == 0 {
            return false;
        }
        // AND over the dimensions asked for; nothing asked is false. The checks are pure, so the
        // first failure can end it.
        let mut granted = false;
        for check in [Self::check_org, Self::check_billing, Self::check_reverification] {
            match check(self, params) {
                Verdict::Fail => return false,
                Verdict::Pass => granted = true,
                Verdict::NotAsked => {}
            }
        }
        granted
    }

    fn check_org(&self, p: &CheckParams<'_>) -> Verdict {
        if matches!((p.role, p.permission), (Param::Absent, Param::Absent)) {
            return Verdict::NotAsked;
        }
        if self.flags & ORG == 0 {
            return Verdict::Fail;
        }
        let role_ok = match p.role {
            Param::Absent => true,
            Param::Text(role) => self.flags & ROLE != 0 && self.part(0).str() == Some(strip_org(role)),
            Param::WrongType => false,
        };
        let permission_ok = match p.permission {
            Param::Absent => true,
            Param::Text(permission) => {
                let (wanted, mut permissions) = (strip_org(permission), self.part(1));
                if self.flags & GRANTS != 0 {
                    grants_hold(permissions.0, wanted) == Some(true)
                } else {
                    std::iter::from_fn(|| permissions.str()).any(|p| p == wanted)
                }
            }
            Param::WrongType => false,
        };
        Verdict::from(role_ok && permission_ok)
    }

    fn check_billing(&self, p: &CheckParams<'_>) -> Verdict {
        if matches!((p.feature, p.plan), (Param::Absent, Param::Absent)) {
            return Verdict::NotAsked;
        }
        let granted = |param: Param<'_>, part: usize| match param {
            Param::Absent => true,
            Param::Text(wanted) => {
                let (wanted, mut entries) = (Wanted::parse(wanted), self.part(part));
                while let (Some(scope), Some(value)) = (entries.byte(), entries.str()) {
                    if wanted.granted_by(Scope::from_bits(scope), value) {
                        return true;
                    }
                }
                false
            }
            Param::WrongType => false,
        };
        Verdict::from(granted(p.feature, 2) && granted(p.plan, 3))
    }

    fn check_reverification(&self, p: &CheckParams<'_>) -> Verdict {
        if matches!(p.reverification, Reverification::Absent) {
            return Verdict::NotAsked;
        }
        let age = |i: usize| {
            let bytes = self.bytes.get(HEADER + 8 * i..HEADER + 8 * i + 8)?;
            Some(f64::from_le_bytes(bytes.try_into().ok()?))
        };
        let ages = if self.flags & AGES != 0 { age(0).zip(age(1)) } else { None };
        let (Some((first, second)), Some((level, after))) = (ages, requirement(p.reverification)) else {
            return Verdict::Fail;
        };
        let fresh = |age: f64| age != -1.0 && after > age;
        Verdict::from(match level {
            _ if first == -1.0 && second == -1.0 => false,
            Level::FirstFactor => fresh(first),
            // Without a second factor enabled, the first one stands in for it.
            Level::SecondFactor if second == -1.0 => fresh(first),
            Level::SecondFactor => fresh(second),
            Level::MultiFactor if second == -1.0 => fresh(first),
            Level::MultiFactor => first != -1.0 && fresh(first) && fresh(second),
        })
    }
}

// Clerk's level names, `first_factor` and so on.
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    FirstFactor,
    SecondFactor,
    MultiFactor,
}

/// `org:admin`, `org:org:admin` and `admin` all name the same role.
fn strip_org(mut value: &[u8]) -> &[u8] {
    while let Some(rest) = value.strip_prefix(b"org:") {
        value = rest;
    }
    value
}

/// `[firstFactorAgeMinutes, secondFactorAgeMinutes]`, each finite and `-1` (not enabled) or >= 0.
fn factor_ages(value: Js<'_>) -> Option<[f64; 2]> {
    let Js::Array(text) = value else { return None };
    let (mut ages, mut count) = ([f64::NAN; 2], 0);
    json::items(text, |item| {
        if let (Some(age), Some(Js::Number(n))) = (ages.get_mut(count), json::js(item)) {
            *age = n;
        }
        count += 1;
    })?;
    let valid = |a: f64| a.is_finite() && (a == -1.0 || a >= 0.0);
    (count == 2 && ages.iter().all(|&a| valid(a))).then_some(ages)
}

fn requirement(r: Reverification<'_>) -> Option<(Level, f64)> {
    fn text(bytes: &[u8]) -> Option<&str> {
        std::str::from_utf8(bytes).ok()
    }
    match r {
        Reverification::Preset(preset) => match text(preset)? {
            "strict_mfa" => Some((Level::MultiFactor, 10.0)),
            "strict" => Some((Level::SecondFactor, 10.0)),
            "moderate" => Some((Level::SecondFactor, 60.0)),
            "lax" => Some((Level::SecondFactor, 1440.0)),
            _ => None,
        },
        Reverification::Custom { level: Some(level), after_minutes } if after_minutes > 0.0 => {
            let level = match text(level)? {
                "first_factor" => Level::FirstFactor,
                "second_factor" => Level::SecondFactor,
                "multi_factor" => Level::MultiFactor,
                _ => return None,
            };
            Some((level, after_minutes))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
