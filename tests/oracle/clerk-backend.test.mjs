// Clerk's own server SDK reads wasm-auth's cookies: a wasm-auth browser signs in, switches
// organization and signs out against the dev server, and after each step @clerk/backend's
// authenticateRequest (networkless: jwtKey is the dev server's key) is given that browser's
// cookies for the app's domain, as a request to the app's server would carry them.
import assert from 'node:assert/strict'
import { createClerkClient } from '@clerk/backend'
import { after, before, describe, test } from 'node:test'
import { startClientPage } from '../browser/client-page.mjs'

for (const instance of ['production', 'development']) {
  describe(`@clerk/backend reads a wasm-auth browser, a ${instance} instance`, () => {
    let setup
    let clerk
    before(async () => {
      setup = await startClientPage(instance)
      await setup.fresh()
      clerk = createClerkClient({
        publishableKey: setup.auth.publishableKey,
        secretKey: 'sk_test_wasm_auth_dev_server', // any: with jwtKey nothing is fetched
        jwtKey: setup.auth.publicKeyPem,
      })
    })
    after(() => setup?.close())

    // A fetch of the app's page, with the cookies the browser holds for the app's origin.
    const authenticate = async () => {
      const app = setup.web.url
      const cookies = await setup.context.cookies(app)
      const request = new Request(`${app}/`, {
        headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'sec-fetch-dest': 'empty' },
      })
      return clerk.authenticateRequest(request)
    }

    test('signed in, then in the switched organization, then signed out', async () => {
      const { page } = await setup.open('user_alice')
      let state = await authenticate()
      assert.equal(state.status, 'signed-in', state.reason ?? '')
      let auth = state.toAuth()
      assert.deepEqual([auth.userId, auth.orgId, auth.orgRole], ['user_alice', 'org_acme', 'org:admin'])
      assert.equal(auth.sessionId, await page.evaluate(() => window.client.getState().sessionId))

      await page.evaluate(() => window.client.setActive({ organizationId: 'org_beta' }))
      state = await authenticate()
      assert.equal(state.status, 'signed-in', state.reason ?? '')
      auth = state.toAuth()
      assert.deepEqual([auth.userId, auth.orgId, auth.orgRole], ['user_alice', 'org_beta', 'org:member'])

      await page.evaluate(() => window.client.signOut())
      state = await authenticate()
      assert.equal(state.status, 'signed-out')
      assert.equal(state.toAuth().userId, null)
    })
  })
}
