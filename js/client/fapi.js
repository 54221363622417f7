// The Frontend API as clerk-js reaches it (the instance's URL comes from instance.js): the
// transport's query parameters, the dev browser token of development instances, Clerk's error
// data on a rejected request, and the Account Portal URLs. The operations themselves (paths,
// bodies, `_method`) are built in Rust (src/client/fapi.rs).
import { readText } from '../core/body.js'
import { MAX_JSON_LENGTH } from '../core/core.js'
import { AuthError } from '../core/errors.js'
import { COOKIES } from '../core/instance.js'
import { navigable } from './navigate.js'

/** The Frontend API version this client speaks (clerk-js: SUPPORTED_FAPI_VERSION). */
export const FAPI_VERSION = '2026-05-12'
const DEV_BROWSER_HEADER = 'clerk-db-jwt' // DEV_BROWSER_HEADER
const REQUEST_TIMEOUT_MS = 15_000

/**
 * The transport: `send(method, path, form?)` resolves to `[status, body, retryAfter]`, rejects
 * on a network error. Every request carries the API version and, on development instances, the
 * dev browser token; a response header may replace the token (clerk-js: core/fapiClient.ts,
 * core/auth/devBrowser.ts). `devBrowser` is the token store (cookies.js).
 */
export function createTransport({ frontendApi, development }, { ready: cookiesReady, devBrowser }) {
  let ready = null
  const url = (path, token) => {
    const query = `${path.includes('?') ? '&' : '?'}__clerk_api_version=${FAPI_VERSION}`
    return `${frontendApi}${path}${query}${token ? `&${COOKIES.devBrowser}=${encodeURIComponent(token)}` : ''}`
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
    // Read up to the limit of what wasm takes, no further: a body beyond it is no Frontend API
    // answer (an empty one: response-invalid), and it is never all in memory.
    const body = await readText(response, MAX_JSON_LENGTH).catch((error) => {
      if (error instanceof RangeError) return ''
      throw error
    })
    return [response.status, body, response.headers.get('retry-after')]
  }
  // A development instance needs a dev browser before anything else: from the URL after a
  // redirect back from the Account Portal (then removed from it), else from its cookie, else a
  // new one from POST /v1/dev_browser.
  const setUp = async () => {
    await cookiesReady
    if (!development) return
    const href = globalThis.location?.href
    const fromUrl = href && new URL(href).searchParams.get(COOKIES.devBrowser)
    if (fromUrl) {
      const clean = new URL(href)
      clean.searchParams.delete(COOKIES.devBrowser)
      globalThis.history?.replaceState(globalThis.history.state, '', clean)
      return devBrowser.set(fromUrl)
    }
    // Found in a cookie (perhaps set by a server's handshake, under the plain name only): written
    // again under both names, as clerk-js does once loaded (refreshCookies in
    // core/auth/AuthCookieService.ts), so a server reading the suffixed names finds it.
    const existing = devBrowser.get()
    if (existing) return devBrowser.set(existing)
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
 * `clerkTraceId`; the message becomes the first error's long message.
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
 * The sign-in or sign-up page's URL: `configured` (the app's `signInUrl`/`signUpUrl`) or else
 * `key` (`sign_in_url` or `sign_up_url`) of the environment's display_config, with `redirect_url`
 * in its hash search, and the dev browser token in the query of a development instance, as
 * clerk-js builds it (core/clerk.ts: #buildUrl, buildUrlWithAuth). A Frontend API answer is not
 * trusted to choose where the browser goes: its URL must be http(s) and on the instance's own
 * hosts (`instanceHosts`); the app's own options must be http(s).
 */
export function accountPortalUrl({ environment, key, configured, redirectUrl, devBrowserToken, instanceHosts }) {
  const here = globalThis.location
  let url
  if (configured) {
    url = navigable(configured, 'options-invalid', `${key === 'sign_in_url' ? 'signInUrl' : 'signUpUrl'}`)
  } else {
    const base = environment?.display_config?.[key]
    if (typeof base !== 'string') throw new AuthError('response-invalid', `The environment has no ${key}.`)
    url = navigable(base, 'response-invalid', `The environment's ${key}`)
    if (url.origin !== here?.origin && !instanceHosts.some((host) => onHost(url.hostname, host))) {
      throw new AuthError('response-invalid', `The environment's ${key} is not on the instance's hosts: ${url.host}`)
    }
  }
  const redirect = navigable(redirectUrl ?? here?.href ?? '/', 'options-invalid', 'redirectUrl')
  url.hash = `/?${new URLSearchParams({ redirect_url: redirect.href })}`
  if (devBrowserToken && url.origin !== here?.origin) url.searchParams.set(COOKIES.devBrowser, devBrowserToken)
  return url
}

/**
 * Whether `hostname` is one of the instance with Frontend API host `host`: that host, or its site
 * (the host without its `clerk.` label: `clerk.example.com` serves `accounts.example.com`,
 * `x.clerk.accounts.dev` serves `x.accounts.dev`) or a subdomain of it.
 */
function onHost(hostname, host) {
  const site = host.replace(/(^|\.)clerk\./, '$1')
  return hostname === host || hostname === site || hostname.endsWith(`.${site}`)
}
