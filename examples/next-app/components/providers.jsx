'use client'
// The browser's AuthClient, made once per page from what the server knew (initialState), given to
// <AuthProvider>. The client is also shared through a context for what useAuth() does not cover:
// switching organization (client.setActive) and the auth server's URL for sign-in links.
import { createContext, useContext, useState } from 'react'
import { createAuthClient } from 'wasm-auth'
import { AuthProvider } from 'wasm-auth/react'

const AppAuthContext = createContext(null)

export function Providers({ frontendApi, appOrigin, initialState, children }) {
  const [client] = useState(() => createAuthClient({ frontendApi, initialState }))
  const [app] = useState(() => ({ client, frontendApi, appOrigin }))
  return (
    <AppAuthContext.Provider value={app}>
      <AuthProvider client={client}>{children}</AuthProvider>
    </AppAuthContext.Provider>
  )
}

/** `{ client, frontendApi, appOrigin }` */
export function useAppAuth() {
  const app = useContext(AppAuthContext)
  if (!app) throw new Error('useAppAuth() needs <Providers>')
  return app
}
