// The subset of Clerk's Frontend API that wasm-auth's client speaks (see API.md, "Client").
import { HttpError, readForm } from './http.mjs'
import { membershipOf, publicUser } from './seed.mjs'
import { sessionTokenClaims, signJwt, templateTokenClaims } from './tokens.mjs'

const SID = '([^/]+)'

export const frontendApiRoutes = [
  { method: 'GET', path: /^\/v1\/client$/, kind: 'client', handle: getClient },
  { method: 'POST', path: new RegExp(`^/v1/client/sessions/${SID}/tokens$`), kind: 'tokens', handle: createToken },
  {
    method: 'POST',
    path: new RegExp(`^/v1/client/sessions/${SID}/tokens/([^/]+)$`),
    kind: 'templateTokens',
    handle: createTemplateToken,
  },
  { method: 'POST', path: new RegExp(`^/v1/client/sessions/${SID}/touch$`), kind: 'touch', handle: touchSession },
  { method: 'DELETE', path: /^\/v1\/client\/sessions$/, kind: 'signOut', handle: signOutAll },
  {
    method: 'POST',
    path: new RegExp(`^/v1/client/sessions/${SID}/remove$`),
    kind: 'signOut',
    handle: endOne('removed'),
  },
  { method: 'POST', path: new RegExp(`^/v1/client/sessions/${SID}/end$`), kind: 'signOut', handle: endOne('ended') },
  { method: 'GET', path: /^\/\.well-known\/jwks\.json$/, kind: null, handle: (ctx) => ({ body: ctx.key.jwks }) },
]

export function clientResource(ctx, rq, client) {
  if (!client) return null
  return {
    object: 'client',
    id: client.id,
    sessions: ctx.store.liveSessions(client).map((s) => sessionResource(ctx, rq, s)),
    last_active_session_id: client.lastActiveSessionId,
  }
}

export function sessionResource(ctx, rq, session) {
  const user = ctx.index.users.get(session.userId)
  const live = session.status === 'active' || session.status === 'pending'
  return {
    object: 'session',
    id: session.id,
    status: session.status,
    user: publicUser(ctx.index, user),
    actor: session.actor,
    last_active_organization_id: session.lastActiveOrganizationId,
    last_active_token: live
      ? { object: 'token', jwt: sessionToken(ctx, rq, session, session.lastActiveOrganizationId) }
      : null,
    factor_verification_age: session.fva,
    created_at: session.createdAt,
    last_active_at: session.lastActiveAt,
  }
}

function getClient(ctx, rq) {
  return { body: { response: clientResource(ctx, rq, ctx.store.getClient(rq.clientId)) } }
}

async function createToken(ctx, rq) {
  const { session } = requireSession(ctx, rq)
  const form = await readForm(rq.req)
  // Absent = the session's active organization; present but empty = the personal account.
  const orgId = form.has('organizationId') ? form.get('organizationId') || null : session.lastActiveOrganizationId
  return { body: { object: 'token', jwt: sessionToken(ctx, rq, session, orgId) } }
}

function createTemplateToken(ctx, rq) {
  const { session } = requireSession(ctx, rq)
  const name = decodeURIComponent(rq.params[1])
  const template = ctx.index.templates.get(name)
  if (!template) throw new HttpError(404, 'resource_not_found', `No JWT template named ${name}.`)
  const claims = templateTokenClaims({
    issuer: ctx.issuer,
    origin: rq.origin,
    now: ctx.now(),
    template,
    session,
    user: ctx.index.users.get(session.userId),
  })
  return { body: { object: 'token', jwt: signJwt(ctx.key, claims) } }
}

async function touchSession(ctx, rq) {
  const { client, session } = requireSession(ctx, rq)
  const form = await readForm(rq.req)
  let orgId
  if (form.has('active_organization_id')) {
    orgId = form.get('active_organization_id') || null
    requireMembership(ctx, session, orgId)
  }
  ctx.store.touch(client, session, orgId, ctx.now())
  return { body: { response: sessionResource(ctx, rq, session) } }
}

function signOutAll(ctx, rq) {
  const client = ctx.store.getClient(rq.clientId)
  if (client) ctx.store.endAll(client)
  return { body: { response: clientResource(ctx, rq, client) } }
}

function endOne(status) {
  return (ctx, rq) => {
    const { client, session } = requireSession(ctx, rq)
    ctx.store.endSession(client, session, status)
    return { body: { response: sessionResource(ctx, rq, session) } }
  }
}

function requireSession(ctx, rq) {
  const client = ctx.store.getClient(rq.clientId)
  const sessionId = decodeURIComponent(rq.params[0])
  const found = ctx.store.findSession(client, sessionId)
  if (found.error === 'not_found') {
    throw new HttpError(404, 'resource_not_found', 'Session not found.', `No session ${sessionId} in this client.`)
  }
  if (found.error === 'ended') {
    throw new HttpError(401, 'signed_out', 'Signed out.', `Session ${sessionId} has ended; sign in again.`)
  }
  return { client, session: found.session }
}

function requireMembership(ctx, session, orgId) {
  if (orgId === null) return null
  const membership = membershipOf(ctx.index, ctx.index.users.get(session.userId), orgId)
  if (!membership) {
    throw new HttpError(
      403,
      'not_a_member_in_organization',
      'Not a member of this organization.',
      `User ${session.userId} is not a member of organization ${orgId}.`,
    )
  }
  return membership
}

function sessionToken(ctx, rq, session, orgId) {
  const claims = sessionTokenClaims({
    issuer: ctx.issuer,
    origin: rq.origin,
    now: ctx.now(),
    lifetimeSeconds: ctx.config.tokenLifetimeSeconds,
    session,
    user: ctx.index.users.get(session.userId),
    membership: requireMembership(ctx, session, orgId),
  })
  return signJwt(ctx.key, claims)
}
