// The client resource, sign-in, touch, sign-out and the error answers, on both instance kinds:
// a production instance names the client by its __client cookie, a development one by the dev
// browser token sent as __clerk_db_jwt. Every answer is also held to the spec's schemas by the
// test client (tests/support/auth-server.mjs).
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { APP_ORIGIN, seed, startTestAuthServer } from '../support/auth-server.mjs'

const error = (code, message, longMessage = message, meta) => ({
  errors: [{ code, message, long_message: longMessage, ...(meta ? { meta } : {}) }],
})

for (const instance of ['production', 'development']) {
  describe(`a ${instance} instance`, () => {
    let t
    before(async () => {
      t = await startTestAuthServer({ instance })
    })
    after(() => t.stop())
    beforeEach(() => t.reset())
    // The client's id as the browser knows it: its cookie, or (development) what the server bound.
    const clientIdOf = async (browser) =>
      instance === 'production' ? browser.cookies.get('__client') : (await browser.json('/v1/client')).body.response.id

    describe('GET /v1/client and sign-in', () => {
      test('no client yet: response null, client null, no cookie set', async () => {
        const browser = t.browser()
        await browser.devBrowser()
        const { status, body, headers } = await browser.json('/v1/client')
        assert.equal(status, 200)
        assert.deepEqual(body, { response: null, client: null })
        assert.deepEqual(headers.getSetCookie(), [])
      })

      test('POST /dev/sign-in names the client: an HttpOnly __client cookie, or the dev browser', async () => {
        const browser = t.browser()
        await browser.devBrowser()
        const response = await browser.request('/dev/sign-in', { method: 'POST', json: { user: 'user_alice' } })
        assert.equal(response.status, 200)
        const cookies = response.headers.getSetCookie()
        if (instance === 'development') {
          assert.deepEqual(cookies, [], 'a development instance sets no cookie: the dev browser names the client')
          return
        }
        assert.match(cookies[0], /^__client=client_[0-9a-f]{24}; Path=\/; HttpOnly; SameSite=Lax$/)
        const { updated_at: updatedAt } = (await response.json()).response
        const uat = `=${Math.floor(updatedAt / 1000)}; Path=/; Max-Age=31536000; SameSite=Lax`
        assert.deepEqual(cookies.slice(1), [`__client_uat${uat}`, `__client_uat_${t.cookieSuffix}${uat}`])
      })

      test('the client: one active session with user, org, fresh token and fva', async () => {
        const browser = t.browser()
        const sid = await browser.signIn('user_alice')
        const { status, body } = await browser.json('/v1/client')
        assert.equal(status, 200)
        const client = body.response
        assert.equal(body.client, null)
        assert.equal(client.object, 'client')
        assert.equal(client.id, await clientIdOf(browser))
        assert.equal(client.last_active_session_id, sid)
        assert.equal(client.sessions.length, 1)
        assert.equal(client.sign_in, null)
        assert.equal(typeof client.updated_at, 'number')
        const [session] = client.sessions
        assert.equal(session.object, 'session')
        assert.equal(session.id, sid)
        assert.equal(session.status, 'active')
        assert.equal(session.actor, null)
        assert.equal(session.last_active_organization_id, 'org_acme')
        assert.deepEqual(session.factor_verification_age, [3, 7])
        assert.equal(session.last_active_at, session.created_at)
        assert.deepEqual(session.public_user_data, {
          first_name: 'Alice',
          last_name: 'Anderson',
          image_url: seed.users[0].image_url,
          has_image: true,
          identifier: 'alice@example.test',
          user_id: 'user_alice',
        })
        const { user } = session
        assert.equal(user.id, 'user_alice')
        assert.deepEqual(
          user.email_addresses.map((e) => [e.id === user.primary_email_address_id, e.email_address]),
          [[true, 'alice@example.test']],
        )
        assert.deepEqual(
          user.organization_memberships.map((m) => [
            m.organization.id,
            m.organization.slug,
            m.role,
            m.permissions.length,
          ]),
          [
            ['org_acme', 'acme', 'org:admin', 12],
            ['org_beta', 'beta', 'org:member', 2],
          ],
        )
        const token = session.last_active_token
        assert.equal(token.object, 'token')
        const { payload } = await t.verify(token.jwt)
        assert.equal(payload.sid, sid)
        assert.equal(payload.o.id, 'org_acme')
      })

      test('a second sign-in adds a session and makes it the active one', async () => {
        const browser = t.browser()
        const first = await browser.signIn('user_alice')
        const id = await clientIdOf(browser)
        const response = await browser.request('/dev/sign-in', { method: 'POST', form: { user: 'user_bob' } })
        assert.ok(
          !response.headers.getSetCookie().some((c) => c.startsWith('__client=')),
          'the existing client is kept',
        )
        const client = (await response.json()).response
        assert.equal(client.id, id)
        assert.deepEqual(
          client.sessions.map((s) => s.user.id),
          ['user_alice', 'user_bob'],
        )
        assert.equal(client.sessions[0].id, first)
        assert.equal(client.last_active_session_id, client.sessions[1].id)
      })

      test('pending and impersonated sessions as seeded', async () => {
        const browser = t.browser()
        await browser.signIn('user_pending')
        await browser.signIn('user_dave')
        const [pending, dave] = (await browser.json('/v1/client')).body.response.sessions
        assert.equal(pending.status, 'pending')
        assert.equal(pending.actor, null)
        assert.equal((await t.verify(pending.last_active_token.jwt)).payload.sts, 'pending')
        assert.equal(dave.status, 'active')
        assert.deepEqual(dave.actor, { sub: 'user_admin_1' })
        assert.deepEqual((await t.verify(dave.last_active_token.jwt)).payload.act, { sub: 'user_admin_1' })
      })

      test('GET /dev/sign-in with redirect_url: 302 to it', async () => {
        const browser = t.browser()
        await browser.devBrowser()
        const target = `${APP_ORIGIN}/after?x=1`
        const response = await browser.request(`/dev/sign-in?user=user_bob&redirect_url=${encodeURIComponent(target)}`)
        assert.equal(response.status, 302)
        assert.equal(response.headers.get('location'), target)
        if (instance === 'production') {
          assert.match(
            response.headers.getSetCookie()[0],
            /^__client=client_[0-9a-f]{24}; Path=\/; HttpOnly; SameSite=Lax$/,
          )
        }
        const { body } = await browser.json('/v1/client')
        assert.deepEqual(
          body.response.sessions.map((s) => s.user.id),
          ['user_bob'],
        )
      })

      test('POST /dev/sign-in (an HTML form) with redirect_url: 303 to it', async () => {
        const browser = t.browser()
        await browser.devBrowser()
        const response = await browser.request('/dev/sign-in', {
          method: 'POST',
          form: { user: 'user_dave', redirect_url: `${APP_ORIGIN}/` },
        })
        assert.equal(response.status, 303)
        assert.equal(response.headers.get('location'), `${APP_ORIGIN}/`)
        const { body } = await browser.json('/v1/client')
        assert.deepEqual(
          body.response.sessions.map((s) => s.user.id),
          ['user_dave'],
        )
      })

      test('GET /dev/sign-in without redirect_url answers the client', async () => {
        const browser = t.browser()
        await browser.devBrowser()
        const { status, body } = await browser.json('/dev/sign-in?user=user_carol')
        assert.equal(status, 200)
        assert.equal(body.response.sessions[0].user.id, 'user_carol')
      })

      test('sign-in errors: unknown user 404, missing user 400, non-http redirect 400', async () => {
        const ids = seed.users.map((u) => u.id).join(', ')
        let r = await t.browser().json('/dev/sign-in', { method: 'POST', json: { user: 'user_nobody' } })
        assert.equal(r.status, 404)
        assert.deepEqual(r.body, error('resource_not_found', 'No seeded user user_nobody.', `Seeded users: ${ids}.`))
        r = await t.browser().json('/dev/sign-in', { method: 'POST', json: {} })
        assert.equal(r.status, 400)
        assert.equal(r.body.errors[0].code, 'form_param_missing')
        r = await t.browser().json('/dev/sign-in?user=user_bob&redirect_url=javascript:alert(1)')
        assert.equal(r.status, 400)
        assert.equal(r.body.errors[0].code, 'form_param_format_invalid')
      })

      test('a malformed JSON body: 400 malformed_request_body', async () => {
        const response = await fetch(`${t.url}/dev/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{',
        })
        assert.equal(response.status, 400)
        assert.deepEqual(await response.json(), error('malformed_request_body', 'The request body is not valid JSON.'))
      })

      test('GET /dev/users lists every seeded user with what it exercises', async () => {
        const { status, body } = await t.browser().json('/dev/users')
        assert.equal(status, 200)
        assert.deepEqual(
          body.users.map((u) => u.id),
          ['user_alice', 'user_bob', 'user_carol', 'user_pending', 'user_dave', 'user_erin'],
        )
        const dave = body.users.find((u) => u.id === 'user_dave')
        assert.equal(dave.session_status, 'active')
        assert.deepEqual(dave.actor, { sub: 'user_admin_1' })
        assert.equal(dave.active_organization_id, 'org_beta')
        assert.equal(body.users.find((u) => u.id === 'user_pending').session_status, 'pending')
        assert.ok(body.users.every((u) => typeof u.description === 'string' && u.description.length > 0))
      })
    })

    describe('touch', () => {
      test('switches the active organization; later tokens follow it', async () => {
        const browser = t.browser()
        const sid = await browser.signIn('user_alice')
        const { status, body } = await browser.json(`/v1/client/sessions/${sid}/touch`, {
          method: 'POST',
          form: { active_organization_id: 'org_beta' },
        })
        assert.equal(status, 200)
        assert.equal(body.response.object, 'session')
        assert.equal(body.response.id, sid)
        assert.equal(body.response.last_active_organization_id, 'org_beta')
        assert.equal((await t.verify(body.response.last_active_token.jwt)).payload.o.id, 'org_beta')
        const token = await browser.token(sid)
        assert.equal((await t.verify(token.body.jwt)).payload.o.id, 'org_beta')
        const client = (await browser.json('/v1/client')).body.response
        assert.equal(client.sessions[0].last_active_organization_id, 'org_beta')
      })

      test('empty active_organization_id: the personal account', async () => {
        const browser = t.browser()
        const sid = await browser.signIn('user_alice')
        const { body } = await browser.json(`/v1/client/sessions/${sid}/touch`, {
          method: 'POST',
          form: { active_organization_id: '' },
        })
        assert.equal(body.response.last_active_organization_id, null)
        const { payload } = await t.verify((await browser.token(sid)).body.jwt)
        assert.equal(payload.o, undefined)
      })

      test('no active_organization_id: keeps the organization, makes the session the last active', async () => {
        const browser = t.browser()
        const alice = await browser.signIn('user_alice')
        await browser.signIn('user_bob')
        const { body } = await browser.json(`/v1/client/sessions/${alice}/touch`, { method: 'POST' })
        assert.equal(body.response.last_active_organization_id, 'org_acme')
        assert.equal((await browser.json('/v1/client')).body.response.last_active_session_id, alice)
      })

      test('an organization the user is not in: 403, nothing changes', async () => {
        const browser = t.browser()
        const sid = await browser.signIn('user_alice')
        const { status, body } = await browser.json(`/v1/client/sessions/${sid}/touch`, {
          method: 'POST',
          form: { active_organization_id: 'org_megacorp' },
        })
        assert.equal(status, 403)
        assert.deepEqual(
          body,
          error(
            'not_a_member_in_organization',
            'Not a member of this organization',
            'User user_alice is not a member of organization org_megacorp.',
            { organization_id: 'org_megacorp' },
          ),
        )
        assert.equal(
          (await browser.json('/v1/client')).body.response.sessions[0].last_active_organization_id,
          'org_acme',
        )
      })
    })

    describe('sign-out', () => {
      const signedOut = (sid) => error('signed_out', 'Signed out', `Session ${sid} has ended; sign in again.`)

      test('DELETE /v1/client/sessions (a POST with _method=DELETE) ends every session; later requests get 401', async () => {
        const browser = t.browser()
        const alice = await browser.signIn('user_alice')
        const bob = await browser.signIn('user_bob')
        const { status, body } = await browser.json('/v1/client/sessions?_method=DELETE', { method: 'POST' })
        assert.equal(status, 200)
        assert.equal(body.client, null)
        assert.equal(body.response.id, await clientIdOf(browser))
        assert.deepEqual([body.response.sessions, body.response.last_active_session_id], [[], null])
        for (const sid of [alice, bob]) {
          const token = await browser.token(sid)
          assert.equal(token.status, 401)
          assert.deepEqual(token.body, signedOut(sid))
          const template = await browser.json(`/v1/client/sessions/${sid}/tokens/supabase`, { method: 'POST' })
          assert.equal(template.status, 401)
          const touch = await browser.json(`/v1/client/sessions/${sid}/touch`, { method: 'POST' })
          assert.equal(touch.status, 401)
        }
        assert.deepEqual((await browser.json('/v1/client')).body.response.sessions, [])
      })

      test('DELETE /v1/client/sessions without a client: response null', async () => {
        const browser = t.browser()
        await browser.devBrowser()
        const { status, body } = await browser.json('/v1/client/sessions', { method: 'DELETE' })
        assert.equal(status, 200)
        assert.deepEqual(body, { response: null, client: null })
      })

      test('POST /v1/client/sessions/{sid}/remove ends that session only', async () => {
        const browser = t.browser()
        const alice = await browser.signIn('user_alice')
        const bob = await browser.signIn('user_bob')
        const { status, body } = await browser.json(`/v1/client/sessions/${bob}/remove`, { method: 'POST' })
        assert.equal(status, 200)
        assert.equal(body.response.id, bob)
        assert.equal(body.response.status, 'removed')
        assert.equal(body.response.last_active_token, null)
        assert.deepEqual(
          body.client.sessions.map((s) => s.id),
          [alice],
          'the client rides beside the session',
        )
        const client = (await browser.json('/v1/client')).body.response
        assert.deepEqual(
          client.sessions.map((s) => s.id),
          [alice],
        )
        assert.equal(client.last_active_session_id, alice, 'the remaining session becomes the active one')
        assert.equal((await browser.token(bob)).status, 401)
        assert.equal((await browser.token(alice)).status, 200)
        assert.equal((await browser.json(`/v1/client/sessions/${bob}/remove`, { method: 'POST' })).status, 401)
      })

      test('POST /v1/client/sessions/{sid}/end: status ended', async () => {
        const browser = t.browser()
        const sid = await browser.signIn('user_bob')
        const { body } = await browser.json(`/v1/client/sessions/${sid}/end`, { method: 'POST' })
        assert.equal(body.response.status, 'ended')
        assert.equal((await browser.json('/v1/client')).body.response.last_active_session_id, null)
      })
    })

    describe('not found', () => {
      const notFound = (sid) => error('resource_not_found', 'Resource not found', `No session ${sid} in this client.`)

      test('an unknown session: 404', async () => {
        const browser = t.browser()
        await browser.signIn('user_bob')
        const { status, body } = await browser.token('sess_unknown')
        assert.equal(status, 404)
        assert.deepEqual(body, notFound('sess_unknown'))
      })

      test("another client's session, or no client at all: 404", async () => {
        const owner = t.browser()
        const sid = await owner.signIn('user_bob')
        const stranger = t.browser()
        await stranger.signIn('user_alice')
        const other = await stranger.token(sid)
        assert.equal(other.status, 404)
        assert.deepEqual(other.body, notFound(sid))
        const anonymous = t.browser()
        await anonymous.devBrowser()
        const answer = await anonymous.token(sid)
        assert.equal(answer.status, 404)
        assert.deepEqual(answer.body, notFound(sid))
      })

      test('no form bodies but forms: a JSON body is 400 malformed_request_body', async () => {
        const browser = t.browser()
        const sid = await browser.signIn('user_alice')
        const { status, body } = await browser.json(`/v1/client/sessions/${sid}/tokens`, { method: 'POST', json: {} })
        assert.equal(status, 400)
        assert.equal(body.errors[0].code, 'malformed_request_body')
      })

      test('unknown routes and methods: 404 JSON', async () => {
        const browser = t.browser()
        await browser.devBrowser()
        for (const [method, path] of [
          ['GET', '/nope'],
          ['GET', '/v1/nope'],
          ['PUT', '/v1/client'],
          ['GET', '/v1/client/sessions/x/tokens'],
        ]) {
          const { status, body } = await browser.json(path, { method })
          assert.equal(status, 404, `${method} ${path}`)
          assert.deepEqual(body, error('resource_not_found', 'Resource not found', `No route ${method} ${path}.`))
        }
      })

      test('GET / describes the server', async () => {
        const { body } = await t.browser().json('/')
        assert.deepEqual(body, {
          object: 'dev_server',
          instance,
          publishable_key: t.publishableKey,
          issuer: t.issuer,
          jwks_uri: `${t.url}/.well-known/jwks.json`,
          users: seed.users.map((u) => u.id),
        })
      })
    })
  })
}
