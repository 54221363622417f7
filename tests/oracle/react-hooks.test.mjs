// The hooks beside useAuth() against @clerk/react's, in Chromium against the dev server (a
// development instance): each app renders useUser(), useSession(), useOrganization() and
// useOrganizationList() in a probe, @clerk/react over @clerk/clerk-js, wasm-auth/react over its
// own client, on the same states (signed out, signed in with an organization, in the personal
// account). Compared: the hooks' own keys and flags, and every field of the resources wasm-auth
// gives (clerk-js's resources hold more, its methods and private state: those are listed).
import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { after, before, describe, test } from 'node:test'
import { build } from 'esbuild'
import { launchChromium } from '../support/browser.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'

const out = fileURLToPath(new URL('../../target/oracle-hooks/', import.meta.url))

// The probe renders the four hooks and keeps their last answers; `ready(answers)` says when the
// SDK has settled on the state under test.
const PROBE = (from) => `
import { createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { useAuth, useOrganization, useOrganizationList, useSession, useUser } from '${from}'
export function Probe() {
  window.answers = { auth: useAuth(), user: useUser(), session: useSession(), organization: useOrganization(), list: useOrganizationList() }
  return null
}
export const mount = (Provider, props) => createRoot(document.getElementById('root')).render(h(Provider, props, h(Probe)))
`
const APPS = {
  clerk: `import { ClerkProvider } from '@clerk/react'
import { mount } from './probe-clerk.jsx'
// clerk-js from node_modules; no UI script (headless, as wasm-auth is).
mount(ClerkProvider, {
  ...window.options,
  __internal_clerkJSUrl: '/node_modules/@clerk/clerk-js/dist/clerk.browser.js',
  prefetchUI: false,
})`,
  ours: `import { AuthProvider } from 'wasm-auth/react'
import { mount } from './probe-ours.jsx'
mount(AuthProvider, window.options)`,
}

async function bundle() {
  mkdirSync(out, { recursive: true })
  writeFileSync(`${out}probe-clerk.jsx`, PROBE('@clerk/react'))
  writeFileSync(`${out}probe-ours.jsx`, PROBE('wasm-auth/react'))
  for (const [name, source] of Object.entries(APPS)) writeFileSync(`${out}${name}.jsx`, source)
  await build({
    entryPoints: [`${out}clerk.jsx`, `${out}ours.jsx`],
    bundle: true,
    outdir: out,
    format: 'esm',
    jsx: 'automatic',
    nodePaths: [fileURLToPath(new URL('../../node_modules', import.meta.url))],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  })
  // esbuild leaves `new URL('./wasm_auth_bg.wasm', import.meta.url)` as it is: the file goes beside.
  copyFileSync(fileURLToPath(new URL('../../pkg/wasm_auth_bg.wasm', import.meta.url)), `${out}wasm_auth_bg.wasm`)
}

/** The answers as data: dates as ISO text, functions as their kind, resources' own fields. */
const SERIALIZE = () => {
  const within = [] // the objects being written: a cycle is named, not followed
  const data = (value) => {
    if (typeof value === 'function') return '[function]'
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
    if (value === null || typeof value !== 'object') return value
    if (within.includes(value) || within.length > 8) return '[cycle]'
    within.push(value)
    let copy
    if (Array.isArray(value)) copy = value.map(data)
    else {
      copy = {}
      for (const key of Object.keys(value)) if (!key.startsWith('_')) copy[key] = data(value[key])
    }
    within.pop()
    return copy
  }
  return data(window.answers)
}

// The two apps sign in apart: their sessions' ids and every timestamp differ, their kinds must not.
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
const kind = (value) =>
  typeof value === 'string' && ISO.test(value)
    ? '[date]'
    : typeof value === 'string' && /^sess_/.test(value)
      ? '[session]'
      : value

/** Every difference of `ours` from `theirs`, for the keys `ours` has, as `path: ours vs theirs`. */
function differences(ours, theirs, path = '') {
  if (ours === '[function]' || theirs === '[function]') return ours === theirs ? [] : [`${path}: ${ours} vs ${theirs}`]
  if (ours === null || typeof ours !== 'object' || theirs === null || typeof theirs !== 'object') {
    const [a, b] = [kind(ours), kind(theirs)]
    return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`]
  }
  return Object.keys(ours).flatMap((key) =>
    key in theirs ? differences(ours[key], theirs[key], `${path}.${key}`) : [`${path}.${key}: not in Clerk's`],
  )
}

