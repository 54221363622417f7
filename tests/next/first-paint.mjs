// The first paint of the Next.js example in the three moments where cookies alone cannot say
// who the user is, on either instance kind: a new visitor, the redirect back from the Account
// Portal's sign-in page, and a page reopened after its session token expired while the tab was
// closed. Each time the app's proxy (authMiddleware) answers what it must (a handshake with the
// dev server), so the one page the browser renders is already right: signed out, or signed in,
// loaded from the first client render, hydrated in place, nothing on the console.
import assert from 'node:assert/strict'
import {
  assertHtml,
  describeChain,
  firstPaint,
  hydratedInPlace,
  open,
  renderLog,
  settle,
  signInThroughHostedPage,
} from './page.mjs'

const EXPIRED = 'session-token-expired-refresh-non-eligible-no-refresh-cookie'

/** The app's answers on the way (`307 host/path (handshake: reason)`), minus the dev server's. */
const appHops = (chain, appUrl) => describeChain(chain.filter((d) => d.url.startsWith(appUrl)))

/** The page shows `user` signed in from its first paint: HTML, first render, every render, hydration. */
async function assertSignedInFromFirstPaint({ page, html, problems }, user) {
  assertHtml(html, '<section id="auth-status" data-loaded="true" data-signed-in="true">')
  assertHtml(html, `<p id="status">Signed in as ${user}</p>`)
  assertHtml(html, `id="server-auth">auth(): ${user}`)
  await settle(page)
  const seen = await renderLog(page)
  assert.deepEqual(seen[0], { ...seen[0], isLoaded: true, isSignedIn: true, userId: user }, 'the first client render')
  assert.ok(
    seen.every((r) => r.isLoaded && r.isSignedIn && r.userId === user),
    `no isLoaded: false or signed-out frame: ${JSON.stringify(seen)}`,
  )
  assert.equal(await hydratedInPlace(page), true, 'hydration kept the server-rendered DOM')
  assert.deepEqual(problems, [], 'no console error or warning (a hydration mismatch would be one)')
}

/**
 * A new visitor of `/`: signed out and loaded from the first paint. A development app first
 * fetches a dev browser with a handshake (the dev server makes one), as Clerk's does.
 */
export async function newVisitor({ context, appUrl, instance }) {
  const visit = await open(context, `${appUrl}/`)
  const hops = appHops(visit.documents, appUrl)
  const host = new URL(appUrl).host
  if (instance === 'development') {
    assert.deepEqual(hops, [
      `307 ${host}/ (handshake: dev-browser-missing)`,
      `307 ${host}/`, // the handshake completed: its cookies, and the clean URL
      `200 ${host}/`,
    ])
    const cookies = await context.cookies(appUrl)
    assert.match(cookies.find((c) => c.name === '__clerk_db_jwt')?.value ?? '', /^dvb_/, 'the dev browser')
  } else assert.deepEqual(hops, [`200 ${host}/`], 'production: nothing to ask')
  assertHtml(visit.html, '<section id="auth-status" data-loaded="true" data-signed-in="false">')
  assertHtml(visit.html, 'id="server-auth">auth(): signed out')
  await settle(visit.page)
  const seen = await renderLog(visit.page)
  assert.ok(
    seen.every((r) => r.isLoaded === true && r.isSignedIn === false),
    JSON.stringify(seen),
  )
  assert.equal(await hydratedInPlace(visit.page), true)
  assert.deepEqual(visit.problems, [])
  return visit
}

/**
 * From a signed-out page, sign in as `user` through the hosted page: the page the browser then
 * renders is signed in from its first paint. Returns the time from the click to that paint.
 */
export async function signInFirstPaint({ appUrl, auth, instance }, visit, user) {
  const { html, chain, paint } = await signInThroughHostedPage(visit.page, visit.documents, {
    user,
    appUrl,
    authUrl: auth.url,
  })
  const host = new URL(appUrl).host
  // Back from the Account Portal without a session token (development: with the dev browser in
  // the URL; production: with __client_uat): the proxy asks for a handshake, which brings one.
  const first = instance === 'development' ? 'dev-browser-sync' : 'client-uat-but-no-session-token'
  assert.deepEqual(
    appHops(chain, appUrl),
    [
      `307 ${host}/ (handshake: ${first})`,
      ...(instance === 'development' ? [`307 ${host}/`] : []), // the token came in the URL: to the clean URL
      `200 ${host}/`,
    ],
    describeChain(chain).join('\n'),
  )
  assert.equal(new URL(visit.page.url()).search, '', 'the address bar is clean')
  await assertSignedInFromFirstPaint({ page: visit.page, html, problems: visit.problems }, user)
  return { ...paint, chain: describeChain(chain) }
}

/**
 * The session token expires while the tab is closed; reopening the page paints it signed in.
 * The dev server's token lifetime is cut to 1 s for one token, which the open page gets by
 * switching organization; the tab is closed, the time passes (the token's life and the 5 s of
 * clock skew verification allows), and `/` is opened again in the same browser.
 */
export async function afterLongAbsence({ context, appUrl, auth }, page, user) {
  // Every tab of the app closes: no client is left to refresh the token meanwhile.
  for (const other of context.pages()) if (other !== page) await other.close()
  await auth.config({ tokenLifetimeSeconds: 1 })
  const session = async () => (await context.cookies(appUrl)).find((c) => c.name === '__session')?.value
  const before = await session()
  await page.click('#org-beta')
  await page.waitForFunction(() => document.getElementById('org-id')?.textContent === '"org_beta"')
  let token
  for (let i = 0; i < 100 && (!token || token === before); i++) {
    token = await session()
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await page.close()
  await auth.config({ tokenLifetimeSeconds: 60 })
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url'))
  // The token in the cookie is the last the tab wrote (its background refreshes included).
  const last = JSON.parse(Buffer.from((await session()).split('.')[1], 'base64url'))
  const wait = Math.max(exp, last.exp) * 1000 + 5_000 + 500 - Date.now()
  assert.ok(wait < 10_000, `the tab's last token lives ${Math.round(wait / 1000)} s more: not a 1 s token`)
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)))

  const reopened = await open(context, `${appUrl}/`)
  const host = new URL(appUrl).host
  const hops = appHops(reopened.documents, appUrl)
  assert.equal(hops[0], `307 ${host}/ (handshake: ${EXPIRED})`, describeChain(reopened.documents).join('\n'))
  assert.equal(hops.at(-1), `200 ${host}/`)
  await assertSignedInFromFirstPaint(reopened, user)
  assertHtml(reopened.html, '<dd id="org-id">&quot;org_beta&quot;</dd>') // the fresh token is the session's
  const paint = await firstPaint(reopened.page)
  return {
    page: reopened.page,
    fcpMs: paint.fcpMs,
    waitedMs: Math.round(wait),
    chain: describeChain(reopened.documents),
  }
}
