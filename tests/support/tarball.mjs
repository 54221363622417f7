// The packed package, as users get it: `npm pack ./pkg` into a temp folder, once per process,
// and fresh consumer projects that `npm install` that tarball.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
let tarball

/** Path of the tarball `npm pack ./pkg` makes (the `./` matters: bare `pkg` is a registry name). */
export function packedTarball() {
  if (!tarball) {
    const dir = mkdtempSync(join(tmpdir(), 'wasm-auth-pack-'))
    const [info] = JSON.parse(execFileSync('npm', ['pack', './pkg', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }))
    tarball = join(dir, info.filename)
  }
  return tarball
}

/** A new folder with a package.json, `npm install`ed with the tarball and `dependencies`. */
export function consumerProject({ type = 'module', dependencies = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-auth-consumer-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type }, null, 2))
  const specs = [packedTarball(), ...Object.entries(dependencies).map(([name, version]) => `${name}@${version}`)]
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: dir, stdio: 'inherit' })
  return dir
}

/** Runs `node` with a script in `dir`, returning stdout. */
export function runNode(dir, file, source) {
  writeFileSync(join(dir, file), source)
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' })
}
