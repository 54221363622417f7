// Minting a session token for a session and organization, with the membership check every route
// that names an organization makes.
import { HttpError } from './http.mjs'
import { membershipOf } from './seed.mjs'
import { sessionTokenClaims, signJwt } from './tokens.mjs'

// `ctx` is the request's view of the server: `origin` (the request's Origin, the token's azp) set.
export function mintSessionToken(ctx, session, orgId) {
  const claims = sessionTokenClaims({
    issuer: ctx.issuer,
    origin: ctx.origin,
    now: ctx.now(),
    lifetimeSeconds: ctx.config.tokenLifetimeSeconds,
    session,
    user: ctx.index.users.get(session.userId),
    membership: requireMembership(ctx, session, orgId),
  })
  return signJwt(ctx.key, claims)
}

export function requireMembership(ctx, session, orgId) {
  if (orgId === null) return null
  const membership = membershipOf(ctx.index, ctx.index.users.get(session.userId), orgId)
  if (!membership) {
    throw new HttpError(
      403,
      'not_a_member_in_organization',
      'Not a member of this organization',
      `User ${session.userId} is not a member of organization ${orgId}.`,
      { meta: { organization_id: orgId } },
    )
  }
  return membership
}
