//! Every name and number that crosses the JS-Rust boundary, defined once. `js/core/abi.js` is
//! generated from this file: `tests/abi.rs` writes it (`UPDATE_ABI=1`) and fails whenever it is out
//! of date, so the two sides cannot drift. Error codes are the other boundary fact; their one list
//! is [`crate::ErrorKind`].

/// One field of the auth object: its name in JS, the claim Clerk copies it from
/// (`JWTPayloadToAuthObjectProperties` in `packages/shared/src/jwtPayloadParser.ts`; for the
/// organization fields that is the v1 claim, v2 tokens carry them in `o`, decoded by claims.rs),
/// and whether `useAuth()` returns it (`useDerivedAuth` in `packages/react/src/hooks/useAuth.ts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub claim: &'static str,
    pub in_use_auth: bool,
}

/// The claims object itself, the first field of every auth object.
pub const SESSION_CLAIMS: &str = "sessionClaims";
pub const SESSION_ID: Field = Field { name: "sessionId", claim: "sid", in_use_auth: true };
pub const SESSION_STATUS: Field = Field { name: "sessionStatus", claim: "sts", in_use_auth: false };
pub const ACTOR: Field = Field { name: "actor", claim: "act", in_use_auth: true };
pub const USER_ID: Field = Field { name: "userId", claim: "sub", in_use_auth: true };
pub const ORG_ID: Field = Field { name: "orgId", claim: "org_id", in_use_auth: true };
pub const ORG_ROLE: Field = Field { name: "orgRole", claim: "org_role", in_use_auth: true };
pub const ORG_SLUG: Field = Field { name: "orgSlug", claim: "org_slug", in_use_auth: true };
pub const ORG_PERMISSIONS: Field = Field { name: "orgPermissions", claim: "org_permissions", in_use_auth: false };
pub const FACTOR_VERIFICATION_AGE: Field = Field { name: "factorVerificationAge", claim: "fva", in_use_auth: false };

/// The auth object's fields after `sessionClaims`, in the order JS objects list them.
pub const AUTH_OBJECT: [Field; 9] =
    [SESSION_ID, SESSION_STATUS, ACTOR, USER_ID, ORG_ID, ORG_ROLE, ORG_SLUG, ORG_PERMISSIONS, FACTOR_VERIFICATION_AGE];

/// The organization fields: the part of the auth object v2 claims encode (in `o` and `fea`).
pub const ORGANIZATION_FIELDS: [Field; 4] = [ORG_ID, ORG_ROLE, ORG_SLUG, ORG_PERMISSIONS];

/// Session tokens v2 (`v: 2`): the organization is the claim `o`. Of its members, [`V2_COPIED`]
/// go into the auth object as they are and [`V2_ROLE`] behind `org:` (JS copies them); the others
/// Clerk reads, with `fea`, are decoded by claims.rs, which `v` and `o`'s truthiness also steer.
pub const V2_VERSION: &str = "v";
pub const V2_ORGANIZATION: &str = "o";
pub const V2_FEATURES: &str = "fea";
pub const V2_COPIED: [(Field, &str); 2] = [(ORG_ID, "id"), (ORG_SLUG, "slg")];
/// `orgRole` is `org:${o.rol}` when `o.rol` is truthy, as a JS template literal writes it.
pub const V2_ROLE: (Field, &str) = (ORG_ROLE, "rol");
pub const V2_PERMISSIONS: &str = "per";
pub const V2_FEATURE_PERMISSIONS: &str = "fpm";
/// `o`'s decoded members: what JS hands the decoder of `o` (and the checker, as
/// [`CHECK_GRANTS`]).
pub const V2_DECODED: [&str; 2] = [V2_PERMISSIONS, V2_FEATURE_PERMISSIONS];

/// The auth object's fields `createCheckAuthorization` takes as options (Clerk's hooks and backend
/// build them from the auth object).
pub const CHECK_FIELDS: [Field; 5] = [USER_ID, ORG_ID, ORG_ROLE, ORG_PERMISSIONS, FACTOR_VERIFICATION_AGE];

/// `createCheckAuthorization` options beyond the auth object's fields: the `fea` and `pla` claims.
pub const CHECK_FEATURES: &str = "features";
pub const CHECK_PLANS: &str = "plans";
/// The option by which JS hands a checker the members of `o` that v2's permissions are decoded
/// from ([`V2_DECODED`]), in place of the `orgPermissions` they expand to, whose text can be
/// quadratic in the claims: the checker decodes them with `features` (src/permissions.rs).
pub const CHECK_GRANTS: &str = "orgPermissionsOf";

/// How js/core/has.js hands `has(params)` to wasm: one tag per parameter, `PARAM_BITS` bits each,
/// in `PARAMS` order, packed into one integer; each text parameter's UTF-8 bytes back to back in a
/// scratch buffer. The tags:
pub mod param {
    /// Not given.
    pub const ABSENT: u32 = 0;
    /// A string (for `reverification`, a preset name).
    pub const TEXT: u32 = 1;
    /// Anything else: the dimension fails.
    pub const WRONG_TYPE: u32 = 2;
    /// `reverification: { level, afterMinutes }` with a string `level`.
    pub const CUSTOM: u32 = 3;
    /// `reverification` an object whose `level` is not a string.
    pub const CUSTOM_WITHOUT_LEVEL: u32 = 4;
}
pub const PARAM_BITS: u32 = 3;

/// The longest token the core takes, in UTF-8 bytes: far above any real session token (browsers
/// cap a cookie at 4 KiB) and far below what could exhaust memory. JS refuses a longer string
/// before it crosses (js/core/core.js): a string's UTF-16 length is never more than its UTF-8
/// bytes, so that refuses only what the core would (tests/js/core.test.mjs holds both at the edge).
pub const MAX_TOKEN_BYTES: u32 = 256 * 1024;
pub const PARAMS: [&str; 5] = ["role", "permission", "feature", "plan", "reverification"];

/// `getToken({ organizationId })` as the client's wasm takes it.
pub mod organization {
    /// `organizationId` undefined: the session's active organization.
    pub const ACTIVE: u8 = 0;
    /// `organizationId: null`: the personal account.
    pub const PERSONAL: u8 = 1;
    /// A string: that organization's id, passed beside the selector.
    pub const ID: u8 = 2;
}
