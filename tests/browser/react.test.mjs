// wasm-auth/react in Chromium, with the repo's React 19 and package: server-rendered in Node and
// hydrated in the browser, against the dev auth server (the tests: tests/support/react-app.mjs).
import { fileURLToPath } from 'node:url'
import { hydrationTests } from '../support/react-app.mjs'

hydrationTests({ outDir: fileURLToPath(new URL('../../target/react-app', import.meta.url)) })
