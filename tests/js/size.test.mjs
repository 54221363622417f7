// The browser-payload budget of scripts/size.mjs (npm test and npm run bench run it): --check
// fails exactly when the built package's wasm-auth/react payload is over 40 KB gzip, and says by
// how much.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const script = fileURLToPath(new URL('../../scripts/size.mjs', import.meta.url))
const run = (...args) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' })

test('size.mjs --check fails exactly when the payload is over the 40 KB budget, naming the overshoot', () => {
  const { status, stdout } = run('--json')
  assert.equal(status, 0)
  const { total, target } = JSON.parse(stdout)
  assert.equal(target, 40_000)
  assert.ok(total.gzip > 10_000, `a payload of ${total.gzip} bytes is not the package's`)
  const check = run('--check')
  if (total.gzip > target) {
    assert.equal(check.status, 1)
    const over = (total.gzip - target).toLocaleString('en-US')
    assert.match(check.stderr, new RegExp(`FAILED: .* over the 40\\.0 KB budget by ${over} bytes`))
  } else {
    assert.equal(check.status, 0, check.stderr)
  }
})
