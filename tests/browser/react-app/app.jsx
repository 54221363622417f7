// The React app the browser tests server-render in Node and hydrate in Chromium.
import { AuthProvider, useAuth } from 'wasm-auth/react'

const seen =
  typeof window === 'undefined' ? null : (window.__seen ??= { renders: [], getTokens: new Set(), signOuts: new Set() })

export function App({ client, frontendApi, initialState }) {
  return (
    <AuthProvider client={client} frontendApi={frontendApi} initialState={initialState}>
      <Status />
    </AuthProvider>
  )
}

function Status() {
  const auth = useAuth()
  const { isLoaded, isSignedIn, userId, sessionId, orgId, orgRole, orgSlug, actor } = auth
  if (seen) {
    seen.renders.push({ isLoaded, isSignedIn, userId, orgId })
    seen.getTokens.add(auth.getToken)
    seen.signOuts.add(auth.signOut)
  }
  const admin = auth.has({ role: 'org:admin' })
  return (
    <main>
      <pre id="auth">
        {JSON.stringify({ isLoaded, isSignedIn, userId, sessionId, orgId, orgRole, orgSlug, actor, admin })}
      </pre>
      {admin && <p id="admin-only">Admin tools</p>}
      {isSignedIn && (
        <button id="sign-out" onClick={() => auth.signOut()}>
          Sign out
        </button>
      )}
    </main>
  )
}
