// Development-only routes: sign in as a seeded user, inspect and disturb the server from tests.
// They are this server's own, not Clerk's: a client is named as on the Frontend API (the
// __clerk_db_jwt query parameter on a development instance, the __client cookie on a production one).
import { HttpError, clientCookie, clientUatCookies, readObject } from './http.mjs'
import { parseFault } from './faults.mjs'
import { clientResource } from './resources.mjs'
import { publicUser } from './seed.mjs'

export const devRoutes = [
  { method: 'GET', path: /^\/$/, handle: describe },
  { method: 'POST', path: /^\/dev\/sign-in$/, handle: async (ctx, rq) => signIn(ctx, rq, await readObject(rq.req)) },
  {
    method: 'GET',
    path: /^\/dev\/sign-in$/,
    handle: (ctx, rq) => signIn(ctx, rq, Object.fromEntries(rq.url.searchParams)),
  },
  { method: 'GET', path: /^\/dev\/users$/, handle: (ctx) => ({ body: { users: listUsers(ctx) } }) },
  { method: 'GET', path: /^\/dev\/stats$/, handle: (ctx) => ({ body: ctx.stats.snapshot() }) },
  { method: 'DELETE', path: /^\/dev\/stats$/, handle: (ctx) => (ctx.stats.reset(), { body: ctx.stats.snapshot() }) },
  { method: 'GET', path: /^\/dev\/faults$/, handle: (ctx) => ({ body: { faults: ctx.faults.list() } }) },
  { method: 'POST', path: /^\/dev\/faults$/, handle: addFault },
  { method: 'DELETE', path: /^\/dev\/faults$/, handle: (ctx) => (ctx.faults.clear(), { body: { faults: [] } }) },
  { method: 'GET', path: /^\/dev\/config$/, handle: (ctx) => ({ body: { ...ctx.config } }) },
  { method: 'POST', path: /^\/dev\/config$/, handle: setConfig },
  { method: 'POST', path: /^\/dev\/reset$/, handle: reset },
  { method: 'POST', path: /^\/dev\/rotate-dev-browser$/, handle: rotateDevBrowser },
]

function describe(ctx) {
  return {
    body: {
      object: 'dev_server',
      instance: ctx.instance,
      publishable_key: ctx.publishableKey,
      issuer: ctx.issuer,
      jwks_uri: `${ctx.url}/.well-known/jwks.json`,
      users: [...ctx.index.users.keys()],
    },
  }
}

function listUsers(ctx) {
  return [...ctx.index.users.values()].map((user) => ({
    ...publicUser(ctx.index, user),
    description: user.description ?? '',
    session_status: user.session?.status ?? 'active',
    actor: user.session?.actor ?? null,
    active_organization_id: user.session?.active_organization ?? null,
  }))
}

function signIn(ctx, rq, params) {
  const redirect = params.redirect_url ? safeRedirect(params.redirect_url) : null
  const { client, headers: signedIn } = signInAs(ctx, rq, params.user)
  const headers = { ...signedIn }
  if (ctx.instance === 'production') {
    headers['set-cookie'] = [...[signedIn['set-cookie'] ?? []].flat(), ...clientUatCookies(ctx, client)]
  }
  if (redirect) {
    // 303 after a form POST so the browser follows with a GET.
    rq.res.writeHead(rq.req.method === 'GET' ? 302 : 303, { ...headers, location: redirect, 'content-length': 0 })
    rq.res.end()
    return null
  }
  return { body: { response: clientResource(ctx, client) }, headers }
}

/**
 * A new session for the seeded user `userId` in the request's client, made when it has none (on
 * a production instance the answer then sets its __client cookie; on a development one the
 * client is bound to the request's dev browser, which must exist).
 */
export function signInAs(ctx, rq, userId) {
  if (typeof userId !== 'string' || userId === '') {
    throw new HttpError(
      400,
      'form_param_missing',
      'user is missing.',
      'Give the seeded user id to sign in as, e.g. user=user_alice.',
    )
  }
  const user = ctx.index.users.get(userId)
  if (!user)
    throw new HttpError(
      404,
      'resource_not_found',
      `No seeded user ${userId}.`,
      `Seeded users: ${[...ctx.index.users.keys()].join(', ')}.`,
    )
  if (ctx.instance === 'development' && !ctx.store.hasDevBrowser(rq.identity.devBrowser)) {
    throw new HttpError(
      401,
      'dev_browser_unauthenticated',
      'Browser unauthenticated',
      'Give the __clerk_db_jwt of the browser to sign in.',
    )
  }
  const { client, created } = ctx.store.clientFor(rq.identity, ctx.now())
  const headers = created && ctx.instance === 'production' ? { 'set-cookie': clientCookie(client.id) } : {}
  ctx.store.signIn(client, user, ctx.now())
  rq.client = client
  return { client, headers }
}

// Only web addresses: a javascript: or data: URL in a link would run in the server's origin.
export function safeRedirect(value) {
  let url
  try {
    url = new URL(value)
  } catch {
    url = null
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new HttpError(400, 'form_param_format_invalid', 'redirect_url must be an http(s) URL.')
  }
  return url.href
}

async function addFault(ctx, rq) {
  const { fault, error } = parseFault(await readObject(rq.req))
  if (error) throw new HttpError(400, 'form_param_format_invalid', error)
  ctx.faults.add(fault)
  return { body: { faults: ctx.faults.list() } }
}

// The settings a test may change: the token lifetime, and members of the environment's
// display_config (a Frontend API that names hostile Account Portal URLs, say).
async function setConfig(ctx, rq) {
  const { tokenLifetimeSeconds, displayConfig } = await readObject(rq.req)
  if (tokenLifetimeSeconds !== undefined && !(Number.isInteger(tokenLifetimeSeconds) && tokenLifetimeSeconds > 0)) {
    throw new HttpError(400, 'form_param_format_invalid', 'tokenLifetimeSeconds must be a positive integer.')
  }
  const strings = displayConfig && typeof displayConfig === 'object' && !Array.isArray(displayConfig)
  if (displayConfig !== undefined && !(strings && Object.values(displayConfig).every((v) => typeof v === 'string'))) {
    throw new HttpError(400, 'form_param_format_invalid', 'displayConfig must be an object of strings.')
  }
  if (tokenLifetimeSeconds !== undefined) ctx.config.tokenLifetimeSeconds = tokenLifetimeSeconds
  if (displayConfig !== undefined) ctx.config.displayConfig = displayConfig
  return { body: { ...ctx.config } }
}

// The next Frontend API answer to this dev browser (the request's __clerk_db_jwt) carries a new
// token in Clerk-Db-Jwt, for the same client.
function rotateDevBrowser(ctx, rq) {
  const token = rq.identity.devBrowser
  if (!token || !ctx.store.hasDevBrowser(token)) {
    throw new HttpError(400, 'form_param_missing', 'Give the __clerk_db_jwt to replace.')
  }
  return { body: { id: ctx.store.rotateDevBrowser(token) } }
}

function reset(ctx) {
  ctx.store.reset()
  ctx.faults.clear()
  ctx.stats.reset()
  Object.assign(ctx.config, ctx.initialConfig)
  return { body: { reset: true } }
}
