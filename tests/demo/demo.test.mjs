// `npm run demo` end to end: starts the demo as the npm script does (node demo/cli.mjs, ports 0),
// drives the page in Chromium through sign-in, organization switch, has(), getToken() and sign-out,
// takes a screenshot of the signed-in page, and stops the demo with SIGINT (exit code 0).
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../support/browser.mjs'
import { runDemoProcess, startDemoProcess } from './demo-process.mjs'

const SCREENSHOT = fileURLToPath(new URL('../../target/demo-screenshot.png', import.meta.url))

let demo
let urls
let browser
let tab
const problems = [] // console errors and warnings, uncaught page errors
let outage = false // the Frontend API is cut off on purpose: the browser's failed requests are expected

const text = (selector) => tab.locator(selector).first().textContent()
const field = (name) => text(`[data-field="${name}"] td`)

/** Waits until `selector`'s text is `expected` (or matches it), then asserts it, so a failure shows the value seen. */
async function expectText(selector, expected, timeout = 10_000) {
  const matches = (actual) => (expected instanceof RegExp ? expected.test(actual) : actual === expected)
  await tab
    .waitForFunction(
      ([s, source, flags, exact]) => {
        const actual = document.querySelector(s)?.textContent ?? ''
        return exact === null ? new RegExp(source, flags).test(actual) : actual === exact
      },
      [selector, expected.source ?? null, expected.flags ?? null, typeof expected === 'string' ? expected : null],
      { timeout },
    )
    .catch(() => {})
  const actual = await text(selector)
  assert.ok(matches(actual), `${selector}: expected ${expected}, got ${JSON.stringify(actual)}`)
}
const expectField = (name, expected) => expectText(`[data-field="${name}"] td`, expected)

/** Token requests the auth server has answered, straight from its stats. */
async function tokenRequests() {
  const stats = await (await fetch(`${urls.authUrl}/dev/stats`)).json()
  return stats.tokens + stats.templateTokens
}

before(async () => {
  // Tokens live 300 s here (default 60) so no background refresh lands between two counts.
  demo = startDemoProcess(['--port', '0', '--auth-port', '0', '--token-lifetime', '300'])
  urls = await demo.ready
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  tab = await context.newPage()
  tab.on('console', (m) => {
    const expected = outage && /Failed to load resource/.test(m.text())
    if (['error', 'warning'].includes(m.type()) && !expected) problems.push(m.text())
  })
  tab.on('pageerror', (e) => problems.push(String(e)))
})
after(async () => {
  await browser?.close()
  if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL')
})

