// The one rule for the Frontend API's URL and the instance kind (js/core/instance.js,
// instanceFrom), and the publishable key's grammar, against @clerk/shared's own parser.
import assert from 'node:assert/strict'
import { parsePublishableKey as clerkParse } from '@clerk/shared/keys'
import { describe, test } from 'node:test'
import { instanceFrom, parsePublishableKey } from '../../js/core/instance.js'

const key = (prefix, host) => `${prefix}${Buffer.from(`${host}$`).toString('base64').replace(/=+$/, '')}`
const devKey = key('pk_test_', 'foo-bar-13.clerk.accounts.dev')
const liveKey = key('pk_live_', 'clerk.example.com')

describe('instance options', () => {
  test('proxyUrl wins, then frontendApi, then the key: one base URL', () => {
    assert.deepEqual(instanceFrom({ publishableKey: liveKey }), {
      frontendApi: 'https://clerk.example.com',
      development: false,
      publishableKey: liveKey,
      keyHost: 'clerk.example.com',
    })
    assert.equal(
      instanceFrom({ publishableKey: liveKey, frontendApi: 'https://fapi.example.com/' }).frontendApi,
      'https://fapi.example.com',
    )
    assert.equal(
      instanceFrom({ publishableKey: liveKey, proxyUrl: 'https://app.example.com/__clerk/' }).frontendApi,
      'https://app.example.com/__clerk',
    )
    assert.equal(instanceFrom({ frontendApi: 'clerk.example.com' }).frontendApi, 'https://clerk.example.com')
    assert.equal(instanceFrom({ frontendApi: 'http://127.0.0.1:4000' }).frontendApi, 'http://127.0.0.1:4000')
  })

  test('pk_test_ is a development instance; without a key, a Clerk development host is', () => {
    assert.equal(instanceFrom({ publishableKey: devKey }).development, true)
    assert.equal(instanceFrom({ publishableKey: devKey, proxyUrl: 'http://127.0.0.1:4000' }).development, true)
    assert.equal(instanceFrom({ frontendApi: 'https://foo-bar-13.clerk.accounts.dev' }).development, true)
    assert.equal(instanceFrom({ frontendApi: 'https://clerk.example.com' }).development, false)
  })

  test("reads keys as @clerk/shared's parsePublishableKey does", () => {
    for (const k of [devKey, liveKey, key('pk_live_', 'clerk.a.b.example.co.uk')]) {
      assert.equal(parsePublishableKey(k), clerkParse(k).frontendApi, k)
    }
    for (const bad of [
      'pk_test_',
      'sk_test_' + devKey.slice(8),
      key('pk_live_', 'nodot'),
      key('pk_live_', 'two$dollars'),
      'pk_live_' + Buffer.from('clerk.example.com').toString('base64'),
      'pk_live_%%%',
    ]) {
      assert.equal(parsePublishableKey(bad), null, bad)
      assert.equal(clerkParse(bad), null, `@clerk/shared agrees on ${bad}`)
    }
  })

  test('a malformed option is options-invalid at construction, naming it', () => {
    const thrown = (options) => {
      try {
        instanceFrom(options)
      } catch (e) {
        return [e.code, e.message]
      }
    }
    assert.deepEqual(thrown({ publishableKey: 'pk_live_nope' }), [
      'options-invalid',
      'publishableKey is not a Clerk publishable key (pk_test_… or pk_live_…).',
    ])
    assert.match(thrown({ publishableKey: 42 })[1], /publishableKey/)
    assert.match(thrown({ proxyUrl: 'app.example.com' })[1], /proxyUrl/)
    assert.match(thrown({ frontendApi: 'https://a b' })[1], /frontendApi/)
    assert.match(thrown({ frontendApi: 'ftp://clerk.example.com' })[1], /frontendApi/)
    assert.equal(thrown({}), undefined, 'no instance named: the caller decides')
    assert.equal(instanceFrom({}).frontendApi, null)
  })
})
