// Injected faults, request statistics and reset.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { startTestAuthServer } from '../support/auth-server.mjs'

let t
before(async () => {
  t = await startTestAuthServer()
})
after(() => t.stop())
beforeEach(() => t.reset())

async function signedIn(user = 'user_bob') {
  const browser = t.browser()
  const sid = await browser.signIn(user)
  return { browser, sid }
}

const zeroStats = {
  client: 0,
  tokens: 0,
  templateTokens: 0,
  touch: 0,
  signOut: 0,
  devBrowser: 0,
  environment: 0,
  handshake: 0,
  total: 0,
}

describe('faults', () => {
  test('latencyMs delays the answer, which is otherwise normal', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'tokens', latencyMs: 300 })
    const started = performance.now()
    const { status, body } = await browser.token(sid)
    const elapsed = performance.now() - started
    assert.equal(status, 200)
    assert.equal((await t.verify(body.jwt)).payload.sub, 'user_bob')
    assert.ok(elapsed >= 290 && elapsed < 3000, `took ${elapsed} ms`)
  })

  test('status 500 with a JSON error, then back to normal after times: 1', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'tokens', status: 500, times: 1 })
    const failed = await browser.token(sid)
    assert.equal(failed.status, 500)
    assert.deepEqual(failed.body, {
      errors: [
        {
          code: 'internal_clerk_error',
          message: 'Oops, an unexpected error occurred',
          long_message: 'Oops, an unexpected error occurred (injected by POST /dev/faults)',
        },
      ],
    })
    assert.equal(
      failed.headers.get('access-control-allow-origin'),
      'http://127.0.0.1:5173',
      'the app can read the status',
    )
    assert.equal((await browser.token(sid)).status, 200)
  })

  test('status 429 carries Retry-After: 1', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'tokens', status: 429 })
    const { status, body, headers } = await browser.token(sid)
    assert.equal(status, 429)
    assert.equal(headers.get('retry-after'), '1')
    assert.equal(body.errors[0].code, 'too_many_requests')
  })

  test('status 503 on the client route', async () => {
    const { browser } = await signedIn()
    await t.fault({ route: 'client', status: 503 })
    const { status, body, headers } = await browser.json('/v1/client')
    assert.equal(status, 503)
    assert.equal(body.errors[0].code, 'service_unavailable')
    assert.equal(headers.get('retry-after'), null)
  })

  test('drop: the connection is destroyed without an answer, fetch rejects', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'tokens', drop: true, times: 1 })
    await assert.rejects(browser.token(sid), (error) => error instanceof TypeError && error.message === 'fetch failed')
    assert.equal((await browser.token(sid)).status, 200)
    assert.equal((await t.stats()).tokens, 2, 'the dropped request was counted once, and not retried')
  })

  test('latency then status', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'touch', latencyMs: 200, status: 503, times: 1 })
    const started = performance.now()
    const { status } = await browser.json(`/v1/client/sessions/${sid}/touch`, { method: 'POST' })
    assert.equal(status, 503)
    assert.ok(performance.now() - started >= 190)
  })

  test('times is honoured exactly', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'tokens', status: 500, times: 3 })
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await browser.token(sid)).status)
    assert.deepEqual(statuses, [500, 500, 500, 200, 200])
  })

  test('without times a fault lasts until DELETE /dev/faults', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'tokens', status: 500 })
    for (let i = 0; i < 4; i++) assert.equal((await browser.token(sid)).status, 500)
    const listed = await browser.json('/dev/faults')
    assert.deepEqual(listed.body, {
      faults: [{ route: 'tokens', status: 500, latencyMs: 0, drop: false, remaining: null }],
    })
    const cleared = await browser.json('/dev/faults', { method: 'DELETE' })
    assert.deepEqual(cleared.body, { faults: [] })
    assert.equal((await browser.token(sid)).status, 200)
  })

  test('a fault applies to its route kind only', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'signOut', status: 500 })
    assert.equal((await browser.token(sid)).status, 200)
    assert.equal((await browser.json('/v1/client')).status, 200)
    assert.equal((await browser.json(`/v1/client/sessions/${sid}/touch`, { method: 'POST' })).status, 200)
    assert.equal((await browser.json('/v1/client/sessions', { method: 'DELETE' })).status, 500)
    assert.equal((await browser.json(`/v1/client/sessions/${sid}/remove`, { method: 'POST' })).status, 500)
  })

  test("route '*' (the default) hits every Frontend API route but not /dev or the JWKS", async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ status: 503 })
    assert.equal((await browser.json('/v1/client')).status, 503)
    assert.equal((await browser.token(sid)).status, 503)
    assert.equal((await browser.json(`/v1/client/sessions/${sid}/tokens/supabase`, { method: 'POST' })).status, 503)
    assert.equal((await browser.json('/.well-known/jwks.json')).status, 200)
    assert.equal((await browser.json('/dev/stats')).status, 200)
  })

  test('templateTokens faults leave plain token requests alone', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'templateTokens', status: 500 })
    assert.equal((await browser.token(sid)).status, 200)
    assert.equal((await browser.json(`/v1/client/sessions/${sid}/tokens/supabase`, { method: 'POST' })).status, 500)
  })

  test('faults apply in the order they were added', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'tokens', status: 429, times: 1 })
    await t.fault({ route: 'tokens', status: 500, times: 1 })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await browser.token(sid)).status)
    assert.deepEqual(statuses, [429, 500, 200])
  })

  test('invalid faults: 400', async () => {
    const bad = [
      { route: 'nope', status: 500 },
      { status: 418 },
      { status: 500, times: 0 },
      { status: 500, times: 1.5 },
      { latencyMs: -1 },
      { drop: 'yes' },
      { status: 500, drop: true },
      {},
      [],
    ]
    for (const fault of bad) {
      const { status, body } = await t.browser().json('/dev/faults', { method: 'POST', json: fault })
      assert.equal(status, 400, JSON.stringify(fault))
      assert.equal(body.errors[0].code, 'form_param_format_invalid')
    }
    assert.deepEqual((await t.browser().json('/dev/faults')).body, { faults: [] })
  })
})

