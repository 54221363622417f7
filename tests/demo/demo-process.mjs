// Runs the demo the way `npm run demo` ends (node demo/cli.mjs, after setup and build) in a child
// process, and reads the URLs it prints.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Starts `node demo/cli.mjs ...args`; resolves once it printed its URLs (or rejects if it exits). */
export function startDemoProcess(args = ['--port', '0', '--auth-port', '0']) {
  const child = spawn(process.execPath, ['demo/cli.mjs', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  const output = { stdout: '', stderr: '' }
  child.stdout.on('data', (d) => (output.stdout += d))
  child.stderr.on('data', (d) => (output.stderr += d))
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = /open\s+(http:\/\/\S+)/.exec(output.stdout)?.[1]
      const authUrl = /auth server\s+(http:\/\/\S+)/.exec(output.stdout)?.[1]
      if (url && authUrl) resolve({ url, authUrl })
    })
    exited.then(({ code, signal }) =>
      reject(new Error(`demo exited (${code ?? signal}) before it was ready:\n${output.stdout}${output.stderr}`)),
    )
  })
  return { child, output, exited, ready }
}

/** Resolves to what the process ended with. */
export function runDemoProcess(args) {
  const demo = startDemoProcess(args)
  demo.ready.catch(() => {})
  return demo.exited.then((end) => ({ ...end, ...demo.output }))
}
