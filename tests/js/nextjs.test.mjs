// The Next.js entries' parts that need no Next: the configuration from the environment and its
// typed errors, createRouteMatcher's patterns, the sign-in page a redirect goes to, the proxy's
// signed verdict (a forged one is ignored and the request authenticated again), and the server
// entry's browser build. End to end, in Next itself: tests/next/.
import assert from 'node:assert/strict'
import { afterEach, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { authMiddleware, createRouteMatcher } from 'wasm-auth/nextjs/server'
import { AuthError } from 'wasm-auth'
import { resolveConfig } from '../../pkg/nextjs-env.js'
import { pageLocation } from '../../pkg/nextjs-redirect.js'
import { SIGNATURE, VERDICT, authObjectOf, readVerdict, signVerdict, verdictFor } from '../../pkg/nextjs-verdict.js'

const VARIABLES = ['NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'CLERK_PUBLISHABLE_KEY', 'NEXT_PUBLIC_CLERK_PROXY_URL']
const DEV_KEY = `pk_test_${btoa('foo-bar-13.clerk.accounts.dev$')}`
const LIVE_KEY = `pk_live_${btoa('clerk.example.com$')}`
afterEach(() => {
  for (const name of VARIABLES) delete process.env[name]
})

const request = (path = '/', headers = {}) => {
  const url = new URL(path, 'http://127.0.0.1:3000')
  return { url: url.href, nextUrl: url, headers: new Headers(headers), method: 'GET' }
}
/** The AuthError a call rejects with: code and message. */
const failure = async (promise) => {
  const error = await promise.then(
    () => assert.fail('resolved'),
    (e) => e,
  )
  assert.ok(error instanceof AuthError, String(error))
  return [error.code, error.message]
}

describe('configuration: options, else Clerk’s variables; a bad key fails naming its variable', () => {
  test('no key at all: options-invalid naming NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, at the first request', async () => {
    const proxy = authMiddleware() // making the proxy reads nothing yet
    const [code, message] = await failure(proxy(request()))
    assert.equal(code, 'options-invalid')
    assert.match(message, /no publishable key: set NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY \(or CLERK_PUBLISHABLE_KEY\)/)
  })

  test('a malformed key names the variable it came from, or the option', async () => {
    process.env.CLERK_PUBLISHABLE_KEY = 'sk_test_not_a_publishable_key'
    assert.match(
      (await failure(authMiddleware()(request())))[1],
      /CLERK_PUBLISHABLE_KEY is not a Clerk publishable key/,
    )
    process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = 'pk_test_bad'
    assert.match(
      (await failure(authMiddleware()(request())))[1],
      /NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not a Clerk publishable key/,
    )
    const [, message] = await failure(authMiddleware({ publishableKey: 'pk_live_bad' })(request()))
    assert.match(message, /the publishableKey option is not a Clerk publishable key/)
  })

  test('a proxy URL that names another host by a path trick is refused, naming the variable', async () => {
    process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = DEV_KEY
    for (const bad of ['//evil.example', '/\\evil.example', 'javascript:alert(1)', 'evil.example']) {
      process.env.NEXT_PUBLIC_CLERK_PROXY_URL = bad
      const [code, message] = await failure(authMiddleware()(request()))
      assert.equal(code, 'options-invalid')
      assert.match(message, /NEXT_PUBLIC_CLERK_PROXY_URL is an http\(s\) URL or a path/, bad)
    }
  })

  test('the first variable set wins, options win over variables', () => {
    process.env.CLERK_PUBLISHABLE_KEY = LIVE_KEY
    assert.deepEqual(resolveConfig().from, { publishableKey: 'CLERK_PUBLISHABLE_KEY' })
    process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = DEV_KEY
    assert.equal(resolveConfig().options.publishableKey, DEV_KEY)
    const { options, from } = resolveConfig({ publishableKey: LIVE_KEY, signInUrl: '/sign-in' })
    assert.deepEqual(options, { publishableKey: LIVE_KEY, signInUrl: '/sign-in' })
    assert.deepEqual(from, { publishableKey: 'the publishableKey option', signInUrl: 'the signInUrl option' })
  })
})

test('createRouteMatcher: Clerk’s path patterns, RegExps and functions', () => {
  const match = createRouteMatcher(['/dashboard(.*)', '/orgs/:slug', /^\/api\/private/])
  const at = (path) => match(request(path))
  assert.deepEqual(
    ['/dashboard', '/dashboard/x', '/Dashboard/', '/orgs/acme', '/orgs/acme/', '/api/private/1'].map(at),
    [true, true, true, true, true, true],
  )
  assert.deepEqual(
    ['/dash', '/orgs/acme/x', '/orgs/', '/', '/x/dashboard', '/api/public'].map(at),
    Array(6).fill(false),
  )
  assert.equal(createRouteMatcher('/a.b')(request('/aXb')), false, 'a dot is a dot')
  assert.equal(createRouteMatcher((r) => r.nextUrl.pathname === '/x')(request('/x')), true)
  assert.throws(() => createRouteMatcher([42]), { code: 'options-invalid' })
})

test('the sign-in page: a configured path stays a path; else the Account Portal of the key', () => {
  const back = { returnBackUrl: 'http://127.0.0.1:3000/protected', devBrowser: 'dvb_1' }
  assert.equal(
    pageLocation({ publishableKey: DEV_KEY, signInUrl: '/sign-in' }, 'sign-in', back),
    '/sign-in?redirect_url=http%3A%2F%2F127.0.0.1%3A3000%2Fprotected',
  )
  assert.equal(
    pageLocation({ publishableKey: LIVE_KEY }, 'sign-up', back),
    'https://accounts.example.com/sign-up?redirect_url=http%3A%2F%2F127.0.0.1%3A3000%2Fprotected',
  )
  assert.equal(
    pageLocation({ publishableKey: DEV_KEY }, 'sign-in', back),
    'https://foo-bar-13.accounts.dev/sign-in?redirect_url=http%3A%2F%2F127.0.0.1%3A3000%2Fprotected&__clerk_db_jwt=dvb_1',
    'a development instance on another origin gets the dev browser',
  )
})

describe('the verdict: signed by this process, anything else ignored', () => {
  const claims = { sub: 'user_1', sid: 'sess_1', o: { id: 'org_1', rol: 'admin', slg: 'acme' }, v: 2, iat: 1, exp: 2 }
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2ln`

  test('signed and read back; a changed verdict or signature, or another key, does not check', async () => {
    const verdict = { status: 'signed-in', reason: null, token, sessionStatus: null, url: null, options: {} }
    const headers = new Headers(await signVerdict(verdict))
    assert.deepEqual(await readVerdict(headers), verdict)
    assert.equal(await readVerdict(new Headers()), null, 'no verdict at all')
    const forged = await signVerdict({ ...verdict, status: 'signed-out', token: null })
    const swapped = new Headers({ [VERDICT]: forged[VERDICT], [SIGNATURE]: headers.get(SIGNATURE) })
    assert.equal(await readVerdict(swapped), undefined)
    const garbage = new Headers({ [VERDICT]: headers.get(VERDICT), [SIGNATURE]: 'AAAA' })
    assert.equal(await readVerdict(garbage), undefined)
  })

  test('a forged verdict is ignored: the request is authenticated again, with the configured keys', async () => {
    process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = DEV_KEY
    const forged = new Headers({ [VERDICT]: b64({ status: 'signed-in', token }), [SIGNATURE]: 'AAAA' })
    const verdict = await verdictFor(forged, { requireProxy: true, caller: 'auth()' })
    assert.deepEqual([verdict.status, verdict.token], ['signed-out', null])
    const [code, message] = await failure(verdictFor(new Headers(), { requireProxy: true, caller: 'auth()' }))
    assert.equal(code, 'options-invalid')
    assert.match(message, /auth\(\) needs authMiddleware\(\) in front of this route/)
  })

  test("the auth object of a verdict's token: Clerk's shapes, has() from its claims", async () => {
    const auth = authObjectOf(token)
    assert.deepEqual(
      [auth.userId, auth.sessionId, auth.orgId, auth.orgRole, auth.orgSlug, auth.isAuthenticated, auth.tokenType],
      ['user_1', 'sess_1', 'org_1', 'org:admin', 'acme', true, 'session_token'],
    )
    assert.equal(auth.has({ role: 'org:admin' }), true)
    assert.equal(await auth.getToken(), token)
    const out = authObjectOf(null, 'pending')
    assert.deepEqual(
      [out.userId, out.sessionStatus, out.has({ role: 'org:admin' }), await out.getToken()],
      [null, 'pending', false, null],
    )
  })
})

test('wasm-auth/nextjs/server in a browser bundle: a module that throws, no server code; its names fail the build', async () => {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const bundle = (contents) =>
    build({
      stdin: { contents, resolveDir: root },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      logLevel: 'silent',
    })
  const code = (await bundle("import 'wasm-auth/nextjs/server'")).outputFiles[0].text
  assert.match(code, /runs on the server only/)
  assert.doesNotMatch(code, /authenticateRequest|x-wasm-auth-verdict|wasm_auth_server/)
  const named = await bundle("import { auth } from 'wasm-auth/nextjs/server'; console.log(auth)").then(
    () => [],
    (error) => error.errors.map((e) => e.text),
  )
  assert.deepEqual(named, ['No matching export in "pkg/nextjs-server.browser.js" for import "auth"'])
})
