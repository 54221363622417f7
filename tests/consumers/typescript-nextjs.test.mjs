// The Next.js entries' declarations in a Next.js project's TypeScript: tsc 5.9, strict, with next 16
// and React 19's types installed beside the packed tarball, under bundler resolution
// (create-next-app's) and node16. skipLibCheck is on, as create-next-app sets it: next's own
// declarations do not check without it (they name react-server-dom-webpack's, which it does not
// ship); wasm-auth's are read all the same, and each of their types is used below.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { REACT_19, sharedConsumerProject } from '../support/tarball.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const source = join(root, 'tests', 'consumers', 'typescript', 'nextjs.ts')
const NEXT = { ...REACT_19, '@types/react-dom': '19.3.0', '@types/node': '20.19.43', next: '16.5.0' }

const MODES = {
  bundler: { extension: '.ts', module: 'esnext', moduleResolution: 'bundler' },
  node16: { extension: '.mts', module: 'node16', moduleResolution: 'node16' },
}

/** Compiles the source in `dir`/nextjs-<mode>/; returns the wasm-auth declarations tsc read. */
function compile(dir, mode) {
  const { extension, module, moduleResolution } = MODES[mode]
  const project = join(dir, `nextjs-${mode}`)
  mkdirSync(project, { recursive: true })
  copyFileSync(source, join(project, `nextjs${extension}`))
  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: 'es2022',
    module,
    moduleResolution,
    lib: ['es2022', 'dom', 'dom.iterable'],
    types: ['node'],
  }
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: [`nextjs${extension}`] }))
  return new Promise((resolve) => {
    const args = [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project, '--listFiles']
    execFile(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const listed = stdout.split('\n').filter(Boolean)
      const errors = listed.filter((line) => /error TS/.test(line))
      assert.equal(error?.code ?? 0, 0, `tsc failed:\n${errors.join('\n') || stdout + stderr}`)
      const pkg = join(dir, 'node_modules', 'wasm-auth')
      resolve(
        listed
          .filter((file) => file.startsWith(pkg))
          .map((file) => relative(pkg, file))
          .sort(),
      )
    })
  })
}

describe('tsc --strict on the Next.js entries, with next 16 installed', { concurrency: true }, () => {
  let dir
  before(() => {
    dir = sharedConsumerProject('nextjs', NEXT)
  })
  for (const mode of Object.keys(MODES)) {
    test(`${mode} resolution: compiles against nextjs.d.ts and nextjs-server.d.ts`, async () => {
      const read = await compile(dir, mode)
      for (const file of ['nextjs.d.ts', 'nextjs-server.d.ts', 'react.d.ts', 'server.d.ts', 'index.d.ts']) {
        assert.ok(read.includes(file), `${file} in ${read}`)
      }
    })
  }
})
