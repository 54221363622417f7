// Bundles the demo app with esbuild into target/demo/: app.js + app.css for the browser (with the
// package's wasm copied beside app.js, where its `new URL(..., import.meta.url)` looks), and
// server.mjs, the same app for server rendering in Node.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const WASM = join(root, 'pkg', 'wasm_auth_bg.wasm')

export async function bundleDemo(outDir = join(root, 'target', 'demo')) {
  if (!existsSync(WASM)) throw new Error('pkg/ is not built: run `npm run demo` (or `npm run build` first).')
  mkdirSync(outDir, { recursive: true })
  const common = { absWorkingDir: root, bundle: true, format: 'esm', jsx: 'automatic', logLevel: 'warning' }
  await Promise.all([
    build({
      ...common,
      entryPoints: { app: 'demo/app/browser.jsx' },
      outdir: outDir,
      platform: 'browser',
      target: 'es2022', // top-level await loads the wasm
      sourcemap: true,
      // Development React reports hydration mismatches in the console: the demo wants to see them.
      define: { 'process.env.NODE_ENV': '"development"' },
    }),
    build({
      ...common,
      entryPoints: ['demo/app/server.jsx'],
      outfile: join(outDir, 'server.mjs'),
      platform: 'node',
      packages: 'external', // react, react-dom and wasm-auth come from node_modules at run time
    }),
  ])
  copyFileSync(WASM, join(outDir, 'wasm_auth_bg.wasm'))
  return { outDir, serverEntry: join(outDir, 'server.mjs') }
}
