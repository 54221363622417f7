// wasm-auth/server outside Node (the `default` export condition: edge runtimes, workers,
// browsers): the client build serves the core (load.browser.js, shared with wasm-auth and
// wasm-auth/react), the server build verification, both carried inside the JS and instantiated
// synchronously on import, as load.browser.js says why. Compiling wasm from bytes is what
// Vercel's edge refuses; Next.js's edge runtime takes the `edge-light` entry instead
// (load.server.edge.js).
import './load.browser.js'
import { deflated, size } from '../wasm_auth_server_bg.inline.js'
import * as glue from '../wasm_auth_server.js'
import { inflate } from './inflate.js'
import { loadSync } from './wasm-server.js'

loadSync(glue, inflate(deflated, size), { asVerifier: true })
