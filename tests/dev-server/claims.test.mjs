// Session token claims (v2) for each seeded user, verified with jose against the server's JWKS.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { __experimental_JWTPayloadToAuthObjectProperties as clerkParse } from '@clerk/shared/jwtPayloadParser'
import { APP_ORIGIN, decodeOrgPermissions, rolePermissions, startTestAuthServer } from '../support/auth-server.mjs'

let t
before(async () => {
  t = await startTestAuthServer()
})
after(() => t.stop())
beforeEach(() => t.reset())

async function sessionToken(userId, form) {
  const browser = t.browser()
  const sid = await browser.signIn(userId)
  const { status, body } = await browser.token(sid, form)
  assert.equal(status, 200)
  assert.deepEqual(Object.keys(body), ['jwt'], "the spec's token answer: { jwt }")
  const { payload, header } = await t.verify(body.jwt)
  return { sid, payload, header }
}

// Replaces the claims that change per call with what they must equal.
function stable(payload, sid) {
  const nowSeconds = Math.floor(Date.now() / 1000)
  assert.ok(Math.abs(payload.iat - nowSeconds) <= 2, `iat ${payload.iat} is now (${nowSeconds})`)
  assert.equal(payload.nbf, payload.iat - 10)
  assert.match(payload.jti, /^[0-9a-f]{20}$/)
  assert.equal(payload.sid, sid)
  const { iat, nbf, jti, sid: _sid, ...rest } = payload
  return { ...rest, exp: payload.exp - iat }
}

describe('session token claims', () => {
  test('alice: admin of acme, v2 claims with o, fea (o:, ou:, u:), pla, fva', async () => {
    const { sid, payload, header } = await sessionToken('user_alice')
    assert.deepEqual(header, { alg: 'RS256', kid: t.jwks.keys[0].kid, typ: 'JWT' })
    assert.deepEqual(stable(payload, sid), {
      v: 2,
      iss: t.url,
      sub: 'user_alice',
      azp: APP_ORIGIN,
      exp: 60,
      fva: [3, 7],
      sts: 'active',
      o: { id: 'org_acme', slg: 'acme', rol: 'admin', per: 'read,manage,delete,create,export', fpm: '3,6,3,11,17,1' },
      fea: 'o:sys_memberships,o:sys_profile,o:sys_domains,o:invoices,o:reports,ou:analytics,u:beta',
      pla: 'o:pro',
    })
    assert.deepEqual(decodeOrgPermissions(payload).sort(), [...rolePermissions('org_acme', 'org:admin')].sort())
  })

  test('carol: 103 permissions over 72 names decode back exactly, with masks beyond 2^64', async () => {
    const { payload } = await sessionToken('user_carol')
    const seeded = rolePermissions('org_megacorp', 'org:operator')
    assert.equal(seeded.length, 103)
    assert.equal(payload.o.per.split(',').length, 72)
    assert.equal(
      payload.fea,
      'o:projects,o:billing,o:deployments,o:sso,o:support,o:catalog,o:audit,o:analytics,o:warehouse',
    )
    const masks = payload.o.fpm.split(',').map(BigInt)
    assert.equal(masks.length, 9)
    assert.equal(masks[3], 0n, 'sso: a feature of the org that the role grants nothing in')
    assert.equal(
      masks.filter((m) => m >= 2n ** 64n).length,
      4,
      'billing, deployments, catalog, warehouse reach bit 64+',
    )
    assert.deepEqual(decodeOrgPermissions(payload).sort(), [...seeded].sort())
    // Clerk's own parser as an oracle for the encoding.
    const auth = clerkParse(payload)
    assert.deepEqual([...auth.orgPermissions].sort(), [...seeded].sort())
    assert.equal(auth.orgRole, 'org:operator')
    assert.equal(auth.orgId, 'org_megacorp')
    assert.equal(payload.pla, 'o:enterprise')
    assert.deepEqual(payload.fva, [0, 0])
  })

  test('bob: no organizations, personal plan, second factor not enabled', async () => {
    const { sid, payload } = await sessionToken('user_bob')
    assert.deepEqual(stable(payload, sid), {
      v: 2,
      iss: t.url,
      sub: 'user_bob',
      azp: APP_ORIGIN,
      exp: 60,
      fva: [12, -1],
      sts: 'active',
      pla: 'u:free_user',
    })
  })

  test('pending session: sts pending', async () => {
    const { sid, payload } = await sessionToken('user_pending')
    assert.deepEqual(stable(payload, sid), {
      v: 2,
      iss: t.url,
      sub: 'user_pending',
      azp: APP_ORIGIN,
      exp: 60,
      fva: [1, -1],
      sts: 'pending',
    })
  })

  test('impersonated session: act names the impersonator', async () => {
    const { sid, payload } = await sessionToken('user_dave')
    assert.deepEqual(stable(payload, sid), {
      v: 2,
      iss: t.url,
      sub: 'user_dave',
      azp: APP_ORIGIN,
      exp: 60,
      fva: [0, -1],
      sts: 'active',
      act: { sub: 'user_admin_1' },
      o: { id: 'org_beta', slg: 'beta', rol: 'member', per: 'read', fpm: '1,1' },
      fea: 'o:sys_memberships,o:projects',
      pla: 'o:free_org',
    })
    assert.deepEqual(clerkParse(payload).actor, { sub: 'user_admin_1' })
  })

  test('erin: stale factors, personal account active although a member of acme', async () => {
    const { payload } = await sessionToken('user_erin')
    assert.deepEqual(payload.fva, [1500, 90])
    assert.equal(payload.o, undefined)
    assert.equal(payload.fea, undefined)
    assert.equal(payload.pla, 'u:free_user')
  })
})

