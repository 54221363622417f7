// The demo page: who is signed in (left), what useAuth() says and what it can do (right).
import { useMemo, useState } from 'react'
import { AuthProvider } from 'wasm-auth/react'
import { DemoContext } from './demo-context.js'
import { Header } from './Header.jsx'
import { SignInPanel } from './SignInPanel.jsx'
import { OrganizationPanel } from './OrganizationPanel.jsx'
import { Timeline } from './Timeline.jsx'
import { AuthFieldsPanel } from './AuthFieldsPanel.jsx'
import { HasPanel } from './HasPanel.jsx'
import { TokenPanel } from './TokenPanel.jsx'
import { StatusPanel } from './StatusPanel.jsx'

/** `client` is the AuthClient (its initial state is what the server knew); the rest is page data. */
export function App({ client, authUrl, users, templates }) {
  const [treatPendingAsSignedOut, setTreatPendingAsSignedOut] = useState(true)
  const demo = useMemo(
    () => ({ client, authUrl, users, templates, treatPendingAsSignedOut, setTreatPendingAsSignedOut }),
    [client, authUrl, users, templates, treatPendingAsSignedOut],
  )
  return (
    <DemoContext.Provider value={demo}>
      <AuthProvider client={client}>
        <Header />
        <main className="layout">
          <div className="column">
            <SignInPanel />
            <OrganizationPanel />
            <StatusPanel />
            <Timeline />
          </div>
          <div className="column">
            <AuthFieldsPanel />
            <HasPanel />
            <TokenPanel />
          </div>
        </main>
        <footer className="footer">
          Auth server <code>{authUrl}</code> · in the console, <code>authClient</code> is the page's AuthClient
        </footer>
      </AuthProvider>
    </DemoContext.Provider>
  )
}
