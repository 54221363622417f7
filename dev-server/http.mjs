// HTTP plumbing shared by every route: CORS, the __client cookie, bodies, JSON answers, errors.

export const CLIENT_COOKIE = '__client'
const MAX_BODY_BYTES = 64 * 1024

// Thrown by handlers; becomes Clerk's error body (spec: ClerkErrors).
export class HttpError extends Error {
  constructor(status, code, message, longMessage = message, { headers = {}, meta } = {}) {
    super(message)
    this.status = status
    this.code = code
    this.longMessage = longMessage
    this.headers = headers
    this.meta = meta
  }
}

export const errorBody = (code, message, longMessage = message, meta) => ({
  errors: [{ code, message, long_message: longMessage, ...(meta ? { meta } : {}) }],
})

export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body)
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

export function sendError(res, error) {
  sendJson(res, error.status, errorBody(error.code, error.message, error.longMessage, error.meta), error.headers)
}

// By default any page served from this machine over http may call the server: the demo and test
// pages run on other ports of 127.0.0.1 / localhost.
const LOCAL_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?$/

export function originPolicy(allowedOrigins) {
  if (allowedOrigins === undefined) return (origin) => LOCAL_ORIGIN.test(origin)
  const allowed = new Set(allowedOrigins)
  return (origin) => allowed.has(origin)
}

// Sets the CORS answer for an allowed Origin. A disallowed one gets none, so the browser blocks the
// response; the request itself is still served, as browsers send simple requests without asking.
export function applyCors(req, res, isAllowed) {
  const origin = req.headers.origin
  res.setHeader('vary', 'Origin')
  if (!origin || !isAllowed(origin)) return
  res.setHeader('access-control-allow-origin', origin)
  res.setHeader('access-control-allow-credentials', 'true')
  // Not CORS-safelisted: without this a page could not read the back-off a 429 asks for, nor the
  // new dev browser token a development instance hands out (clerk-js: core/auth/devBrowser.ts).
  res.setHeader('access-control-expose-headers', 'Retry-After, Clerk-Db-Jwt')
}

export function answerPreflight(req, res, isAllowed) {
  const origin = req.headers.origin
  if (origin && isAllowed(origin)) {
    res.setHeader('access-control-allow-methods', 'GET, POST, PATCH, DELETE, OPTIONS')
    const asked = req.headers['access-control-request-headers']
    if (asked) res.setHeader('access-control-allow-headers', asked)
    // Chrome's Private Network Access asks before a public page may reach 127.0.0.1.
    if (req.headers['access-control-request-private-network'] === 'true') {
      res.setHeader('access-control-allow-private-network', 'true')
    }
    res.setHeader('access-control-max-age', '600')
  }
  res.setHeader('vary', 'Origin, Access-Control-Request-Headers')
  res.writeHead(204)
  res.end()
}

export function readCookie(req, name) {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq !== -1 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}

// HttpOnly: page scripts never see the client id, as with Clerk. No Max-Age: the clients live only
// in this process's memory, so a cookie outliving the browser session would point at nothing anyway.
export const clientCookie = (clientId) => `${CLIENT_COOKIE}=${clientId}; Path=/; HttpOnly; SameSite=Lax`

export const YEAR_SECONDS = 365 * 24 * 3600

// A production Frontend API keeps __client_uat (plain and suffixed) on the app's site itself:
// the client's updated_at in seconds while it has a signed-in session, else 0.
export function clientUatCookies(ctx, client) {
  const signedIn = ctx.store.liveSessions(client).length > 0
  const value = signedIn ? Math.floor(client.updatedAt / 1000) : 0
  return ['__client_uat', `__client_uat_${ctx.cookieSuffix}`].map(
    (name) => `${name}=${value}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax`,
  )
}

async function readText(req) {
  let size = 0
  const chunks = []
  for await (const chunk of req) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request_body_too_large', 'The request body is too large.')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const isJson = (req) => /^application\/json\b/i.test(req.headers['content-type'] ?? '')

function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, 'malformed_request_body', 'The request body is not valid JSON.')
  }
}

// Frontend API bodies are forms (the spec: application/x-www-form-urlencoded), as clerk-js sends them.
export async function readForm(req) {
  const text = await readText(req)
  if (isJson(req)) throw new HttpError(400, 'malformed_request_body', 'The Frontend API takes form bodies.')
  return new URLSearchParams(text)
}

// Development routes take JSON (or a form, for the plain HTML sign-in of a demo page).
export async function readObject(req) {
  const text = await readText(req)
  if (!isJson(req)) return Object.fromEntries(new URLSearchParams(text))
  return text ? parseJson(text) : {}
}
