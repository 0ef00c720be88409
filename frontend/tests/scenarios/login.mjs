// Signing in as a person does: a page asked for without a session leads to the login form, a wrong
// password is refused, the right one leads back to the page; a POST htmx sends carries the CSRF
// token; sign-out ends the session. Every page is served with a
// Content-Security-Policy that allows nothing inline, and it blocks nothing the pages use (the
// session fails the scenario on any violation the pages report).
import { expectedDatabases, openOverview } from './common.mjs';

const UNSAFE = /'unsafe-inline'|'unsafe-eval'/;

function checkPolicy(response, path) {
  const policy = response?.headers()['content-security-policy'] ?? '';
  if (!/script-src 'self'/.test(policy) || !/frame-ancestors 'none'/.test(policy) || UNSAFE.test(policy)) {
    throw new Error(`${path} is served with the policy "${policy}"; expected script-src 'self', frame-ancestors`
      + ` 'none' and nothing unsafe`);
  }
}

export async function login(session) {
  if (!session.login) {
    throw new Error('set LITEWATCH_USER and LITEWATCH_PASSWORD');
  }
  const names = await expectedDatabases(session.base);
  const page = await session.newPage('desktop', { signedIn: false });

  const asked = await page.goto('/alerts', { waitUntil: 'load' });
  if (new URL(page.url()).pathname !== '/login') {
    throw new Error(`without a session /alerts should lead to /login, it shows ${page.url()}`);
  }
  checkPolicy(asked, '/login');
  await session.screenshot(page, 'form');

  await page.fill('input[name=username]', session.login.user);
  await page.fill('input[name=password]', `${session.login.password}-wrong`);
  await Promise.all([page.waitForURL(/\/login\?error/), page.click('button[type=submit]')]);
  await page.locator('[data-testid=login-failed]').waitFor();
  session.log('a wrong password: refused, the form says so');

  await page.fill('input[name=username]', session.login.user);
  await page.fill('input[name=password]', session.login.password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/alerts'), page.click('button[type=submit]')]);
  const account = await page.locator('[data-testid=account]').innerText();
  if (!account.startsWith(session.login.user)) {
    throw new Error(`after the login the header should name ${session.login.user}, it reads "${account}"`);
  }
  session.log(`signed in, back on /alerts as "${account}"`);

  // Each page, with its refreshes running for a while, under the policy.
  for (const path of ['/', `/databases/${encodeURIComponent(names[0])}`, '/alerts']) {
    const response = await page.goto(path, { waitUntil: 'load' });
    checkPolicy(response, path);
  }
  await openOverview(page, names, 'desktop, signed in');
  await page.waitForResponse((r) => new URL(r.url()).pathname === '/' && r.request().headers()['hx-request'] === 'true',
    { timeout: 20_000 });
  await session.screenshot(page, 'signed-in');

  // A POST that htmx sends itself carries the CSRF token as a header (litewatch.js, from the
  // layout's meta): without it this would be a 403. A silence of no real database, which the
  // controller refuses (400, nothing changed) only after the filter chain let it through.
  const [posted] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/alerts/silences'),
    page.evaluate(() => window.htmx.ajax('POST', '/alerts/silences', {
      values: { database: 'browser-csrf-check', duration: '1m', reason: 'browser test: htmx sends the CSRF token' },
      swap: 'none', target: 'body',
    })),
  ]);
  if (posted.status() === 403) {
    throw new Error('a POST sent by htmx was refused with HTTP 403: no CSRF header?');
  }
  if (posted.status() !== 400 || !(await posted.text()).includes('no database is named')) {
    throw new Error(`a silence of an unknown database should be refused by the controller (400), got HTTP ${posted.status()}`);
  }
  session.log(`a POST sent by htmx: HTTP ${posted.status()} from the controller (its CSRF header accepted)`);

  await Promise.all([page.waitForURL(/\/login\?logout/), page.click('header form.account button')]);
  const after = await page.goto('/', { waitUntil: 'load' });
  if (new URL(page.url()).pathname !== '/login') {
    throw new Error(`after signing out / should lead to /login, it shows ${page.url()} (HTTP ${after?.status()})`);
  }
  session.log(`signed out; ${session.policyViolations.length} policy violations seen`);
}
