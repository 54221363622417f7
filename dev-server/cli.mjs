#!/usr/bin/env node
// node dev-server/cli.mjs [--instance development|production] [--port 4000] [--host 127.0.0.1] [--token-lifetime 60]
import { parseArgs } from 'node:util'
import { INSTANCES, startAuthServer } from './index.mjs'
import { loadSeed } from './seed.mjs'

const USAGE =
  'usage: node dev-server/cli.mjs [--instance development|production] [--port 4000] [--host 127.0.0.1] [--token-lifetime 60]'

let options
try {
  ;({ values: options } = parseArgs({
    options: {
      instance: { type: 'string', default: 'development' },
      port: { type: 'string', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      'token-lifetime': { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }))
} catch (error) {
  fail(error.message)
}
if (options.help) {
  console.log(USAGE)
  process.exit(0)
}
if (!INSTANCES.includes(options.instance)) fail(`--instance must be development or production, got ${options.instance}`)
const port = integer(options.port, '--port', 0)
const tokenLifetimeSeconds = integer(options['token-lifetime'], '--token-lifetime', 1)

let server
try {
  server = await startAuthServer({ host: options.host, port, tokenLifetimeSeconds, instance: options.instance })
} catch (error) {
  fail(error.code === 'EADDRINUSE' ? `port ${port} is already in use (try --port 0 for a free one)` : error.message)
}

console.log(`wasm-auth dev auth server (a ${server.instance} instance) on ${server.url}`)
console.log(`publishable key: ${server.publishableKey}`)
console.log(`client options:  { publishableKey: '${server.publishableKey}', proxyUrl: '${server.url}' }`)
const { users } = loadSeed()
const width = Math.max(...[...users.keys()].map((id) => id.length))
for (const user of users.values()) console.log(`  ${user.id.padEnd(width)}  ${user.description ?? ''}`)
console.log(`sign in: ${server.url}/sign-in (the Account Portal page), or client.redirectToSignIn()`)

// Without handlers Node would die on the signal with a non-zero code; stopping first lets the
// process end by itself, which also proves nothing keeps it alive.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.stop().catch((error) => fail(error.message))
  })
}

function integer(text, flag, min) {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min) fail(`${flag} must be an integer >= ${min}, got ${text}`)
  return value
}

function fail(message) {
  console.error(`wasm-auth dev server: ${message}\n${USAGE}`)
  process.exit(1)
}
