'use client'
// The browser's AuthClient, made once per page for the instance the server names (publishable
// key and proxy URL, read at run time) and from what the server knew (initialState), given to
// <AuthProvider>. The client is also shared through a context for what useAuth() does not cover:
// switching organization (client.setActive), the Account Portal (client.redirectToSignIn) and
// the app's own calls to the Frontend API.
import { createContext, useContext, useState } from 'react'
import { createAuthClient } from 'wasm-auth'
import { AuthProvider } from 'wasm-auth/react'

const AppAuthContext = createContext(null)

export function Providers({ instance, frontendApi, initialState, children }) {
  const [client] = useState(() => createAuthClient({ ...instance, initialState }))
  const [app] = useState(() => ({ client, frontendApi, development: instance.publishableKey?.startsWith('pk_test_') }))
  return (
    <AppAuthContext.Provider value={app}>
      <AuthProvider client={client}>{children}</AuthProvider>
    </AppAuthContext.Provider>
  )
}

/** `{ client, frontendApi, development }` */
export function useAppAuth() {
  const app = useContext(AppAuthContext)
  if (!app) throw new Error('useAppAuth() needs <Providers>')
  return app
}

/**
 * A GET to the Frontend API as the browser's client sends one: with the `__client` cookie
 * (production), or the dev browser token the client keeps in the `__clerk_db_jwt` cookie
 * (development).
 */
export function frontendApiGet({ frontendApi, development }, path) {
  const url = new URL(`${frontendApi}${path}`)
  const devBrowser = development && document.cookie.match(/(?:^|; )__clerk_db_jwt=([^;]+)/)?.[1]
  if (devBrowser) url.searchParams.set('__clerk_db_jwt', decodeURIComponent(devBrowser))
  return fetch(url, { credentials: 'include' })
}
