// The Next.js example as a user installs it: examples/next-app copied to a temp folder, the
// packed tarball (`npm pack ./pkg`) as its wasm-auth, `npm install`, `next build` (Turbopack or
// webpack), `next start` or `next dev`.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const example = join(root, 'examples', 'next-app')
const LOCAL_ONLY = new Set(['node_modules', '.next', 'wasm-auth.tgz', 'next-env.d.ts'])

/** Runs a command; returns how long it took and what it printed (stdout, then stderr). */
function run(cmd, args, cwd, env = {}) {
  const started = performance.now()
  const result = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  const output = `${result.stdout}${result.stderr}`
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${output}${result.error ?? ''}`)
  return { ms: Math.round(performance.now() - started), output }
}

/** Copies the example to a temp folder, packs the package into it and installs; returns the folder. */
export function installExample() {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-auth-next-'))
  const app = join(dir, 'app')
  cpSync(example, app, {
    recursive: true,
    filter: (src) => !LOCAL_ONLY.has(src.slice(example.length + 1).split('/')[0]),
  })
  const ms = {}
  ms.pack = run('npm', ['pack', './pkg', '--pack-destination', dir, '--silent'], root).ms
  const tarball = readdirSync(dir).find((f) => /^wasm-auth-.*\.tgz$/.test(f))
  renameSync(join(dir, tarball), join(app, 'wasm-auth.tgz'))
  ms.install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app).ms
  return { dir, app, ms, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * `next build` of an installed copy (Turbopack, or webpack with `webpack: true`); `env` is what
 * the build reads (the static pages bake the instance's configuration in). Returns how long it
 * took and what it printed.
 */
export function buildExample(app, { webpack = false, env = {} } = {}) {
  return run(process.execPath, ['node_modules/next/dist/bin/next', 'build', ...(webpack ? ['--webpack'] : [])], app, {
    NEXT_TELEMETRY_DISABLED: '1',
    BROWSER_SOURCE_MAPS: '1',
    ...env,
  })
}

/** Lines of Next's output that are warnings or errors (the ⚠ and ⨯ marks, or the words). */
export function problemLines(output, allowed = []) {
  return output
    .split('\n')
    .filter((line) => /⚠|⨯|\bwarn|\berror\b|deprecat|unstable value/i.test(line))
    .filter((line) => !allowed.some((pattern) => pattern.test(line)))
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address()
        server.close(() => resolve(port))
      })
  })
}

/**
 * `next start` (or `next dev` with `dev: true`) on 127.0.0.1:port; resolves once it answers.
 * `stop()` ends that process only.
 */
export async function startExample(app, { port, env, dev = false }) {
  const started = performance.now()
  const args = dev ? ['dev'] : ['start']
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', ...args, '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: app,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const url = `http://127.0.0.1:${port}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next ${args[0]} exited (${child.exitCode}):\n${output}`)
    try {
      const res = await fetch(`${url}/icon.svg`)
      if (res.ok) break
    } catch {}
    if (performance.now() - started > 120_000) throw new Error(`next ${args[0]} did not answer in 120 s:\n${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    ms: Math.round(performance.now() - started),
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
