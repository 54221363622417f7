// Keys fetched for you: an instance's `/.well-known/jwks.json`, fetched once and cached per URL.
//  - Concurrent requests share one fetch (a cold cache under load makes one request).
//  - A set is fresh for `jwksCacheTtlInMs` (Clerk's five minutes by default); after that the next
//    request refetches it, and if that fails the last good set keeps serving.
//  - A token whose `kid` the set lacks may refetch it, at most once per `jwksCooldownInMs` (so an
//    attacker's random kids cannot turn into a fetch each; jose's createRemoteJWKSet does the same).
//  - Each fetch is bounded by `jwksTimeoutInMs` and its answer by MAX_JWKS_LENGTH bytes, counted
//    while it streams in (js/body.js); a failure is a TokenVerificationError with Clerk's reason
//    `jwk-remote-failed-to-load`, and failing again is not retried before the cooldown: a JWKS
//    server that hangs costs one timeout per cooldown, never one per request.
// Only fetch, AbortController and timers: the same code runs in Node and edge runtimes.
import { verifier } from './wasm.js'
import { AuthError, TokenVerificationError } from './errors.js'
import { instanceFrom } from './instance.js'
import { readText } from './body.js'

const DEFAULTS = { jwksCacheTtlInMs: 5 * 60 * 1000, jwksCooldownInMs: 30 * 1000, jwksTimeoutInMs: 5000 }
const MAX_SOURCES = 16 // URLs: an app has one instance, maybe two
const MAX_JWKS_LENGTH = 1024 * 1024

const sources = new Map() // URL -> JwksSource, oldest first

/** The JWKS URL the options name (`jwksUrl`, else the instance's Frontend API), or null. */
export function jwksUrlFor(options, origin) {
  if (typeof options?.jwksUrl === 'string' && options.jwksUrl) return options.jwksUrl
  const { frontendApi } = instanceFrom(options, origin)
  return frontendApi ? `${frontendApi}/.well-known/jwks.json` : null
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
    const now = Date.now()
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
      if (Date.now() - this.attemptedAt < settings.jwksCooldownInMs) return null
      this.fetch(settings).catch(() => {})
    }
    try {
      const keys = await this.pending
      return keys === seen ? null : keys
    } catch {
      return null
    }
  }

  fetch(settings) {
    this.attemptedAt = Date.now()
    this.fetches++
    const pending = download(this.url, settings.jwksTimeoutInMs).then(
      (json) => {
        // The replaced set is not freed here: a request may still hold it between an await and its
        // verification. The build's weak references free it once nothing does.
        const keys = verifier.KeySet.fromJwks(json)
        Object.assign(this, { keys, fetchedAt: Date.now(), failure: null, pending: null })
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
