// A body read with a cap (js/core/body.js's readText) holds the cap while it reads: on made-up
// streams (the bytes pulled, the cancel, UTF-8 split across chunks, the same text as
// Response.text()), and in the JWKS fetch against a real HTTP server (port 0) that streams 400 MiB,
// streams without end, or declares a Content-Length over the cap: each is refused with
// `jwk-remote-failed-to-load` after about the cap's worth of bytes, the process's RSS staying flat.
// This file runs in a process of its own, so the RSS figures are this file's alone.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { createAuthClient } from 'wasm-auth'
import { verifyToken } from 'wasm-auth/server'

const MiB = 1024 * 1024

/** A stream of `chunks` (or of `next()` forever), recording its pulls and whether it was cancelled. */
function source({ chunks, next, highWaterMark = 1 }) {
  const log = { pulls: 0, cancelled: false, enqueued: 0 }
  const queue = chunks ? [...chunks] : null
  const stream = new ReadableStream(
    {
      pull(controller) {
        log.pulls++
        const chunk = queue ? queue.shift() : next()
        if (chunk === undefined) return controller.close()
        log.enqueued += chunk.byteLength
        controller.enqueue(chunk)
      },
      cancel() {
        log.cancelled = true
      },
    },
    { highWaterMark },
  )
  return { stream, log }
}

const bytes = (text) => new TextEncoder().encode(text)
const tooLarge = (error) => error instanceof RangeError

describe('readText', () => {
  let readText // imported here, so that the JWKS tests below run without it
  before(async () => ({ readText } = await import('../../pkg/body.js')))

  test('at most maxBytes: the text; one byte more: refused, the stream cancelled', async () => {
    const body = bytes('{"keys":[]}')
    assert.equal(await readText(new Response(source({ chunks: [body] }).stream), body.length), '{"keys":[]}')
    const { stream, log } = source({ chunks: [body.slice(0, 5), body.slice(5)] })
    await assert.rejects(readText(new Response(stream), body.length - 1), tooLarge)
    assert.equal(log.cancelled, true)
  })

  test('an endless stream is refused after about maxBytes, and nothing more is pulled', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20)
    const { stream, log } = source({ next: () => chunk })
    await assert.rejects(readText(new Response(stream), MiB), tooLarge)
    const pulled = log.pulls
    for (let turn = 0; turn < 10; turn++) await new Promise(setImmediate) // the stream's turns to pull
    assert.equal(log.pulls, pulled, 'no pull after the refusal')
    assert.equal(log.cancelled, true)
    assert.ok(log.enqueued <= MiB + 2 * chunk.length, `${log.enqueued} bytes pulled`)
  })

  test('a Content-Length over maxBytes is refused before a byte is read', async () => {
    const { stream, log } = source({ chunks: [bytes('{}')], highWaterMark: 0 })
    const response = new Response(stream, { headers: { 'content-length': String(MiB + 1) } })
    await assert.rejects(readText(response, MiB), tooLarge)
    assert.deepEqual([log.pulls, log.cancelled], [0, true])
  })

  test('no body is the empty text', async () => {
    assert.equal(await readText(new Response(null), 10), '')
    assert.equal(await readText(new Response(null, { status: 204 }), 0), '')
  })

  test('UTF-8 split anywhere across chunks, a BOM, malformed bytes: the text Response.text() gives', async () => {
    const sample = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => [...bytes(s)]),
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }).map((s) => [0xef, 0xbb, 0xbf, ...bytes(s)]),
    )
    await fc.assert(
      fc.asyncProperty(sample, fc.array(fc.nat(), { maxLength: 6 }), async (all, cuts) => {
        const data = Uint8Array.from(all)
        const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b)
        const chunks = [...points, data.length].map((end, i, ends) => data.slice(i ? ends[i - 1] : 0, end))
        const expected = await new Response(data).text()
        assert.equal(await readText(new Response(source({ chunks }).stream), data.length), expected)
      }),
      { numRuns: 300 },
    )
  })
})

