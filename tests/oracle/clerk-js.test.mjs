// Clerk's own browser SDK, @clerk/clerk-js (pinned), in headless Chromium against the dev server
// with proxyUrl, on both instance kinds: what proves the dev server speaks Clerk's Frontend API and
// not a dialect of this repo. wasm-auth's client then passes the same scenario list against the
// same server, and both are compared: the same observations, the same cookies on the app's domain,
// the same Account Portal URL. Every exchange of both is held to the spec's schemas by the test
// client; what clerk-js sends beyond the spec is printed.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { launchChromium, redirect } from '../support/browser.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'

const CLERK_PAGE = (publishableKey, proxyUrl) => `<!doctype html><title>clerk-js</title>
<script>window.__clerk_publishable_key = ${JSON.stringify(publishableKey)}; window.__clerk_proxy_url = ${JSON.stringify(proxyUrl)}</script>
<script src="/node_modules/@clerk/clerk-js/dist/clerk.browser.js"></script>
<script>
  // The scenario list, as clerk-js does each step.
  window.driver = {
    load: async () => (await window.Clerk.load(), window.Clerk.loaded),
    userId: () => window.Clerk.user?.id ?? null,
    getToken: (options) => window.Clerk.session ? window.Clerk.session.getToken(options) : null,
    activeOrganization: () => window.Clerk.organization?.id ?? null,
    switchOrganization: (id) => window.Clerk.setActive({ organization: id }),
    signOut: () => window.Clerk.signOut(() => {}),
    signInUrl: (redirectUrl) => window.Clerk.buildSignInUrl({ redirectUrl }),
  }
</script>`

const WASM_AUTH_PAGE = (publishableKey, proxyUrl) => `<!doctype html><title>wasm-auth</title>
<script type="importmap">{ "imports": { "wasm-auth": "/pkg/index.js" } }</script>
<script type="module">
  import { createAuthClient } from 'wasm-auth'
  const client = createAuthClient({ publishableKey: ${JSON.stringify(publishableKey)}, proxyUrl: ${JSON.stringify(proxyUrl)} })
  window.driver = {
    load: async () => (await client.load(), client.getState().isLoaded),
    userId: () => client.getState().userId,
    getToken: (options) => client.getToken(options),
    activeOrganization: () => client.getState().orgId,
    switchOrganization: (id) => client.setActive({ organizationId: id }),
    signOut: () => client.signOut(),
    signInUrl: (redirectUrl) => client.redirectToSignIn({ redirectUrl }),
  }
  window.ready = true
</script>`

// Runs the scenario list with the page's driver; returns what each step observed.
async function scenario(page, auth) {
  const run = (step, arg) => page.evaluate(([s, a]) => window.driver[s](a), [step, arg])
  const claims = (jwt) => jwt && JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url'))
  const seen = {}
  seen.loads = await run('load')
  if (auth.instance === 'development' || (await run('userId')) === null) {
    // Sign in through the dev server as the page's browser (its dev browser token on development), then load anew.
    await page.evaluate(async (api) => {
      const token = /(?:^|; )__clerk_db_jwt=([^;]+)/.exec(document.cookie)?.[1]
      await fetch(api + '/dev/sign-in' + (token ? '?__clerk_db_jwt=' + token : ''), {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: '{"user":"user_alice"}',
      })
    }, auth.url)
    await page.reload()
    await page.waitForFunction(() => window.driver)
    seen.loads = await run('load')
  }
  seen.userId = await run('userId')
  const session = claims(await run('getToken'))
  seen.sessionToken = { sub: session.sub, org: session.o?.id, iss: session.iss }
  seen.organizationToken = claims(await run('getToken', { organizationId: 'org_beta' })).o?.id
  seen.templateToken = claims(await run('getToken', { template: 'supabase' })).role
  seen.cookiesSignedIn = await cookieShapes(page)
  await run('switchOrganization', 'org_beta')
  seen.activeOrganization = await run('activeOrganization')
  seen.tokenAfterSwitch = claims(await run('getToken')).o?.id
  await run('signOut')
  seen.userAfterSignOut = await run('userId')
  seen.tokenAfterSignOut = await run('getToken')
  seen.cookiesSignedOut = await cookieShapes(page)
  return seen
}

