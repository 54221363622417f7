//! The boundary's one owner, pinned: js/core/abi.js is generated from src/abi.rs (this test fails
//! while it is out of date; `UPDATE_ABI=1 cargo test --test abi` rewrites it), and the error codes
//! of `ErrorKind` are exactly those the type declarations, the README and js/ name.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use wasm_auth::abi::{self, organization, param};
use wasm_auth::client::wire::{effect, event, organization as wire_organization, outcome};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// js/core/abi.js as src/abi.rs defines it (in Prettier's layout, which `npm test` checks too).
/// Flat arrays and one binding per number: a browser downloads this file, and minified code names
/// an imported binding in one letter.
fn generated() -> String {
    let array = |name: &str, items: &mut dyn Iterator<Item = &str>| {
        let items: Vec<_> = items.map(|i| format!("'{i}'")).collect();
        let line = format!("export const {name} = [{}]\n", items.join(", "));
        if line.len() <= 121 {
            return line;
        }
        let lines: String = items.iter().map(|i| format!("  {i},\n")).collect();
        format!("export const {name} = [\n{lines}]\n")
    };
    let names = |name: &str, fields: &[abi::Field]| array(name, &mut fields.iter().map(|f| f.name));
    let mut use_auth = abi::AUTH_OBJECT.iter().filter(|f| f.in_use_auth).map(|f| f.name);
    let numbers = [
        ("PARAM_ABSENT", param::ABSENT),
        ("PARAM_TEXT", param::TEXT),
        ("PARAM_WRONG_TYPE", param::WRONG_TYPE),
        ("PARAM_CUSTOM", param::CUSTOM),
        ("PARAM_CUSTOM_WITHOUT_LEVEL", param::CUSTOM_WITHOUT_LEVEL),
        ("PARAM_BITS", abi::PARAM_BITS),
        ("ORGANIZATION_ACTIVE", organization::ACTIVE.into()),
        ("ORGANIZATION_PERSONAL", organization::PERSONAL.into()),
        ("ORGANIZATION_ID", organization::ID.into()),
        ("MAX_TOKEN_BYTES", abi::MAX_TOKEN_BYTES),
    ];
    let numbers: String = numbers.iter().map(|(name, value)| format!("export const {name} = {value}\n")).collect();
    let channel: String = [("EVENT", event::ALL), ("EFFECT", effect::ALL), ("OUTCOME", outcome::ALL)]
        .iter()
        .flat_map(|(kind, codes)| {
            codes.iter().map(move |(name, value)| format!("export const {kind}_{name} = {value}\n"))
        })
        .chain(std::iter::once(format!("export const SKIP_CACHE = {}\n", wire_organization::SKIP_CACHE)))
        .collect();
    format!(
        "// Generated from src/abi.rs by tests/abi.rs: do not edit. After changing src/abi.rs, run
// `UPDATE_ABI=1 cargo test --test abi` to rewrite it (the test fails while this file is out of date).

/** The claims object, the first field of every auth object. */
export const SESSION_CLAIMS = '{session_claims}'
/** The auth object's other fields, in order, and the claim Clerk copies each from (v1's, for the organization). */
{fields}{claims}/** The fields useAuth() returns. */
{use_auth}/** The organization fields (which v2 claims encode in `o` and `fea`). */
{organization_fields}
/** What wasm decodes v2 claims from: `{v}`, `{fea}`, and the members of `{o}` it decodes (`{o}` as it is when falsy). */
export const v2Input = (claims) => {{
  const {o} = claims.{o}
  return {{ {v}: claims.{v}, {o}: {o} ? {{ {decoded} }} : {o}, {fea}: claims.{fea} }}
}}

/**
 * v2's organization permissions, Clerk's `org:<feature>:<permission>` strings in its order, from
 * the grants wasm decoded (`[names, [feature, index, …], …]`, src/permissions.rs): each name
 * once, however many features grant it, so the strings cost what Clerk's own cost.
 */
export const expandGrants = (grants) => {{
  if (!grants) return grants // no organization: null
  const [names] = grants
  const permissions = []
  for (let f = 1; f < grants.length; f++) {{
    const feature = grants[f]
    for (let i = 1; i < feature.length; i++) permissions.push(`org:${{feature[0]}}:${{names[feature[i]]}}`)
  }}
  return permissions
}}

/**
 * The auth object of `claims`. With `org` null (v1 claims) each field is its claim; else `org`
 * holds the fields wasm decoded from v2 claims (the permissions as grants), and the others are
 * copied from `{o}` or the claims.
 */
export const authObject = (claims, org) => {{
  const {o} = claims.{o}
  return {{
    {session_claims}: claims,
{shaped}  }}
}}

/** The auth object's fields createCheckAuthorization takes as options, and its options for `fea` and `pla`. */
{check_fields}export const CHECK_FEATURES = '{features}'
export const CHECK_PLANS = '{plans}'
/** The option that hands a checker v2's grants in place of the permissions they expand to. */
export const CHECK_GRANTS = '{grants}'

// has(params) for wasm: one PARAM_ tag per parameter ({params}), PARAM_BITS bits each.
// getToken({{ organizationId }}) for wasm: undefined, null, or an id passed beside.
// The longest token wasm takes, in UTF-8 bytes.
{numbers}
// The client's channel (src/client/wire.rs): the events a step carries in, the effects and the
// outcomes it answers with, and getToken()'s skipCache (added to its organization selector).
{channel}",
        session_claims = abi::SESSION_CLAIMS,
        fields = names("FIELDS", &abi::AUTH_OBJECT),
        claims = array("CLAIMS", &mut abi::AUTH_OBJECT.iter().map(|f| f.claim)),
        use_auth = array("USE_AUTH_FIELDS", &mut std::iter::once(abi::SESSION_CLAIMS).chain(&mut use_auth)),
        organization_fields = names("ORGANIZATION_FIELDS", &abi::ORGANIZATION_FIELDS),
        v = abi::V2_VERSION,
        o = abi::V2_ORGANIZATION,
        fea = abi::V2_FEATURES,
        decoded = abi::V2_DECODED.iter().map(|m| format!("{m}: {o}.{m}", o = abi::V2_ORGANIZATION)).collect::<Vec<_>>().join(", "),
        shaped = shaped(),
        check_fields = names("CHECK_FIELDS", &abi::CHECK_FIELDS),
        features = abi::CHECK_FEATURES,
        plans = abi::CHECK_PLANS,
        grants = abi::CHECK_GRANTS,
        params = abi::PARAMS.join(", "),
        channel = channel,
    )
}