describe('organization_id in the token request', () => {
  test('another membership: that organization and role', async () => {
    const { payload } = await sessionToken('user_alice', { organization_id: 'org_beta' })
    assert.deepEqual(payload.o, { id: 'org_beta', slg: 'beta', rol: 'member', per: 'read', fpm: '1,1' })
    assert.equal(payload.fea, 'o:sys_memberships,o:projects,u:beta,u:analytics')
    assert.equal(payload.pla, 'o:free_org')
    assert.deepEqual(decodeOrgPermissions(payload).sort(), [...rolePermissions('org_beta', 'org:member')].sort())
  })

  test('present but empty: the personal account, no o claim', async () => {
    const { payload } = await sessionToken('user_alice', { organization_id: '' })
    assert.equal(payload.o, undefined)
    assert.equal(payload.fea, 'u:beta,u:analytics')
    assert.equal(payload.pla, 'u:free_user')
  })

  test('not a member: 403 with a Clerk-style error', async () => {
    const browser = t.browser()
    const sid = await browser.signIn('user_bob')
    const { status, body } = await browser.token(sid, { organization_id: 'org_acme' })
    assert.equal(status, 403)
    assert.deepEqual(body, {
      errors: [
        {
          code: 'not_a_member_in_organization',
          message: 'Not a member of this organization',
          long_message: 'User user_bob is not a member of organization org_acme.',
          meta: { organization_id: 'org_acme' },
        },
      ],
    })
  })

  test("absent: the session's active organization", async () => {
    const { payload } = await sessionToken('user_alice', {})
    assert.equal(payload.o.id, 'org_acme')
  })

  test("the old camelCase organizationId is not the spec's: ignored, and the exchange breaks the spec", async () => {
    const own = await startTestAuthServer()
    try {
      const browser = own.browser()
      const sid = await browser.signIn('user_alice')
      const { body } = await browser.token(sid, { organizationId: '' })
      assert.equal((await own.verify(body.jwt)).payload.o.id, 'org_acme', 'not read as the personal account')
      assert.match(
        own.conformance.problems().join('\n'),
        /tokens form \{"organizationId":""\}: data must NOT have additional properties/,
      )
    } finally {
      await own.stop().catch(() => {})
    }
  })
})

describe('azp', () => {
  test('no Origin header: no azp claim', async () => {
    const browser = t.browser(null)
    const sid = await browser.signIn('user_bob')
    const { body } = await browser.token(sid)
    const { payload } = await t.verify(body.jwt, { origin: null })
    assert.equal('azp' in payload, false)
  })

  test('azp is the calling Origin', async () => {
    const browser = t.browser('http://localhost:3000')
    const sid = await browser.signIn('user_bob')
    const { body } = await browser.token(sid)
    const { payload } = await t.verify(body.jwt, { origin: 'http://localhost:3000' })
    assert.equal(payload.azp, 'http://localhost:3000')
  })
})
