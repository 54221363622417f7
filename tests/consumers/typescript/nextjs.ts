// Compile-time test of wasm-auth/nextjs and wasm-auth/nextjs/server as a Next.js app's TypeScript
// sees them (tests/consumers/typescript-nextjs.test.mjs: strict, under bundler and node16
// resolution, with next's own types): the proxy's three forms, auth() narrowing, auth.protect(),
// and that whatever the server returns is assignable to what the provider takes.
import { createElement } from 'react'
import type { NextMiddleware } from 'next/server.js'
import { AuthProvider, Show, useAuth, useOrganizationList } from 'wasm-auth/nextjs'
import { auth, authMiddleware, createRouteMatcher } from 'wasm-auth/nextjs/server'
import type { SessionAuthObject } from 'wasm-auth/nextjs/server'
import { authenticateRequest } from 'wasm-auth/server'

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const expect = <T extends true>(_: T) => {}

const isProtected = createRouteMatcher(['/dashboard(.*)', '/orgs/:slug', /^\/api\/private/])

export const proxy: NextMiddleware = authMiddleware(async (auth, request) => {
  if (isProtected(request)) await auth.protect()
})
export const plain: NextMiddleware = authMiddleware()
export const withOptions: NextMiddleware = authMiddleware({ publishableKey: 'pk_test_x', signInUrl: '/sign-in' })
export const perRequest: NextMiddleware = authMiddleware(
  async (auth, request) => {
    const { userId, redirectToSignIn } = await auth()
    if (!userId && request.nextUrl.pathname.startsWith('/account')) return redirectToSignIn()
  },
  (request) => ({ authorizedParties: [request.nextUrl.origin] }),
)

export async function serverComponent() {
  const result: SessionAuthObject = await auth()
  if (result.isAuthenticated) {
    expect<Equal<typeof result.userId, string>>(true)
    expect<Equal<typeof result.sessionId, string>>(true)
    const token: string | null = await result.getToken()
    void token
  } else {
    expect<Equal<typeof result.userId, null>>(true)
    expect<Equal<ReturnType<typeof result.has>, false>>(true)
  }
  // What the server returns goes to the provider as it is, or with its functions taken away.
  const { has, getToken, redirectToSignIn, redirectToSignUp, ...state } = result
  void [has, getToken, redirectToSignIn, redirectToSignUp]
  const fromAuth = createElement(AuthProvider, { initialState: state, dynamic: true, fallback: null })
  const whole = createElement(AuthProvider, { initialState: result })
  const request = await authenticateRequest(new Request('https://app.example/'), { publishableKey: 'pk_test_x' })
  const { has: _has, getToken: _getToken, ...fromRequest } = request
  const fromAuthenticateRequest = createElement(AuthProvider, { initialState: fromRequest })

  const admin = await auth.protect({ role: 'org:admin' })
  expect<Equal<typeof admin.userId, string>>(true)
  await auth.protect((check) => check({ permission: 'org:invoices:read' }), { unauthorizedUrl: '/' })
  // @ts-expect-error reverification presets are a closed set
  await auth.protect({ reverification: 'sometimes' })
  return [fromAuth, whole, fromAuthenticateRequest]
}

export function ClientComponent() {
  const { isLoaded, isSignedIn, userId } = useAuth()
  const { userMemberships } = useOrganizationList()
  if (isLoaded && isSignedIn) expect<Equal<typeof userId, string>>(true)
  return createElement(Show, { when: { role: 'org:admin' }, fallback: null }, userMemberships.count)
}