/// `authObject`'s fields: each from its claim (v1), or for v2 from wasm's decoded fields, `o`'s
/// copied members or the claim, as src/claims.rs `auth_object_from_claims` takes them.
fn shaped() -> String {
    let o = abi::V2_ORGANIZATION;
    let mut lines = String::new();
    for field in abi::AUTH_OBJECT {
        assert!(
            field.claim.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
            "{}: a JS identifier",
            field.claim
        );
        let (name, claim) = (field.name, field.claim);
        let copied = abi::V2_COPIED.iter().find(|(f, _)| *f == field).map(|(_, member)| *member);
        let (role, rol) = abi::V2_ROLE;
        let value = match (copied, abi::ORGANIZATION_FIELDS.contains(&field)) {
            (Some(member), _) => {
                format!("(org === null ? claims.{claim} : '{name}' in org ? org.{name} : {o}.{member}) ?? null")
            }
            (None, true) if field == role => format!(
                "(org === null ? claims.{claim} : '{name}' in org ? org.{name} : {o}.{rol} ? `org:${{{o}.{rol}}}` : null) ?? null"
            ),
            (None, true) if field == abi::ORG_PERMISSIONS => {
                format!("(org === null ? claims.{claim} : expandGrants(org.{name})) ?? null")
            }
            (None, true) => format!("(org === null ? claims.{claim} : org.{name}) ?? null"),
            (None, false) => format!("claims.{claim} ?? null"),
        };
        lines += &format!("    {name}: {value},\n");
    }
    lines
}

#[test]
fn js_abi_is_generated_from_src_abi() {
    let want = generated();
    if std::env::var_os("UPDATE_ABI").is_some() {
        fs::write(repo("js/core/abi.js"), &want).expect("write js/core/abi.js");
    }
    assert!(
        read("js/core/abi.js") == want,
        "js/core/abi.js is out of date with src/abi.rs: run `UPDATE_ABI=1 cargo test --test abi`"
    );
}

