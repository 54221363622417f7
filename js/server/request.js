// The request as Clerk's backend reads it: its URL (behind proxies), method, headers and cookies
// (packages/backend/src/tokens/clerkRequest.ts).

/** What authenticateRequest reads of a request: never throws, whatever it is handed. */
export function readRequest(request) {
  let headers, url, method
  try {
    headers = request?.headers
    url = request?.url
    method = request?.method
  } catch {
    headers = undefined // a throwing getter or Proxy: nothing to read
  }
  const raw = (name) => {
    try {
      return header(headers, name)
    } catch {
      return undefined
    }
  }
  const get = (name) => raw(name) || undefined
  return {
    header: get,
    method: typeof method === 'string' ? method.toUpperCase() : 'GET', // a Request's default
    url: requestUrl(url, raw),
    cookies: parseCookies(get('cookie')),
  }
}

// Headers (or anything with get()), or a plain object as Node's IncomingMessage has. The value as
// it is ('' when empty), undefined or null when absent.
function header(headers, name) {
  if (headers === null || typeof headers !== 'object') return undefined
  if (typeof headers.get === 'function') return headers.get(name)
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== name) continue
    const value = headers[key]
    return Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ', ') : value
  }
  return undefined
}

/**
 * The URL the browser asked for: the request's own, its origin replaced by `x-forwarded-host` /
 * `x-forwarded-proto` (or `host`) as Clerk's `deriveUrlFromHeaders` does (clerkRequest.ts). A path
 * alone (Node's IncomingMessage) is resolved against the host. Null when there is no URL to be had
 * (a bare `{ headers }`): then no handshake can be offered, as its redirect must come back here.
 *
 * These headers are the client's to write: the URL they make is only ever the handshake's
 * `redirect_url` (which the Frontend API checks against the instance's allowed origins) and where
 * query parameters are read. It never chooses where keys come from, nor the origin of a Location.
 * Unlike Clerk, a path that starts with `//` stays a path: joined to an origin as a relative URL it
 * would be read as a host (`//evil.example/x`).
 */
function requestUrl(url, raw) {
  if (typeof url !== 'string' || !url) return null
  const value = (name) => {
    const text = raw(name)
    return typeof text === 'string' ? text : undefined
  }
  const host = first(value('x-forwarded-host')) ?? value('host')
  const base = host || value('host') // for a path: the host it was asked of
  let initial
  try {
    if (!/^[/\\]/.test(url)) initial = new URL(url, base ? `http://${base}` : undefined)
    else if (base) initial = withPath(new URL(`http://${base}`), url)
    else return null
  } catch {
    return null
  }
  const protocol = first(value('x-forwarded-proto')) ?? initial.protocol.replace(/[:/]/, '')
  const origin = host && protocol ? `${protocol}://${host}` : initial.origin
  if (origin === initial.origin) return initial
  try {
    return withPath(new URL(origin), initial.pathname + initial.search)
  } catch {
    return initial
  }
}

// `base` with `path` (a path and query) as its path and query, whatever the path looks like.
function withPath(base, path) {
  const target = path.split('#')[0]
  const q = target.indexOf('?')
  base.pathname = q < 0 ? target : target.slice(0, q)
  base.search = q < 0 ? '' : target.slice(q)
  base.hash = ''
  return base
}

const first = (value) => (typeof value === 'string' ? value.split(',')[0] : undefined)

/**
 * A Cookie header as the `cookie` package Clerk bundles parses it: `name=value` pairs split on
 * `;`, names and values trimmed of spaces and tabs, the first of a repeated name kept, values
 * percent-decoded when they can be (and kept as they are when they cannot). Quotes stay.
 */
export function parseCookies(text) {
  const cookies = new Map()
  if (typeof text !== 'string') return cookies
  for (const pair of text.split(';')) {
    const eq = pair.indexOf('=')
    if (eq < 0) continue
    const name = pair.slice(0, eq).replace(/^[ \t]+|[ \t]+$/g, '')
    if (cookies.has(name)) continue
    const value = pair.slice(eq + 1).replace(/^[ \t]+|[ \t]+$/g, '')
    cookies.set(name, decode(value))
  }
  return cookies
}

function decode(value) {
  if (!value.includes('%')) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** `Set-Cookie` directive helpers, as Clerk reads them (packages/backend/src/tokens/cookie.ts). */
export const directiveName = (directive) => directive.split(';')[0]?.split('=')[0] ?? ''
export const directiveValue = (directive) => directive.split(';')[0]?.split('=')[1] ?? ''
