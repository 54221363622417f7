// Routes requests: CORS first, then counting and injected faults for the Frontend API, then the handler.
import { createServer } from 'node:http'
import { devRoutes } from './dev-routes.mjs'
import { frontendApiRoutes } from './fapi.mjs'
import { CLIENT_COOKIE, HttpError, answerPreflight, applyCors, readCookie, sendError, sendJson } from './http.mjs'

const routes = [...frontendApiRoutes, ...devRoutes]

const FAULT_ERRORS = {
  429: ['too_many_requests', 'Too many requests.'],
  500: ['internal_clerk_error', 'Something went wrong.'],
  502: ['bad_gateway', 'Bad gateway.'],
  503: ['service_unavailable', 'Service unavailable.'],
  504: ['gateway_timeout', 'Gateway timeout.'],
}

export function createAuthHttpServer(ctx) {
  return createServer((req, res) => {
    handle(ctx, req, res).catch((error) => {
      if (!(error instanceof HttpError)) {
        console.error('wasm-auth dev server:', error)
        error = new HttpError(
          500,
          'internal_clerk_error',
          'Something went wrong in the dev auth server.',
          String(error?.message ?? error),
        )
      }
      if (res.headersSent) res.destroy()
      else sendError(res, error)
    })
  })
}

async function handle(ctx, req, res) {
  const url = new URL(req.url ?? '/', 'http://dev-server.invalid')
  applyCors(req, res, ctx.isAllowedOrigin)
  if (req.method === 'OPTIONS') return answerPreflight(req, res, ctx.isAllowedOrigin)

  const { route, params } = findRoute(req.method, url.pathname)
  if (url.pathname.startsWith('/v1/')) {
    const kind = route?.kind ?? null
    ctx.stats.count(kind)
    if (await injectFault(ctx, req, res, kind)) return
  }
  if (!route) throw new HttpError(404, 'resource_not_found', `No route ${req.method} ${url.pathname}.`)

  const rq = { req, res, url, params, origin: req.headers.origin ?? null, clientId: readCookie(req, CLIENT_COOKIE) }
  const result = await route.handle(ctx, rq)
  if (result) sendJson(res, result.status ?? 200, result.body, result.headers)
}

function findRoute(method, pathname) {
  for (const route of routes) {
    const match = route.method === method && route.path.exec(pathname)
    if (match) return { route, params: match.slice(1) }
  }
  return { route: null, params: [] }
}

// True when the fault answered (or dropped) the request.
async function injectFault(ctx, req, res, kind) {
  const fault = ctx.faults.take(kind)
  if (!fault) return false
  if (fault.latencyMs > 0) await ctx.sleep(fault.latencyMs)
  if (fault.drop) {
    req.socket.destroy()
    return true
  }
  if (fault.status === null) return false
  const [code, message] = FAULT_ERRORS[fault.status]
  const headers = fault.status === 429 ? { 'retry-after': '1' } : {}
  sendError(res, new HttpError(fault.status, code, message, `${message} (injected by POST /dev/faults)`, headers))
  return true
}
