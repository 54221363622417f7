// The Next.js example (examples/next-app: create-next-app's TypeScript app with cacheComponents,
// on wasm-auth/nextjs and wasm-auth/nextjs/server only) end to end: installed from the packed
// tarball, built for production with Turbopack and once with webpack, served by `next start` and
// `next dev`, driven in Debian's Chromium against the dev auth server. Any warning or error line
// in Next's build or server output fails the run.
//
// The Turbopack build serves a development instance first (what a new Clerk user starts with): the
// tests run in order and share one browser context (its cookies are the session): a new visitor,
// the proxy's auth.protect() sending a signed-out visitor of /protected to sign in, sign-in
// through the Account Portal's hosted page (the first paint after it is signed in), reload,
// organization switching, auth() in the route handler, a session token that expires while the
// tab is closed, sign-out, the static page, the first-load cost. Then the same build on a
// production instance (the pages read the configuration at run time): a new visitor, sign-in, the
// long absence; and without a publishable key, which fails loudly. `next dev` serves the seed page
// of Clerk's useAuth() reference; the webpack build a new visitor, sign-in and the route handler.
// The first-paint figures are printed at the end.
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../support/browser.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'
import { buildExample, freePort, installExample, problemLines, startExample } from './next-app.mjs'
import { firstLoadReport, recordTransfers } from './first-load.mjs'
import { afterLongAbsence, newVisitor, signInFirstPaint } from './first-paint.mjs'
import {
  assertHtml,
  check,
  describeChain,
  firstPaint,
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
let example, build, browser, devAuth

/** What the app reads: Clerk's variables, the dev server as the Frontend API and sign-in page. */
const envFor = (auth, appUrl) => ({
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: auth.publishableKey,
  NEXT_PUBLIC_CLERK_PROXY_URL: auth.url,
  NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${auth.url}/sign-in`,
  ...(appUrl ? { APP_URL: appUrl } : {}),
})

// Under CI (the CI variable set), Next notes that a fresh folder has no `.next/cache`: every run
// here builds a fresh copy on purpose, so that note is about the machine, not the app.
const MACHINE_NOTES = [/nextjs\.org\/docs\/messages\/no-cache/]

before(async () => {
  const started = performance.now()
  browser = await launchChromium()
  // The static page bakes the instance's configuration in at build time: the development
  // instance's, whose dev server runs for the whole file.
  devAuth = await startTestAuthServer({ host: '127.0.0.1', port: 0, instance: 'development' })
  example = installExample()
  Object.assign(timings, example.ms)
  build = buildExample(example.app, { env: envFor(devAuth) })
  timings.build = build.ms
  timings.setup = Math.round(performance.now() - started)
  console.log(
    `next example: pack ${timings.pack} ms, npm install ${timings.install} ms, next build ${timings.build} ms`,
  )
})

after(async () => {
  await browser?.close()
  await devAuth?.stop()
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
    [
      'next example, time to a signed-in first paint (Chromium):',
      line('development'),
      line('production'),
      figures.webpack
        ? `  webpack build: after sign-in, first paint (signed in) ${figures.webpack.signIn.afterClickMs} ms after the click`
        : '  webpack build: not measured',
      figures.seed
        ? `  next dev, the seed page: after sign-in, first paint (signed in) ${figures.seed.afterClickMs} ms after the click (${figures.seed.chain.length} documents)`
        : '  next dev, the seed page: not measured',
    ].join('\n'),
  )
  mkdirSync(`${root}target`, { recursive: true })
  writeFileSync(`${root}target/next-first-paint.json`, JSON.stringify(figures, null, 2))
})

test('next build (Turbopack) prints no warning or error; the proxy is built, /static is prerendered', () => {
  assert.deepEqual(problemLines(build.output, MACHINE_NOTES), [], build.output)
  assert.match(build.output, /Proxy \(Middleware\)/, 'the proxy is built')
  assert.match(build.output, /○ \/static\n/, '<AuthProvider> without dynamic keeps the route static')
  assert.match(build.output, /◐ \/external-data\n/, 'under <AuthProvider dynamic>: a static shell, the rest streamed')
})

/**
 * A dev server of `instance` (the file's own for a development one) and `next start` (`next dev`
 * with `dev`) of `app`, reading the instance at run time.
 */
async function serve(instance, { app = example.app, dev = false } = {}) {
  const auth =
    instance === 'development' ? devAuth : await startTestAuthServer({ host: '127.0.0.1', port: 0, instance })
  const port = await freePort()
  const appUrl = `http://127.0.0.1:${port}`
  const next = await startExample(app, { port, dev, env: envFor(auth, appUrl) })
  const context = await browser.newContext()
  return { auth, next, appUrl, context, instance }
}

/** Stops what serve() started; Next's server output must hold no warning or error. */
async function stop(env) {
  await env?.context.close()
  await env?.next.stop()
  if (env && env.auth !== devAuth) await env.auth.stop()
  if (env) assert.deepEqual(problemLines(env.next.output()), [], env.next.output())
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

  test("the proxy's auth.protect() sends a signed-out visitor of /protected to the sign-in page, and back", async () => {
    const { page, response, problems } = await open('/protected', { renders: false })
    const signIn = new URL(page.url())
    assert.equal(`${signIn.origin}${signIn.pathname}`, `${env.auth.url}/sign-in`, 'NEXT_PUBLIC_CLERK_SIGN_IN_URL')
    assert.equal(signIn.searchParams.get('redirect_url'), `${env.appUrl}/protected`)
    assert.match(signIn.searchParams.get('__clerk_db_jwt') ?? '', /^dvb_/, 'the dev browser, for the other origin')
    const redirect = await response.request().redirectedFrom().response()
    assert.equal(redirect.status(), 307)
    assert.equal(new URL(redirect.url()).pathname, '/protected')
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
    assertHtml(html, 'id="server-auth">auth(): user_alice in acme')
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

  test('auth() in the route handler: the getToken() bearer token, verified by the proxy, and its user', async () => {
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
        return [res.status, res.headers.get('x-clerk-auth-reason'), (await res.json()).signedIn]
      }
      return [await call(badSignature), await call(otherUser), await call('not-a-jwt')]
    })
    // auth() answers from the proxy's verdict; the proxy says why in Clerk's debug header.
    assert.deepEqual(refused, [
      [401, 'token-invalid-signature', false],
      [401, 'token-invalid-signature', false],
      [401, 'token-invalid', false],
    ])
    // Chromium logs each refused fetch; nothing else may show up.
    assert.deepEqual(
      problems,
      Array(3).fill('error: Failed to load resource: the server responded with a status of 401 (Unauthorized)'),
    )
    await page.close()
  })

  test('the proxy and auth.protect() in the page let a signed-in user through to /protected', async () => {
    const { page, response, problems } = await open('/protected', { renders: false })
    assert.equal(response.status(), 200)
    assert.equal(response.request().redirectedFrom(), null)
    assert.equal(await text(page, '#protected'), 'Signed in as user_alice in acme (org:admin).')
    await settle(page)
    assert.deepEqual(problems, [])
    await page.close()
  })

  test('the static page: prerendered not loaded, then the browser loads the signed-in state, no hydration warning', async () => {
    const { page, html, problems } = await open('/static')
    assertHtml(html, '<section id="auth-status" data-loaded="false" data-signed-in="undefined">')
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Signed in as user_alice')
    const seen = await renderLog(page)
    assert.equal(seen[0].isLoaded, false, 'the first render is the prerendered one')
    assert.deepEqual(seen.at(-1), { ...seen.at(-1), isLoaded: true, isSignedIn: true, userId: 'user_alice' })
    assert.equal(await hydratedInPlace(page), true)
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

  test('sign-out goes straight to the signed-out state, removes __session, and /protected sends to sign in again', async () => {
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

    const again = await open('/protected', { renders: false })
    assert.ok(again.page.url().startsWith(`${env.auth.url}/sign-in?`), again.page.url())
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

describe('without a publishable key: the first request fails with the typed error naming the variable', () => {
  let next
  after(() => next?.stop())

  test('the proxy answers 500 and Next logs AuthError options-invalid naming NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', async () => {
    const port = await freePort()
    const unset = { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: '', CLERK_PUBLISHABLE_KEY: '', NEXT_PUBLIC_CLERK_PROXY_URL: '' }
    next = await startExample(example.app, { port, env: unset })
    const response = await fetch(`${next.url}/`, { redirect: 'manual' })
    assert.equal(response.status, 500)
    await response.text()
    await new Promise((resolve) => setTimeout(resolve, 200)) // the log line is written after the answer
    const logged = next.output()
    assert.match(logged, /options-invalid/, logged)
    assert.match(logged, /no publishable key: set NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY/, logged)
    assert.doesNotMatch(logged, /signed-out|jwk-local-missing/)
  })
})

describe('next dev: the seed page (app/external-data/page.tsx), signed out, then signed in through the hosted page', () => {
  let env
  before(async () => {
    env = await serve('development', { dev: true })
  })
  after(() => stop(env))

  test('signed out it says so from the first paint; after sign-in the first paint says hello; getToken() is the bearer', async () => {
    const visit = await openIn(env.context, `${env.appUrl}/external-data`, { renders: false })
    const plain = (html) => html.replaceAll('<!-- -->', '')
    assert.match(plain(visit.html), /<div>Sign in to view this page<\/div>/)
    assert.doesNotMatch(visit.html, /Loading\.\.\./, 'no isLoaded: false frame')
    await settle(visit.page)
    assert.equal(await text(visit.page, 'main'), 'Sign in to view this page')

    const { page, documents } = visit
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(`${env.auth.url}/sign-in`)),
      page.click('#sign-in'),
    ])
    documents.length = 0
    const clicked = Date.now()
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().isNavigationRequest() && r.url() === `${env.appUrl}/external-data` && r.status() === 200,
      ),
      page.click('button[value="user_alice"]'),
    ])
    const html = plain(await response.text())
    const paint = await firstPaint(page)
    assert.match(html, /<p>Hello, user_alice! Your current active session is sess_\w+\.<\/p>/)
    assert.doesNotMatch(html, /Loading\.\.\.|Sign in to view this page/, 'the first paint is signed in')
    figures.seed = { afterClickMs: Math.round(paint.atEpochMs - clicked), chain: describeChain(documents) }

    // The button's getToken(): the session token, as the Authorization of the external fetch
    // (once hydrated: `next dev` compiles the page's JavaScript on first request).
    await settle(page)
    await page.route('https://api.example.com/data', (route) => route.fulfill({ json: { ok: true } }))
    const [request] = await Promise.all([
      page.waitForRequest('https://api.example.com/data'),
      page.click('text=Fetch Data'),
    ])
    const [scheme, token] = request.headers().authorization.split(' ')
    assert.equal(scheme, 'Bearer')
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url'))
    assert.equal(claims.sub, 'user_alice')
    assert.equal(`Hello, user_alice! Your current active session is ${claims.sid}.`, await text(page, 'main p'))
    await settle(page)
    assert.deepEqual(visit.problems, [])
    await page.close()
  })
})

