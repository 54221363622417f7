// The handshake end to end with the real pieces, on both instance kinds: an app's server
// (authenticateRequest on each document request, sending what its `headers` say), a browser
// (cookies by host name, redirects followed) and the dev server as the Frontend API and the
// Account Portal. A new visitor, the sign-in through the hosted page, reloads, a session token
// that expired while the tab was closed, a sign-out elsewhere: each step's requests are shown to
// wasm-auth/server and to @clerk/backend's authenticateRequest (networkless: jwtKey, any secret),
// which must agree on `status` and `reason`, and for a handshake on the Frontend API's origin,
// path and `redirect_url`. The scenario runs twice: once driven by wasm-auth's answers, once by
// Clerk's, so Clerk's backend completes handshakes from the dev server too (it asks for
// `format=nonce`; the dev server answers with a token, as Clerk's Frontend API does for a small
// payload). Time passes by moving Date.now, which the app, Clerk and the dev server all read.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createClerkClient } from '@clerk/backend'
import { authenticateRequest } from 'wasm-auth/server'
import { APP_ORIGIN, startTestAuthServer } from '../support/auth-server.mjs'

const realNow = Date.now
let offset = 0
Date.now = () => realNow() + offset
/** A user's pause: the redirect counter cookie (Max-Age=2) is gone by the next step, as in a browser. */
const pause = (ms = 5_000) => (offset += ms)
after(() => {
  Date.now = realNow
})

/**
 * A browser's cookies for one host name (all of this runs on 127.0.0.1: cookies ignore ports, so
 * the dev server's cookies reach the app as a Frontend API's on clerk.<app domain> reach its
 * site). Honours Max-Age by Date.now.
 */
class Jar {
  cookies = new Map() // name -> { value, expires }
  apply(lines) {
    for (const line of lines) {
      const [pair, ...attributes] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const maxAge = attributes.map((a) => /^\s*max-age=(-?\d+)/i.exec(a)?.[1]).find((v) => v !== undefined)
      if (maxAge !== undefined && Number(maxAge) <= 0) this.cookies.delete(name)
      else
        this.cookies.set(name, {
          value: pair.slice(eq + 1).trim(),
          expires: maxAge === undefined ? Infinity : Date.now() + Number(maxAge) * 1000,
        })
    }
  }
  get(name) {
    const cookie = this.cookies.get(name)
    return cookie && cookie.expires > Date.now() ? cookie.value : undefined
  }
  names() {
    return [...this.cookies.keys()].filter((name) => this.get(name) !== undefined).sort()
  }
  header() {
    return this.names()
      .map((name) => `${name}=${this.get(name)}`)
      .join('; ')
  }
}

const stateOf = (result) => ({
  status: result.status,
  reason: result.reason ?? null,
  userId: (result.toAuth ? result.toAuth()?.userId : result.userId) ?? null,
})

/**
 * The Frontend API's origin and path, and the query both SDKs agree on, of a handshake redirect.
 * A relative Location (ours, back to the clean URL) is resolved as the browser does, on the app.
 */
function handshakeTarget(headers) {
  const location = headers.get('location')
  if (!location) return null
  const url = new URL(location, APP_ORIGIN)
  if (url.pathname !== '/v1/client/handshake') return { redirect: url.href }
  const q = url.searchParams
  return {
    handshake: `${url.origin}${url.pathname}`,
    redirect_url: q.get('redirect_url'),
    suffixed_cookies: q.get('suffixed_cookies'),
    __clerk_hs_reason: q.get('__clerk_hs_reason'),
    __clerk_db_jwt: q.get('__clerk_db_jwt'),
  }
}

