import { auth } from 'wasm-auth/nextjs/server'
import { AuthStatus } from '@/components/auth-status'
import { HasChecks } from '@/components/has-checks'
import { OrganizationSwitcher } from '@/components/organization-switcher'
import { TokenCheck } from '@/components/token-check'

export default async function Home() {
  const { userId, orgSlug } = await auth()
  return (
    <>
      <section>
        <h2>On the server</h2>
        <p id="server-auth">{userId ? `auth(): ${userId}${orgSlug ? ` in ${orgSlug}` : ''}` : 'auth(): signed out'}</p>
      </section>
      <AuthStatus />
      <OrganizationSwitcher />
      <HasChecks />
      <TokenCheck />
    </>
  )
}
