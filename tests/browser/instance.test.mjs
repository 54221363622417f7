// What makes wasm-auth's client a Clerk client, in Chromium against the dev server of each
// instance kind: the instance options, the cookies clerk-js writes on the app's domain, the dev
// browser token of a development instance, the Account Portal redirects, Clerk's error data, and
// requests that never need a CORS preflight.
import assert from 'node:assert/strict'
import { getCookieSuffix } from '@clerk/shared/keys'
import { after, before, beforeEach, describe, test } from 'node:test'
import { redirect } from '../support/browser.mjs'
import { startClientPage } from './client-page.mjs'

const YEAR_S = 365 * 24 * 3600

for (const instance of ['production', 'development']) {
  describe(`wasm-auth as a Clerk client, a ${instance} instance`, () => {
    let setup
    let suffix
    before(async () => {
      setup = await startClientPage(instance)
      suffix = await getCookieSuffix(setup.auth.publishableKey)
    })
    after(() => setup?.close())
    beforeEach(() => setup.fresh())
    const cookie = async (name) => (await setup.context.cookies()).find((c) => c.name === name)

    test('writes __session and __client_uat, plain and suffixed, with clerk-js values and attributes', async () => {
      const { page, state } = await setup.open('user_alice')
      const jwt = await page.evaluate(() => window.client.getToken())
      const { iat } = await page.evaluate((t) => window.claims(t), jwt)
      for (const name of ['__session', `__session_${suffix}`]) {
        const c = await cookie(name)
        assert.equal(c?.value, jwt, name)
        assert.deepEqual([c.path, c.sameSite, c.secure, c.httpOnly], ['/', 'Lax', false, false], name)
        assert.ok(Math.abs(c.expires - (Date.now() / 1000 + YEAR_S)) < 120, `${name} lives a year`)
      }
      for (const name of ['__client_uat', `__client_uat_${suffix}`]) {
        const c = await cookie(name)
        assert.ok(
          Number(c?.value) > 0 && Number(c.value) <= iat,
          `${name}=${c?.value}: the client's updated_at, <= iat`,
        )
        // Written by the client on a development instance (SameSite=Strict, on the eTLD+1), by
        // the Frontend API itself on a production one (SameSite=Lax).
        assert.equal(c.sameSite, instance === 'development' ? 'Strict' : 'Lax', name)
      }
      assert.equal(state.userId, 'user_alice')
    })

    test('on organization switch the cookies follow; on sign-out __session goes and __client_uat is 0', async () => {
      const { page } = await setup.open('user_alice')
      await page.evaluate(() => window.client.setActive({ organizationId: 'org_beta' }))
      const session = await cookie(`__session_${suffix}`)
      assert.equal((await page.evaluate((t) => window.claims(t), session.value)).o.id, 'org_beta')
      await page.evaluate(() => window.client.signOut())
      const names = (await setup.context.cookies()).map((c) => c.name)
      assert.ok(!names.some((n) => n.startsWith('__session')), `no __session left: ${names}`)
      assert.equal((await cookie('__client_uat')).value, '0')
      assert.equal((await cookie(`__client_uat_${suffix}`)).value, '0')
    })

    test('sends GET and POST only (DELETE as _method), with credentials, so nothing needs a preflight', async () => {
      const { page } = await setup.open('user_alice')
      const sent = []
      page.on('request', (r) => r.url().startsWith(setup.auth.url) && sent.push([r.method(), new URL(r.url())]))
      await page.evaluate(() => window.client.getToken({ template: 'supabase' }))
      await page.evaluate(() => window.client.signOut())
      assert.deepEqual(
        sent.map(([method, url]) => [method, url.pathname, url.searchParams.get('_method')]),
        [
          ['POST', expectTemplatePath(sent[0][1]), null],
          ['POST', '/v1/client/sessions', 'DELETE'],
        ],
      )
      for (const [, url] of sent) assert.equal(url.searchParams.get('__clerk_api_version'), '2026-05-12')
      const token = instance === 'development' ? (await cookie('__clerk_db_jwt')).value : null
      for (const [, url] of sent) assert.equal(url.searchParams.get('__clerk_db_jwt'), token)
    })

    test("a refused request is an AuthError with Clerk's status and errors beside its own code", async () => {
      const { page } = await setup.open('user_alice')
      const error = await page.evaluate(() =>
        window.client.getToken({ organizationId: 'org_megacorp' }).catch((e) => ({
          isAuthError: e instanceof window.wasmAuth.AuthError,
          code: e.code,
          status: e.status,
          errors: e.errors,
          message: e.message,
        })),
      )
      assert.deepEqual(error, {
        isAuthError: true,
        code: 'request-rejected',
        status: 403,
        errors: [
          {
            code: 'not_a_member_in_organization',
            message: 'Not a member of this organization',
            longMessage: 'User user_alice is not a member of organization org_megacorp.',
            meta: { organizationId: 'org_megacorp' },
          },
        ],
        message: 'User user_alice is not a member of organization org_megacorp.',
      })
    })

    test('redirectToSignIn goes to the Account Portal page, which signs in and comes back', async () => {
      const { page } = await setup.open(null)
      const back = `${setup.web.url}/client.html?from=portal`
      const url = await redirect(
        page,
        (r) => window.client.redirectToSignIn({ redirectUrl: r }),
        back,
        `${setup.auth.url}/sign-in**`,
      )
      const expected = new URL(`${setup.auth.url}/sign-in`)
      if (instance === 'development')
        expected.searchParams.set('__clerk_db_jwt', (await cookie('__clerk_db_jwt')).value)
      expected.hash = `/?${new URLSearchParams({ redirect_url: back })}`
      assert.equal(url, expected.href)
      await page.click('button[value="user_bob"]')
      await page.waitForURL(`${back}*`)
      if (instance === 'development') {
        assert.match(page.url(), /[?&]__clerk_db_jwt=dvb_/, 'the portal hands the dev browser back in the URL')
      }
      await page.waitForFunction(() => window.ready)
      const state = await page.evaluate((o) => window.makeClient(o), setup.options)
      assert.equal(state.userId, 'user_bob')
      assert.equal(page.url(), back, 'the token is taken out of the visible URL')
    })

    test('an environment the Frontend API cannot give is an AuthError, and the next call asks again', async () => {
      const { page } = await setup.open(null)
      await setup.auth.fault({ route: 'environment', status: 503, times: 1 })
      const failed = await page.evaluate(() =>
        window.client.redirectToSignIn().catch((e) => [e instanceof window.wasmAuth.AuthError, e.code, e.status]),
      )
      assert.deepEqual(failed, [true, 'server-error', 503])
      const url = await redirect(
        page,
        () => window.client.redirectToSignIn({ redirectUrl: '/x' }),
        null,
        `${setup.auth.url}/sign-in**`,
      )
      assert.equal(new URL(url).pathname, '/sign-in')
    })

    test('redirectToSignUp goes to the sign-up page', async () => {
      const { page } = await setup.open(null)
      const url = await redirect(
        page,
        () => window.client.redirectToSignUp({ redirectUrl: '/after' }),
        null,
        `${setup.auth.url}/sign-up**`,
      )
      assert.equal(new URL(url).pathname, '/sign-up')
      assert.equal(new URLSearchParams(new URL(url).hash.slice(2)).get('redirect_url'), `${setup.web.url}/after`)
    })
  })
}

