// The Next.js example (examples/next-app) end to end: installed from the packed tarball, built
// once for production (`next build`, Turbopack; it must print no warning), served by `next start`,
// driven in Debian's Chromium against the dev auth server. Server components, client components
// (server-rendered, then hydrated), a route handler and the proxy (Next 16's middleware, on
// Node.js) all load wasm-auth here.
//
// A development instance first (what a new Clerk user starts with): the tests run in order and
// share one browser context (its cookies are the session): a new visitor, sign-in through the
// Account Portal's hosted page (the first paint after it is signed in), reload, organization
// switching, the route handler, the proxy, a session token that expires while the tab is closed
// (the first paint on reopening is signed in), sign-out, the first-load cost. Then the same build
// on a production instance: a new visitor, sign-in, the long absence. The first-paint figures are
// printed at the end.
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../support/browser.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'
import { buildExample, freePort, startExample } from './next-app.mjs'
import { firstLoadReport, recordTransfers } from './first-load.mjs'
import { afterLongAbsence, newVisitor, signInFirstPaint } from './first-paint.mjs'
import {
  assertHtml,
  check,
  hydratedInPlace,
  open as openIn,
  renderLog,
  settle,
  signInThroughHostedPage,
  text,
} from './page.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const timings = {}
const figures = {}
let example, browser

before(async () => {
  const started = performance.now()
  example = buildExample()
  Object.assign(timings, example.ms)
  browser = await launchChromium()
  timings.setup = Math.round(performance.now() - started)
  console.log(
    `next example: pack ${timings.pack} ms, npm install ${timings.install} ms, next build ${timings.build} ms`,
  )
})

after(async () => {
  await browser?.close()
  example?.remove()
  const line = (kind) => {
    const f = figures[kind]
    if (!f) return `  ${kind}: not measured`
    return [
      `  ${kind}: after sign-in, first paint (signed in) ${f.signIn.afterClickMs} ms after the click on the hosted page (${f.signIn.chain.length} documents: ${f.signIn.chain.join(', ')})`,
      `  ${kind}: after a long absence (token expired, tab closed ${(f.absence.waitedMs / 1000).toFixed(1)} s), first paint (signed in) ${f.absence.fcpMs} ms after navigation start (${f.absence.chain.length} documents)`,
    ].join('\n')
  }
  console.log(
    ['next example, time to a signed-in first paint (Chromium):', line('development'), line('production')].join('\n'),
  )
  mkdirSync(`${root}target`, { recursive: true })
  writeFileSync(`${root}target/next-first-paint.json`, JSON.stringify(figures, null, 2))
})

test('next build prints no warning (no deprecated file convention: proxy.js, not middleware.js)', () => {
  // Under CI (the CI variable set), Next notes that a fresh folder has no `.next/cache`: every run
  // here builds a fresh copy on purpose, so that note is about the machine, not the app.
  const machineNotes = /nextjs\.org\/docs\/messages\/no-cache/
  const warnings = example.buildOutput.split('\n').filter((l) => /⚠|\bwarn|deprecat/i.test(l) && !machineNotes.test(l))
  assert.deepEqual(warnings, [], example.buildOutput)
  assert.match(example.buildOutput, /Proxy \(Middleware\)/, 'the proxy is built')
})

/** The dev server of `instance` and `next start` of the one build, reading it at run time. */
async function serve(instance) {
  const auth = await startTestAuthServer({ host: '127.0.0.1', port: 0, instance })
  const port = await freePort()
  const appUrl = `http://127.0.0.1:${port}`
  // Read at run time by the server (not baked in at build): the instance's publishable key, the
  // dev server as its Frontend API (proxyUrl), and this app's own origin, the only `azp` its
  // tokens may carry.
  const next = await startExample(example.app, {
    port,
    env: { CLERK_PUBLISHABLE_KEY: auth.publishableKey, AUTH_URL: auth.url, APP_URL: appUrl },
  })
  const context = await browser.newContext()
  return { auth, next, appUrl, context, instance }
}

async function stop(env) {
  await env?.context.close()
  await env?.next.stop()
  await env?.auth.stop()
}

