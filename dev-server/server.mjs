// Routes requests: CORS first, then `_method`, the request's client (its dev browser token on a
// development instance, its __client cookie on a production one), counting and injected faults
// for the Frontend API, then the handler. Every answer goes out through respond(), which also
// sets a production instance's __client_uat cookie and shows the exchange to ctx.observe.
import { createServer } from 'node:http'
import { devRoutes } from './dev-routes.mjs'
import { frontendApiRoutes } from './fapi.mjs'
import { handshakeRoutes } from './handshake.mjs'
import { hostedPageRoutes } from './hosted-pages.mjs'
import {
  CLIENT_COOKIE,
  HttpError,
  answerPreflight,
  applyCors,
  clientUatCookies,
  errorBody,
  readCookie,
  readForm,
  sendJson,
} from './http.mjs'

const routes = [...frontendApiRoutes, ...handshakeRoutes, ...devRoutes, ...hostedPageRoutes]
const DEV_BROWSER = '__clerk_db_jwt'

const FAULT_ERRORS = {
  400: ['bad_request', 'Bad request'],
  403: ['authorization_invalid', 'Unauthorized request'],
  429: ['too_many_requests', 'Too many requests'],
  500: ['internal_clerk_error', 'Oops, an unexpected error occurred'],
  502: ['bad_gateway', 'Bad gateway'],
  503: ['service_unavailable', 'Service unavailable'],
  504: ['gateway_timeout', 'Gateway timeout'],
}

export function createAuthHttpServer(ctx) {
  return createServer((req, res) => {
    const rq = requestOf(ctx, req, res)
    handle(ctx, rq).catch((error) => {
      if (!(error instanceof HttpError)) {
        console.error('wasm-auth dev server:', error)
        error = new HttpError(
          500,
          'internal_clerk_error',
          'Oops, an unexpected error occurred',
          String(error?.message ?? error),
        )
      }
      if (res.headersSent) return res.destroy()
      const body = errorBody(error.code, error.message, error.longMessage, error.meta)
      respond(ctx, rq, error.status, body, error.headers)
    })
  })
}

function requestOf(ctx, req, res) {
  const url = new URL(req.url ?? '/', 'http://dev-server.invalid')
  const override = req.method === 'POST' ? url.searchParams.get('_method') : null
  return {
    req,
    res,
    url,
    // clerk-js sends every method but GET and POST as a POST with _method (core/fapiClient.ts).
    method: override ? override.toUpperCase() : req.method,
    fapi: url.pathname.startsWith('/v1/'),
    origin: req.headers.origin ?? null,
    identity:
      ctx.instance === 'development'
        ? { devBrowser: url.searchParams.get(DEV_BROWSER) }
        : { cookie: readCookie(req, CLIENT_COOKIE) },
    params: [],
    form: new URLSearchParams(),
    client: null,
  }
}

async function handle(ctx, rq) {
  const { req, res, url } = rq
  applyCors(req, res, ctx.isAllowedOrigin)
  if (req.method === 'OPTIONS') return answerPreflight(req, res, ctx.isAllowedOrigin)

  const { route, params } = findRoute(rq.method, url.pathname)
  rq.params = params
  if (rq.fapi) {
    const kind = route?.kind ?? null
    ctx.stats.count(kind)
    if (await injectFault(ctx, rq, kind)) return
    if (req.method === 'POST') rq.form = await readForm(req)
    // A development instance answers nothing without a dev browser (spec: /v1/dev_browser), but
    // makes one itself: a new one, and a handshake of a browser that has none (handshake.mjs).
    const makesDevBrowser = kind === 'devBrowser' || kind === 'handshake'
    if (ctx.instance === 'development' && !makesDevBrowser && !ctx.store.hasDevBrowser(rq.identity.devBrowser)) {
      throw new HttpError(
        401,
        'dev_browser_unauthenticated',
        'Browser unauthenticated',
        'Unable to authenticate the dev browser.',
      )
    }
  }
  rq.client = ctx.store.clientOf(rq.identity)
  if (!route)
    throw new HttpError(404, 'resource_not_found', 'Resource not found', `No route ${rq.method} ${url.pathname}.`)

  // The handler's view of the server: the request's Origin is the azp of the tokens it mints.
  const view = Object.assign(Object.create(ctx), { origin: rq.origin })
  const result = await route.handle(view, rq)
  if (result) respond(ctx, rq, result.status ?? 200, result.body, result.headers)
}

// Sends a JSON answer, or with `body` null one without a body (a redirect). On a production
// instance the Frontend API keeps __client_uat (plain and suffixed) on the app's site up to date
// itself; on a development one the browser SDK does.
export function respond(ctx, rq, status, body, headers = {}) {
  const client = rq.client ?? ctx.store.clientOf(rq.identity)
  if (ctx.instance === 'production' && client && rq.fapi) {
    headers = { ...headers, 'set-cookie': [...[headers['set-cookie'] ?? []].flat(), ...clientUatCookies(ctx, client)] }
  }
  const rotated = rq.fapi && rq.identity.devBrowser && ctx.store.takeRotation(rq.identity.devBrowser)
  if (rotated) headers = { ...headers, 'clerk-db-jwt': rotated }
  if (rq.fapi) {
    ctx.observe?.({
      method: rq.method,
      path: rq.url.pathname,
      query: Object.fromEntries(rq.url.searchParams),
      form: Object.fromEntries(rq.form),
      status,
      body,
    })
  }
  if (body !== null) return sendJson(rq.res, status, body, headers)
  rq.res.writeHead(status, { ...headers, 'content-length': 0 })
  rq.res.end()
}

function findRoute(method, pathname) {
  for (const route of routes) {
    const match = route.method === method && route.path.exec(pathname)
    if (match) return { route, params: match.slice(1) }
  }
  return { route: null, params: [] }
}

// True when the fault answered (or dropped) the request.
async function injectFault(ctx, rq, kind) {
  const fault = ctx.faults.take(kind)
  if (!fault) return false
  if (fault.latencyMs > 0) await ctx.sleep(fault.latencyMs)
  if (fault.drop) {
    rq.req.socket.destroy()
    return true
  }
  if (fault.status === null) return false
  const [code, message] = FAULT_ERRORS[fault.status]
  const headers = fault.status === 429 ? { 'retry-after': '1' } : {}
  respond(ctx, rq, fault.status, errorBody(code, message, `${message} (injected by POST /dev/faults)`), headers)
  return true
}