describe('stats', () => {
  test('counts each Frontend API route kind; /dev routes, the JWKS and preflights are not counted', async () => {
    assert.deepEqual(await t.stats(), zeroStats)
    const { browser, sid } = await signedIn('user_alice')
    await browser.json('/v1/client')
    await Promise.all([browser.token(sid), browser.token(sid), browser.token(sid)])
    await browser.json(`/v1/client/sessions/${sid}/tokens/supabase`, { method: 'POST' })
    await browser.json(`/v1/client/sessions/${sid}/tokens/nope`, { method: 'POST' })
    await browser.json(`/v1/client/sessions/${sid}/touch`, { method: 'POST' })
    await browser.json(`/v1/client/sessions/${sid}/remove`, { method: 'POST' })
    await browser.json('/v1/client/sessions', { method: 'DELETE' })
    await browser.json('/v1/unknown')
    await browser.json('/.well-known/jwks.json')
    await browser.json('/dev/users')
    await fetch(`${t.url}/v1/client`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:5173' } })
    assert.deepEqual(await t.stats(), {
      ...zeroStats,
      client: 1,
      tokens: 3,
      templateTokens: 2,
      touch: 1,
      signOut: 2,
      total: 10,
    })
  })

  test('100 concurrent token requests are counted as 100', async () => {
    const { browser, sid } = await signedIn()
    const results = await Promise.all(Array.from({ length: 100 }, () => browser.token(sid)))
    assert.deepEqual(new Set(results.map((r) => r.status)), new Set([200]))
    assert.deepEqual(await t.stats(), { ...zeroStats, tokens: 100, total: 100 })
  })

  test('faulted requests count too (a retry is a request)', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'tokens', status: 500, times: 2 })
    for (let i = 0; i < 3; i++) await browser.token(sid)
    assert.equal((await t.stats()).tokens, 3)
  })

  test('DELETE /dev/stats resets the counters only', async () => {
    const { browser, sid } = await signedIn()
    await browser.token(sid)
    const { body } = await browser.json('/dev/stats', { method: 'DELETE' })
    assert.deepEqual(body, zeroStats)
    assert.equal((await browser.token(sid)).status, 200, 'the session survives')
  })
})

describe('POST /dev/reset', () => {
  test('forgets clients, sessions, faults, stats and config', async () => {
    const { browser, sid } = await signedIn()
    await t.fault({ route: 'client', status: 500 })
    const displayConfig = { sign_in_url: 'javascript:alert(1)' }
    await browser.json('/dev/config', { method: 'POST', json: { tokenLifetimeSeconds: 7, displayConfig } })
    assert.equal((await browser.json('/v1/environment')).body.display_config.sign_in_url, 'javascript:alert(1)')
    await browser.token(sid)

    const { status, body } = await browser.json('/dev/reset', { method: 'POST' })
    assert.equal(status, 200)
    assert.deepEqual(body, { reset: true })

    assert.deepEqual(await t.stats(), zeroStats)
    assert.deepEqual((await browser.json('/dev/faults')).body, { faults: [] })
    assert.deepEqual((await browser.json('/dev/config')).body, { tokenLifetimeSeconds: 60, displayConfig: {} })
    const client = await browser.json('/v1/client')
    assert.equal(client.status, 200, 'the client fault is gone')
    assert.deepEqual(client.body, { response: null, client: null }, 'the old __client cookie points at nothing')
    assert.equal((await browser.token(sid)).status, 404)

    // The stale cookie is replaced on the next sign-in.
    const old = browser.cookies.get('__client')
    await browser.signIn('user_bob')
    assert.notEqual(browser.cookies.get('__client'), old)
  })
})
