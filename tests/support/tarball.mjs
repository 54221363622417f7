// The packed package, as users get it: `npm pack ./pkg` into a temp folder, once per process,
// and consumer projects that `npm install` that tarball.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const consumers = join(root, 'target', 'consumers')
let tarball

// The dependency sets of the consumer projects, exact versions. Tests asking for the same set
// share one installed project.
export const REACT_19 = { react: '19.3.1', 'react-dom': '19.3.1', '@types/react': '19.3.0' }
export const REACT_18 = { react: '18.3.1', 'react-dom': '18.3.1', '@types/react': '18.3.8' }
/** Node, Vite, webpack and the plain page share this project. */
export const WEB = { ...REACT_19, vite: '8.3.8', webpack: '5.112.2', 'webpack-cli': '7.3.1' }
/** esbuild, Rollup, Parcel, Jest and the edge-runtime package share this one. */
export const TOOLS = {
  ...REACT_19,
  esbuild: '0.28.2',
  rollup: '4.69.3',
  '@rollup/plugin-node-resolve': '16.0.3',
  '@rollup/plugin-commonjs': '29.0.3',
  '@rollup/plugin-replace': '6.0.3',
  parcel: '2.16.4',
  jest: '30.5.2',
  'jest-environment-jsdom': '30.5.2',
  'edge-runtime': '4.0.1',
}

/** Path of the tarball `npm pack ./pkg` makes (the `./` matters: bare `pkg` is a registry name). */
export function packedTarball() {
  if (!tarball) {
    const dir = mkdtempSync(join(tmpdir(), 'wasm-auth-pack-'))
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
    const [info] = JSON.parse(
      execFileSync('npm', ['pack', './pkg', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }),
    )
    tarball = join(dir, info.filename)
  }
  return tarball
}

function npmInstall(dir, { type = 'module', dependencies = {} }) {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type }, null, 2))
  const specs = [packedTarball(), ...Object.entries(dependencies).map(([name, version]) => `${name}@${version}`)]
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
    cwd: dir,
    stdio: 'inherit',
  })
}

/** A new temp folder with a package.json, `npm install`ed with the tarball and `dependencies`. */
export function consumerProject({ type = 'module', dependencies = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-auth-consumer-'))
  npmInstall(dir, { type, dependencies })
  return dir
}

/**
 * A project folder (`"type": "module"`) with the tarball and `dependencies` installed, kept under
 * target/consumers/ and shared by every test (and every later run) asking for the same `name`
 * and dependencies: the folder is named by a hash of the tarball and the dependency list, so a
 * rebuilt package or a changed list installs afresh, and older folders of that name are removed.
 * Tests add their own files to it, in their own subfolders or under names no other test uses.
 */
export function sharedConsumerProject(name, dependencies = {}) {
  const tgz = packedTarball()
  const hash = createHash('sha256')
    .update(readFileSync(tgz))
    .update(JSON.stringify(dependencies))
    .digest('hex')
    .slice(0, 12)
  const dir = join(consumers, `${name}-${hash}`)
  if (existsSync(join(dir, 'node_modules', '.package-lock.json'))) return dir
  mkdirSync(consumers, { recursive: true })
  for (const old of readdirSync(consumers)) {
    const [, pid] = old.split('.installing-')
    if (old.startsWith(`${name}-`) && !(pid && alive(Number(pid))))
      rmSync(join(consumers, old), { recursive: true, force: true })
  }
  // Installed beside, then renamed: a test process running at the same time never sees half an
  // install; if another one finished first, its folder is used.
  const staging = `${dir}.installing-${process.pid}`
  mkdirSync(staging)
  try {
    npmInstall(staging, { dependencies })
    renameSync(staging, dir)
  } catch (error) {
    rmSync(staging, { recursive: true, force: true })
    if (!existsSync(join(dir, 'node_modules', '.package-lock.json'))) throw error
  }
  return dir
}

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * `import(specifier)` as a module inside `dir` would see it: resolved from dir's node_modules,
 * with the `node` and `import` conditions. Each test file has its own shim, so no two processes
 * write the same file.
 */
export async function importerIn(dir, id) {
  const shim = join(dir, `.import-${id}.mjs`)
  writeFileSync(shim, 'export default (specifier) => import(specifier)\n')
  return (await import(pathToFileURL(shim).href)).default
}

/** Runs `node` with a script in `dir`, returning stdout. */
export function runNode(dir, file, source) {
  writeFileSync(join(dir, file), source)
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' })
}