describe('npm run demo', () => {
  test('prints the page and auth server URLs, both on 127.0.0.1', () => {
    assert.match(urls.url, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.match(urls.authUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.notEqual(urls.url, urls.authUrl)
  })

  test("the page says what a newcomer's own app needs: the publishable key and proxyUrl", async () => {
    const html = await (await fetch(urls.url)).text()
    const key = /"publishableKey":"(pk_test_[\w-]+)"/.exec(html)?.[1]
    assert.ok(key, 'the page carries the instance key')
    const line = /<p id="your-app">([\s\S]*?)<\/p>/.exec(html)?.[1].replace(/<[^>]+>|<!-- -->/g, '')
    assert.ok(
      line.includes(`&lt;AuthProvider publishableKey=&quot;${key}&quot; proxyUrl=&quot;${urls.authUrl}&quot;&gt;`),
      line,
    )
  })

  test('the first paint is server-rendered, loaded and signed out', async () => {
    const html = await (await fetch(urls.url)).text()
    assert.match(html, /<tr data-field="isLoaded">.*?true/)
    assert.match(html, /id="status"[^>]*>signed out</)
    await tab.goto(urls.url)
    await expectText('#shape', 'signed out')
    assert.equal(await field('isLoaded'), 'true')
    assert.equal(await field('isSignedIn'), 'false')
    assert.equal(await field('userId'), 'null')
    assert.equal(await field('sessionClaims'), 'null')
    assert.equal(await text('#has-answer'), 'false')
  })

  test('signing in as user_alice fills every useAuth() field', async () => {
    await tab.click('[data-user="user_alice"] button')
    await expectField('userId', '"user_alice"')
    assert.equal(await field('isLoaded'), 'true')
    assert.equal(await field('isSignedIn'), 'true')
    assert.match(await field('sessionId'), /^"sess_[0-9a-f]+"$/)
    assert.equal(await field('actor'), 'null')
    assert.equal(await field('orgId'), '"org_acme"')
    assert.equal(await field('orgRole'), '"org:admin"')
    assert.equal(await field('orgSlug'), '"acme"')
    assert.match(await text('[data-field="sessionClaims"] summary'), /^\{ v, iss, sid, sub, .*\bo, fea, pla \}$/)
    assert.equal(await text('#shape'), 'signed in, with an organization')
    assert.equal(await text('#status'), 'user_alice · acme as org:admin')
    assert.match(await text('#timeline li'), /user_alice · acme as org:admin.*isSignedIn, userId, sessionId/)
  })

  test('has(): a typed check answers, follows the organization, and ANDs its dimensions', async () => {
    await tab.fill('input[name="role"]', 'org:admin')
    await expectText('#has-call', "has({ role: 'org:admin' })")
    assert.equal(await text('#has-answer'), 'true')

    await tab.click('[data-org="org_beta"]')
    await expectField('orgId', '"org_beta"')
    assert.equal(await field('orgRole'), '"org:member"')
    assert.equal(await field('orgSlug'), '"beta"')
    await expectText('#has-answer', 'false') // alice is a member of Beta, not an admin

    await tab.fill('input[name="permission"]', 'org:projects:read')
    await expectText('#has-call', "has({ role: 'org:admin', permission: 'org:projects:read' })")
    assert.equal(await text('#has-answer'), 'false')
    await tab.fill('input[name="role"]', '')
    await expectText('#has-answer', 'true')

    // alice's factors: first verified 3 minutes ago, second 7 (fva [3, 7]).
    await tab.selectOption('select[name="reverification"]', 'strict')
    await expectText('#has-call', "has({ permission: 'org:projects:read', reverification: 'strict' })")
    assert.equal(await text('#has-answer'), 'true')
    await tab.fill('input[name="permission"]', '')
    await tab.selectOption('select[name="reverification"]', 'custom')
    await tab.selectOption('select[name="level"]', 'first_factor')
    await tab.fill('input[name="afterMinutes"]', '2')
    await expectText('#has-call', "has({ reverification: { level: 'first_factor', afterMinutes: 2 } })")
    assert.equal(await text('#has-answer'), 'false')
    await tab.fill('input[name="afterMinutes"]', '5')
    await expectText('#has-answer', 'true')
  })

  test('getToken(): decoded claims and expiry; the second call is a cache hit', async () => {
    await tab.click('[data-org="org_acme"]')
    await expectField('orgId', '"org_acme"')
    await tab.click('button:has-text("Clear")')
    await tab.fill('input[name="role"]', 'org:admin')
    await expectText('#has-answer', 'true')

    // The session token, forced past the cache: it carries the active organization.
    const before = await tokenRequests()
    await tab.check('input[name="skipCache"]')
    await tab.click('#get-token')
    await expectText('#token-history tbody tr:first-child td:first-child', '1')
    assert.equal(await text('#token-source'), 'from the server (1 request)')
    assert.equal(await text('#token-requests'), `token requests ${before} → ${before + 1}`)
    const session = JSON.parse(await text('#token-claims'))
    assert.equal(session.sub, 'user_alice')
    assert.equal(session.o.id, 'org_acme')
    assert.equal(session.o.rol, 'admin')
    assert.match(await text('#token-expiry'), /^expires in \d+ s \(lifetime 300 s\)$/)
    await tab.uncheck('input[name="skipCache"]')

    // A template token: asked from the server once, then served from the cache.
    await tab.selectOption('select[name="template"]', 'supabase')
    await tab.click('#get-token')
    await expectText('#token-history tbody tr:first-child td:first-child', '2')
    assert.equal(await text('#token-source'), 'from the server (1 request)')
    assert.equal(await tokenRequests(), before + 2)
    const claims = JSON.parse(await text('#token-claims'))
    assert.equal(claims.aud, 'authenticated')
    assert.equal(claims.email, 'alice@example.test')
    assert.equal(claims.sub, 'user_alice')
    assert.equal(claims.exp - claims.iat, 3600)
    assert.match(await text('#token-expiry'), /^expires in 3\d{3} s \(lifetime 3600 s\)$/)

    await tab.click('#get-token')
    await expectText('#token-history tbody tr:first-child td:first-child', '3')
    assert.equal(await text('#token-source'), 'cache hit')
    assert.equal(await text('#token-requests'), `token requests ${before + 2} → ${before + 2}`)
    assert.equal(await tokenRequests(), before + 2)
    assert.deepEqual(JSON.parse(await text('#token-claims')), claims, 'the same token')
    console.log(`a cache hit as the page shows it: ${await text('#token-ms')}`)
  })

  test('the Frontend API cut off: the status degrades and the page holds; brought back: ready, no reload', async () => {
    await expectText('#load-status-value', 'ready')
    await tab.evaluate(() => (window.marker = 'no reload'))
    outage = true
    await tab.click('#toggle-fapi')
    await expectText('#toggle-fapi', 'Bring the Frontend API back')
    await tab.check('input[name="skipCache"]')
    await tab.click('#get-token') // a request that fails, after its retries
    await expectText('#load-status-value', 'degraded')
    assert.equal(await text('#load-status-error'), 'network-error')
    assert.equal(await text('#status'), 'user_alice · acme as org:admin', 'the last known state holds')
    await tab.uncheck('input[name="skipCache"]')
    await tab.click('#toggle-fapi')
    await expectText('#toggle-fapi', 'Cut the Frontend API off')
    await expectText('#load-status-value', 'ready', 45_000) // the client's next attempt, on its own
    outage = false
    assert.equal(await tab.evaluate(() => window.marker), 'no reload')
  })

  test('screenshot of the live signed-in page', async (t) => {
    await tab.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished))) // the highlights faded
    mkdirSync(dirname(SCREENSHOT), { recursive: true })
    const png = await tab.screenshot({ path: SCREENSHOT, fullPage: true })
    // A PNG of the whole page: its signature, and its IHDR's width and height (the viewport's, or longer).
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)]
    assert.ok(width === 1400 && height >= 1000, `${width}×${height}`)
    assert.deepEqual(readFileSync(SCREENSHOT), png)
    t.diagnostic(`screenshot: ${SCREENSHOT} (${width}×${height}, ${png.length} bytes)`)
  })

  test('a reload is rendered signed in by the server, with no loading frame', async () => {
    const response = await tab.reload()
    const html = await response.text()
    assert.match(html, /id="status"[^>]*>user_alice · acme as org:admin</)
    assert.match(html, /id="has-answer"[^>]*>false</, 'the form starts empty')
    await expectField('userId', '"user_alice"')
    await expectText('#load-status-value', 'ready') // load() done: it may bring a fresher token (sessionClaims)
    const entries = await tab.locator('#timeline li').allTextContents()
    assert.match(entries.at(-1), /user_alice · acme as org:admin.*first render after hydration/)
    for (const entry of entries) assert.match(entry, /user_alice · acme as org:admin/, 'never loading or signed out')
  })

  test('signing out shows the signed-out shape; getToken() then gives null', async () => {
    await tab.click('#sign-out')
    await expectField('isSignedIn', 'false')
    for (const name of ['userId', 'sessionId', 'sessionClaims', 'actor', 'orgId', 'orgRole', 'orgSlug']) {
      assert.equal(await field(name), 'null', name)
    }
    assert.equal(await text('#shape'), 'signed out')
    assert.equal(await text('#status'), 'signed out')
    await tab.click('#get-token')
    await expectText('#token-source', 'null: no session')
  })

  test('no console errors, warnings or hydration mismatches along the way', () => {
    assert.deepEqual(problems, [])
  })

  test('SIGINT stops the page and the auth server, with exit code 0', async () => {
    demo.child.kill('SIGINT')
    const end = await demo.exited
    assert.deepEqual(end, { code: 0, signal: null })
    assert.match(demo.output.stdout, /SIGINT: stopping the demo/)
    for (const url of [urls.url, urls.authUrl]) {
      await assert.rejects(fetch(url), /fetch failed/, `${url} still answers`)
    }
  })
})

describe('npm run demo, failing clearly', () => {
  test('a port in use names the port and the flag', async () => {
    const blocker = createServer()
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address()
    try {
      const end = await runDemoProcess(['--port', String(port), '--auth-port', '0'])
      assert.equal(end.code, 1)
      assert.equal(
        end.stderr.trim(),
        `wasm-auth demo: port ${port} (the demo page) is already in use on 127.0.0.1: stop what holds it, or pick another with --port <port> (0 = any free port).`,
      )
    } finally {
      blocker.close()
    }
  })

  test('a bad flag prints the usage', async () => {
    const end = await runDemoProcess(['--port', 'eighty'])
    assert.equal(end.code, 1)
    assert.match(end.stderr, /--port must be an integer from 0 to 65535, got "eighty"/)
    assert.match(end.stderr, /usage: npm run demo -- \[--port 3000\]/)
  })
})