// /<mode>/.well-known/jwks.json, each mode a body no JWKS should take.
const served = {} // mode -> { bytes sent, whether the client hung up }
let server, base
before(async () => {
  server = createServer((req, res) => {
    const mode = req.url.split('/')[1]
    const record = (served[mode] = { sent: 0, closed: false })
    res.on('close', () => (record.closed = true))
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    if (mode === 'declared') {
      // Says 2 MiB, sends a little, then waits: reading it would wait for the timeout.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * MiB) })
      res.write('{"keys":[')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }) // chunked: no length said
    res.write('{"keys":[')
    const total = mode === 'endless' || mode === 'fapi' ? Infinity : 400 * MiB
    const pump = () => {
      while (record.sent < total && !record.closed) {
        record.sent += chunk.length
        if (!res.write(chunk)) return res.once('drain', pump)
        // The endless one trickles, so that a reader that buffers it all fills only to the timeout.
        if (mode === 'endless' || mode === 'fapi') return setTimeout(pump, 1)
      }
      if (!record.closed) res.end(']}')
    }
    pump()
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${server.address().port}`
})
after(() => {
  server.closeAllConnections()
  server.close()
})

/** Until the server saw the client hang up on `record`'s response, or 10 s: `closed` then says. */
async function hungUp(record) {
  for (let waited = 0; !record.closed && waited < 10_000; waited += 5) await new Promise((r) => setTimeout(r, 5))
  return record.closed
}

const token = 'eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc18xIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyXzEifQ.c2ln'
const refused = { reason: 'jwk-remote-failed-to-load' }
const rss = () => {
  globalThis.gc?.()
  return process.memoryUsage().rss
}

describe('the JWKS fetch holds its 1 MiB cap while reading', () => {
  test('a JWKS streamed at 400 MiB: refused, RSS flat, the download stopped', async () => {
    const before = rss()
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
    const started = Date.now()
    try {
      await assert.rejects(
        verifyToken(token, { jwksUrl: `${base}/large/.well-known/jwks.json`, jwksTimeoutInMs: 60_000 }),
        refused,
      )
    } finally {
      clearInterval(sampler)
    }
    const elapsed = Date.now() - started
    const afterwards = rss()
    peak = Math.max(peak, afterwards)
    const closed = await hungUp(served.large)
    const { sent } = served.large
    console.log(
      `400 MiB JWKS: refused in ${elapsed} ms; RSS ${(before / MiB).toFixed(0)} MiB before, ` +
        `${(peak / MiB).toFixed(0)} MiB at most, ${(afterwards / MiB).toFixed(0)} MiB after; ` +
        `${(sent / MiB).toFixed(1)} MiB sent before the hang-up`,
    )
    assert.ok(peak - before < 64 * MiB, `RSS grew by ${((peak - before) / MiB).toFixed(0)} MiB`)
    assert.ok(closed, 'the connection was dropped')
    assert.ok(sent < 64 * MiB, `${(sent / MiB).toFixed(1)} MiB were sent`)
  })

  // Refused for its size, not for the time: the timeout is a minute, and the error says which.
  const overTheCap = { reason: 'jwk-remote-failed-to-load', message: /the answer is over 1048576 bytes/ }

  test('a JWKS that never ends: refused for its size, not left to the timeout', async () => {
    const started = Date.now()
    await assert.rejects(
      verifyToken(token, { jwksUrl: `${base}/endless/.well-known/jwks.json`, jwksTimeoutInMs: 60_000 }),
      overTheCap,
    )
    console.log(`endless JWKS: refused in ${Date.now() - started} ms (timeout 60,000 ms)`)
  })

  test('a Content-Length over the cap: refused before the body is read', async () => {
    // The server sends a few bytes of the 2 MiB it declares and waits: only a refusal that reads
    // nothing comes before the minute's timeout.
    const started = Date.now()
    await assert.rejects(
      verifyToken(token, { jwksUrl: `${base}/declared/.well-known/jwks.json`, jwksTimeoutInMs: 60_000 }),
      overTheCap,
    )
    console.log(`JWKS declaring 2 MiB: refused in ${Date.now() - started} ms (timeout 60,000 ms)`)
    assert.ok(await hungUp(served.declared), 'the connection was dropped')
  })
})

describe("the client holds the Frontend API's answers to the limit wasm takes, while reading", () => {
  test('an answer that never ends: response-invalid once past 16 MiB, RSS flat, the download stopped', async () => {
    const before = rss()
    const client = createAuthClient({ frontendApi: `${base}/fapi` })
    await assert.rejects(client.load(), { code: 'response-invalid' })
    const closed = await hungUp(served.fapi)
    const grown = (rss() - before) / MiB
    console.log(
      `endless Frontend API answer: ${(served.fapi.sent / MiB).toFixed(1)} MiB sent, RSS +${grown.toFixed(0)} MiB`,
    )
    assert.ok(closed, 'the connection was dropped')
    assert.ok(served.fapi.sent < 64 * MiB, `${(served.fapi.sent / MiB).toFixed(1)} MiB were sent`)
    assert.ok(grown < 96, `RSS grew by ${grown.toFixed(0)} MiB`)
  })
})
