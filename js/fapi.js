// The Frontend API as clerk-js reaches it: which URL (publishableKey, proxyUrl, frontendApi), the
// transport's query parameters, the dev browser token of development instances, Clerk's error
// data on a rejected request, and the Account Portal URLs. The operations themselves (paths,
// bodies, `_method`) are built in Rust (src/client/fapi.rs).
import { AuthError } from './errors.js'

/** The Frontend API version this client speaks (clerk-js: SUPPORTED_FAPI_VERSION). */
export const FAPI_VERSION = '2026-05-12'
const DEV_BROWSER = '__clerk_db_jwt' // @clerk/shared/devBrowser: DEV_BROWSER_KEY
const DEV_BROWSER_HEADER = 'clerk-db-jwt' // DEV_BROWSER_HEADER
// @clerk/shared/constants: DEV_OR_STAGING_SUFFIXES
const DEV_SUFFIXES =
  /(\.lcl\.dev|\.stg\.dev|\.lclstage\.dev|\.stgstage\.dev|\.dev\.lclclerk\.com|\.stg\.lclclerk\.com|\.accounts\.lclclerk\.com|accountsstage\.dev|accounts\.dev)$/
const REQUEST_TIMEOUT_MS = 15_000

const invalid = (message) => new AuthError('options-invalid', `createAuthClient: ${message}`)

/**
 * The instance `{ baseUrl, development, publishableKey }` from the options, by one rule:
 * requests go to `proxyUrl` when given (absolute, or a path on this origin), else to
 * `frontendApi` (a URL, or a host reached over https), else to `https://` + the host the
 * publishable key names. The instance is a development one when the key is `pk_test_`; without a
 * key, when the Frontend API's host is one of Clerk's development hosts.
 */
