// The TypeScript declarations list the auth object's fields by hand, in a dozen interfaces across
// index.d.ts, react.d.ts, server.d.ts and nextjs-server.d.ts, and docs/api.md lists them again.
// Their one source is src/abi.rs (generated into js/core/abi.js): this test reads each declared
// type through the TypeScript compiler and holds its property names to those lists, so a field
// added to abi.rs and forgotten in a declaration (or the reverse) fails here.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { CHECK_FIELDS, FIELDS, SESSION_CLAIMS, USE_AUTH_FIELDS } from '../../js/core/abi.js'

const js = (file) => fileURLToPath(new URL(`../../js/${file}`, import.meta.url))
// nextjs-server.d.ts names next's types, which are not installed here: its own interfaces still read.
const program = ts.createProgram([js('index.d.ts'), js('react.d.ts'), js('server.d.ts'), js('nextjs-server.d.ts')], {
  strict: true,
  noEmit: true,
  types: [],
})
const checker = program.getTypeChecker()

/** The named export of `file`'s declarations, as a type. */
function declared(file, name) {
  const source = program.getSourceFile(js(file))
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).find((s) => s.name === name)
  assert.ok(symbol, `${file} exports ${name}`)
  return checker.getDeclaredTypeOfSymbol(symbol)
}
/** The property names of each member of `type` (itself, if not a union), sorted. */
const shapes = (type) =>
  (type.isUnion() ? type.types : [type]).map((member) =>
    checker
      .getPropertiesOfType(member)
      .map((p) => p.name)
      .sort(),
  )
const names = (...lists) => lists.flat().sort()

const AUTH_OBJECT = names(SESSION_CLAIMS, FIELDS)

describe('the declarations list the auth object fields of src/abi.rs', () => {
  test('AuthObject and InitialAuthState (signed in): the auth object', () => {
    assert.deepEqual(shapes(declared('index.d.ts', 'AuthObject')), [AUTH_OBJECT])
    assert.deepEqual(shapes(declared('index.d.ts', 'InitialAuthState'))[0], AUTH_OBJECT)
  })

  test('AuthState, in each of its three states: isLoaded, the auth object, the load status', () => {
    const expected = names('isLoaded', 'status', 'error', AUTH_OBJECT)
    assert.deepEqual(shapes(declared('index.d.ts', 'AuthState')), [expected, expected, expected])
  })

  test("UseAuthReturn, in each of Clerk's four states: useAuth()'s fields and methods", () => {
    const expected = names('isLoaded', 'isSignedIn', 'has', 'getToken', 'signOut', USE_AUTH_FIELDS)
    assert.deepEqual(shapes(declared('react.d.ts', 'UseAuthReturn')), Array(4).fill(expected))
  })

  test("authenticateRequest's four results: the auth object and the request state's own members", () => {
    const own = ['isAuthenticated', 'status', 'reason', 'has', 'getToken', 'headers']
    for (const name of ['SignedInAuthObject', 'SignedOutAuthObject', 'PendingAuthObject', 'HandshakeAuthObject']) {
      assert.deepEqual(shapes(declared('server.d.ts', name)), [names(own, AUTH_OBJECT)], name)
    }
  })

  test("auth()'s two results (wasm-auth/nextjs/server): the auth object and Clerk's session members", () => {
    const own = ['isAuthenticated', 'tokenType', 'has', 'getToken']
    for (const name of ['SignedInAuthObject', 'SignedOutAuthObject']) {
      assert.deepEqual(shapes(declared('nextjs-server.d.ts', name)), [names(own, AUTH_OBJECT)], name)
    }
  })

  test('CheckAuthorizationOptions: the fields a checker takes, and the fea and pla claims', () => {
    const [options] = shapes(declared('index.d.ts', 'CheckAuthorizationOptions'))
    assert.deepEqual(options, names(CHECK_FIELDS, 'features', 'plans'))
  })

  test("docs/api.md's list of the auth object is abi.rs's, in its order", () => {
    const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8')
    assert.ok(docs.includes(`{ ${[SESSION_CLAIMS, ...FIELDS].join(', ')} }`), 'the auth object, in order')
    const row = docs.split('\n').find((line) => line.startsWith('| | `isLoaded` |'))
    assert.deepEqual(
      names(
        row
          .match(/`\w+`/g)
          .slice(1)
          .map((n) => n.slice(1, -1)),
      ),
      AUTH_OBJECT,
    )
  })
})
