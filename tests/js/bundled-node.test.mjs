// Bundled for Node: a bundler building a server (Next.js server components and server rendering,
// an SSR build) resolves the `node` + `module` condition, and the bundle runs from a folder where
// no .wasm file lies beside it. Next.js even rewrites `new URL('./x.wasm', import.meta.url)` into
// a public `/_next/static/media/...` URL there, which no file read can follow. The package's
// inlined entries must work anyway: esbuild bundles all three entries into a temp folder (with
// its default conditions, `module` among them), and the bundle runs in a fresh Node process.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('../..', import.meta.url))

const ENTRY = `
import { decodeJwt, createCheckAuthorization } from 'wasm-auth'
import { authenticateRequest } from 'wasm-auth/server'
import { AuthProvider, useAuth } from 'wasm-auth/react'
const token = 'eyJhbGciOiJSUzI1NiJ9.' + Buffer.from(JSON.stringify({ sub: 'user_1' })).toString('base64url') + '.c2ln'
const auth = await authenticateRequest({ headers: { authorization: 'Bearer ' + token } }, { jwks: { keys: [] } })
console.log(JSON.stringify({
  sub: decodeJwt(token).payload.sub,
  has: createCheckAuthorization({ userId: 'u', orgId: 'o', orgRole: 'org:admin' })({ role: 'admin' }),
  reason: auth.reason,
  react: [typeof AuthProvider, typeof useAuth],
}))
`

test('bundled for Node into another folder, every entry loads its wasm from the bundle itself', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-auth-bundled-'))
  try {
    writeFileSync(join(dir, 'entry.mjs'), ENTRY)
    const result = await build({
      entryPoints: [join(dir, 'entry.mjs')],
      outfile: join(dir, 'out', 'server.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      nodePaths: [join(root, 'node_modules')],
      metafile: true,
      logLevel: 'warning',
    })
    const inputs = Object.keys(result.metafile.inputs).map((p) => p.split('/').pop())
    assert.ok(inputs.includes('load.inline.js') && inputs.includes('wasm_auth_server_bg.inline.js'), inputs.join(' '))
    assert.ok(!inputs.includes('load.node.js') && !inputs.includes('load.browser.js'), inputs.join(' '))
    assert.deepEqual(readdirSync(join(dir, 'out')), ['server.mjs'], 'no .wasm file beside the bundle')
    const stdout = execFileSync(process.execPath, [join(dir, 'out', 'server.mjs')], { cwd: dir, encoding: 'utf8' })
    assert.deepEqual(JSON.parse(stdout), {
      sub: 'user_1',
      has: true,
      reason: 'jwk-kid-mismatch',
      react: ['function', 'function'],
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
