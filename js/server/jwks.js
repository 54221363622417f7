// Keys fetched for you: an instance's `/.well-known/jwks.json`, fetched once and cached per URL.
//  - Where from is configuration alone (jwksUrlFor): `jwksUrl`, or the Frontend API the options
//    name (serverInstanceFrom). Nothing a request carries (Host, X-Forwarded-Host, cookies, the
//    token's `iss` or `kid`) picks the URL: a request that could would have the server verify
//    tokens with its own keys, make the server fetch from any host, and fill this cache.
//  - Concurrent requests share one fetch (a cold cache under load makes one request).
//  - A set is fresh for `jwksCacheTtlInMs` (Clerk's five minutes by default); after that the next
//    request refetches it, and if that fails the last good set keeps serving.
//  - A token whose `kid` the set lacks may refetch it, at most once per `jwksCooldownInMs` (so an
//    attacker's random kids cannot turn into a fetch each; jose's createRemoteJWKSet does the same).
//  - Each fetch is bounded by `jwksTimeoutInMs` and its answer by MAX_JWKS_LENGTH bytes, counted
//    while it streams in (js/core/body.js); a failure is a TokenVerificationError with Clerk's
//    reason `jwk-remote-failed-to-load`, and failing again is not retried before the cooldown: a
//    JWKS server that hangs costs one timeout per cooldown, never one per request.
// Only fetch, AbortController and timers: the same code runs in Node and edge runtimes.
import { generation, verifier } from '../wasm/wasm.js'
import { inVerifier } from '../wasm/wasm-server.js'
import { AuthError, TokenVerificationError } from '../core/errors.js'
import { serverInstanceFrom } from './server-instance.js'
import { readText } from '../core/body.js'

const DEFAULTS = { jwksCacheTtlInMs: 5 * 60 * 1000, jwksCooldownInMs: 30 * 1000, jwksTimeoutInMs: 5000 }
const MAX_SOURCES = 16 // URLs: an app has one instance, maybe two
const MAX_JWKS_LENGTH = 1024 * 1024

const sources = new Map() // URL -> JwksSource, oldest first

/**
 * The clock the fetching rules read (the TTL, the cooldown): `Date.now`, which tests replace to
 * move time without waiting for it, as the Rust core takes its `now`.
 */
export const clock = { now: () => Date.now() }

const WHERE = 'pass jwtKey, jwks, an absolute jwksUrl, a publishableKey, or an absolute proxyUrl or frontendApi'

/**
 * The JWKS URL the options name, or null when they name none (then only `jwtKey` or `jwks` can
 * verify): `jwksUrl`, else `<Frontend API>/.well-known/jwks.json` for the Frontend API the server
 * may fetch from (serverInstanceFrom's `keysFrom`). Throws AuthError `options-invalid` for a path
 * `proxyUrl` with nothing else to say where its Frontend API is: a path would be resolved against
 * an origin, and the only one a server has is the one the request claims.
 */
export function jwksUrlFor(options) {
  const jwksUrl = jwksUrlOption(options)
  if (jwksUrl) return jwksUrl
  const { keysFrom, frontendApi } = serverInstanceFrom(options)
  if (keysFrom) return `${keysFrom}/.well-known/jwks.json`
  if (frontendApi) {
    throw new AuthError(
      'options-invalid',
      `proxyUrl ${frontendApi} is a path, and nothing says where its Frontend API is for the keys: ${WHERE}.`,
    )
  }
  return null
}

/**
 * The `jwksUrl` option: null when absent, else an absolute http(s) URL. Anything else (a path, a
 * protocol-relative `//host/…`, not a string) throws AuthError `options-invalid`, for the reason
 * jwksUrlFor gives.
 */
export function jwksUrlOption(options) {
  const jwksUrl = options?.jwksUrl
  if (jwksUrl === undefined || jwksUrl === null || jwksUrl === '') return null
  if (typeof jwksUrl !== 'string' || !isAbsolute(jwksUrl)) {
    throw new AuthError('options-invalid', `jwksUrl is an absolute http(s) URL; for the keys, ${WHERE}.`)
  }
  return jwksUrl
}

