'use client'
// The user's organizations (from the auth server's Frontend API: the session's user lists its
// memberships) and client.setActive() to switch. The state goes from one loaded state to the
// next: useAuth() never returns to isLoaded: false.
import { useEffect, useState } from 'react'
import { useAuth } from 'wasm-auth/react'
import { frontendApiGet, useAppAuth } from './providers.jsx'

export function OrganizationSwitcher() {
  const { isSignedIn, sessionId, orgId } = useAuth()
  const app = useAppAuth()
  const [memberships, setMemberships] = useState([])
  const [error, setError] = useState(null)

  useEffect(() => {
    if (!isSignedIn) return setMemberships([])
    let live = true
    frontendApiGet(app, '/v1/client')
      .then((response) => response.json())
      .then(({ response }) => {
        const session = response?.sessions.find((s) => s.id === sessionId)
        if (live) setMemberships(session?.user.organization_memberships ?? [])
      })
      .catch((e) => live && setError(String(e)))
    return () => {
      live = false
    }
  }, [isSignedIn, sessionId, app])

  if (!isSignedIn) return null
  const switchTo = (organizationId) => {
    setError(null)
    app.client.setActive({ organizationId }).catch((e) => setError(`${e.code}: ${e.message}`))
  }
  return (
    <section id="organizations">
      <h2>Organization</h2>
      <button id="org-personal" aria-pressed={!orgId} onClick={() => switchTo(null)}>
        Personal account
      </button>{' '}
      {memberships.map(({ organization, role }) => (
        <span key={organization.id}>
          <button
            id={`org-${organization.slug}`}
            aria-pressed={orgId === organization.id}
            onClick={() => switchTo(organization.id)}
          >
            {organization.name} <small>({role})</small>
          </button>{' '}
        </span>
      ))}
      {error && (
        <p className="notice" id="org-error">
          {error}
        </p>
      )}
    </section>
  )
}
