// The client's token cache under load, simulated on a fake clock by the Rust core itself
// (examples/load_run.rs): how many token requests 10,000 concurrent getToken() calls cost.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
execFileSync('cargo', ['run', '--quiet', '--example', 'load_run'], { cwd: root, stdio: 'inherit' })
