// Shared by the dev-server tests: a real server on a free port, a cookie-keeping "browser", and
// token verification with jose (independent of the server's own signing code).
import { readFileSync } from 'node:fs'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { startAuthServer } from '../../dev-server/index.mjs'

export const APP_ORIGIN = 'http://127.0.0.1:5173'
export const seed = JSON.parse(readFileSync(new URL('../../dev-server/seed.json', import.meta.url), 'utf8'))

export const seededUser = (id) => seed.users.find((u) => u.id === id)
export const seededOrg = (id) => seed.organizations.find((o) => o.id === id)
export const rolePermissions = (orgId, role) => seededOrg(orgId).roles[role]

export async function startTestServer(options) {
  const server = await startAuthServer(options)
  const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`))
  return {
    server,
    // A fresh cookie jar per call: a new browser profile.
    browser: (origin = APP_ORIGIN) => new Browser(server.url, origin),
    async verify(jwt, { origin = APP_ORIGIN } = {}) {
      const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { issuer: server.url, algorithms: ['RS256'] })
      if (origin !== null) assertEqual(payload.azp, origin, 'azp')
      return { payload, header: protectedHeader }
    },
    reset: () => fetch(`${server.url}/dev/reset`, { method: 'POST' }),
    stats: async () => (await fetch(`${server.url}/dev/stats`)).json(),
    setFault: async (fault) => {
      const response = await fetch(`${server.url}/dev/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      })
      assertEqual(response.status, 200, `POST /dev/faults ${JSON.stringify(fault)}`)
    },
  }
}

// Keeps the cookies a browser would (name=value only; attributes are asserted where they matter).
export class Browser {
  constructor(baseUrl, origin) {
    this.baseUrl = baseUrl
    this.origin = origin
    this.cookies = new Map()
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
    const response = await fetch(this.baseUrl + path, { method, headers: h, body, redirect: 'manual' })
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
