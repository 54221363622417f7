// Compile-time test of the published types (`tsc -p tests/types`): narrowing useAuth()'s union
// gives the documented field types. Lines marked @ts-expect-error must fail to compile.
import { useAuth } from 'wasm-auth/react'
import type { InitialAuthState } from 'wasm-auth/react'
import { authenticateRequest } from 'wasm-auth/server'
import { createAuthClient, createCheckAuthorization, decodeJwt, AuthError } from 'wasm-auth'

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const expect = <T extends true>(_: T) => {}

export function Component() {
  const auth = useAuth({ treatPendingAsSignedOut: false })
  const token: Promise<string | null> = auth.getToken({ template: 'supabase' })
  const allowed: boolean = auth.has({ role: 'org:admin', reverification: { level: 'second_factor', afterMinutes: 10 } })
  if (!auth.isLoaded) {
    expect<Equal<typeof auth.userId, undefined>>(true)
    expect<Equal<typeof auth.isSignedIn, undefined>>(true)
    return null
  }
  if (!auth.isSignedIn) {
    expect<Equal<typeof auth.userId, null>>(true)
    expect<Equal<typeof auth.sessionClaims, null>>(true)
    return null
  }
  expect<Equal<typeof auth.userId, string>>(true)
  expect<Equal<typeof auth.sessionId, string>>(true)
  const sub: string | undefined = auth.sessionClaims.sub
  if (auth.orgId !== null) {
    expect<Equal<typeof auth.orgRole, string>>(true)
    expect<Equal<typeof auth.orgSlug, string | null>>(true)
  } else {
    expect<Equal<typeof auth.orgRole, null>>(true)
  }
  // @ts-expect-error reverification presets are a closed set
  auth.has({ reverification: 'sometimes' })
  return [token, allowed, sub]
}

export function core() {
  const client = createAuthClient({ frontendApi: 'http://127.0.0.1:4000' })
  const state = client.getState()
  if (state.isLoaded && state.userId !== null) {
    expect<Equal<typeof state.userId, string>>(true)
  }
  const clerk = createAuthClient({
    publishableKey: 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk',
    proxyUrl: '/__clerk',
  })
  const portal: Promise<string> = clerk.redirectToSignIn({ redirectUrl: '/' })
  const has = createCheckAuthorization({ userId: 'u' })
  const e = new AuthError('token-invalid', 'x')
  const clerkCode: string | undefined = e.errors?.[0]?.code
  const status: number | undefined = e.status
  return [has({ feature: 'o:reports' }), decodeJwt('a.b.c').payload.sub, e.code, portal, clerkCode, status]
}

/** authenticateRequest's result, minus its functions, is what <AuthProvider initialState> takes. */
export async function initialStateFromTheServer(request: Request) {
  const { has, getToken, ...state } = await authenticateRequest(request, { publishableKey: 'pk_test_x' })
  const initialState: InitialAuthState = state
  const whole: InitialAuthState = await authenticateRequest(request, { publishableKey: 'pk_test_x' })
  return [has, getToken, initialState, whole]
}
