// The packed tarball in TypeScript projects (tsc 5.9, strict, skipLibCheck off): the useAuth()
// narrowing checks of tests/types/use-auth.ts and every entry's exports
// (tests/consumers/typescript/entries.ts) compile as ESM (.mts, nodenext), as CommonJS (.cts,
// nodenext: the imports are require()s and must get the .d.cts declarations) and under bundler
// resolution (.ts), with React 19's types, and as ESM with React 18's.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { REACT_18, WEB, sharedConsumerProject } from '../support/tarball.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const sources = [
  join(root, 'tests', 'types', 'use-auth.ts'),
  join(root, 'tests', 'consumers', 'typescript', 'entries.ts'),
]

const MODES = {
  esm: {
    extension: '.mts',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    declarations: ['index.d.ts', 'react.d.ts', 'server.d.ts'],
  },
  commonjs: {
    extension: '.cts',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    declarations: ['index.d.cts', 'react.d.cts', 'server.d.cts'],
  },
  bundler: {
    extension: '.ts',
    module: 'preserve',
    moduleResolution: 'bundler',
    declarations: ['index.d.ts', 'react.d.ts', 'server.d.ts'],
  },
}

/** Compiles the sources in `dir`/types-<mode>/ and returns the wasm-auth declarations tsc read. */
async function compile(dir, mode) {
  const { extension, module, moduleResolution } = MODES[mode]
  const project = join(dir, `types-${mode}`)
  mkdirSync(project, { recursive: true })
  const files = sources.map((source) => {
    const name = source.split('/').at(-1).replace(/\.ts$/, extension)
    copyFileSync(source, join(project, name))
    return name
  })
  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    target: 'es2022',
    module,
    moduleResolution,
    jsx: 'react-jsx',
    lib: ['es2022', 'dom'],
    types: [],
  }
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }, null, 2))
  const tsc = await new Promise((resolve) => {
    const args = [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project, '--listFiles']
    execFile(process.execPath, args, { encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ status: error ? error.code : 0, stdout, stderr }),
    )
  })
  const listed = tsc.stdout.split('\n').filter(Boolean)
  const errors = listed.filter((line) => /error TS/.test(line))
  assert.equal(tsc.status, 0, `tsc failed:\n${errors.join('\n') || tsc.stdout + tsc.stderr}`)
  const pkg = join(dir, 'node_modules', 'wasm-auth')
  return listed
    .filter((file) => file.startsWith(pkg))
    .map((file) => relative(pkg, file))
    .sort()
}

// The module modes with React 19's types; React 18's types (which only react.d.ts's imports of
// ReactElement and ReactNode meet) once. tsc is single-threaded and takes a few seconds per
// program: the compilations run side by side.
const CASES = [
  ['esm', 'web', WEB, '19'],
  ['commonjs', 'web', WEB, '19'],
  ['bundler', 'web', WEB, '19'],
  ['esm', 'react18', REACT_18, '18'],
]

describe('tsc in consumer projects', { concurrency: true }, () => {
  const dirs = {}
  before(() => {
    for (const [, name, dependencies] of CASES) dirs[name] ??= sharedConsumerProject(name, dependencies)
  })
  for (const [mode, name, , react] of CASES) {
    test(`${mode}, React ${react}'s types: compiles against ${MODES[mode].declarations.join(', ')}`, async () => {
      assert.deepEqual(await compile(dirs[name], mode), MODES[mode].declarations)
    })
  }
})
