// The app the Vite and webpack consumers build, as a user would write it: useAuth() under
// <AuthProvider> from wasm-auth/react, has(), and getToken() decoded by wasm-auth's decodeJwt.
// Written without JSX so that neither bundler needs a plugin or a loader. The auth server's URL
// comes from the page's ?api= parameter; the page shows the state as JSON in #auth.
import { createElement as h, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { decodeJwt } from 'wasm-auth'
import { AuthProvider, useAuth } from 'wasm-auth/react'

function Status() {
  const auth = useAuth()
  const [token, setToken] = useState(null)
  useEffect(() => {
    if (!auth.isSignedIn) return
    auth.getToken().then(
      (jwt) => setToken(decodeJwt(jwt).payload),
      (error) => setToken({ error: `${error.name}: ${error.code}` }),
    )
  }, [auth.isSignedIn, auth.getToken])
  const state = {
    isLoaded: auth.isLoaded,
    isSignedIn: auth.isSignedIn,
    userId: auth.userId,
    orgId: auth.orgId,
    orgRole: auth.orgRole,
    has: {
      'role org:admin': auth.has({ role: 'org:admin' }),
      'permission org:invoices:create': auth.has({ permission: 'org:invoices:create' }),
      'plan pro': auth.has({ plan: 'pro' }),
      'role org:member': auth.has({ role: 'org:member' }),
    },
    token: token && (token.error ? token : { sub: token.sub, sid: token.sid, org: token.o?.id ?? null }),
  }
  return h('pre', { id: 'auth' }, JSON.stringify(state))
}

const frontendApi = new URLSearchParams(location.search).get('api')
createRoot(document.getElementById('root')).render(h(AuthProvider, { frontendApi }, h(Status)))
