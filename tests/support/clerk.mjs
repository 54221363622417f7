// Clerk's own implementation, the oracle the differential tests compare against.
import { createCheckAuthorization } from '@clerk/shared/authorization'
import { __experimental_JWTPayloadToAuthObjectProperties } from '@clerk/shared/jwtPayloadParser'

export { createCheckAuthorization as clerkCheckAuthorization }

/** Clerk's claims → auth object, or `{ threw: true }`. */
export function clerkAuthObject(claims) {
  try {
    return __experimental_JWTPayloadToAuthObjectProperties(claims)
  } catch {
    return { threw: true }
  }
}

/** Clerk's has() answer, with a throw counted as false (ours never throws). */
export function clerkHas(options, params) {
  try {
    return createCheckAuthorization(options)(params)
  } catch {
    return false
  }
}

/** The has() options Clerk's hooks and backend build from an auth object. */
export function optionsFromAuth(auth) {
  const claims = auth.sessionClaims ?? {}
  return {
    userId: auth.userId,
    orgId: auth.orgId,
    orgRole: auth.orgRole,
    orgPermissions: auth.orgPermissions,
    factorVerificationAge: auth.factorVerificationAge,
    features: claims.fea || '',
    plans: claims.pla || '',
  }
}

/** An auth object with `undefined` fields as `null`: the one difference API.md allows. */
export function nullish(auth) {
  return Object.fromEntries(Object.entries(auth).map(([k, v]) => [k, v === undefined ? null : v]))
}
