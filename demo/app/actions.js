// Calls to the dev auth server that are not part of the Frontend API: signing in as a seeded user
// (a real app would use a sign-in form) and the request counters.
export async function signInAs(frontendApi, client, userId) {
  const res = await fetch(`${frontendApi}/dev/sign-in`, {
    method: 'POST',
    credentials: 'include', // the auth server's __client cookie names this browser's client
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: userId }),
  })
  if (!res.ok) throw new Error(`sign-in as ${userId} failed: HTTP ${res.status}`)
  await client.load() // picks up the new session, like a sign-in component would
}

/** Token requests the auth server has answered so far (session and template tokens). */
export async function tokenRequestCount(frontendApi) {
  const res = await fetch(`${frontendApi}/dev/stats`)
  if (!res.ok) throw new Error(`GET /dev/stats: HTTP ${res.status}`)
  const stats = await res.json()
  return stats.tokens + stats.templateTokens
}