describe('next build --webpack: the same app, a new visitor, sign-in and the route handler', () => {
  let env, copy, built
  before(async () => {
    copy = installExample()
    built = buildExample(copy.app, { webpack: true, env: envFor(devAuth) })
    timings.webpackBuild = built.ms
    env = await serve('development', { app: copy.app })
  })
  after(async () => {
    await stop(env)
    copy?.remove()
  })

  test('next build --webpack prints no warning or error', () => {
    // Next's webpack builds the browser's code for ['web', 'es6'] and warns about any module with a
    // top-level await; the browser entries have none (js/wasm/load.browser.js instantiates the
    // inlined wasm synchronously), so the build is as quiet as Turbopack's.
    assert.deepEqual(problemLines(built.output, MACHINE_NOTES), [], built.output)
    assert.doesNotMatch(built.output, /topLevelAwait/)
    assert.match(built.output, /Proxy \(Middleware\)/)
  })

  test('a new visitor, then sign-in: signed in from the first paint; auth() in the route handler', async () => {
    const visit = await newVisitor(env)
    figures.webpack = { signIn: await signInFirstPaint(env, visit, 'user_alice') }
    await settle(visit.page)
    const me = await visit.page.evaluate(async () => (await fetch('/api/me')).json())
    assert.deepEqual(me, { ...me, signedIn: true, userId: 'user_alice', orgId: 'org_acme', tokenFrom: 'cookie' })
    await visit.page.close()
  })
})
