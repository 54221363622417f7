// Compile-time test of every entry as a consumer's TypeScript sees it. The TypeScript consumer
// test (tests/consumers/typescript.test.mjs) compiles it as .mts (ESM), .cts (CommonJS, whose
// imports are require()s) and .ts under bundler resolution, beside tests/types/use-auth.ts.
import { AuthError, TokenVerificationError, authObjectFromClaims, createCheckAuthorization, decodeJwt } from 'wasm-auth'
import type { AuthObject, CheckAuthorization, JwtPayload } from 'wasm-auth'
import { AuthProvider, useAuth } from 'wasm-auth/react'
import * as server from 'wasm-auth/server'

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const expect = <T extends true>(_: T) => {}

export async function entries(request: Request, jwtKey: string) {
  const auth: AuthObject = authObjectFromClaims(decodeJwt('a.b.c').payload)
  const has: CheckAuthorization = createCheckAuthorization({ ...auth, features: 'o:reports' })
  // One error class hierarchy across the entries.
  expect<Equal<typeof server.AuthError, typeof AuthError>>(true)
  expect<Equal<typeof server.TokenVerificationError, typeof TokenVerificationError>>(true)
  const payload = server.verifyTokenSync('a.b.c', { jwtKey, authorizedParties: ['https://app.example'] })
  const promised: Promise<JwtPayload> = server.verifyToken('a.b.c', { publishableKey: 'pk_test_x' })
  void promised
  const result = await server.authenticateRequest(request, { jwtKey })
  const headers: Headers = result.headers
  void headers
  if (result.isAuthenticated) {
    expect<Equal<typeof result.userId, string>>(true)
  } else if (result.status !== 'signed-in') {
    const reason: server.SignedOutReason = result.reason
    expect<Equal<ReturnType<typeof result.has>, false>>(true)
    void reason
  }
  try {
    server.verifyTokenSync('x', { jwtKey })
  } catch (error) {
    if (error instanceof TokenVerificationError) {
      const reason: server.TokenVerificationErrorReason = error.reason
      void reason
    }
  }
  // @ts-expect-error verifyToken needs its options
  server.verifyToken('a.b.c')
  return [has({ feature: 'reports' }), payload.sub, typeof AuthProvider, typeof useAuth]
}
