//! `has()`: Clerk's `createCheckAuthorization`. The options are parsed once, when the checker is
//! made; each check is then a few comparisons. Every dimension asked for must pass, nothing asked
//! means false, and a wrongly typed parameter fails its dimension instead of throwing.

use serde_json::{Map, Value};

use crate::claims::AuthObject;
use crate::ecmascript::is_truthy;
use crate::scopes::ScopedClaims;

/// One `role`/`permission`/`feature`/`plan` parameter as JS passed it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Param<'a> {
    #[default]
    Absent,
    Text(&'a str),
    WrongType,
}

/// The `reverification` parameter: a preset name or `{ level, afterMinutes }`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Reverification<'a> {
    #[default]
    Absent,
    Preset(&'a str),
    /// `level` is `None` when it is not a string; `after_minutes` is NaN when not a number.
    Custom {
        level: Option<&'a str>,
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
    /// Reads params from JSON, where `null` is a wrong type and a missing key is not asked.
    pub fn from_json(params: &'a Value) -> Self {
        let Some(p) = params.as_object() else { return CheckParams::default() };
        let param = |name: &str| match p.get(name) {
            None => Param::Absent,
            Some(Value::String(s)) => Param::Text(s),
            Some(_) => Param::WrongType,
        };
        let reverification = match p.get("reverification") {
            None => Reverification::Absent,
            Some(Value::String(s)) => Reverification::Preset(s),
            Some(Value::Object(c)) => Reverification::Custom {
                level: c.get("level").and_then(Value::as_str),
                after_minutes: c.get("afterMinutes").and_then(Value::as_f64).unwrap_or(f64::NAN),
            },
            Some(Value::Array(_)) => Reverification::Custom { level: None, after_minutes: f64::NAN },
            Some(_) => Reverification::WrongType,
        };
        CheckParams {
            role: param("role"),
            permission: param("permission"),
            feature: param("feature"),
            plan: param("plan"),
            reverification,
        }
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Skip,
    Pass,
    Fail,
}

impl From<bool> for Outcome {
    fn from(pass: bool) -> Self {
        if pass {
            Outcome::Pass
        } else {
            Outcome::Fail
        }
    }
}

/// A parsed `createCheckAuthorization(options)`. `None` fields are absent or unusable options:
/// any check that needs them fails.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckAuthorization {
    has_user: bool,
    has_org: bool,
    /// The role with its `org:` prefixes removed, for comparison.
    org_role: Option<String>,
    org_permissions: Option<Vec<String>>,
    features: Option<ScopedClaims>,
    plans: Option<ScopedClaims>,
    factor_ages: Option<[f64; 2]>,
}

impl CheckAuthorization {
    /// From the options object `createCheckAuthorization` takes: `userId`, `orgId`, `orgRole`,
    /// `orgPermissions`, `factorVerificationAge`, `features`, `plans`.
    pub fn from_options(options: &Map<String, Value>) -> Self {
        let get = |name: &str| options.get(name).unwrap_or(&Value::Null);
        Self::from_parts(Parts {
            user_id: get("userId"),
            org_id: get("orgId"),
            org_role: get("orgRole"),
            org_permissions: get("orgPermissions"),
            factor_verification_age: get("factorVerificationAge"),
            features: get("features"),
            plans: get("plans"),
        })
    }

    /// For a signed-in session: the auth object plus `fea`/`pla` from its claims, as Clerk's
    /// hooks and `authenticateRequest` build it.
    pub fn from_auth_object(auth: &AuthObject, claims: &Map<String, Value>) -> Self {
        Self::from_parts(Parts {
            user_id: &auth.user_id,
            org_id: &auth.org_id,
            org_role: &auth.org_role,
            org_permissions: &auth.org_permissions,
            factor_verification_age: &auth.factor_verification_age,
            features: claims.get("fea").unwrap_or(&Value::Null),
            plans: claims.get("pla").unwrap_or(&Value::Null),
        })
    }

    fn from_parts(p: Parts<'_>) -> Self {
        let scoped = |v: &Value| v.as_str().filter(|s| !s.is_empty()).and_then(|s| ScopedClaims::parse(s).ok());
        CheckAuthorization {
            has_user: is_truthy(p.user_id),
            has_org: is_truthy(p.org_id),
            org_role: p.org_role.as_str().filter(|r| !r.is_empty()).map(|r| strip_org(r).into()),
            org_permissions: p
                .org_permissions
                .as_array()
                .map(|list| list.iter().filter_map(Value::as_str).map(String::from).collect()),
            features: scoped(p.features),
            plans: scoped(p.plans),
            factor_ages: factor_ages(p.factor_verification_age),
        }
    }

    pub fn has(&self, params: &CheckParams<'_>) -> bool {
        if !self.has_user {
            return false;
        }
        // AND over the dimensions asked for; nothing asked is false. The checks are pure, so the
        // first failure can end it.
        let mut granted = false;
        for check in [Self::check_org, Self::check_billing, Self::check_reverification] {
            match check(self, params) {
                Outcome::Fail => return false,
                Outcome::Pass => granted = true,
                Outcome::Skip => {}
            }
        }
        granted
    }

    fn check_org(&self, p: &CheckParams<'_>) -> Outcome {
        if matches!((p.role, p.permission), (Param::Absent, Param::Absent)) {
            return Outcome::Skip;
        }
        if !self.has_org {
            return Outcome::Fail;
        }
        let role_ok = match p.role {
            Param::Absent => true,
            Param::Text(role) => self.org_role.as_deref() == Some(strip_org(role)),
            Param::WrongType => false,
        };
        let permission_ok = match p.permission {
            Param::Absent => true,
            Param::Text(permission) => {
                let wanted = strip_org(permission);
                self.org_permissions.iter().flatten().any(|p| p.strip_prefix("org:") == Some(wanted))
            }
            Param::WrongType => false,
        };
        Outcome::from(role_ok && permission_ok)
    }

    fn check_billing(&self, p: &CheckParams<'_>) -> Outcome {
        if matches!((p.feature, p.plan), (Param::Absent, Param::Absent)) {
            return Outcome::Skip;
        }
        let granted = |param: Param<'_>, claim: &Option<ScopedClaims>| match param {
            Param::Absent => true,
            Param::Text(wanted) => claim.as_ref().is_some_and(|c| c.grants(wanted)),
            Param::WrongType => false,
        };
        Outcome::from(granted(p.feature, &self.features) && granted(p.plan, &self.plans))
    }

    fn check_reverification(&self, p: &CheckParams<'_>) -> Outcome {
        if matches!(p.reverification, Reverification::Absent) {
            return Outcome::Skip;
        }
        let (Some([first, second]), Some((level, after))) = (self.factor_ages, requirement(p.reverification)) else {
            return Outcome::Fail;
        };
        let fresh = |age: f64| age != -1.0 && after > age;
        Outcome::from(match level {
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

struct Parts<'a> {
    user_id: &'a Value,
    org_id: &'a Value,
    org_role: &'a Value,
    org_permissions: &'a Value,
    factor_verification_age: &'a Value,
    features: &'a Value,
    plans: &'a Value,
}

/// `org:admin`, `org:org:admin` and `admin` all name the same role.
fn strip_org(mut value: &str) -> &str {
    while let Some(rest) = value.strip_prefix("org:") {
        value = rest;
    }
    value
}

/// `[firstFactorAgeMinutes, secondFactorAgeMinutes]`, each finite and `-1` (not enabled) or >= 0.
fn factor_ages(value: &Value) -> Option<[f64; 2]> {
    let valid = |v: &Value| v.as_f64().filter(|a| a.is_finite() && (*a == -1.0 || *a >= 0.0));
    match value.as_array()?.as_slice() {
        [first, second] => Some([valid(first)?, valid(second)?]),
        _ => None,
    }
}

fn requirement(r: Reverification<'_>) -> Option<(Level, f64)> {
    match r {
        Reverification::Preset("strict_mfa") => Some((Level::MultiFactor, 10.0)),
        Reverification::Preset("strict") => Some((Level::SecondFactor, 10.0)),
        Reverification::Preset("moderate") => Some((Level::SecondFactor, 60.0)),
        Reverification::Preset("lax") => Some((Level::SecondFactor, 1440.0)),
        Reverification::Custom { level: Some(level), after_minutes } if after_minutes > 0.0 => {
            let level = match level {
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
