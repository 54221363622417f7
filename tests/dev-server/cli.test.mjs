// The CLI and stop(): the server must let its process exit promptly, keep-alive sockets included.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { Agent, get } from 'node:http'
import { once } from 'node:events'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { startAuthServer } from '../../dev-server/index.mjs'
import { seed } from '../support/auth-server.mjs'

const CLI = fileURLToPath(new URL('../../dev-server/cli.mjs', import.meta.url))
const INDEX = new URL('../../dev-server/index.mjs', import.meta.url).href

function run(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d) => {
    stdout += d
  })
  child.stderr.setEncoding('utf8').on('data', (d) => {
    stderr += d
  })
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal, stdout, stderr }))
  const output = () => stdout
  return { child, exited, output }
}

async function waitFor(predicate, what, ms = 10_000) {
  const deadline = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function withDeadline(promise, ms, what) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

// An idle keep-alive connection, the kind that makes a bare server.close() hang for seconds.
async function openKeepAlive(url) {
  const agent = new Agent({ keepAlive: true })
  const response = await new Promise((resolve, reject) =>
    get(`${url}/v1/client`, { agent }, resolve).on('error', reject),
  )
  response.resume()
  await once(response, 'end')
  return agent
}

describe('CLI', () => {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    test(`prints its address, publishable key and seeded users, serves, and exits 0 on ${signal}`, async () => {
      const proc = run([CLI, '--port', '0', '--token-lifetime', '30', '--instance', 'production'])
      await waitFor(() => proc.output().includes('sign in:'), 'the user list')
      const [first, key] = proc.output().split('\n')
      assert.match(first, /^wasm-auth dev auth server \(a production instance\) on http:\/\/127\.0\.0\.1:\d+$/)
      const url = first.slice(first.indexOf('http://'))
      assert.equal(
        key,
        `publishable key: pk_live_${Buffer.from(`${new URL(url).host}$`)
          .toString('base64')
          .replace(/=+$/, '')}`,
      )
      for (const user of seed.users) assert.ok(proc.output().includes(`  ${user.id} `), `lists ${user.id}`)

      const signIn = await fetch(`${url}/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"user":"user_bob"}',
      })
      const { response: client } = await signIn.json()
      const payload = JSON.parse(Buffer.from(client.sessions[0].last_active_token.jwt.split('.')[1], 'base64url'))
      assert.equal(payload.exp - payload.iat, 30, '--token-lifetime is used')
      assert.equal(payload.iss, url)

      const agent = await openKeepAlive(url)
      proc.child.kill(signal)
      const { code, signal: killedBy, stderr } = await withDeadline(proc.exited, 3000, `exit after ${signal}`)
      agent.destroy()
      assert.equal(stderr, '')
      assert.equal(killedBy, null)
      assert.equal(code, 0)
    })
  }

  test('development is the default instance, its key pk_test_ naming a Clerk development host', async () => {
    const proc = run([CLI, '--port', '0'])
    await waitFor(() => proc.output().includes('sign in:'), 'the user list')
    const [first, key] = proc.output().split('\n')
    assert.match(first, /\(a development instance\)/)
    const [, encoded] = /^publishable key: pk_test_(\S+)$/.exec(key)
    assert.match(Buffer.from(encoded, 'base64').toString(), /^wasm-auth-dev-\d+\.clerk\.accounts\.dev\$$/)
    proc.child.kill('SIGTERM')
    assert.equal((await withDeadline(proc.exited, 3000, 'exit')).code, 0)
  })

  test('a bad --instance: exit 1 with the usage', async () => {
    const { code, stderr } = await withDeadline(run([CLI, '--instance', 'staging']).exited, 5000, 'exit')
    assert.equal(code, 1)
    assert.match(stderr, /--instance must be development or production, got staging\nusage: /)
  })

  test('a bad flag: exit 1 with the usage', async () => {
    const { code, stderr } = await withDeadline(run([CLI, '--port', 'abc']).exited, 5000, 'exit')
    assert.equal(code, 1)
    assert.match(stderr, /--port must be an integer >= 0, got abc\nusage: node dev-server\/cli\.mjs/)
  })

  test('a port in use: exit 1 saying so', async () => {
    const server = await startAuthServer()
    try {
      const port = new URL(server.url).port
      const { code, stderr } = await withDeadline(run([CLI, '--port', port]).exited, 5000, 'exit')
      assert.equal(code, 1)
      assert.match(stderr, new RegExp(`port ${port} is already in use`))
    } finally {
      await server.stop()
    }
  })
})

describe('stop()', () => {
  test('resolves promptly with an idle keep-alive connection open, and refuses new connections', async () => {
    const server = await startAuthServer()
    const agent = await openKeepAlive(server.url)
    const started = performance.now()
    await withDeadline(server.stop(), 1000, 'stop()')
    assert.ok(performance.now() - started < 1000)
    await assert.rejects(fetch(`${server.url}/v1/client`), TypeError)
    await server.stop() // a second call is harmless
    agent.destroy()
  })

  test('resolves while a latency fault is pending', async () => {
    const server = await startAuthServer()
    await fetch(`${server.url}/dev/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"latencyMs":60000}',
    })
    const pending = fetch(`${server.url}/v1/client`).catch((error) => error)
    await new Promise((r) => setTimeout(r, 100))
    await withDeadline(server.stop(), 1000, 'stop()')
    assert.ok((await pending) instanceof TypeError, 'the waiting request is cut off')
  })

  test('lets a process that used the server exit by itself', async () => {
    const script = `
      import { get, Agent } from 'node:http';
      import { startAuthServer } from ${JSON.stringify(INDEX)};
      const server = await startAuthServer();
      await fetch(server.url + '/dev/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"latencyMs":60000,"route":"touch"}' });
      await fetch(server.url + '/v1/client');
      const agent = new Agent({ keepAlive: true });
      await new Promise((resolve) => get(server.url + '/v1/client', { agent }, (r) => { r.resume(); r.on('end', resolve); }));
      fetch(server.url + '/v1/client/sessions/x/touch', { method: 'POST' }).catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
      await server.stop();
      console.log('stopped');
    `
    const started = performance.now()
    const { code, stdout, stderr } = await withDeadline(
      run(['--input-type=module', '-e', script]).exited,
      4000,
      'the process exit',
    )
    assert.equal(stderr, '')
    assert.equal(stdout, 'stopped\n')
    assert.equal(code, 0)
    assert.ok(performance.now() - started < 4000)
  })
})