for (const instance of ['development', 'production']) {
  describe(`the handshake through the dev server, a ${instance} instance`, () => {
    let server, clerk, ours
    before(async () => {
      server = await startTestAuthServer({ instance })
      clerk = createClerkClient({
        publishableKey: server.publishableKey,
        secretKey: instance === 'development' ? 'sk_test_unused' : 'sk_live_unused', // with jwtKey nothing is fetched
        jwtKey: server.publicKeyPem,
        proxyUrl: server.url,
        telemetry: { disabled: true },
      })
      // Keys fetched from the Frontend API (through proxyUrl) and cached, as an app would.
      ours = { publishableKey: server.publishableKey, proxyUrl: server.url }
    })
    after(() => server?.stop())

    /**
     * One browser and its app, driven by `driver`'s answers ('ours' or 'clerk'). `navigate(url)`
     * follows a document navigation through the app and the dev server until a page is rendered,
     * and returns the app's answers on the way.
     */
    function browser(driver) {
      const jar = new Jar()
      async function app(url, dest = 'document') {
        const request = () =>
          new Request(url, { headers: { cookie: jar.header(), 'sec-fetch-dest': dest, accept: 'text/html' } })
        const [mine, theirs] = [await authenticateRequest(request(), ours), await clerk.authenticateRequest(request())]
        const step = { ...stateOf(mine), target: handshakeTarget(mine.headers) }
        assert.deepEqual(
          { ...stateOf(theirs), target: handshakeTarget(theirs.headers) },
          step,
          `@clerk/backend and wasm-auth disagree on ${url} with cookies ${jar.names()}`,
        )
        if (step.target?.handshake) {
          const format = (headers) => new URL(headers.get('location')).searchParams.get('format')
          assert.deepEqual([format(mine.headers), format(theirs.headers)], ['token', 'nonce'])
        }
        const answer = driver === 'ours' ? mine : theirs
        jar.apply(answer.headers.getSetCookie())
        return { step, location: answer.headers.get('location') }
      }
      async function navigate(url) {
        const steps = []
        for (let hops = 0; hops < 8; hops++) {
          if (new URL(url).origin === APP_ORIGIN) {
            const { step, location } = await app(url)
            steps.push(step)
            if (!location) return steps
            url = new URL(location, url).href
          } else {
            const response = await fetch(url, { headers: { cookie: jar.header() }, redirect: 'manual' })
            assert.equal(response.status, 307, `${url}: ${await response.text()}`)
            jar.apply(response.headers.getSetCookie())
            url = new URL(response.headers.get('location'), url).href
          }
        }
        throw new Error('more than 8 redirects')
      }
      /** The hosted sign-in page's form, then the navigation back to `redirectUrl`. */
      async function signIn(user, redirectUrl) {
        const devBrowser = jar.get('__clerk_db_jwt') // clerk-js and wasm-auth put it in the page's URL
        const response = await fetch(`${server.url}/sign-in${devBrowser ? `?__clerk_db_jwt=${devBrowser}` : ''}`, {
          method: 'POST',
          headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ user, redirect_url: redirectUrl }),
          redirect: 'manual',
        })
        assert.equal(response.status, 303)
        jar.apply(response.headers.getSetCookie())
        return { first: response.headers.get('location'), steps: await navigate(response.headers.get('location')) }
      }
      /** Signs every session of this browser's client out on the dev server (another tab, say). */
      async function signOutElsewhere() {
        const devBrowser = jar.get('__clerk_db_jwt')
        const query = `_method=DELETE${devBrowser ? `&__clerk_db_jwt=${devBrowser}` : ''}`
        const response = await fetch(`${server.url}/v1/client/sessions?${query}`, {
          method: 'POST',
          headers: { cookie: jar.header() },
        })
        assert.equal(response.status, 200)
        jar.apply(response.headers.getSetCookie())
      }
      return { jar, app, navigate, signIn, signOutElsewhere }
    }

    const development = instance === 'development'
    const page = `${APP_ORIGIN}/dashboard?tab=1`
    const signedIn = { status: 'signed-in', reason: null, userId: 'user_alice', target: null }
    const signedOut = (reason) => ({ status: 'signed-out', reason, userId: null, target: null })
    // Development comes back with the token in the URL and is redirected to the clean URL.
    const completed = (state) => (development ? [{ ...state, target: { redirect: page } }, state] : [state])
    const EXPIRED = 'session-token-expired-refresh-non-eligible-no-refresh-cookie'

    for (const driver of ['ours', 'clerk']) {
      test(`driven by ${driver === 'ours' ? "wasm-auth's" : "@clerk/backend's"} answers: both agree at every step`, async () => {
        const b = browser(driver)
        const devBrowser = () => b.jar.get('__clerk_db_jwt') ?? null
        const toHandshake = (reason, suffixed) => ({
          status: 'handshake',
          reason,
          userId: null,
          target: {
            handshake: `${server.url}/v1/client/handshake`,
            redirect_url: page,
            suffixed_cookies: String(suffixed),
            __clerk_hs_reason: reason,
            __clerk_db_jwt: development ? devBrowser() : null,
          },
        })

        // A new visitor: a development app first needs a dev browser (a handshake that comes back
        // signed out with one); production has nothing to ask.
        const firstVisit = await b.navigate(page)
        if (development) {
          assert.deepEqual(firstVisit, [
            {
              ...toHandshake('dev-browser-missing', false),
              target: { ...toHandshake('dev-browser-missing', false).target, __clerk_db_jwt: null },
            },
            { ...signedOut('session-token-missing'), target: { redirect: page } },
            signedOut('session-token-and-uat-missing'),
          ])
          assert.match(devBrowser(), /^dvb_/, 'the handshake gave the browser a dev browser')
        } else assert.deepEqual(firstVisit, [signedOut('session-token-and-uat-missing')])

        // Back from the Account Portal: a development app gets the dev browser in the URL, a
        // production one a __client_uat cookie from the Frontend API; neither has a session token.
        pause()
        const { first, steps } = await b.signIn('user_alice', page)
        if (development) {
          assert.equal(first, `${page}&__clerk_db_jwt=${devBrowser()}`)
          assert.deepEqual(steps, [toHandshake('dev-browser-sync', false), ...completed(signedIn)])
        } else {
          assert.equal(first, page)
          assert.deepEqual(steps, [toHandshake('client-uat-but-no-session-token', true), signedIn])
        }
        assert.equal(b.jar.get('__clerk_handshake'), undefined, 'production: the handshake cookie is gone again')
        // A development browser's first handshakes had no suffixed cookies to go by.
        const suffixed = !development

        // A reload: signed in by the cookies alone.
        pause()
        assert.deepEqual(await b.navigate(page), [signedIn])

        // The tab closed longer than a token lives: the expired token asks for a handshake, which
        // comes back signed in, so the first page is signed in. A fetch is answered, not redirected.
        pause(120_000)
        assert.deepEqual((await b.app(page, 'empty')).step, signedOut(EXPIRED))
        assert.deepEqual(await b.navigate(page), [toHandshake(EXPIRED, suffixed), ...completed(signedIn)])
        pause()
        assert.deepEqual(await b.navigate(page), [signedIn])

        // Signed out elsewhere, and a while later: the handshake comes back signed out and clears
        // the session cookie. (Production: the Frontend API set __client_uat=0 on the site.)
        await b.signOutElsewhere()
        pause(120_000)
        const reason = development ? EXPIRED : 'session-token-but-no-client-uat'
        assert.deepEqual(await b.navigate(page), [
          toHandshake(reason, suffixed),
          ...(development
            ? [
                { ...signedOut('session-token-missing'), target: { redirect: page } },
                signedOut('session-token-and-uat-missing'),
              ]
            : [signedOut('session-token-missing')]),
        ])
        assert.equal(b.jar.get('__session'), undefined)
        pause()
        assert.deepEqual(await b.navigate(page), [signedOut('session-token-and-uat-missing')])
      })
    }
  })
}