#[test]
fn param_tags_fit_their_bits() {
    let tags = [param::ABSENT, param::TEXT, param::WRONG_TYPE, param::CUSTOM, param::CUSTOM_WITHOUT_LEVEL];
    assert!(tags.iter().all(|&t| t < 1 << abi::PARAM_BITS));
    assert_eq!(tags.iter().collect::<BTreeSet<_>>().len(), tags.len(), "distinct");
    assert!(abi::PARAMS.len() as u32 * abi::PARAM_BITS <= 32, "the tags of every parameter fit one integer");
}

/// Everything below needs every code, so the server build's list (`npm test` runs both builds).
#[cfg(feature = "verify")]
mod error_codes {
    use super::*;
    use wasm_auth::ErrorKind;

    fn codes() -> BTreeSet<&'static str> {
        ErrorKind::ALL.iter().map(|k| k.code()).collect()
    }

    /// The string literals of a TypeScript union type `name`.
    fn union(source: &str, name: &str) -> BTreeSet<String> {
        let start = source.find(&format!("export type {name} =")).unwrap_or_else(|| panic!("{name} is declared"));
        let body = &source[start..];
        let end = body.find("\n\n").unwrap_or(body.len());
        body[..end].split('\'').skip(1).step_by(2).map(String::from).collect()
    }

    #[test]
    fn every_kind_has_its_own_code() {
        assert_eq!(codes().len(), ErrorKind::ALL.len());
        for code in codes() {
            assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{code}");
        }
    }

    #[test]
    fn the_declarations_name_every_code() {
        let declarations = read("js/index.d.ts");
        let want: BTreeSet<String> = codes().into_iter().map(String::from).collect();
        assert_eq!(union(&declarations, "AuthErrorCode"), want, "AuthErrorCode in js/index.d.ts");
        let reasons: BTreeSet<String> =
            ErrorKind::ALL.iter().filter(|k| k.is_verification_reason()).map(|k| k.code().into()).collect();
        assert_eq!(union(&declarations, "TokenVerificationErrorReason"), reasons, "TokenVerificationErrorReason");
    }

    #[test]
    fn the_readme_tables_every_code() {
        let readme = read("README.md");
        let table = readme.split("### Error codes\n").nth(1).expect("README has an `### Error codes` section");
        let table = table.split("\n#").next().unwrap_or_default();
        let rows: BTreeSet<String> = table
            .lines()
            .filter_map(|line| line.strip_prefix("| `"))
            .filter_map(|rest| rest.split_once('`'))
            .map(|(code, _)| code.into())
            .collect();
        assert_eq!(rows, codes().into_iter().map(String::from).collect(), "README's error table");
    }

    /// Every code js/ throws is in the list; every signed-out `reason` authenticateRequest gives
    /// is a verification code or one of js/server.d.ts's `AuthStateReason`s.
    /// Every `.js` file under `dir`, its folders' too (js/ groups its modules by role).
    fn js_sources(dir: &Path) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(js_sources(&path));
            } else if path.extension().is_some_and(|e| e == "js") {
                files.push(path);
            }
        }
        files
    }

    #[test]
    fn js_raises_only_listed_codes() {
        let codes = codes();
        let reasons: BTreeSet<String> = ErrorKind::ALL
            .iter()
            .filter(|k| k.is_verification_reason())
            .map(|k| k.code().to_owned())
            .chain(union(&read("js/server.d.ts"), "AuthStateReason"))
            .collect();
        let mut raised = 0;
        for path in js_sources(&repo("js")) {
            let source = fs::read_to_string(&path).unwrap();
            for (pattern, thrown) in
                [("AuthError('", true), ("signedOut(ctx, '", false), ("maybeHandshake(ctx, '", false)]
            {
                for (at, _) in source.match_indices(pattern) {
                    let code = source[at + pattern.len()..].split('\'').next().unwrap_or_default();
                    let listed = if thrown { codes.contains(code) } else { reasons.contains(code) };
                    assert!(listed, "{}: `{code}` is not in the list", path.display());
                    raised += 1;
                }
            }
        }
        assert!(raised >= 10, "found the codes js/ raises ({raised})");
    }
}
