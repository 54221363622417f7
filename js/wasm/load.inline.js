// Bundlers building for Node (Next.js server components and server rendering, webpack's and
// Vite's server builds) take the `node` + `module` export condition and land here. They rewrite
// `new URL('./wasm_auth_bg.wasm', import.meta.url)` into the URL of a public asset (Next.js does
// for server rendering, with Turbopack and webpack alike: `/_next/static/media/...`, so that
// server and browser render the same URL), which readFileSync cannot read. Here the bytes are
// in the JS itself (a generated module, deflated): the bundle carries them and nothing is looked
// up at run time. Plain Node keeps load.node.js: reading the file is ~1 ms, inflating ~6 ms.
// As load.node.js, the server build serves every role.
import { inflateRawSync } from 'node:zlib'
import { deflated } from '../wasm_auth_server_bg.inline.js'
import * as glue from '../wasm_auth_server.js'
import { loadSync } from './wasm-server.js'

loadSync(glue, inflateRawSync(Buffer.from(deflated, 'base64')), { asCore: true, asVerifier: true })
