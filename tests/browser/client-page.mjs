// The page the client suites drive: the package through an import map, and helpers on window.
// `makeClient(options)` makes window.client (createAuthClient) and loads it; `signIn(api, user)`
// signs the page's browser in as a seeded user through the dev server's /dev/sign-in, naming the
// client as the Frontend API does (the dev browser token from its cookie on a development instance).
import { launchChromium } from '../support/browser.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'

export const PAGE = `<!doctype html>
<script type="importmap">{ "imports": { "wasm-auth": "/pkg/index.js" } }</script>
<script type="module">
  import * as wasmAuth from 'wasm-auth'
  window.wasmAuth = wasmAuth
  window.signIn = async (api, user) => {
    const token = /(?:^|; )__clerk_db_jwt=([^;]+)/.exec(document.cookie)?.[1]
    const res = await fetch(api + '/dev/sign-in' + (token ? '?__clerk_db_jwt=' + token : ''), {
      method: 'POST', credentials: 'include',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }),
    })
    if (!res.ok) throw new Error('sign-in failed: ' + res.status)
  }
  window.makeClient = async (options) => {
    window.client = wasmAuth.createAuthClient(options)
    await window.client.load()
    return window.client.getState()
  }
  window.claims = (jwt) => jwt && wasmAuth.decodeJwt(jwt).payload
  window.cookies = () => Object.fromEntries(document.cookie.split('; ').filter(Boolean).map((c) => c.split('=')))
  window.ready = true
</script>`

/**
 * The web server, a dev server of `instance`, Chromium, and `open(user?)`: a new page, loaded and
 * (with `user`) signed in, on `context` (renew it per test for fresh cookies).
 */
export async function startClientPage(instance) {
  const web = await serveStatic({ pages: { '/client.html': PAGE } })
  const auth = await startTestAuthServer({ instance, tokenLifetimeSeconds: 60 })
  const browser = await launchChromium()
  const options = { publishableKey: auth.publishableKey, proxyUrl: auth.url }
  const setup = {
    web,
    auth,
    browser,
    options,
    context: null,
    async fresh() {
      await setup.context?.close()
      await auth.clearFaults()
      await auth.config({ tokenLifetimeSeconds: 60 })
      setup.context = await browser.newContext()
    },
    /** A page with a loaded client, signed in as `user` (the first load signed in on production). */
    async open(user = 'user_alice', query = '') {
      const page = await setup.context.newPage()
      const errors = []
      page.on('pageerror', (e) => errors.push(e))
      await page.goto(`${web.url}/client.html${query}`)
      await page.waitForFunction(() => window.ready)
      let state
      if (instance === 'production' && user) {
        await page.evaluate(([url, u]) => window.signIn(url, u), [auth.url, user])
        state = await page.evaluate((o) => window.makeClient(o), options)
      } else {
        state = await page.evaluate((o) => window.makeClient(o), options)
        if (user) {
          await page.evaluate(([url, u]) => window.signIn(url, u), [auth.url, user])
          state = await page.evaluate(() => window.client.load().then(() => window.client.getState()))
        }
      }
      return { page, state, errors }
    },
    async close() {
      await browser.close()
      await auth.stop()
      await web.close()
    },
  }
  return setup
}
