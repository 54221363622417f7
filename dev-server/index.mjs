// Programmatic entry point of the wasm-auth dev auth server (see README.md beside this file).
import { createHash } from 'node:crypto'
import { createFaults, createStats } from './faults.mjs'
import { originPolicy } from './http.mjs'
import { loadSeed } from './seed.mjs'
import { createAuthHttpServer } from './server.mjs'
import { createStore } from './store.mjs'
import { createSigningKey } from './tokens.mjs'

export const INSTANCES = ['development', 'production']

export async function startAuthServer({
  host = '127.0.0.1',
  port = 0,
  tokenLifetimeSeconds = 60,
  allowedOrigins,
  instance = 'production',
  observe,
} = {}) {
  if (!INSTANCES.includes(instance)) throw new TypeError(`instance must be one of ${INSTANCES.join(', ')}`)
  if (observe !== undefined && typeof observe !== 'function') throw new TypeError('observe must be a function')
  if (!Number.isInteger(tokenLifetimeSeconds) || tokenLifetimeSeconds <= 0) {
    throw new TypeError('tokenLifetimeSeconds must be a positive integer')
  }
  if (allowedOrigins !== undefined && !Array.isArray(allowedOrigins))
    throw new TypeError('allowedOrigins must be an array of origins')

  // Latency faults sleep on timers; stop() clears them so a pending one cannot hold the process open.
  const timers = new Set()
  const sleep = (ms) =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve()
      }, ms)
      timers.add(timer)
    })

  const ctx = {
    index: loadSeed(),
    key: await createSigningKey(),
    store: createStore(),
    stats: createStats(),
    faults: createFaults(),
    config: { tokenLifetimeSeconds, displayConfig: {} },
    initialConfig: { tokenLifetimeSeconds, displayConfig: {} },
    isAllowedOrigin: originPolicy(allowedOrigins),
    instance,
    observe,
    url: null,
    issuer: null,
    publishableKey: null,
    cookieSuffix: null,
    now: () => Date.now(),
    sleep,
  }

  const server = createAuthHttpServer(ctx)
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const url = `http://${urlHost(host)}:${server.address().port}`
  const frontendApiHost = frontendApiHostFor(instance, server.address().port, url)
  ctx.url = url
  // Clerk's session tokens name the Frontend API the publishable key names as their issuer
  // (@clerk/backend reads cookies as another instance's when the two differ: usesSuffixedCookies
  // in packages/backend/src/tokens/authenticateContext.ts). A development instance's Frontend API
  // host is a Clerk development host reached here through proxyUrl; a production one is this server.
  ctx.issuer = instance === 'development' ? `https://${frontendApiHost}` : url
  ctx.publishableKey = publishableKeyFor(instance, frontendApiHost)
  ctx.cookieSuffix = cookieSuffix(ctx.publishableKey)

  let stopped
  const stop = () => {
    stopped ??= new Promise((resolve, reject) => {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      server.close((error) => (error ? reject(error) : resolve()))
      // close() drops idle keep-alive sockets but waits for requests in flight (one held by a
      // latency fault, a stalled browser tab); a dev server should not wait for them.
      server.closeAllConnections()
    })
    return stopped
  }

  return {
    url,
    issuer: ctx.issuer,
    instance,
    publishableKey: ctx.publishableKey,
    cookieSuffix: ctx.cookieSuffix,
    jwks: ctx.key.jwks,
    publicKeyPem: ctx.key.publicKeyPem,
    stop,
  }
}

/**
 * The instance's Frontend API host: a production instance is this server's host; a development
 * one a Clerk development host (`*.clerk.accounts.dev`), the mark by which clerk-js turns on its
 * dev browser (core/auth/devBrowser.ts). Either way a browser reaches this server through `proxyUrl`.
 */
function frontendApiHostFor(instance, port, url) {
  return instance === 'development' ? `wasm-auth-dev-${port}.clerk.accounts.dev` : new URL(url).host
}

/** `pk_test_`/`pk_live_` + base64 of the Frontend API host + `$` (@clerk/shared/keys). */
function publishableKeyFor(instance, host) {
  const prefix = instance === 'development' ? 'pk_test_' : 'pk_live_'
  return prefix + Buffer.from(`${host}$`).toString('base64').replace(/=+$/, '')
}

// @clerk/shared/keys: getCookieSuffix.
function cookieSuffix(publishableKey) {
  const digest = createHash('sha1').update(publishableKey).digest('base64')
  return digest.replace(/\+/g, '-').replace(/\//g, '_').slice(0, 8)
}

// A wildcard bind is reached through loopback; an IPv6 literal needs brackets in a URL.
function urlHost(host) {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}
