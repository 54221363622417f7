// Development-only routes: sign in as a seeded user, inspect and disturb the server from tests.
import { clientResource } from './fapi.mjs'
import { HttpError, clientCookie, readObject } from './http.mjs'
import { parseFault } from './faults.mjs'
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
]

function describe(ctx) {
  return {
    body: {
      object: 'dev_server',
      issuer: ctx.issuer,
      jwks_uri: `${ctx.issuer}/.well-known/jwks.json`,
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
  const userId = params.user
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
  const redirect = params.redirect_url ? safeRedirect(params.redirect_url) : null

  let client = ctx.store.getClient(rq.clientId)
  const headers = {}
  if (!client) {
    client = ctx.store.createClient()
    headers['set-cookie'] = clientCookie(client.id)
  }
  ctx.store.signIn(client, user, ctx.now())

  if (redirect) {
    // 303 after a form POST so the browser follows with a GET.
    rq.res.writeHead(rq.req.method === 'GET' ? 302 : 303, { ...headers, location: redirect, 'content-length': 0 })
    rq.res.end()
    return null
  }
  return { body: { response: clientResource(ctx, rq, client) }, headers }
}

// Only web addresses: a javascript: or data: URL in a link would run in the server's origin.
function safeRedirect(value) {
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

async function setConfig(ctx, rq) {
  const { tokenLifetimeSeconds } = await readObject(rq.req)
  if (!Number.isInteger(tokenLifetimeSeconds) || tokenLifetimeSeconds <= 0) {
    throw new HttpError(400, 'form_param_format_invalid', 'tokenLifetimeSeconds must be a positive integer.')
  }
  ctx.config.tokenLifetimeSeconds = tokenLifetimeSeconds
  return { body: { ...ctx.config } }
}

function reset(ctx) {
  ctx.store.reset()
  ctx.faults.clear()
  ctx.stats.reset()
  Object.assign(ctx.config, ctx.initialConfig)
  return { body: { reset: true } }
}
