// Only signed-in users get here: proxy.js redirects the others before this renders.
import { currentAuth } from '../../lib/auth.js'

export default async function Protected() {
  const auth = await currentAuth()
  return (
    <section>
      <h2>Protected</h2>
      <p id="protected">
        Signed in as <strong>{auth?.userId}</strong>
        {auth?.orgId ? ` in ${auth.orgSlug ?? auth.orgId} (${auth.orgRole})` : ', personal account'}.
      </p>
    </section>
  )
}
