// In-memory clients and sessions. A client is one browser (the __client cookie); it can hold several
// sessions, like Clerk's multi-session mode, and the newest sign-in becomes the active one.
import { randomBytes } from 'node:crypto'

const LIVE = new Set(['active', 'pending'])

export function createStore() {
  let clients = new Map()
  let sessions = new Map()

  const newId = (prefix) => `${prefix}_${randomBytes(12).toString('hex')}`
  const liveSessions = (client) => client.sessionIds.map((id) => sessions.get(id)).filter((s) => LIVE.has(s.status))

  function pickActiveAfterEnding(client) {
    if (client.lastActiveSessionId && LIVE.has(sessions.get(client.lastActiveSessionId).status)) return
    client.lastActiveSessionId = liveSessions(client).at(-1)?.id ?? null
  }

  return {
    reset() {
      clients = new Map()
      sessions = new Map()
    },

    getClient(id) {
      return (id && clients.get(id)) || null
    },

    createClient() {
      const client = { id: newId('client'), sessionIds: [], lastActiveSessionId: null }
      clients.set(client.id, client)
      return client
    },

    liveSessions,

    signIn(client, user, now) {
      const seeded = user.session ?? {}
      const session = {
        id: newId('sess'),
        userId: user.id,
        status: seeded.status ?? 'active',
        actor: seeded.actor ?? null,
        fva: [...user.fva],
        lastActiveOrganizationId: seeded.active_organization ?? null,
        createdAt: now,
        lastActiveAt: now,
      }
      sessions.set(session.id, session)
      client.sessionIds.push(session.id)
      client.lastActiveSessionId = session.id
      return session
    },

    // A session of this client, or why not: 'not_found' (unknown, or another client's) or 'ended'.
    findSession(client, sessionId) {
      const session = sessions.get(sessionId)
      if (!client || !session || !client.sessionIds.includes(sessionId)) return { error: 'not_found' }
      if (!LIVE.has(session.status)) return { error: 'ended' }
      return { session }
    },

    touch(client, session, organizationId, now) {
      if (organizationId !== undefined) session.lastActiveOrganizationId = organizationId
      session.lastActiveAt = now
      client.lastActiveSessionId = session.id
    },

    endSession(client, session, status) {
      session.status = status
      pickActiveAfterEnding(client)
    },

    endAll(client) {
      for (const s of liveSessions(client)) s.status = 'ended'
      client.lastActiveSessionId = null
    },
  }
}
