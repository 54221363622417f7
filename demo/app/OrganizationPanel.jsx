// Switch the session's active organization among the user's memberships (client.setActive).
import { useDemo, useDemoAuth, useSeededUser } from './demo-context.js'
import { useAction } from './hooks.js'

export function OrganizationPanel() {
  const { client } = useDemo()
  const auth = useDemoAuth()
  const user = useSeededUser(auth.userId)
  const { run, busy, error } = useAction()
  const choices = [
    ...(user?.organization_memberships ?? []).map((m) => ({
      id: m.organization.id,
      name: m.organization.name,
      detail: `${m.organization.slug} · ${m.role}`,
    })),
    { id: null, name: 'Personal account', detail: 'no organization' },
  ]
  return (
    <section className="card" id="organization">
      <h2>Organization</h2>
      {!auth.isSignedIn ? (
        <p className="hint">Sign in to switch organization.</p>
      ) : (
        <>
          <p className="hint">
            <code>
              client.setActive({'{'} organizationId {'}'})
            </code>{' '}
            touches the session; the next token carries the new <code>o</code> claim.
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
                  onClick={() => run(key, () => client.setActive({ organizationId: org.id }))}
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
