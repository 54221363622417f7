'use client'
// The user's organizations and a switch between them: useOrganizationList() reads the memberships
// the client already has, setActive() switches (by id, slug or null for the personal account).
// useAuth() goes from one loaded state to the next, never back to isLoaded: false.
import { useState } from 'react'
import { useAuth, useOrganizationList } from 'wasm-auth/nextjs'

export function OrganizationSwitcher() {
  const { isSignedIn, orgId } = useAuth()
  const { isLoaded, userMemberships, setActive } = useOrganizationList()
  const [error, setError] = useState<string | null>(null)
  if (!isSignedIn || !isLoaded || !setActive) return null
  const switchTo = (organization: string | null) => {
    setError(null)
    setActive({ organization }).catch((e) => setError(`${e.code}: ${e.message}`))
  }
  return (
    <section id="organizations">
      <h2>Organization</h2>
      <button id="org-personal" aria-pressed={!orgId} onClick={() => switchTo(null)}>
        Personal account
      </button>{' '}
      {userMemberships.data?.map(({ organization, role }) => (
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
