// Switch the session's active organization among the user's memberships: useOrganizationList()
// lists them (from the client the Frontend API sent) and its setActive takes an id or a slug.
import { useOrganization, useOrganizationList } from 'wasm-auth/react'
import { useDemoAuth } from './demo-context.js'
import { useAction } from './hooks.js'

export function OrganizationPanel() {
  const auth = useDemoAuth()
  const { isLoaded, userMemberships, setActive } = useOrganizationList()
  const { organization } = useOrganization()
  const { run, busy, error } = useAction()
  const choices = [
    ...(userMemberships.data ?? []).map((m) => ({
      id: m.organization.id,
      slug: m.organization.slug,
      name: m.organization.name,
      detail: `${m.organization.slug} · ${m.role}`,
    })),
    { id: null, slug: null, name: 'Personal account', detail: 'no organization' },
  ]
  return (
    <section className="card" id="organization">
      <h2>Organization</h2>
      {!auth.isSignedIn ? (
        <p className="hint">Sign in to switch organization.</p>
      ) : !isLoaded ? (
        <p className="hint">Loading the memberships…</p>
      ) : (
        <>
          <p className="hint">
            <code>
              useOrganizationList().setActive({'{'} organization {'}'})
            </code>{' '}
            (an id or a slug) touches the session; the next token carries the new <code>o</code> claim. Active:{' '}
            <code>{organization?.name ?? 'personal account'}</code>.
          </p>
          <div className="orgs">
            {choices.map((org) => {
              const active = (auth.orgId ?? null) === org.id
              const key = org.id ?? 'personal'
              return (
                <button
                  key={key}
                  data-org={key}
                  className={active ? 'org active' : 'org'}
                  aria-pressed={active}
                  disabled={busy !== null}
                  onClick={() => run(key, () => setActive({ organization: org.slug ?? org.id }))}
                >
                  <strong>{org.name}</strong>
                  <span className="hint">{busy === key ? 'switching…' : org.detail}</span>
                </button>
              )
            })}
          </div>
        </>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  )
}