function isAbsolute(url) {
  if (!/^https?:\/\/[^/\\?#]/i.test(url)) return false
  try {
    return !!new URL(url)
  } catch {
    return false
  }
}

/** The cached source for `url`, made on first use. */
export function jwksSource(url) {
  let source = sources.get(url)
  if (!source) {
    if (sources.size >= MAX_SOURCES) {
      sources.delete(sources.keys().next().value)
    }
    sources.set(url, (source = new JwksSource(url)))
  }
  return source
}

/**
 * The fetching rules' settings the options give, each absent (null or undefined: the default) or
 * a number of milliseconds, 0 or more. Anything else is an AuthError `options-invalid`, not a
 * silent default.
 */
export function jwksSettings(options) {
  const settings = {}
  for (const [name, fallback] of Object.entries(DEFAULTS)) {
    const value = options?.[name]
    if (value != null && !(typeof value === 'number' && value >= 0)) {
      throw new AuthError('options-invalid', `${name} is a number of milliseconds, 0 or more.`)
    }
    settings[name] = value ?? fallback
  }
  return settings
}

class JwksSource {
  constructor(url) {
    this.url = url
    this.keys = null // the last good KeySet
    this.fetchedAt = -Infinity // when `keys` was fetched
    this.attemptedAt = -Infinity // when the last fetch started
    this.failure = null // the last fetch's error, while it is the latest word
    this.pending = null // the fetch in flight, shared by everyone who asks
    this.fetches = 0 // fetches started: the tests count them
  }

  /**
   * A KeySet to verify with: the cached one while fresh, else a new fetch (or the last good set).
   * `settings` come from jwksSettings.
   */
  async current(settings) {
    const now = clock.now()
    // Parsed by a wasm instance since replaced (it trapped): parsed again, not fetched again.
    if (this.keys && this.generation !== generation) this.parse(this.json)
    if (this.keys && now - this.fetchedAt < settings.jwksCacheTtlInMs) return this.keys
    if (this.pending) return this.pending
    if (this.failure && now - this.attemptedAt < settings.jwksCooldownInMs) {
      if (this.keys) return this.keys
      throw this.failure
    }
    return this.fetch(settings)
  }

  /**
   * After a token's `kid` was not in `seen`: a newer set, or null when there is none to be had now
   * (the cooldown since the last fetch has not passed, or the fetch failed).
   */
  async refreshed(seen, settings) {
    if (this.keys !== seen) return this.keys // someone else refetched meanwhile
    if (!this.pending) {
      if (clock.now() - this.attemptedAt < settings.jwksCooldownInMs) return null
      this.fetch(settings).catch(() => {})
    }
    try {
      const keys = await this.pending
      return keys === seen ? null : keys
    } catch {
      return null
    }
  }

  parse(json) {
    this.keys = inVerifier(() => verifier.KeySet.fromJwks(json))
    Object.assign(this, { json, generation })
    return this.keys
  }

  fetch(settings) {
    this.attemptedAt = clock.now()
    this.fetches++
    const pending = download(this.url, settings.jwksTimeoutInMs).then(
      (json) => {
        // The replaced set is not freed here: a request may still hold it between an await and its
        // verification. The build's weak references free it once nothing does.
        const keys = this.parse(json)
        Object.assign(this, { fetchedAt: clock.now(), failure: null, pending: null })
        return keys
      },
      (failure) => {
        Object.assign(this, { failure, pending: null })
        if (this.keys) return this.keys // the last good set keeps serving
        throw failure
      },
    )
    this.pending = pending
    return pending
  }
}

/** The JWKS text at `url`, checked to hold at least one key, within `timeoutMs`. */
async function download(url, timeoutMs) {
  const fail = (why, cause) =>
    new TokenVerificationError('jwk-remote-failed-to-load', `Failed to load the JWKS from ${url}: ${why}.`, { cause })
  const abort = new AbortController()
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      abort.abort()
      reject(fail(`no answer within ${timeoutMs} ms`))
    }, timeoutMs)
    timer.unref?.() // Node: a pending JWKS fetch does not keep the process alive
  })
  const load = (async () => {
    let response
    try {
      response = await fetch(url, { signal: abort.signal, headers: { accept: 'application/json' } })
    } catch (cause) {
      throw fail('the request failed', cause)
    }
    if (!response.ok) {
      response.body?.cancel().catch(() => {})
      throw fail(`HTTP ${response.status}`)
    }
    let text
    try {
      text = await readText(response, MAX_JWKS_LENGTH)
    } catch (cause) {
      throw fail(
        cause instanceof RangeError ? `the answer is over ${MAX_JWKS_LENGTH} bytes` : 'reading it failed',
        cause,
      )
    }
    let keys
    try {
      keys = JSON.parse(text)?.keys
    } catch {}
    if (!Array.isArray(keys) || keys.length === 0) throw fail('the answer holds no keys')
    return text
  })()
  try {
    return await Promise.race([load, timeout])
  } finally {
    clearTimeout(timer)
    load.catch(() => {}) // after a timeout, the abandoned request's own failure is not news
  }
}

/** Test hook: forget every cached set (the tests start each scenario cold). */
export function clearJwksCache() {
  sources.clear()
}
