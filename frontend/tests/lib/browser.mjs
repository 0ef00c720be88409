// Debian's chromium, driven headless by playwright-core (which never downloads a browser).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { installPageState } from './page-state.mjs';

export const CHROMIUM = process.env.LITEWATCH_CHROMIUM || '/usr/bin/chromium';

// The views the issue asks screenshots of. colorScheme drives prefers-color-scheme.
export const VIEWS = {
  desktop: { viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'light' },
  dark: { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
};

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does: apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    // As root chromium needs --no-sandbox; the rest keeps it off the network this machine does not have.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * What one scenario gets: pages in the named views, screenshots into --out, MEASURED lines,
 * and the page errors seen (an uncaught exception in the page fails the scenario).
 */
export class Session {
  constructor(browser, { base, out, name, log }) {
    Object.assign(this, { browser, base, out, name, log });
    this.contexts = [];
    this.lastPage = null;
    this.pageErrors = [];
  }

  async newPage(view) {
    const context = await this.browser.newContext({ ...VIEWS[view], baseURL: this.base });
    this.contexts.push(context);
    await context.addInitScript(installPageState);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(20_000);
    page.on('pageerror', (error) => {
      this.pageErrors.push(`${view}: ${error.message}`);
      this.log(`page error (${view}): ${error.message}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) {
        this.log(`HTTP ${response.status()} for ${new URL(response.url()).pathname} (${view})`);
      }
    });
    this.lastPage = page;
    return page;
  }

  async screenshot(page, label) {
    const file = path.join(this.out, `${this.name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: 15_000 });
    this.log(`screenshot ${file}`);
    return file;
  }

  measured(text) {
    console.log(`MEASURED ${text}`);
  }

  /** Timings depend on what else the machine runs: said beside them. */
  static machineLoad() {
    return `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;
  }

  async close() {
    for (const context of this.contexts) {
      await context.close().catch(() => {});
    }
  }
}