describe('a development instance', () => {
  let env
  before(async () => {
    env = await serve('development')
    timings.start = env.next.ms
  })
  after(() => stop(env))
  const open = (path, options) => openIn(env.context, `${env.appUrl}${path}`, options)

  test('a new visitor: the dev browser handshake, then a loaded, signed-out page that hydration keeps', async () => {
    const { page } = await newVisitor(env)
    await page.close()
  })

  test('the proxy (Node.js) sends a signed-out visitor of /protected home', async () => {
    const { page, response, problems } = await open('/protected')
    assert.equal(new URL(page.url()).pathname, '/')
    assert.equal(new URL(page.url()).searchParams.get('reason'), 'session-token-and-uat-missing')
    const redirect = await response.request().redirectedFrom().response()
    assert.equal(redirect.status(), 307)
    assert.equal(redirect.headers()['x-auth-runtime'], 'node', "Next 16's proxy runs on Node.js")
    assert.match(await text(page, '#redirect-notice'), /from \/protected \(session-token-and-uat-missing\)/)
    assert.deepEqual(problems, [])
    await page.close()
  })

  test('sign in through the hosted page: the first paint after the redirect back is signed in', async () => {
    const visit = await openIn(env.context, `${env.appUrl}/`)
    figures.development = { signIn: await signInFirstPaint(env, visit, 'user_alice') }
    const cookies = (await env.context.cookies(env.appUrl)).map((c) => c.name)
    for (const name of ['__session', '__client_uat', '__clerk_db_jwt']) {
      assert.ok(cookies.includes(name), `${name}: ${cookies}`)
      assert.ok(cookies.includes(`${name}_${env.auth.cookieSuffix}`), `${name} suffixed (the client writes both)`)
    }
    await visit.page.close()
  })

  test('after a reload the first paint is already signed in: no isLoaded: false frame, no hydration warning', async () => {
    const { page, problems, html } = await open('/')
    assertHtml(html, '<section id="auth-status" data-loaded="true" data-signed-in="true">')
    assertHtml(html, '<p id="status">Signed in as user_alice</p>')
    assertHtml(html, '<dd id="org-id">&quot;org_acme&quot;</dd>')
    assertHtml(html, 'id="admin-only"') // has({ role }) answered in the server render
    assertHtml(html, 'id="server-auth">authenticateRequest: user_alice')
    await settle(page)
    const seen = await renderLog(page)
    assert.deepEqual(
      seen[0],
      { ...seen[0], isLoaded: true, isSignedIn: true, userId: 'user_alice', orgId: 'org_acme' },
      'the first client render',
    )
    assert.ok(
      seen.every((r) => r.isLoaded === true && r.userId === 'user_alice'),
      JSON.stringify(seen),
    )
    assert.equal(await hydratedInPlace(page), true, 'hydration kept the server-rendered DOM')
    assert.equal(await check(page, { role: 'org:admin' }), 'true')
    assert.equal(await check(page, { permission: 'org:invoices:read' }), 'true')
    assert.equal(await check(page, { feature: 'org:reports' }), 'true')
    assert.equal(await check(page, { plan: 'org:pro' }), 'true')
    assert.equal(await check(page, { reverification: 'lax' }), 'true')
    assert.deepEqual(problems, [])
    await page.close()
  })

  test('switching organization: has() and the gated element follow, loaded all along; a reload renders the new organization', async () => {
    const { page, problems } = await open('/')
    await page.waitForSelector('#org-beta')
    await page.click('#org-beta')
    await page.waitForFunction(() => document.getElementById('org-id').textContent === '"org_beta"')
    assert.equal(await text(page, '#org-role'), '"org:member"')
    assert.equal(await text(page, '#org-slug'), '"beta"')
    assert.equal(await page.locator('#admin-only').count(), 0, 'alice is not an admin of beta')
    assert.equal(await check(page, { role: 'org:admin' }), 'false')
    assert.equal(await check(page, { role: 'org:member' }), 'true')
    assert.equal(await check(page, { permission: 'org:invoices:read' }), 'false')
    assert.equal(await check(page, { permission: 'org:projects:manage' }), 'false')
    assert.equal(await check(page, { plan: 'org:pro' }), 'false')

    await page.click('#org-personal')
    await page.waitForFunction(() => document.getElementById('org-id').textContent === 'null')
    assert.equal(await check(page, { role: 'org:member' }), 'false')

    await page.click('#org-acme')
    await page.waitForSelector('#admin-only')
    assert.equal(await text(page, '#org-id'), '"org_acme"')
    assert.equal(await check(page, { permission: 'org:invoices:read' }), 'true')
    const seen = await renderLog(page)
    assert.ok(
      seen.every((r) => r.isLoaded === true),
      'isLoaded never went back to false',
    )
    const orgs = seen.map((r) => r.orgId).filter((org, i, all) => i === 0 || org !== all[i - 1])
    assert.deepEqual(orgs, ['org_acme', 'org_beta', null, 'org_acme'])

    await page.click('#org-beta')
    await page.waitForFunction(() => document.getElementById('org-id').textContent === '"org_beta"')
    await settle(page)
    assert.deepEqual(problems, [])
    await page.close()

    // The new organization's token is in the cookie: the server renders beta from the first paint.
    const reload = await open('/')
    assertHtml(reload.html, '<dd id="org-id">&quot;org_beta&quot;</dd>')
    assertHtml(reload.html, 'id="admin-only"', false)
    assert.deepEqual((await renderLog(reload.page))[0], {
      ...(await renderLog(reload.page))[0],
      isLoaded: true,
      orgId: 'org_beta',
    })
    await reload.page.click('#org-acme')
    await reload.page.waitForSelector('#admin-only')
    await settle(reload.page)
    assert.deepEqual(reload.problems, [])
    await reload.page.close()
  })

  test('the route handler verifies the getToken() bearer token and answers with its user', async () => {
    const { page, problems } = await open('/')
    await settle(page)
    await page.click('#call-api')
    await page.waitForSelector('#api-result')
    const result = JSON.parse(await text(page, '#api-result'))
    const sessionId = JSON.parse(await text(page, '#session-id'))
    assert.deepEqual(result, {
      status: 200,
      body: {
        signedIn: true,
        userId: 'user_alice',
        sessionId,
        orgId: 'org_acme',
        orgRole: 'org:admin',
        orgSlug: 'acme',
        admin: true,
        tokenFrom: 'bearer',
      },
    })
    assert.match(sessionId, /^sess_/)

    // A bearer token with a changed signature, and one for another user's claims, are refused
    // (Authorization wins over the cookie, which is sent as well).
    const refused = await page.evaluate(async () => {
      const token = document.cookie.match(/(?:^|; )__session=([^;]+)/)[1] // the session token getToken() gives
      const [h, p, s] = token.split('.')
      const flip = (c) => (c === 'A' ? 'B' : 'A')
      const badSignature = `${h}.${p}.${flip(s[0])}${s.slice(1)}`
      const claims = JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/')))
      const otherUser = `${h}.${btoa(JSON.stringify({ ...claims, sub: 'user_bob' }))
        .replace(/=+$/, '')
        .replace(/\+/g, '-')
        .replace(/\//g, '_')}.${s}`
      const call = async (t) => {
        const res = await fetch('/api/me', { headers: { authorization: `Bearer ${t}` } })
        return [res.status, (await res.json()).reason]
      }
      return [await call(badSignature), await call(otherUser), await call('not-a-jwt')]
    })
    assert.deepEqual(refused, [
      [401, 'token-invalid-signature'],
      [401, 'token-invalid-signature'],
      [401, 'token-invalid'],
    ])
    // Chromium logs each refused fetch; nothing else may show up.
    assert.deepEqual(
      problems,
      Array(3).fill('error: Failed to load resource: the server responded with a status of 401 (Unauthorized)'),
    )
    await page.close()
  })

  test('the proxy lets a signed-in user through to /protected', async () => {
    const { page, response, problems } = await open('/protected', { renders: false })
    assert.equal(response.status(), 200)
    assert.equal(response.request().redirectedFrom(), null)
    assert.equal(response.headers()['x-auth-runtime'], 'node')
    assert.equal(response.headers()['x-auth-user'], 'user_alice')
    assert.equal(await text(page, '#protected'), 'Signed in as user_alice in acme (org:admin).')
    await settle(page)
    assert.deepEqual(problems, [])
    await page.close()
  })

  test('the session token expires while the tab is closed: the first paint on reopening is signed in', async () => {
    const { page } = await open('/')
    await settle(page)
    const absence = await afterLongAbsence(env, page, 'user_alice')
    figures.development.absence = absence
    await absence.page.click('#org-acme') // back to the organization the tests below expect
    await absence.page.waitForSelector('#admin-only')
    await settle(absence.page)
    await absence.page.close()
  })

  test('sign-out goes straight to the signed-out state, removes __session, and /protected redirects again', async () => {
    const { page, problems } = await open('/')
    await settle(page)
    await Promise.all([page.waitForEvent('framenavigated'), page.click('#sign-out')]) // signOut({ redirectUrl: '/' })
    await page.waitForLoadState('load')
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Signed out')
    assert.equal(
      (await env.context.cookies(env.appUrl)).find((c) => c.name === '__session'),
      undefined,
    )
    assert.equal(await text(page, '#user-id'), 'null')
    assert.equal(await page.locator('#admin-only').count(), 0)
    await settle(page)
    assert.deepEqual(problems, [])
    await page.close()

    const again = await open('/protected')
    assert.equal(new URL(again.page.url()).pathname, '/')
    assert.equal(new URL(again.page.url()).searchParams.get('reason'), 'session-token-and-uat-missing')
    await again.page.close()
  })

  test('first-load cost in Chromium: bytes transferred and time to isLoaded: true', async () => {
    const out = {}
    for (const state of ['signed-out', 'signed-in']) {
      const ctx = await browser.newContext() // an empty cache
      if (state === 'signed-in') {
        const visit = await openIn(ctx, `${env.appUrl}/`)
        await signInThroughHostedPage(visit.page, visit.documents, {
          user: 'user_alice',
          appUrl: env.appUrl,
          authUrl: env.auth.url,
        })
        await visit.page.close()
      }
      const page = await ctx.newPage()
      const transfers = await recordTransfers(page)
      await page.goto(env.appUrl + '/')
      await page.waitForFunction(() => window.__authRenders?.some((r) => r.isLoaded))
      await page.waitForLoadState('networkidle')
      const timing = await page.evaluate(() => {
        const firstLoaded = window.__authRenders.find((r) => r.isLoaded)
        const paint = performance.getEntriesByName('first-contentful-paint')[0]
        const nav = performance.getEntriesByType('navigation')[0]
        return {
          firstPaintMs: paint && Math.round(paint.startTime),
          domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
          isLoadedMs: Math.round(firstLoaded.at),
          signedIn: firstLoaded.isSignedIn,
        }
      })
      const report = await firstLoadReport(await transfers.done())
      assert.equal(timing.signedIn, state === 'signed-in')
      assert.deepEqual(Object.keys(report.wasm), [], "no .wasm file: the client wasm comes inside wasm-auth's JS")
      assert.ok(report.js['wasm-auth'] > 0 && report.js['next+react'] > 0, JSON.stringify(report.js))
      out[state] = { timing, report }
      await ctx.close()
    }
    const r = out['signed-out'].report
    const js = Object.values(r.js).reduce((a, b) => a + b, 0)
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`
    console.log(
      [
        'next example, first load (empty cache, Chromium, transferred = compressed body + headers):',
        `  client JS ${kb(js)}: wasm-auth ${kb(r.js['wasm-auth'])} (${kb(r.jsRawWasmAuth)} minified), Next.js + React ${kb(r.js['next+react'])}, the app ${kb(r.js.app)}, other ${kb(r.js.other)}`,
        `  (wasm-auth's JS carries its wasm); HTML ${kb(r.documents)}, CSS ${kb(r.css)}`,
        ...['signed-out', 'signed-in'].map((s) => {
          const t = out[s].timing
          return `  ${s}: first contentful paint ${t.firstPaintMs} ms (the server's HTML, already loaded), first client render (hydration) with isLoaded: true ${t.isLoadedMs} ms after navigation start`
        }),
      ].join('\n'),
    )
    mkdirSync(`${root}target`, { recursive: true })
    writeFileSync(`${root}target/next-first-load.json`, JSON.stringify({ timings, ...out }, null, 2))
  })
})

describe('a production instance: the same build, first paint after sign-in and after a long absence', () => {
  let env
  before(async () => {
    env = await serve('production')
  })
  after(() => stop(env))

  test('a new visitor: a loaded, signed-out page, nothing to ask', async () => {
    const { page } = await newVisitor(env)
    await page.close()
  })

  test('sign in through the hosted page: the first paint after the redirect back is signed in', async () => {
    const visit = await openIn(env.context, `${env.appUrl}/`)
    figures.production = { signIn: await signInFirstPaint(env, visit, 'user_alice') }
    assert.equal(
      (await env.context.cookies(env.appUrl)).find((c) => c.name === '__clerk_handshake'),
      undefined,
      'the handshake cookie was redeemed once, then removed',
    )
    await settle(visit.page)
    figures.production.absence = await afterLongAbsence(env, visit.page, 'user_alice')
    await figures.production.absence.page.close()
  })
})
