// What makes the dev server a local Clerk instance of either kind: its publishable key, the dev
// browser of a development instance, the environment, and the Account Portal's hosted sign-in
// and sign-up pages that redirect back as Clerk's do.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { getCookieSuffix, parsePublishableKey } from '@clerk/shared/keys'
import { APP_ORIGIN, startTestAuthServer } from '../support/auth-server.mjs'

const decodeKey = (key) => Buffer.from(key.replace(/^pk_(test|live)_/, ''), 'base64').toString()

describe('a development instance', () => {
  let t
  before(async () => {
    t = await startTestAuthServer({ instance: 'development' })
  })
  after(() => t.stop())

  test('its publishable key is pk_test_ + base64 of a Clerk development host + $', async () => {
    assert.match(t.publishableKey, /^pk_test_/)
    assert.equal(decodeKey(t.publishableKey), `wasm-auth-dev-${new URL(t.url).port}.clerk.accounts.dev$`)
    assert.deepEqual(parsePublishableKey(t.publishableKey), {
      instanceType: 'development',
      frontendApi: `wasm-auth-dev-${new URL(t.url).port}.clerk.accounts.dev`,
    })
    assert.equal(t.cookieSuffix, await getCookieSuffix(t.publishableKey), "the cookie suffix is @clerk/shared's")
  })

  test('answers nothing without a dev browser: 401 dev_browser_unauthenticated', async () => {
    const browser = t.browser()
    for (const path of ['/v1/client', '/v1/environment']) {
      const { status, body } = await browser.json(path)
      assert.equal(status, 401)
      assert.equal(body.errors[0].code, 'dev_browser_unauthenticated')
    }
    browser.devBrowserToken = 'dvb_forged'
    assert.equal((await browser.json('/v1/client')).status, 401, 'an unknown token is no dev browser')
  })

  test('POST /v1/dev_browser makes one; with it a browser is a client', async () => {
    const browser = t.browser()
    const token = await browser.devBrowser()
    assert.match(token, /^dvb_[0-9a-f]{32}$/)
    const sid = await browser.signIn('user_alice')
    const { body } = await browser.json('/v1/client')
    assert.equal(body.response.last_active_session_id, sid)
    const stranger = t.browser()
    await stranger.devBrowser()
    assert.equal((await stranger.json('/v1/client')).body.response, null, 'another dev browser, another client')
  })

  test('the environment says development and where the Account Portal pages are', async () => {
    const browser = t.browser()
    await browser.devBrowser()
    const { status, body } = await browser.json('/v1/environment')
    assert.equal(status, 200)
    assert.equal(body.display_config.instance_environment_type, 'development')
    assert.equal(body.display_config.sign_in_url, `${t.url}/sign-in`)
    assert.equal(body.display_config.sign_up_url, `${t.url}/sign-up`)
    const patched = await browser.json('/v1/environment?_method=PATCH', { method: 'POST' })
    assert.deepEqual(patched.body, body, 'clerk-js touches it with PATCH (sent as POST, _method=PATCH)')
  })

  test('the hosted sign-in page signs in and redirects back with the dev browser token', async () => {
    const browser = t.browser()
    const token = await browser.devBrowser()
    const page = await browser.request(`/sign-in?__clerk_db_jwt=${token}`)
    assert.equal(page.status, 200)
    const html = await page.text()
    assert.match(html, /<button name="user" value="user_alice">/)
    assert.match(html, /location\.hash/, 'reads redirect_url from the hash, where clerk-js puts it')
    const response = await browser.request(`/sign-in?__clerk_db_jwt=${token}`, {
      method: 'POST',
      form: { user: 'user_bob', redirect_url: `${APP_ORIGIN}/back?x=1` },
    })
    assert.equal(response.status, 303)
    assert.equal(response.headers.get('location'), `${APP_ORIGIN}/back?x=1&__clerk_db_jwt=${token}`)
    const { body } = await browser.json('/v1/client')
    assert.deepEqual(
      body.response.sessions.map((s) => s.user.id),
      ['user_bob'],
    )
  })

  test('the sign-up page too; a browser that came without a token gets a new dev browser', async () => {
    const browser = t.browser()
    const response = await browser.request('/sign-up', {
      method: 'POST',
      form: { user: 'user_carol', redirect_url: `${APP_ORIGIN}/` },
    })
    assert.equal(response.status, 303)
    const token = new URL(response.headers.get('location')).searchParams.get('__clerk_db_jwt')
    assert.match(token, /^dvb_/)
    browser.devBrowserToken = token
    assert.equal((await browser.json('/v1/client')).body.response.sessions[0].user.id, 'user_carol')
  })
})

describe('a production instance', () => {
  let t
  before(async () => {
    t = await startTestAuthServer({ instance: 'production' })
  })
  after(() => t.stop())

  test('its publishable key is pk_live_ + base64 of its own host + $', async () => {
    assert.equal(decodeKey(t.publishableKey), `${new URL(t.url).host}$`)
    assert.equal(parsePublishableKey(t.publishableKey).instanceType, 'production')
    assert.equal(t.cookieSuffix, await getCookieSuffix(t.publishableKey))
  })

  test('has no dev browsers: 400', async () => {
    const { status, body } = await t.browser().json('/v1/dev_browser', { method: 'POST' })
    assert.equal(status, 400)
    assert.equal(body.errors[0].code, 'dev_browser_not_supported')
  })

  test('the hosted page signs in with the __client cookie and sets __client_uat, plain and suffixed', async () => {
    const browser = t.browser()
    const response = await browser.request('/sign-in', {
      method: 'POST',
      form: { user: 'user_alice', redirect_url: `${APP_ORIGIN}/` },
    })
    assert.equal(response.status, 303)
    assert.equal(response.headers.get('location'), `${APP_ORIGIN}/`)
    const names = response.headers.getSetCookie().map((c) => c.split('=')[0])
    assert.deepEqual(names, ['__client', '__client_uat', `__client_uat_${t.cookieSuffix}`])
    const { body } = await browser.json('/v1/client')
    assert.equal(browser.cookies.get('__client_uat'), String(Math.floor(body.response.updated_at / 1000)))
    await browser.json('/v1/client/sessions?_method=DELETE', { method: 'POST' })
    assert.equal(browser.cookies.get('__client_uat'), '0', 'signed out: 0')
    assert.equal(browser.cookies.get(`__client_uat_${t.cookieSuffix}`), '0')
  })

  test('the environment says production', async () => {
    const { body } = await t.browser().json('/v1/environment')
    assert.equal(body.display_config.instance_environment_type, 'production')
  })
})
