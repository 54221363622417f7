// The load status in Chromium against the dev server with its fault switches (docs/api.md, "Load
// status"): an outage at load with and without the app server's initialState, a Frontend API that
// hangs, recovery without a reload, the `online` event. The page keeps a log of every state it
// saw (isLoaded, status, error code); each test reads the log, not the clock. Times are printed.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { startClientPage } from './client-page.mjs'

/** Makes `window.client` (without awaiting its load) and logs every state it goes through. */
const WATCH = (options) => {
  const started = performance.now()
  window.log = []
  window.reloaded = false
  const client = (window.client = window.wasmAuth.createAuthClient(options))
  const note = () => {
    const s = client.getState()
    window.log.push({
      ms: Math.round(performance.now() - started),
      isLoaded: s.isLoaded,
      status: s.status,
      error: s.error?.code ?? null,
      userId: s.userId ?? null,
    })
  }
  note()
  client.subscribe(note)
  client.load().catch(() => {})
}

describe('the load status when the Frontend API cannot be reached', () => {
  let setup
  before(async () => {
    setup = await startClientPage('development')
  })
  after(() => setup?.close())
  beforeEach(() => setup.fresh())

  /** A page signed in as alice, reloaded (a new client to come) with the Frontend API as `fault` says. */
  async function afterReload(fault, initialState = false) {
    const { page, state } = await setup.open('user_alice')
    await page.reload()
    await page.waitForFunction(() => window.ready)
    await setup.auth.fault({ route: '*', ...fault })
    const options = { ...setup.options, initialState: initialState ? state : undefined }
    await page.evaluate(`(${WATCH})(${JSON.stringify(options)})`)
    await page.evaluate(() => (window.marker = 'no reload'))
    return page
  }
  const log = (page) => page.evaluate(() => window.log)
  const until = (page, status, timeout = 60_000) =>
    page.waitForFunction((s) => window.client.getState().status === s, status, { timeout, polling: 100 })

  test('an outage at load: loading, then error, never an invented signed-out state; loaded without a reload once the API answers', async () => {
    const page = await afterReload({ drop: true })
    await until(page, 'error')
    const failed = await log(page)
    assert.ok(
      failed.every((s) => !s.isLoaded),
      'isLoaded never true, nor signed out',
    )
    assert.equal(failed.at(-1).error, 'network-error')
    const toError = failed.find((s) => s.status === 'error').ms
    await setup.auth.clearFaults()
    await until(page, 'ready')
    const all = await log(page)
    const ready = all.find((s) => s.status === 'ready')
    console.log(`outage at load: error after ${toError} ms; loaded ${ready.ms - toError} ms after the API came back`)
    assert.deepEqual([ready.isLoaded, ready.userId, ready.error], [true, 'user_alice', null])
    assert.deepEqual([...new Set(all.map((s) => s.status))], ['loading', 'error', 'ready'])
    assert.equal(await page.evaluate(() => window.marker), 'no reload')
  })

  test("with the server's initialState the page stays loaded; only the status degrades", async () => {
    const page = await afterReload({ drop: true }, true)
    await until(page, 'degraded')
    await setup.auth.clearFaults()
    await until(page, 'ready')
    const all = await log(page)
    assert.ok(
      all.every((s) => s.isLoaded && s.userId === 'user_alice'),
      JSON.stringify(all),
    )
    assert.deepEqual([...new Set(all.map((s) => s.status))], ['loading', 'degraded', 'ready'])
  })

  test('a Frontend API that hangs: an error once the request times out, then loaded', async () => {
    const page = await afterReload({ latencyMs: 120_000 })
    await until(page, 'error')
    const toError = (await log(page)).find((s) => s.status === 'error').ms
    console.log(`hanging Frontend API: error after ${toError} ms (the request timeout is 15 s)`)
    await setup.auth.clearFaults()
    await until(page, 'ready')
    assert.equal(await page.evaluate(() => window.client.getState().userId), 'user_alice')
  })

  test('the `online` event loads at once, without waiting for the next attempt', async () => {
    const { page, state } = await setup.open('user_alice')
    await page.clock.install() // timers only run when the test moves the clock
    await page.reload()
    await page.waitForFunction(() => window.ready)
    await setup.auth.fault({ route: '*', drop: true })
    // A dropped request fails in real time, not the page's: after each step of the clock, wait
    // for every request it started to settle before the next step.
    await page.evaluate(() => {
      const fetches = (window.fetches = { started: 0, settled: 0 })
      const fetch = window.fetch
      window.fetch = (...args) => (fetches.started++, fetch(...args).finally(() => fetches.settled++))
    })
    await page.evaluate(`(${WATCH})(${JSON.stringify(setup.options)})`)
    const settled = () => window.fetches.started === window.fetches.settled
    for (let i = 0; i < 20 && (await page.evaluate(() => window.client.getState().status)) !== 'error'; i++) {
      await page.clock.runFor(1_000) // the load's retries, within their 10 s
      await page.waitForFunction(settled, null, { polling: 10 })
    }
    assert.equal(await page.evaluate(() => window.client.getState().status), 'error')
    await setup.auth.clearFaults()
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    await until(page, 'ready', 10_000) // the clock stands still: no recovery timer could fire
    assert.equal(await page.evaluate(() => window.client.getState().userId), state.userId)
  })
})
