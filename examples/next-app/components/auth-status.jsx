'use client'
// What useAuth() says, field by field.
import { useAuth } from 'wasm-auth/react'
import { logRender } from './render-log.js'

const show = (value) => (value === undefined ? 'undefined' : JSON.stringify(value))

export function AuthStatus() {
  const auth = useAuth()
  logRender(auth)
  const { isLoaded, isSignedIn, userId, sessionId, orgId, orgRole, orgSlug, actor } = auth
  return (
    <section id="auth-status" data-loaded={String(isLoaded)} data-signed-in={String(isSignedIn)}>
      <h2>useAuth()</h2>
      <p id="status">{!isLoaded ? 'Loading…' : isSignedIn ? `Signed in as ${userId}` : 'Signed out'}</p>
      <dl>
        <dt>userId</dt>
        <dd id="user-id">{show(userId)}</dd>
        <dt>sessionId</dt>
        <dd id="session-id">{show(sessionId)}</dd>
        <dt>orgId</dt>
        <dd id="org-id">{show(orgId)}</dd>
        <dt>orgRole</dt>
        <dd id="org-role">{show(orgRole)}</dd>
        <dt>orgSlug</dt>
        <dd id="org-slug">{show(orgSlug)}</dd>
        <dt>actor</dt>
        <dd id="actor">{show(actor)}</dd>
      </dl>
    </section>
  )
}
