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
 * Who the scenarios sign in as: LITEWATCH_USER and LITEWATCH_PASSWORD from the environment
 * (BrowserIT sets them; never on the command line, where ps would show the password).
 */
export function credentials(env = process.env) {
  return env.LITEWATCH_USER && env.LITEWATCH_PASSWORD
    ? { user: env.LITEWATCH_USER, password: env.LITEWATCH_PASSWORD } : null;
}

// Reported by the page itself for every resource, script or style the Content-Security-Policy
// blocks; the console listener below turns it into a scenario failure.
function reportPolicyViolations() {
  document.addEventListener('securitypolicyviolation', (event) => {
    console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`
      + ` at ${event.sourceFile || document.location.pathname}:${event.lineNumber}`);
  });
}

/**
 * Signs the context in through the login form's own HTTP requests (GET /login for its CSRF
 * token, POST /login), sharing the cookie with the context's pages. The pages then load with an
 * empty cache, as the measurements want; the login scenario fills the form in the page instead.
 */
export async function signIn(context, { user, password }) {
  const form = await context.request.get('/login');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) {
    throw new Error(`GET /login (HTTP ${form.status()}) has no CSRF field`);
  }
  const response = await context.request.post('/login', {
    form: { username: user, password, _csrf: token }, maxRedirects: 0,
  });
  const location = response.headers().location ?? '';
  if (response.status() !== 302 || location.includes('/login')) {
    throw new Error(`signing in as ${user} was refused: HTTP ${response.status()} to ${location || 'nowhere'}`);
  }
}

/**
 * What one scenario gets: pages in the named views, signed in unless asked not to, screenshots
 * into --out, MEASURED lines, and the page errors and Content-Security-Policy violations seen
 * (either fails the scenario).
 */
export class Session {
  constructor(browser, { base, out, name, log, login = credentials() }) {
    Object.assign(this, { browser, base, out, name, log, login });
    this.contexts = [];
    this.lastPage = null;
    this.pageErrors = [];
    this.policyViolations = [];
  }

  async newPage(view, { signedIn = true } = {}) {
    const context = await this.browser.newContext({ ...VIEWS[view], baseURL: this.base });
    this.contexts.push(context);
    await context.addInitScript(installPageState);
    await context.addInitScript(reportPolicyViolations);
    if (signedIn) {
      if (!this.login) {
        throw new Error('set LITEWATCH_USER and LITEWATCH_PASSWORD: every page but /login needs a login');
      }
      await signIn(context, this.login);
    }
    const page = await context.newPage();
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && /securitypolicyviolation|Content Security Policy/i.test(text)) {
        this.policyViolations.push(`${view}: ${text}`);
        this.log(`CSP violation (${view}): ${text}`);
      }
    });
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
