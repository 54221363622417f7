// The client payload a browser downloads for wasm-auth/react (JS + wasm, gzip -9), against the
// 40 KB browser-payload budget: scripts/size.mjs over the freshly built pkg/.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const script = fileURLToPath(new URL('../scripts/size.mjs', import.meta.url))
execFileSync(process.execPath, [script], { stdio: 'inherit' })
