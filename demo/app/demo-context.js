// What every panel shares: the AuthClient, the auth server, the seeded users and templates, and
// the demo's treatPendingAsSignedOut switch.
import { createContext, useContext, useSyncExternalStore } from 'react'
import { useAuth } from 'wasm-auth/react'

export const DemoContext = createContext(null)

export const useDemo = () => useContext(DemoContext)

/** useAuth() with the option the page's switch sets. */
export function useDemoAuth() {
  const { treatPendingAsSignedOut } = useDemo()
  return useAuth({ treatPendingAsSignedOut })
}

/** The client's raw state (orgPermissions, sessionStatus: things useAuth() does not return). */
export function useClientState() {
  const { client } = useDemo()
  return useSyncExternalStore(client.subscribe, client.getState, client.getState)
}

/** The seeded user (from the auth server's /dev/users) with this id, or null. */
export function useSeededUser(userId) {
  const { users } = useDemo()
  return users.find((u) => u.id === userId) ?? null
}
