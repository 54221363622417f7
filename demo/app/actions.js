// Calls to the dev auth server that are not part of the Frontend API: signing in as a seeded user
// in one click (the Account Portal's page, client.redirectToSignIn(), is the real way) and the
// request counters.
export async function signInAs(authUrl, client, userId) {
  await client.load() // on a development instance this makes the dev browser that names the client
  const devBrowser = /(?:^|; )__clerk_db_jwt=([^;]+)/.exec(document.cookie)?.[1]
  const res = await fetch(`${authUrl}/dev/sign-in${devBrowser ? `?__clerk_db_jwt=${devBrowser}` : ''}`, {
    method: 'POST',
    credentials: 'include', // a production instance's __client cookie names this browser's client
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: userId }),
  })
  if (!res.ok) throw new Error(`sign-in as ${userId} failed: HTTP ${res.status}`)
  await client.load() // picks up the new session, like a sign-in component would
}

/** Token requests the auth server has answered so far (session and template tokens). */
export async function tokenRequestCount(authUrl) {
  const res = await fetch(`${authUrl}/dev/stats`)
  if (!res.ok) throw new Error(`GET /dev/stats: HTTP ${res.status}`)
  const stats = await res.json()
  return stats.tokens + stats.templateTokens
}
