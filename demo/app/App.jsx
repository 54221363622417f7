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
export function App({ client, publishableKey, authUrl, users, templates }) {
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
          <p id="your-app">
            Your own app against this dev auth server (a development instance; its key names a Clerk host it only stands
            in for, so <code>proxyUrl</code> says where to reach it):{' '}
            <code>{`<AuthProvider publishableKey="${publishableKey}" proxyUrl="${authUrl}">`}</code>, and on its server{' '}
            <code>{`authenticateRequest(request, { publishableKey, proxyUrl })`}</code> with the same two.
          </p>
          Auth server <code>{authUrl}</code> · in the console, <code>authClient</code> is the page's AuthClient
        </footer>
      </AuthProvider>
    </DemoContext.Provider>
  )
}
