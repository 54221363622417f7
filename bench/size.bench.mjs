// The client payload a browser downloads for wasm-auth/react (JS + wasm, gzip -9), against the
// 40 KB browser-payload budget: scripts/size.mjs over the freshly built pkg/. Over the budget it
// exits 1 with the overshoot, and `npm run bench` fails (bench/index.mjs).
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const script = fileURLToPath(new URL('../scripts/size.mjs', import.meta.url))
try {
  execFileSync(process.execPath, [script, '--check'], { stdio: 'inherit' })
} catch {
  process.exit(1) // size.mjs printed why
}
