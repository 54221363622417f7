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
