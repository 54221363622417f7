import { AuthStatus } from '../components/auth-status.jsx'
import { HasChecks } from '../components/has-checks.jsx'
import { OrganizationSwitcher } from '../components/organization-switcher.jsx'
import { TokenCheck } from '../components/token-check.jsx'
import { currentAuth } from '../lib/auth.js'

export default async function Home({ searchParams }) {
  const { redirected_from: from, reason } = await searchParams
  const auth = await currentAuth()
  return (
    <>
      {from && (
        <p className="notice" id="redirect-notice">
          The proxy sent you here from <code>{from}</code> ({reason}): sign in first.
        </p>
      )}
      <section>
        <h2>On the server</h2>
        <p id="server-auth">
          {auth.isAuthenticated
            ? `authenticateRequest: ${auth.userId}`
            : `authenticateRequest: ${auth.status} (${auth.reason ?? auth.sessionStatus})`}
        </p>
      </section>
      <AuthStatus />
      <OrganizationSwitcher />
      <HasChecks />
      <TokenCheck />
    </>
  )
}