export function instanceFrom({ publishableKey, proxyUrl, frontendApi }) {
  let keyHost = null
  if (publishableKey !== undefined) {
    keyHost = typeof publishableKey === 'string' ? parsePublishableKey(publishableKey) : null
    if (!keyHost) throw invalid('publishableKey is not a Clerk publishable key (pk_test_… or pk_live_…).')
  }
  let baseUrl
  if (proxyUrl !== undefined) {
    if (typeof proxyUrl !== 'string' || !/^(https?:\/\/|\/)/.test(proxyUrl)) {
      throw invalid('proxyUrl is an http(s) URL or a path starting with /.')
    }
    baseUrl = proxyUrl.startsWith('/') ? `${globalThis.location?.origin ?? ''}${proxyUrl}` : proxyUrl
  } else if (frontendApi !== undefined) {
    if (typeof frontendApi !== 'string' || !/^(https?:\/\/[^\s/?#]+|[\w.-]+(:\d+)?)(\/[^\s?#]*)?$/.test(frontendApi)) {
      throw invalid('frontendApi is the Frontend API URL or host.')
    }
    baseUrl = /^https?:\/\//.test(frontendApi) ? frontendApi : `https://${frontendApi}`
  } else if (keyHost) {
    baseUrl = `https://${keyHost}`
  } else {
    throw invalid('give publishableKey (or proxyUrl or frontendApi).')
  }
  const development = keyHost ? publishableKey.startsWith('pk_test_') : DEV_SUFFIXES.test(new URL(baseUrl).hostname)
  return { baseUrl: baseUrl.replace(/\/+$/, ''), development, publishableKey: keyHost ? publishableKey : null }
}

/** The Frontend API host a publishable key names, or null (@clerk/shared/keys: parsePublishableKey). */
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

/**
 * The transport: `send(method, path, form?)` resolves to `[status, body, retryAfter]`, rejects
 * on a network error. Every request carries the API version and, on development instances, the
 * dev browser token; a response header may replace the token (clerk-js: core/fapiClient.ts,
 * core/auth/devBrowser.ts). `devBrowser` is the token store (cookies.js).
 */
export function createTransport({ baseUrl, development }, { ready: cookiesReady, devBrowser }) {
  let ready = null
  const url = (path, token) => {
    const query = `${path.includes('?') ? '&' : '?'}__clerk_api_version=${FAPI_VERSION}`
    return `${baseUrl}${path}${query}${token ? `&${DEV_BROWSER}=${encodeURIComponent(token)}` : ''}`
  }
  const request = async (method, path, form) => {
    const response = await fetch(url(path, development && devBrowser.get()), {
      method,
      credentials: 'include',
      headers: method === 'GET' ? undefined : { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    const fresh = development && response.headers.get(DEV_BROWSER_HEADER)
    if (fresh) devBrowser.set(fresh)
    return [response.status, await response.text(), response.headers.get('retry-after')]
  }
  // A development instance needs a dev browser before anything else: from the URL after a
  // redirect back from the Account Portal (then removed from it), else from its cookie, else a
  // new one from POST /v1/dev_browser.
  const setUp = async () => {
    await cookiesReady
    if (!development) return
    const href = globalThis.location?.href
    const fromUrl = href && new URL(href).searchParams.get(DEV_BROWSER)
    if (fromUrl) {
      const clean = new URL(href)
      clean.searchParams.delete(DEV_BROWSER)
      globalThis.history?.replaceState(globalThis.history.state, '', clean)
      return devBrowser.set(fromUrl)
    }
    if (devBrowser.get()) return
    const [status, body] = await request('POST', '/v1/dev_browser')
    const id = status === 200 ? JSON.parse(body).id : null
    if (typeof id !== 'string') throw new Error(`POST /v1/dev_browser answered ${status}`)
    devBrowser.set(id)
  }
  const send = async (method, path, form) => {
    ready ??= setUp().catch((error) => {
      ready = null
      throw error
    })
    await ready
    return request(method, path, form)
  }
  return { send, devBrowserToken: () => development && devBrowser.get() }
}

/**
 * Adds Clerk's error data to `error`, as `ClerkAPIResponseError` has it (@clerk/shared/errors):
 * `status`, `errors: [{ code, message, longMessage, meta }]` (meta keys camelCased),
 * `clerkTraceId`, `retryAfter`; the message becomes the first error's long message.
 */
export function addClerkErrors(error, status, body) {
  let json = null
  try {
    json = JSON.parse(body)
  } catch {}
  const errors = Array.isArray(json?.errors) ? json.errors : []
  error.status = status
  error.errors = errors.map((e) => ({
    code: e?.code,
    message: e?.message,
    longMessage: e?.long_message,
    meta: Object.fromEntries(
      Object.entries(e?.meta ?? {}).map(([k, v]) => [k.replace(/_(.)/g, (_, c) => c.toUpperCase()), v]),
    ),
  }))
  if (typeof json?.clerk_trace_id === 'string') error.clerkTraceId = json.clerk_trace_id
  const first = error.errors[0]
  if (first) error.message = first.longMessage || first.message || error.message
}

/**
 * The Account Portal URL for `key` (`sign_in_url` or `sign_up_url` of the environment's
 * display_config) with `redirect_url` in its hash search, and the dev browser token in the query
 * of a development instance, as clerk-js builds it (core/clerk.ts: #buildUrl, buildUrlWithAuth).
 */
export function accountPortalUrl(environment, key, redirectUrl, devBrowserToken) {
  const base = environment?.display_config?.[key]
  if (typeof base !== 'string') throw new AuthError('response-invalid', `The environment has no ${key}.`)
  const url = new URL(base, globalThis.location?.href)
  const redirect = new URL(redirectUrl ?? globalThis.location?.href ?? '/', globalThis.location?.href)
  url.hash = `/?${new URLSearchParams({ redirect_url: redirect.href })}`
  if (devBrowserToken && url.origin !== globalThis.location?.origin) url.searchParams.set(DEV_BROWSER, devBrowserToken)
  return url.href
}
