import { auth } from 'wasm-auth/nextjs/server'

// The proxy lets only signed-in users through; auth.protect() here says so again, for this page
// alone, and gives the signed-in auth object.
export default async function Protected() {
  const { userId, orgId, orgSlug, orgRole } = await auth.protect()
  return (
    <section>
      <h2>Protected</h2>
      <p id="protected">
        Signed in as <strong>{userId}</strong>
        {orgId ? ` in ${orgSlug ?? orgId} (${orgRole})` : ', personal account'}.
      </p>
    </section>
  )
}
