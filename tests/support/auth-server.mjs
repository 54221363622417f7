// The one test client of the dev auth server, for every suite that starts one: the server on a
// free port with its /dev routes as methods, a Node "browser" that speaks the Frontend API as a
// client does (cookies, the dev browser token, the API version), token verification with jose
// (independent of the server's own signing code), and the conformance log: every exchange is held
// to tests/conformance/schemas.mjs, and stop() fails when one did not conform.
import { readFileSync } from 'node:fs'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { startAuthServer } from '../../dev-server/index.mjs'
import { createConformanceLog } from '../conformance/validator.mjs'
import { API_VERSION } from '../conformance/schemas.mjs'

export const APP_ORIGIN = 'http://127.0.0.1:5173'
export const seed = JSON.parse(readFileSync(new URL('../../dev-server/seed.json', import.meta.url), 'utf8'))
export const seededUser = (id) => seed.users.find((u) => u.id === id)
export const seededOrg = (id) => seed.organizations.find((o) => o.id === id)
export const rolePermissions = (orgId, role) => seededOrg(orgId).roles[role]

/**
 * Starts a dev auth server (`options` as startAuthServer's; `instance` defaults to production).
 * `conformance: false` turns the log off, for a suite that sends malformed requests on purpose.
 */
export async function startTestAuthServer({ conformance = true, ...options } = {}) {
  const log = createConformanceLog()
  const server = await startAuthServer({ ...options, observe: conformance ? log.observe : undefined })
  const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`))
  const call = async (method, path, body) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  return {
    ...server,
    stats: () => call('GET', '/dev/stats'),
    fault: (spec) => call('POST', '/dev/faults', spec),
    clearFaults: () => call('DELETE', '/dev/faults'),
    config: (spec) => call('POST', '/dev/config', spec),
    reset: () => call('POST', '/dev/reset'),
    /** A fresh cookie jar (and dev browser): a new browser profile. */
    browser: (origin = APP_ORIGIN) => new Browser(server, origin),
    async verify(jwt, { origin = APP_ORIGIN } = {}) {
      const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { issuer: server.issuer, algorithms: ['RS256'] })
      if (origin !== null) assertEqual(payload.azp, origin, 'azp')
      return { payload, header: protectedHeader }
    },
    conformance: log,
    /** Stops the server; rejects when an exchange did not conform to the schemas. */
    async stop() {
      await server.stop()
      const problems = log.problems()
      if (problems.length) throw new Error(`Frontend API exchanges that break the spec:\n${problems.join('\n')}`)
    },
  }
}

/**
 * A browser as the Frontend API sees one: the cookies it keeps (name=value only; attributes are
 * asserted where they matter) and, on a development instance, its dev browser token, sent as
 * `__clerk_db_jwt` on every request once it has one (`devBrowser()` gets it).
 */
export class Browser {
  constructor(server, origin) {
    this.server = server
    this.baseUrl = server.url
    this.origin = origin
    this.cookies = new Map()
    this.devBrowserToken = null
  }

  /** The dev browser token, from POST /v1/dev_browser the first time (development instances). */
  async devBrowser() {
    if (!this.devBrowserToken && this.server.instance === 'development') {
      const { status, body } = await this.json('/v1/dev_browser', { method: 'POST' })
      assertEqual(status, 200, 'POST /v1/dev_browser')
      this.devBrowserToken = body.id
    }
    return this.devBrowserToken
  }

  /** `path` with the query a client adds: the API version on /v1/, the dev browser token. */
  url(path) {
    const url = new URL(this.baseUrl + path)
    if (url.pathname.startsWith('/v1/')) url.searchParams.set('__clerk_api_version', API_VERSION)
    if (this.devBrowserToken) url.searchParams.set('__clerk_db_jwt', this.devBrowserToken)
    return url.href
  }

  async request(path, { method = 'GET', form, json, headers = {} } = {}) {
    const h = { ...headers }
    if (this.origin) h.origin = this.origin
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    let body
    if (form !== undefined) {
      h['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(form).toString()
    } else if (json !== undefined) {
      h['content-type'] = 'application/json'
      body = JSON.stringify(json)
    }
    const response = await fetch(this.url(path), { method, headers: h, body, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair.indexOf('=')
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
    }
    return response
  }

  // The answer's status and JSON body, after checking the content type every answer must have.
  async json(path, options) {
    const response = await this.request(path, options)
    assertEqual(response.headers.get('content-type'), 'application/json', `content-type of ${path}`)
    return { status: response.status, body: await response.json(), headers: response.headers }
  }

  async signIn(user) {
    await this.devBrowser()
    const { status, body } = await this.json('/dev/sign-in', { method: 'POST', json: { user } })
    assertEqual(status, 200, `sign in ${user}`)
    return body.response.last_active_session_id
  }

  async token(sessionId, form) {
    return this.json(`/v1/client/sessions/${sessionId}/tokens`, { method: 'POST', form: form ?? {} })
  }
}

// Decodes o.per x o.fpm back to org:<feature>:<permission> with BigInt, written independently of
// the server's encoder so a shared bug cannot hide.
export function decodeOrgPermissions(claims) {
  const names = claims.o.per === '' ? [] : claims.o.per.split(',')
  const masks = claims.o.fpm === '' ? [] : claims.o.fpm.split(',').map(BigInt)
  const orgFeatures = claims.fea
    .split(',')
    .filter((e) => /^(o|ou|uo):/.test(e))
    .map((e) => e.split(':')[1])
  assertEqual(masks.length, orgFeatures.length, 'one fpm mask per org feature')
  const result = []
  orgFeatures.forEach((feature, i) => {
    names.forEach((name, bit) => {
      if ((masks[i] >> BigInt(bit)) & 1n) result.push(`org:${feature}:${name}`)
    })
  })
  return result
}

function assertEqual(actual, expected, what) {
  if (actual !== expected)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}
