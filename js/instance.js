// Which Clerk instance the options name, by one rule shared by the browser client and the server:
// its Frontend API's URL, its kind, its publishable key and the cookie names it uses. Free of wasm,
// so both sides load it as it is. The rules follow @clerk/shared's keys.ts (`parsePublishableKey`,
// `getCookieSuffix`) and constants.ts (`DEV_OR_STAGING_SUFFIXES`).
import { AuthError } from './errors.js'

/** The cookies Clerk's browser SDK and server SDKs share, by their plain names. */
export const COOKIES = {
  session: '__session',
  clientUat: '__client_uat',
  devBrowser: '__clerk_db_jwt',
  handshake: '__clerk_handshake',
  handshakeNonce: '__clerk_handshake_nonce',
  redirectCount: '__clerk_redirect_count',
}

// Clerk's development Frontend API hosts.
const DEV_HOSTS =
  /(\.lcl\.dev|\.stg\.dev|\.lclstage\.dev|\.stgstage\.dev|\.dev\.lclclerk\.com|\.stg\.lclclerk\.com|\.accounts\.lclclerk\.com|accountsstage\.dev|accounts\.dev)$/

/**
 * The Frontend API host a publishable key names, or null: `pk_test_` (development) or `pk_live_`
 * (production), then the base64 of `<host>$`.
 */
export function parsePublishableKey(key) {
  const [, kind, encoded] = /^pk_(test|live)_([A-Za-z0-9+/=_-]+)$/.exec(key) ?? []
  if (!kind) return null
  let decoded
  try {
    decoded = atob(encoded.split('_')[0])
  } catch {
    return null
  }
  const host = decoded.slice(0, -1)
  return decoded.endsWith('$') && !host.includes('$') && host.includes('.') ? host : null
}

const invalid = (message) => new AuthError('options-invalid', message)
const absent = (value) => value === undefined || value === null || value === ''

function keyHostOf(publishableKey) {
  if (absent(publishableKey)) return null
  const keyHost = typeof publishableKey === 'string' ? parsePublishableKey(publishableKey) : null
  if (!keyHost) throw invalid('publishableKey is not a Clerk publishable key (pk_test_… or pk_live_…).')
  return keyHost
}

function proxyUrlOf(proxyUrl) {
  if (absent(proxyUrl)) return null
  if (typeof proxyUrl !== 'string' || !/^(https?:\/\/|\/)/.test(proxyUrl)) {
    throw invalid('proxyUrl is an http(s) URL or a path starting with /.')
  }
  return proxyUrl
}

function frontendApiOf(frontendApi) {
  if (absent(frontendApi)) return null
  if (typeof frontendApi !== 'string' || !/^(https?:\/\/[^\s/?#]+|[\w.-]+(:\d+)?)(\/[^\s?#]*)?$/.test(frontendApi)) {
    throw invalid('frontendApi is the Frontend API URL or host.')
  }
  return /^https?:\/\//.test(frontendApi) ? frontendApi : `https://${frontendApi}`
}

function hostOf(url) {
  try {
    return url ? new URL(url).hostname : ''
  } catch {
    throw invalid('proxyUrl or frontendApi is not a URL.')
  }
}

const kindOf = (publishableKey, keyHost, url) =>
  keyHost ? publishableKey.startsWith('pk_test_') : DEV_HOSTS.test(hostOf(url))

/**
 * `{ frontendApi, development, publishableKey, keyHost }` for the options. Requests go to
 * `proxyUrl` when given (absolute, or a path on `origin`), else to `frontendApi` (a URL, or a host
 * reached over https), else to `https://` + the host the publishable key names; `frontendApi` is
 * null when the options name none. The instance is a development one when the key is `pk_test_`;
 * without a key, when the Frontend API's host is one of Clerk's development hosts. A malformed
 * option throws AuthError `options-invalid` naming it. The browser client's rule: `origin` is the
 * page's, which the page itself decides.
 */
export function instanceFrom(options = {}, origin = globalThis.location?.origin) {
  const { publishableKey, proxyUrl, frontendApi } = options ?? {}
  const keyHost = keyHostOf(publishableKey)
  const proxy = proxyUrlOf(proxyUrl)
  let url
  if (proxy) url = proxy.startsWith('/') ? (origin ? `${origin}${proxy}` : null) : proxy
  else url = frontendApiOf(frontendApi) ?? (keyHost ? `https://${keyHost}` : null)
  return {
    frontendApi: url?.replace(/\/+$/, '') ?? null,
    development: kindOf(publishableKey, keyHost, url),
    publishableKey: keyHost ? publishableKey : null,
    keyHost,
  }
}

/**
 * The instance as a server sees it, from the options alone: a server has no origin of its own,
 * and the one a request claims (its Host or X-Forwarded-Host) is the client's to write, so nothing
 * here reads a request. `{ frontendApi, keysFrom, development, publishableKey, keyHost }`:
 *  - `frontendApi`: where the browser is sent for the Frontend API (handshakes): an absolute
 *    `proxyUrl`, or a path `proxyUrl` kept as a path (the browser resolves it on the origin it is
 *    on), else `frontendApi`, else `https://` + the publishable key's host; or null.
 *  - `keysFrom`: the absolute URL of the Frontend API the server itself may fetch from (its JWKS):
 *    an absolute `proxyUrl`, else `frontendApi`, else the publishable key's host; a path proxy
 *    only forwards to that Frontend API, so it is skipped. Null when the options name none.
 *  - `development`: the key's kind; without a key, whether `keysFrom` is one of Clerk's
 *    development hosts (never a request's host).
 * A path `proxyUrl` must start with one slash: `//host` would be a URL of another host.
 */
export function serverInstanceFrom(options = {}) {
  const { publishableKey, proxyUrl, frontendApi } = options ?? {}
  const keyHost = keyHostOf(publishableKey)
  const proxy = proxyUrlOf(proxyUrl)
  const path = proxy?.startsWith('/') ? proxy : null
  if (path && /^\/[/\\]/.test(path)) throw invalid('proxyUrl is an http(s) URL or a path starting with one /.')
  const direct = frontendApiOf(frontendApi) ?? (keyHost ? `https://${keyHost}` : null)
  const keysFrom = (path ? direct : (proxy ?? direct))?.replace(/\/+$/, '') ?? null
  return {
    frontendApi: path ? path.replace(/(.)\/+$/, '$1') : keysFrom,
    keysFrom,
    development: kindOf(publishableKey, keyHost, keysFrom),
    publishableKey: keyHost ? publishableKey : null,
    keyHost,
  }
}

const suffixes = new Map() // publishable key -> its cookie suffix (a promise)

/** The suffix of the instance's cookie names (`__session_<suffix>`): base64url(SHA-1(key)), 8 characters. */
export function cookieSuffix(publishableKey) {
  let suffix = suffixes.get(publishableKey)
  if (!suffix) {
    if (suffixes.size >= 16) suffixes.delete(suffixes.keys().next().value)
    suffix = crypto.subtle.digest('SHA-1', new TextEncoder().encode(publishableKey)).then((digest) =>
      btoa(String.fromCharCode(...new Uint8Array(digest)))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .slice(0, 8),
    )
    suffixes.set(publishableKey, suffix)
  }
  return suffix
}