// The app-domain cookies by name, with what a server reads of them: __session's subject, and
// whether __client_uat says signed in; plus the attributes.
async function cookieShapes(page) {
  const cookies = await page.context().cookies()
  return Object.fromEntries(
    cookies
      .filter(
        (c) =>
          c.name.startsWith('__session') || c.name.startsWith('__client_uat') || c.name.startsWith('__clerk_db_jwt'),
      )
      .map((c) => {
        const value = c.name.startsWith('__session')
          ? JSON.parse(Buffer.from(c.value.split('.')[1], 'base64url')).sub
          : c.name.startsWith('__client_uat')
            ? Number(c.value) > 0
            : c.value.slice(0, 4)
        return [c.name, [value, c.path, c.sameSite, c.secure, Math.round((c.expires - Date.now() / 1000) / 86400)]]
      })
      .sort(),
  )
}

const EXPECTED = (auth) => ({
  loads: true,
  userId: 'user_alice',
  sessionToken: { sub: 'user_alice', org: 'org_acme', iss: auth.issuer },
  organizationToken: 'org_beta',
  templateToken: 'authenticated',
  activeOrganization: 'org_beta',
  tokenAfterSwitch: 'org_beta',
  userAfterSignOut: null,
  tokenAfterSignOut: null,
})

for (const instance of ['production', 'development']) {
  describe(`clerk-js and wasm-auth against a ${instance} dev server`, () => {
    let auth
    let web
    let browser
    const seen = {}
    before(async () => {
      auth = await startTestAuthServer({ instance })
      web = await serveStatic({
        pages: {
          '/clerk.html': CLERK_PAGE(auth.publishableKey, auth.url),
          '/wasm-auth.html': WASM_AUTH_PAGE(auth.publishableKey, auth.url),
        },
      })
      browser = await launchChromium()
    })
    after(async () => {
      for (const note of auth?.conformance.notes() ?? []) console.log(`# beyond the spec: ${note}`)
      await browser?.close()
      await web?.close()
      await auth?.stop()
    })

    for (const sdk of ['clerk', 'wasm-auth']) {
      test(`${sdk === 'clerk' ? '@clerk/clerk-js' : 'wasm-auth'}: loads, sees the user, gets session, organization and template tokens, switches organization, signs out`, async () => {
        const context = await browser.newContext()
        const page = await context.newPage()
        const errors = []
        page.on('pageerror', (e) => errors.push(e.message))
        await page.goto(`${web.url}/${sdk}.html`)
        await page.waitForFunction(() => window.driver)
        seen[sdk] = await scenario(page, auth)
        const { cookiesSignedIn, cookiesSignedOut, ...observed } = seen[sdk]
        assert.deepEqual(observed, EXPECTED(auth))
        // Clerk's buildSignInUrl() builds the URL; wasm-auth's redirectToSignIn() goes there, and a
        // context closed while that navigation is in flight can hang: it is waited for.
        const signInUrl = () => window.driver.signInUrl(`${location.origin}/after`)
        seen[`${sdk} url`] =
          sdk === 'clerk' ? await page.evaluate(signInUrl) : await redirect(page, signInUrl, undefined, /\/sign-in/)
        assert.deepEqual(errors, [])
        await context.close()
      })
    }

    test('both leave the same cookies on the app domain, signed in and signed out', () => {
      assert.deepEqual(seen['wasm-auth'].cookiesSignedIn, seen.clerk.cookiesSignedIn)
      assert.deepEqual(seen['wasm-auth'].cookiesSignedOut, seen.clerk.cookiesSignedOut)
      assert.ok(
        Object.keys(seen.clerk.cookiesSignedIn).some((n) => n.startsWith('__session_')),
        'suffixed names too',
      )
    })

    test('both build the same Account Portal sign-in URL', () => {
      const normal = (href) => {
        const url = new URL(href)
        // The dev browser tokens differ between the two browsers; their presence must not.
        if (url.searchParams.has('__clerk_db_jwt')) url.searchParams.set('__clerk_db_jwt', 'dvb')
        return url.href
      }
      assert.match(seen['clerk url'], /\/sign-in(\?__clerk_db_jwt=dvb_\w+)?#\/\?redirect_url=http/)
      assert.equal(normal(seen['wasm-auth url']), normal(seen['clerk url']))
      assert.equal(new URL(seen['clerk url']).searchParams.has('__clerk_db_jwt'), instance === 'development')
    })
  })
}
