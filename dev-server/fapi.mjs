// The Frontend API operations a browser client needs, with the spec's paths, field names,
// envelopes and error shapes (fapi/2026-05-12.yml): the client, session tokens, touch, sign-out,
// the dev browser and the environment. Every handler gets (ctx, rq); rq.client is the request's
// client (or null), rq.form its form body.
import { HttpError } from './http.mjs'
import { mintSessionToken, requireMembership } from './session-token.mjs'
import { clientResource, environmentResource, sessionResource } from './resources.mjs'
import { signJwt, templateTokenClaims } from './tokens.mjs'

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
  { method: 'POST', path: /^\/v1\/dev_browser$/, kind: 'devBrowser', handle: createDevBrowser },
  { method: 'GET', path: /^\/v1\/environment$/, kind: 'environment', handle: getEnvironment },
  { method: 'PATCH', path: /^\/v1\/environment$/, kind: 'environment', handle: getEnvironment },
  { method: 'GET', path: /^\/\.well-known\/jwks\.json$/, kind: null, handle: (ctx) => ({ body: ctx.key.jwks }) },
]

// { response, client } as the spec's Client.ClientWrappedClient (GET /v1/client): the client is
// the response, so nothing rides beside it.
function getClient(ctx, rq) {
  return { body: { response: clientResource(ctx, rq.client), client: null } }
}

function createToken(ctx, rq) {
  const { session } = requireSession(ctx, rq)
  // Absent = the session's active organization; present but empty = the personal account.
  const orgId = rq.form.has('organization_id')
    ? rq.form.get('organization_id') || null
    : session.lastActiveOrganizationId
  return { body: { jwt: mintSessionToken(ctx, session, orgId) } }
}

function createTemplateToken(ctx, rq) {
  const { session } = requireSession(ctx, rq)
  const name = decodeURIComponent(rq.params[1])
  const template = ctx.index.templates.get(name)
  if (!template) throw new HttpError(404, 'resource_not_found', 'Resource not found', `No JWT template named ${name}.`)
  const claims = templateTokenClaims({
    issuer: ctx.issuer,
    origin: rq.origin,
    now: ctx.now(),
    template,
    session,
    user: ctx.index.users.get(session.userId),
  })
  return { body: { jwt: signJwt(ctx.key, claims) } }
}

// Client.TouchWrappedSession: the touched session, and the client it changed.
function touchSession(ctx, rq) {
  const { client, session } = requireSession(ctx, rq)
  let orgId
  if (rq.form.has('active_organization_id')) {
    orgId = rq.form.get('active_organization_id') || null
    requireMembership(ctx, session, orgId)
  }
  ctx.store.touch(client, session, orgId, ctx.now())
  return { body: { response: sessionResource(ctx, session), client: clientResource(ctx, client) } }
}

// Client.DeleteSession: the client without its sessions as the response, no client beside it.
function signOutAll(ctx, rq) {
  if (rq.client) ctx.store.endAll(rq.client, ctx.now())
  return { body: { response: clientResource(ctx, rq.client), client: null } }
}

// Client.ClientWrappedSession: the ended session and the client.
function endOne(status) {
  return (ctx, rq) => {
    const { client, session } = requireSession(ctx, rq)
    ctx.store.endSession(client, session, status, ctx.now())
    return { body: { response: sessionResource(ctx, session), client: clientResource(ctx, client) } }
  }
}

// The spec gives this answer no schema; clerk-js reads `id` as the token (core/auth/devBrowser.ts).
function createDevBrowser(ctx) {
  if (ctx.instance !== 'development') {
    throw new HttpError(400, 'dev_browser_not_supported', 'Dev browsers are for development instances.')
  }
  return { body: { object: 'dev_browser', id: ctx.store.createDevBrowser() } }
}

function getEnvironment(ctx) {
  return { body: environmentResource(ctx) }
}

function requireSession(ctx, rq) {
  const sessionId = decodeURIComponent(rq.params[0])
  const found = ctx.store.findSession(rq.client, sessionId)
  if (found.error === 'not_found') {
    throw new HttpError(404, 'resource_not_found', 'Resource not found', `No session ${sessionId} in this client.`)
  }
  if (found.error === 'ended') {
    throw new HttpError(401, 'signed_out', 'Signed out', `Session ${sessionId} has ended; sign in again.`)
  }
  return { client: rq.client, session: found.session }
}
