// CORS: what a browser on another port of this machine needs to call the server with credentials.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestAuthServer } from '../support/auth-server.mjs'

let t
let custom
before(async () => {
  t = await startTestAuthServer()
  custom = await startTestAuthServer({ allowedOrigins: ['https://app.example.test'] })
})
after(() => Promise.all([t.stop(), custom.stop()]))

const cors = (headers) => ({
  origin: headers.get('access-control-allow-origin'),
  credentials: headers.get('access-control-allow-credentials'),
  vary: headers.get('vary'),
  expose: headers.get('access-control-expose-headers'),
})

const preflight = (url, origin, requestHeaders) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      ...(requestHeaders ? { 'access-control-request-headers': requestHeaders } : {}),
    },
  })

describe('default policy: http://127.0.0.1:<port> and http://localhost:<port>', () => {
  for (const origin of ['http://127.0.0.1:5173', 'http://localhost:3000', 'http://127.0.0.1']) {
    test(`allowed: ${origin}`, async () => {
      const response = await t.browser(origin).request('/v1/client')
      assert.equal(response.status, 200)
      assert.deepEqual(cors(response.headers), {
        origin,
        credentials: 'true',
        vary: 'Origin',
        expose: 'Retry-After, Clerk-Db-Jwt',
      })
    })
  }

  for (const origin of [
    'http://evil.test',
    'https://127.0.0.1:5173',
    'http://127.0.0.1.evil.test',
    'http://localhost:3000/x',
    'null',
  ]) {
    test(`disallowed: ${origin} gets no CORS headers`, async () => {
      const response = await t.browser(origin).request('/v1/client')
      assert.equal(response.status, 200)
      assert.deepEqual(cors(response.headers), { origin: null, credentials: null, vary: 'Origin', expose: null })
    })
  }

  test('error answers carry CORS headers too, so the app can read 401/404', async () => {
    const browser = t.browser('http://127.0.0.1:5173')
    const { status, headers } = await browser.json('/v1/client/sessions/sess_x/tokens', { method: 'POST' })
    assert.equal(status, 404)
    assert.equal(headers.get('access-control-allow-origin'), 'http://127.0.0.1:5173')
    assert.equal(headers.get('access-control-allow-credentials'), 'true')
  })

  test('preflight from an allowed origin: 204 with methods and the asked headers', async () => {
    const response = await preflight(
      `${t.url}/v1/client/sessions/s/tokens`,
      'http://127.0.0.1:5173',
      'content-type,x-custom',
    )
    assert.equal(response.status, 204)
    assert.equal(await response.text(), '')
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://127.0.0.1:5173')
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true')
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST, PATCH, DELETE, OPTIONS')
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type,x-custom')
    assert.equal(response.headers.get('access-control-max-age'), '600')
    assert.equal(response.headers.get('vary'), 'Origin, Access-Control-Request-Headers')
  })

  test('preflight without asked headers: no allow-headers', async () => {
    const response = await preflight(`${t.url}/v1/client/sessions`, 'http://localhost:8080')
    assert.equal(response.status, 204)
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:8080')
    assert.equal(response.headers.get('access-control-allow-headers'), null)
  })

  test('preflight asking for private network access is granted', async () => {
    const response = await fetch(`${t.url}/v1/client`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'GET',
        'access-control-request-private-network': 'true',
      },
    })
    assert.equal(response.headers.get('access-control-allow-private-network'), 'true')
  })

  test('preflight from a disallowed origin: 204 without CORS headers', async () => {
    const response = await preflight(`${t.url}/v1/client`, 'http://evil.test', 'content-type')
    assert.equal(response.status, 204)
    assert.equal(response.headers.get('access-control-allow-origin'), null)
    assert.equal(response.headers.get('access-control-allow-methods'), null)
    assert.equal(response.headers.get('access-control-allow-headers'), null)
  })

  test('preflights are not counted as Frontend API requests', async () => {
    await t.reset()
    await preflight(`${t.url}/v1/client/sessions/s/tokens`, 'http://127.0.0.1:5173')
    assert.equal((await t.stats()).total, 0)
  })
})

describe('allowedOrigins: exact origins only', () => {
  test('a listed origin is answered', async () => {
    const response = await custom.browser('https://app.example.test').request('/v1/client')
    assert.deepEqual(cors(response.headers), {
      origin: 'https://app.example.test',
      credentials: 'true',
      vary: 'Origin',
      expose: 'Retry-After, Clerk-Db-Jwt',
    })
  })

  test('local origins are no longer allowed by default', async () => {
    const response = await custom.browser('http://127.0.0.1:5173').request('/v1/client')
    assert.deepEqual(cors(response.headers), { origin: null, credentials: null, vary: 'Origin', expose: null })
    const pre = await preflight(`${custom.url}/v1/client`, 'http://127.0.0.1:5173')
    assert.equal(pre.headers.get('access-control-allow-origin'), null)
  })
})
