// Driving the Next.js example's pages in Chromium: opening a page with its console problems,
// its useAuth() renders and its document navigations recorded; what the server's HTML says; the
// sign-in through the Account Portal's hosted page; when the first paint happened.
import assert from 'node:assert/strict'

/**
 * Opens `url` in a new page of `context`, recording console errors and warnings, every document
 * response of the main frame (redirects included) and every useAuth() render.
 */
export async function open(context, url, { renders = true } = {}) {
  const page = await context.newPage()
  const problems = watchProblems(page)
  const documents = recordDocuments(page)
  // Keep the server-rendered <section id="auth-status"> as it is parsed: if hydration failed,
  // React would throw the server's DOM away and render a new node.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const node = document.getElementById('auth-status')
      if (node) {
        window.__serverNode = node
        observer.disconnect()
      }
    }).observe(document, { childList: true, subtree: true })
  })
  const response = url ? await page.goto(url) : null
  const html = response ? await response.text() : null
  if (url && renders) await page.waitForFunction(() => window.__authRenders?.length > 0)
  return { page, problems, documents, response, html }
}

export function watchProblems(page) {
  const problems = []
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`))
  page.on('pageerror', (e) => problems.push(`pageerror: ${e}`))
  return problems
}

/** The main frame's document responses, in order: `{ url, status, location }`. */
export function recordDocuments(page) {
  const documents = []
  page.on('response', (response) => {
    const request = response.request()
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      documents.push({ url: response.url(), status: response.status(), location: response.headers().location ?? null })
    }
  })
  return documents
}

export const renderLog = (page) => page.evaluate(() => window.__authRenders)
export const text = (page, selector) => page.locator(selector).textContent()
export const check = (page, params) => text(page, `[data-check='${JSON.stringify(params)}']`)
export const hydratedInPlace = (page) =>
  page.evaluate(() => document.getElementById('auth-status') === window.__serverNode)

/** Asserts that the server's HTML holds `snippet`, quoting only the part around <main>. */
export function assertHtml(html, snippet, present = true) {
  if (html.includes(snippet) === present) return
  const near = html.indexOf('<main>')
  assert.fail(`server HTML ${present ? 'lacks' : 'has'} ${snippet}; it reads: ${html.slice(near, near + 1500)}`)
}

/** Lets the client's load() (a request to the auth server) and its effects settle. */
export const settle = (page) => page.waitForLoadState('networkidle')

/**
 * When the current document was first painted: `{ fcpMs }` after its navigation started (for a
 * form submission, the click; redirects included) and `atEpochMs`, the same moment by the clock.
 */
export async function firstPaint(page) {
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0)
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0].startTime
    return { fcpMs: Math.round(fcp), atEpochMs: performance.timeOrigin + fcp }
  })
}

/**
 * Signs in as `user` from a signed-out page of the app: its Sign in button (the client's
 * redirectToSignIn) opens the Account Portal's hosted page, whose user button submits and
 * redirects back, through whatever handshake the app's server asks for, until a page of the app
 * renders. Returns that page's document responses from the submission on, its HTML and the
 * time from the click to the app's first paint.
 */
export async function signInThroughHostedPage(page, documents, { user, appUrl, authUrl }) {
  await Promise.all([page.waitForURL((url) => url.href.startsWith(`${authUrl}/sign-in`)), page.click('#sign-in')])
  documents.length = 0
  const clicked = Date.now()
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.url().startsWith(appUrl) && r.status() === 200),
    page.click(`button[value="${user}"]`),
  ])
  const html = await response.text()
  await page.waitForFunction(() => window.__authRenders?.length > 0)
  const paint = await firstPaint(page)
  return { html, chain: [...documents], paint: { ...paint, afterClickMs: Math.round(paint.atEpochMs - clicked) } }
}

/** A navigation chain as `status host/path?reason` lines, for messages and the printed figures. */
export const describeChain = (chain) =>
  chain.map(({ url, status, location }) => {
    const u = new URL(url)
    const reason = location && new URL(location, url).searchParams.get('__clerk_hs_reason')
    return `${status} ${u.host}${u.pathname}${reason ? ` (handshake: ${reason})` : ''}`
  })
