#!/usr/bin/env node
// `npm run demo` ends here (after setup and build): starts the dev auth server and the demo page on
// 127.0.0.1, prints where to open it, and stops both on Ctrl-C (SIGINT) or SIGTERM with exit code 0.
import { parseArgs } from 'node:util'
import { DemoError, startDemo } from './start.mjs'

const USAGE = `usage: npm run demo -- [--port 3000] [--auth-port 4000] [--token-lifetime 60]
  --port            the demo page (env DEMO_PORT, default 3000; 0 = any free port)
  --auth-port       the dev auth server (env DEMO_AUTH_PORT, default 4000; 0 = any free port)
  --token-lifetime  session-token lifetime in seconds (env DEMO_TOKEN_LIFETIME, default 60)`

const options = readOptions()
let demo
try {
  demo = await startDemo(options)
} catch (error) {
  fail(error instanceof DemoError ? error.message : (error.stack ?? String(error)))
}

console.log(`
wasm-auth demo
  open         ${demo.url}
  auth server  ${demo.authUrl}  (a development instance; seeded users: ${demo.authUrl}/dev/users)
  key          ${demo.publishableKey}
Ctrl-C stops both.`)

// npm forwards the terminal's SIGINT to us as well, so a second one may arrive while stopping:
// ignore it rather than letting Node's default handler exit with 130.
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping the demo`)
    // A hung close must not leave the terminal waiting forever.
    setTimeout(() => fail('could not stop within 5 s'), 5000).unref()
    demo.stop().then(
      () => process.exit(0),
      (error) => fail(error.message),
    )
  })
}

function readOptions() {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string', default: process.env.DEMO_PORT || '3000' },
        'auth-port': { type: 'string', default: process.env.DEMO_AUTH_PORT || '4000' },
        'token-lifetime': { type: 'string', default: process.env.DEMO_TOKEN_LIFETIME || '60' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }))
  } catch (error) {
    fail(`${error.message}\n${USAGE}`)
  }
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  return {
    port: integer(values.port, '--port', 0, 65535),
    authPort: integer(values['auth-port'], '--auth-port', 0, 65535),
    tokenLifetimeSeconds: integer(values['token-lifetime'], '--token-lifetime', 1, 86400),
  }
}

function integer(text, flag, min, max) {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`${flag} must be an integer from ${min} to ${max}, got "${text}"\n${USAGE}`)
  return value
}

function fail(message) {
  console.error(`wasm-auth demo: ${message}`)
  process.exit(1)
}
