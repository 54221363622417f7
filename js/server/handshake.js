// The handshake: when the cookies cannot say whether the user is signed in (a session token that
// expired while the tab was closed, `__client_uat` newer than the token, no dev browser yet), a
// document request is redirected to the Frontend API's `/v1/client/handshake`, which answers by
// redirecting back with fresh cookies in a handshake token. Clerk's rules, from
// packages/backend/src/tokens/handshake.ts (HandshakeService) and request.ts
// (handleMaybeHandshakeStatus); the differences are ours to keep networkless: `format=token` (the
// answer is a JWT signed by the instance key, verified like session tokens) where Clerk asks for
// `format=nonce` (redeemed with the secret key through the Backend API).
import { FAPI_VERSION } from '../client/fapi.js'
import { COOKIES } from '../core/instance.js'
import { directiveName, directiveValue } from './request.js'

/** Redirects in a row after which a handshake is not offered again (Clerk's loop guard). */
const MAX_REDIRECTS = 3

/**
 * Whether a request may be answered with a redirect: a GET for a document (Sec-Fetch-Dest
 * `document` or `iframe`, or, from browsers that do not send it, an Accept of HTML). Fetches,
 * form posts and API calls are answered signed out instead, with the same reason.
 */
export function isEligible(ctx) {
  if (ctx.method !== 'GET' || !ctx.url || !ctx.frontendApi) return false
  const dest = ctx.header('sec-fetch-dest')
  if (dest === 'document' || dest === 'iframe') return true
  return !dest && (ctx.header('accept')?.startsWith('text/html') ?? false)
}

/**
 * The redirect to the Frontend API's handshake endpoint, with Clerk's query parameters. The
 * Frontend API is where the options put it (serverInstanceFrom): an absolute URL as it is, a path
 * proxy as a relative Location, which the browser resolves on the origin it is on, so a forged
 * Host or X-Forwarded-Host cannot send it elsewhere (Clerk joins the path to the request's origin).
 * `redirect_url` is the request's URL as Clerk derives it: the Frontend API checks it against the
 * instance's allowed origins before it sends the browser there.
 */
export function redirectToHandshake(ctx, reason) {
  const back = new URL(ctx.url)
  back.searchParams.delete(COOKIES.devBrowser)
  back.searchParams.delete('__dev_session')
  const onOrigin = ctx.frontendApi.startsWith('/')
  const base = new URL(ctx.frontendApi.replace(/\/*$/, '/'), onOrigin ? PLACEHOLDER : undefined)
  const url = new URL('v1/client/handshake', base)
  url.searchParams.append('redirect_url', back.href)
  url.searchParams.append('__clerk_api_version', FAPI_VERSION)
  url.searchParams.append('suffixed_cookies', String(ctx.usesSuffixedCookies))
  url.searchParams.append('__clerk_hs_reason', reason)
  url.searchParams.append('format', 'token')
  if (ctx.sessionToken) url.searchParams.append('__session', ctx.sessionToken)
  if (ctx.development && ctx.devBrowserToken) {
    url.searchParams.append(COOKIES.devBrowser, ctx.devBrowserToken)
  }
  // Chrome caches redirects of inactive tabs; without no-store a handshake can loop forever.
  return new Headers({ location: onOrigin ? relative(url) : url.href, 'cache-control': 'no-store' })
}

// The base a path is resolved on to be handled as a URL; only its path and query are ever used.
const PLACEHOLDER = 'https://origin.invalid'

/**
 * `url`'s path and query as a Location on the origin the browser is on. A path that starts with
 * `//` would be read as another host: `/.` before it keeps it a path (as the URL Standard's
 * serializer does), which the browser resolves to the same path.
 */
function relative(url) {
  return `${url.pathname.startsWith('//') ? '/.' : ''}${url.pathname}${url.search}`
}

/**
 * Counts the redirect in a short-lived cookie; false once the count says this is a loop (then the
 * caller answers signed out). Clerk's checkAndTrackRedirectLoop.
 */
export function trackRedirect(ctx, headers) {
  if (ctx.redirectCount === MAX_REDIRECTS) return false
  headers.append('set-cookie', `${COOKIES.redirectCount}=${ctx.redirectCount + 1}; SameSite=Lax; HttpOnly; Max-Age=2`)
  return true
}

/**
 * The headers that complete a handshake: the Set-Cookie directives the verified token carries,
 * and for a development instance (or a token that came in the URL) a redirect to the URL without
 * the handshake's query parameters. Returns them with the session token among the cookies ('' if none).
 *
 * Clerk's resolveHandshake (packages/backend/src/tokens/handshake.ts) redirects in development
 * only, to the absolute URL it derived from Host and X-Forwarded-Host. Here the redirect is
 * relative (the path and query): it stays on the origin the browser is on, whatever those headers
 * claim; and a production token that came in the URL is taken out of it too, not left in the
 * address bar and the history.
 */
export function completion(ctx, directives) {
  const headers = new Headers({ 'access-control-allow-origin': 'null', 'access-control-allow-credentials': 'true' })
  let sessionToken = ''
  for (const directive of directives) {
    headers.append('set-cookie', directive)
    if (directiveName(directive).startsWith(COOKIES.session)) sessionToken = directiveValue(directive)
  }
  if (ctx.url && (ctx.development || ctx.url.searchParams.has(COOKIES.handshake))) {
    const clean = new URL(ctx.url)
    for (const name of [COOKIES.handshake, '__clerk_help', COOKIES.devBrowser, COOKIES.handshakeNonce]) {
      clean.searchParams.delete(name)
    }
    headers.append('location', relative(clean))
    headers.set('cache-control', 'no-store')
  }
  return { headers, sessionToken }
}
