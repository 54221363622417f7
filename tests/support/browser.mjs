// Debian's Chromium, driven by playwright-core (Playwright's own browser download cannot run
// here). Flags from TOOLCHAIN.md: root needs --no-sandbox; the closed network needs the rest.
import { chromium } from 'playwright-core'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })
}

/** Opens `url` in a new page and fails the test on any uncaught page error. */
export async function openPage(browser, url) {
  const page = await browser.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(e))
  await page.goto(url)
  return { page, errors }
}

/**
 * Runs a redirecting call in the page and waits for the page it goes to; returns the URL the call
 * answered. The navigation it starts can destroy the page before `evaluate` hands the answer over
 * (the more often, the busier the machine): then the answer is the URL the page went to, which is
 * what the call assigned. A test whose call navigates waits here: closing a context while a
 * navigation is in flight can hang Chromium's close (and the suite with it).
 */
export async function redirect(page, call, arg, destination) {
  const answer = page.evaluate(call, arg).catch((error) => {
    if (/Execution context was destroyed/.test(error.message)) return null
    throw error
  })
  await page.waitForURL(destination)
  // The answer came, or the context it would come from is gone: it is not waited for any longer
  // (an evaluate cut off by the navigation may never settle on a busy machine).
  return (await Promise.race([answer, page.waitForLoadState('load').then(() => null)])) ?? page.url()
}