// The template token's path, for the request list above.
function expectTemplatePath(url) {
  assert.match(url.pathname, /^\/v1\/client\/sessions\/sess_[0-9a-f]+\/tokens\/supabase$/)
  return url.pathname
}

describe('the dev browser of a development instance', () => {
  let setup
  before(async () => {
    setup = await startClientPage('development')
  })
  after(() => setup?.close())
  beforeEach(() => setup.fresh())
  const devBrowsers = async () => (await setup.auth.stats()).devBrowser

  test('made once by POST /v1/dev_browser, kept in __clerk_db_jwt (plain and suffixed), reused from it', async () => {
    const before = await devBrowsers()
    await setup.open('user_alice')
    const suffix = await getCookieSuffix(setup.auth.publishableKey)
    const cookies = await setup.context.cookies()
    const token = cookies.find((c) => c.name === '__clerk_db_jwt')
    assert.match(token.value, /^dvb_/)
    assert.equal(cookies.find((c) => c.name === `__clerk_db_jwt_${suffix}`)?.value, token.value)
    assert.deepEqual([token.path, token.sameSite], ['/', 'Lax'])
    const { state } = await setup.open(null)
    assert.equal(state.userId, 'user_alice', 'a second page is the same browser: signed in')
    assert.equal(await devBrowsers(), before + 1, 'one dev browser for both pages')
  })

  test('taken from the URL after a redirect back, then removed from it', async () => {
    const browser = setup.auth.browser()
    const token = await browser.devBrowser()
    await browser.signIn('user_carol')
    const { page, state } = await setup.open(null, `?keep=1&__clerk_db_jwt=${token}`)
    assert.equal(state.userId, 'user_carol')
    assert.equal(new URL(page.url()).search, '?keep=1')
  })

  test('replaced when an answer carries a new one (Clerk-Db-Jwt)', async () => {
    const { page } = await setup.open('user_alice')
    const old = (await setup.context.cookies()).find((c) => c.name === '__clerk_db_jwt').value
    const rotated = await fetch(`${setup.auth.url}/dev/rotate-dev-browser?__clerk_db_jwt=${old}`, { method: 'POST' })
    const { id: fresh } = await rotated.json()
    await page.evaluate(() => window.client.getToken({ skipCache: true }))
    assert.equal((await setup.context.cookies()).find((c) => c.name === '__clerk_db_jwt').value, fresh)
    const sent = []
    page.on('request', (r) => sent.push(new URL(r.url()).searchParams.get('__clerk_db_jwt')))
    await page.evaluate(() => window.client.getToken({ skipCache: true }))
    assert.deepEqual(sent, [fresh])
  })
})

describe('instance options', () => {
  let setup
  before(async () => {
    setup = await startClientPage('production')
    await setup.fresh()
  })
  after(() => setup?.close())

  test('one rule for the base URL; a malformed key is options-invalid naming the option', async () => {
    const { page } = await setup.open(null)
    const outcome = await page.evaluate(() => {
      const made = (options) => {
        try {
          window.wasmAuth.createAuthClient(options)
          return 'made'
        } catch (e) {
          return [e instanceof window.wasmAuth.AuthError, e.code, e.message]
        }
      }
      return {
        key: made({ publishableKey: 'pk_test_' + btoa('foo-bar-13.clerk.accounts.dev$') }),
        badPrefix: made({ publishableKey: 'sk_test_' + btoa('clerk.example.com$') }),
        noDollar: made({ publishableKey: 'pk_live_' + btoa('clerk.example.com') }),
        notBase64: made({ publishableKey: 'pk_live_%%%' }),
        badProxy: made({ proxyUrl: 'ftp://x' }),
        none: made({}),
      }
    })
    assert.equal(outcome.key, 'made')
    for (const bad of ['badPrefix', 'noDollar', 'notBase64']) {
      assert.deepEqual(outcome[bad].slice(0, 2), [true, 'options-invalid'], bad)
      assert.match(outcome[bad][2], /publishableKey/, bad)
    }
    assert.match(outcome.badProxy[2], /proxyUrl/)
    assert.equal(outcome.none[1], 'options-invalid')
  })
})
