// In-memory clients, sessions and dev browsers: the whole state of the local instance, kept in one
// place that every route module (dev-server/routes/*, and later ones) reaches through ctx.store.
// A client is one browser: on a production instance the __client cookie names it, on a development
// instance its dev browser token does. It can hold several sessions, like Clerk's multi-session
// mode, and the newest sign-in becomes the active one.
import { randomBytes } from 'node:crypto'

const LIVE = new Set(['active', 'pending'])

export function createStore() {
  let clients = new Map()
  let sessions = new Map()
  // dev browser token -> the id of its client (null until something makes one)
  let devBrowsers = new Map()
  let rotated = new Map() // old dev browser token -> its replacement, not handed out yet

  const newId = (prefix) => `${prefix}_${randomBytes(12).toString('hex')}`
  const liveSessions = (client) => client.sessionIds.map((id) => sessions.get(id)).filter((s) => LIVE.has(s.status))

  function pickActiveAfterEnding(client) {
    if (client.lastActiveSessionId && LIVE.has(sessions.get(client.lastActiveSessionId).status)) return
    client.lastActiveSessionId = liveSessions(client).at(-1)?.id ?? null
  }

  // updated_at is the server time of the change: a token minted for it is never older.
  const changed = (client, now) => {
    client.updatedAt = now
  }

  return {
    reset() {
      clients = new Map()
      sessions = new Map()
      devBrowsers = new Map()
      rotated = new Map()
    },

    createDevBrowser() {
      const token = `dvb_${randomBytes(16).toString('hex')}`
      devBrowsers.set(token, null)
      return token
    },

    hasDevBrowser: (token) => devBrowsers.has(token),

    // Replaces a dev browser token by a new one for the same client, as Clerk does when it
    // re-issues one; the next answer to the old token hands the new one out (Clerk-Db-Jwt).
    rotateDevBrowser(token) {
      const fresh = `dvb_${randomBytes(16).toString('hex')}`
      devBrowsers.set(fresh, devBrowsers.get(token) ?? null)
      rotated.set(token, fresh)
      return fresh
    },

    // The token to hand out instead of `token` (once), or null.
    takeRotation(token) {
      const fresh = rotated.get(token) ?? null
      rotated.delete(token)
      return fresh
    },

    // The client a request belongs to: `{ devBrowser }` (development) or `{ cookie }` (production).
    clientOf({ devBrowser, cookie }) {
      const id = devBrowser ? devBrowsers.get(devBrowser) : cookie
      return (id && clients.get(id)) || null
    },

    // The request's client, made (and bound to its dev browser) when it has none.
    clientFor(identity, now) {
      const existing = this.clientOf(identity)
      if (existing) return { client: existing, created: false }
      const client = { id: newId('client'), sessionIds: [], lastActiveSessionId: null, createdAt: now, updatedAt: now }
      clients.set(client.id, client)
      if (identity.devBrowser) devBrowsers.set(identity.devBrowser, client.id)
      return { client, created: true }
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
        updatedAt: now,
        lastActiveAt: now,
      }
      sessions.set(session.id, session)
      client.sessionIds.push(session.id)
      client.lastActiveSessionId = session.id
      changed(client, now)
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
      session.updatedAt = now
      client.lastActiveSessionId = session.id
      changed(client, now)
    },

    endSession(client, session, status, now) {
      session.status = status
      session.updatedAt = now
      pickActiveAfterEnding(client)
      changed(client, now)
    },

    endAll(client, now) {
      for (const s of liveSessions(client)) {
        s.status = 'ended'
        s.updatedAt = now
      }
      client.lastActiveSessionId = null
      changed(client, now)
    },
  }
}
