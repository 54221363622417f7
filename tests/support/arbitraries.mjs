// fast-check generators of session claims, has() options and has() params: realistic shapes most
// of the time, with malformed and wrongly typed values mixed in. Used by the differential tests
// against Clerk and by the hostile-input runs.
import fc from 'fast-check'

const pick = (...values) => fc.constantFrom(...values)
const sometimes = (arbitrary, odd) => fc.oneof({ weight: 6, arbitrary }, { weight: 1, arbitrary: odd })

/** Values of the wrong type for almost any claim or option. */
export const weird = fc.oneof(
  pick(null, 0, 1, -1, true, false, '', ' ', [], {}, 'null', '0'),
  fc.jsonValue({ maxDepth: 2 }),
)

// JavaScript's and Rust's whitespace sets differ; trim() must follow JavaScript's.
const space = pick('', '', '', ' ', '\t', '\u00a0', '\ufeff', '\u2028', '\u0085', '\u3000')
const padded = (arbitrary) => fc.tuple(space, arbitrary, space).map(([a, s, b]) => a + s + b)

const featureName = pick('reports', 'sso', 'billing', 'memberships', 'beta', 'a', 'o', 'org', 'u', '', 'x:y')
const planName = pick('pro', 'free_user', 'enterprise', 'o', '')
const permissionName = fc.oneof(
  pick('read', 'manage', 'write', 'delete', ''),
  fc.integer({ min: 0, max: 90 }).map((i) => `p${i}`),
)
const scope = pick('o', 'u', 'ou', 'uo', 'org', 'x', '')

const scopedEntry = (names) =>
  padded(
    sometimes(
      fc.tuple(scope, names).map(([s, n]) => `${s}:${n}`),
      names,
    ),
  )

/** A `fea` or `pla` claim: scoped entries, sometimes one without a colon (malformed). */
export const scopedClaim = (names = featureName) =>
  fc.array(scopedEntry(names), { maxLength: 6 }).map((entries) => entries.join(','))

const mask = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt({ min: 0n, max: (1n << 100n) - 1n }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 16 }).map(String) },
  { weight: 1, arbitrary: pick('x', '-1', '1.5', '', '0x1', '007', '٣', '1e3', '+1') },
)

const org = fc.record(
  {
    id: sometimes(pick('org_1', 'org_2'), weird),
    slg: sometimes(pick('acme', 'beta'), weird),
    rol: sometimes(pick('admin', 'member', 'org:admin', ''), weird),
    per: sometimes(
      fc.array(padded(permissionName), { minLength: 1, maxLength: 80 }).map((p) => p.join(',')),
      weird,
    ),
    fpm: sometimes(
      fc.array(padded(mask), { maxLength: 8 }).map((m) => m.join(',')),
      weird,
    ),
  },
  { requiredKeys: [] },
)

const factorAges = sometimes(
  fc.tuple(
    fc.oneof(pick(-1, 0, 1, 5, 9, 10, 59, 60, 1439, 1440, 2000), fc.double({ min: -2, max: 3000, noNaN: true })),
    pick(-1, 0, 5, 10, 30, 60, 1500),
  ),
  pick([5], [1, 2, 3], [-2, 1], [1, '2'], null, 'x'),
)

/** Session-token claims, v1 or v2, every field optional and sometimes mistyped. */
export const claims = fc.record(
  {
    v: pick(2, 2, 2, 1, '2'),
    sid: sometimes(pick('sess_1', 'sess_2'), weird),
    sub: sometimes(pick('user_1', 'user_2'), weird),
    sts: sometimes(pick('active', 'pending'), weird),
    fva: factorAges,
    act: sometimes(fc.record({ sub: pick('user_admin') }), weird),
    fea: sometimes(scopedClaim(), weird),
    pla: sometimes(scopedClaim(planName), weird),
    o: sometimes(org, weird),
    org_id: sometimes(pick('org_1'), weird),
    org_role: sometimes(pick('org:admin', 'admin', 'org:member'), weird),
    org_slug: sometimes(pick('acme'), weird),
    org_permissions: sometimes(
      fc.array(pick('org:reports:read', 'org:sso:manage', 'org:billing:p3'), { maxLength: 3 }),
      weird,
    ),
    exp: fc.integer({ min: 0, max: 2 ** 31 }),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
)

/** has() options given directly (not derived from claims): JSON data, sometimes odd. */
export const checkOptions = fc.record(
  {
    userId: sometimes(pick('user_1'), weird),
    orgId: sometimes(pick('org_1'), weird),
    orgRole: sometimes(pick('org:admin', 'admin', 'org:org:admin', 'org:member', ''), weird),
    orgPermissions: sometimes(
      fc.array(fc.oneof(pick('org:reports:read', 'org:sso:manage', 'reports:read', 'org:org:x'), weird), {
        maxLength: 4,
      }),
      weird,
    ),
    factorVerificationAge: factorAges,
    features: sometimes(scopedClaim(), weird),
    plans: sometimes(scopedClaim(planName), weird),
  },
  { requiredKeys: [] },
)

/** Values JS callers may pass as a has() parameter by mistake (not only JSON). */
const wrongParam = fc.oneof(
  weird,
  pick(undefined, NaN, Infinity, 10n, Symbol.iterator, () => 'org:admin'),
)

const reverification = fc.oneof(
  pick('strict_mfa', 'strict', 'moderate', 'lax', 'relaxed', 'STRICT', ''),
  fc.record(
    {
      level: sometimes(pick('first_factor', 'second_factor', 'multi_factor', 'third_factor'), wrongParam),
      afterMinutes: fc.oneof(
        pick(1, 5, 10, 30, 60, 1440, 0, -5, Infinity, NaN, '10'),
        fc.double({ min: -1, max: 3000, noNaN: true }),
      ),
    },
    { requiredKeys: [] },
  ),
  wrongParam,
)

const role = sometimes(pick('org:admin', 'admin', 'org:org:admin', 'org:member', 'member', '', 'org:'), wrongParam)
const permission = sometimes(
  fc.oneof(
    fc.tuple(featureName, permissionName).map(([f, p]) => `org:${f}:${p}`),
    fc.tuple(featureName, permissionName).map(([f, p]) => `${f}:${p}`),
    pick('org:reports:read', 'reports:read', 'org:sso:manage', 'org:org:x', ''),
  ),
  wrongParam,
)
const feature = sometimes(
  fc.oneof(
    fc.tuple(pick('o', 'org', 'organization', 'u', 'user', 'team'), featureName).map(([s, f]) => `${s}:${f}`),
    featureName,
    pick('o:', ':', 'o:a:b'),
  ),
  wrongParam,
)
const plan = sometimes(
  fc.oneof(
    fc.tuple(pick('o', 'org', 'u', 'user', 'x'), planName).map(([s, p]) => `${s}:${p}`),
    planName,
  ),
  wrongParam,
)

/** has() params: mostly one dimension, sometimes several at once or none, sometimes mistyped. */
export const checkParams = fc.oneof(
  { weight: 2, arbitrary: fc.record({ role }) },
  { weight: 2, arbitrary: fc.record({ permission }) },
  { weight: 2, arbitrary: fc.record({ feature }) },
  { weight: 1, arbitrary: fc.record({ plan }) },
  { weight: 2, arbitrary: fc.record({ reverification }) },
  { weight: 3, arbitrary: fc.record({ role, permission, feature, plan, reverification }, { requiredKeys: [] }) },
)
