// fast-check generators of auth states as a store holds them (the fields of getState() and of
// authenticateRequest's result), for the React differential test against Clerk's useDerivedAuth.
import fc from 'fast-check'
import { claims } from './arbitraries.mjs'

const maybe = (...values) => fc.constantFrom(undefined, null, ...values)

/** Mostly coherent states (not loaded, signed out, signed in with or without an organization),
 * and some incoherent ones Clerk rejects. */
export const authState = fc.oneof(
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant({ sessionId: null, userId: null }) },
  {
    weight: 8,
    arbitrary: fc.record(
      {
        sessionId: fc.oneof({ weight: 8, arbitrary: fc.constant('sess_1') }, { weight: 1, arbitrary: maybe('') }),
        userId: fc.oneof({ weight: 8, arbitrary: fc.constant('user_1') }, { weight: 1, arbitrary: maybe('') }),
        sessionStatus: fc.constantFrom('active', 'active', 'pending', null, undefined),
        sessionClaims: fc.oneof({ weight: 8, arbitrary: claims }, { weight: 1, arbitrary: maybe() }),
        actor: fc.constantFrom(null, undefined, { sub: 'user_admin' }),
        orgId: maybe('org_1', 'org_2', ''),
        orgRole: maybe('org:admin', 'org:member', 'admin', ''),
        orgSlug: maybe('acme', ''),
        orgPermissions: fc.oneof(
          maybe(),
          fc.array(fc.constantFrom('org:reports:read', 'org:sso:manage', 'org:billing:p3'), { maxLength: 3 }),
        ),
        factorVerificationAge: fc.constantFrom(null, undefined, [1, 5], [5, -1], [-1, -1], [100, 2000]),
      },
      { requiredKeys: [] },
    ),
  },
)