describe("the hooks beside useAuth() against @clerk/react's", () => {
  let auth, web, browser
  before(async () => {
    await bundle()
    auth = await startTestAuthServer({ instance: 'development' })
    web = await serveStatic({
      pages: Object.fromEntries(
        ['clerk', 'ours'].map((name) => [
          `/${name}.html`,
          `<!doctype html><div id="root"></div><script>window.options = ${JSON.stringify({ publishableKey: auth.publishableKey, proxyUrl: auth.url })}</script><script type="module" src="/target/oracle-hooks/${name}.js"></script>`,
        ]),
      ),
    })
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
    await web?.close()
    await auth?.stop()
  })

  /** The answers of `sdk`'s app: signed out, then signed in as alice, then in her personal account. */
  async function answers(sdk) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    // The answers once every hook has loaded and `predicate` holds of them.
    const settled = async (predicate) => {
      // (useOrganizationList is loaded only with a user: its flag is compared below.)
      const loaded = () =>
        window.answers && ['auth', 'user', 'session', 'organization'].every((k) => window.answers[k].isLoaded)
      await page.waitForFunction(`(${loaded})() && (${predicate})()`, null, { timeout: 30_000 })
      return page.evaluate(SERIALIZE)
    }
    await page.goto(`${web.url}/${sdk}.html`)
    const signedOut = await settled(() => window.answers.auth.isSignedIn === false)
    await page.evaluate(async (api) => {
      const token = /(?:^|; )__clerk_db_jwt=([^;]+)/.exec(document.cookie)?.[1]
      const res = await fetch(api + '/dev/sign-in' + (token ? '?__clerk_db_jwt=' + token : ''), {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: '{"user":"user_alice"}',
      })
      if (!res.ok) throw new Error(`sign-in: ${res.status}`)
    }, auth.url)
    await page.reload()
    const inOrganization = await settled(
      () =>
        window.answers.list.isLoaded &&
        window.answers.organization.organization?.id === 'org_acme' &&
        window.answers.organization.membership?.organization.id === 'org_acme' &&
        window.answers.user.user?.id === 'user_alice' &&
        window.answers.session.session?.user?.id === 'user_alice',
    )
    await page.evaluate(() => window.answers.list.setActive({ organization: null }))
    const personal = await settled(
      () =>
        window.answers.list.isLoaded &&
        window.answers.organization.organization === null &&
        window.answers.organization.membership == null &&
        window.answers.auth.orgId === null,
    )
    await context.close()
    return { signedOut, inOrganization, personal, errors }
  }

  let clerk, ours
  test('both apps reach every state', async () => {
    clerk = await answers('clerk')
    ours = await answers('ours')
    assert.deepEqual(ours.errors, [])
    assert.equal(ours.inOrganization.user.user.id, 'user_alice')
  })

  for (const state of ['signedOut', 'inOrganization', 'personal']) {
    test(`${state}: the hooks' keys and flags are Clerk's; every field of the resources is Clerk's value`, () => {
      const [o, c] = [ours[state], clerk[state]]
      for (const hook of ['user', 'session', 'organization', 'list']) {
        assert.deepEqual(Object.keys(o[hook]).sort(), Object.keys(c[hook]).sort(), `${hook}'s keys`)
      }
      const compared = {
        user: [o.user.user, c.user.user],
        session: [
          { ...o.session.session, user: undefined },
          { ...c.session.session, user: undefined },
        ],
        organization: [o.organization.organization, c.organization.organization],
        membership: [o.organization.membership, c.organization.membership],
        flags: [
          { user: [o.user.isLoaded, o.user.isSignedIn], session: [o.session.isLoaded, o.session.isSignedIn] },
          { user: [c.user.isLoaded, c.user.isSignedIn], session: [c.session.isLoaded, c.session.isSignedIn] },
        ],
        loaded: [
          [o.organization.isLoaded, o.list.isLoaded, typeof o.list.setActive],
          [c.organization.isLoaded, c.list.isLoaded, typeof c.list.setActive],
        ],
      }
      const found = Object.entries(compared).flatMap(([name, [a, b]]) => differences(a, b, name))
      // The list's data: ours come with the client; @clerk/react fetches them from /v1/me when
      // asked, the same memberships clerk-js holds in user.organizationMemberships.
      if (state !== 'signedOut') {
        const ids = (memberships) => memberships.map((m) => m.organization.id).sort()
        const theirs = ids(c.user.user.organizationMemberships)
        found.push(...differences(ids(o.list.userMemberships.data), theirs, 'userMemberships'))
      }
      assert.deepEqual(found, [], found.join('\n'))
      if (state === 'inOrganization') {
        const theirs = Object.keys(c.user.user).filter((k) => !(k in o.user.user))
        console.log(`# clerk-js's user fields beyond ours (methods and state): ${theirs.join(', ')}`)
      }
    })
  }
})
