// Litewatch's browser tests: runs the named scenarios in Debian's chromium (headless, through
// playwright-core) against a running Litewatch, saves screenshots into --out and prints
// MEASURED lines. Exits 0 when every scenario passed, 1 when one failed, 2 when it could not
// start (usage, no chromium). Pages are opened signed in as LITEWATCH_USER / LITEWATCH_PASSWORD.
// BrowserIT runs it on the real stack; by hand:
//   LITEWATCH_USER=alice LITEWATCH_PASSWORD=… node frontend/tests/run.mjs --base http://127.0.0.1:8080 --out target/browser overview
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, Session } from './lib/browser.mjs';
import { releaseController } from './lib/controller.mjs';
import { accessibility } from './scenarios/accessibility.mjs';
import { databasePage } from './scenarios/database-page.mjs';
import { disconnected } from './scenarios/disconnected.mjs';
import { inPlaceUpdate } from './scenarios/in-place-update.mjs';
import { login } from './scenarios/login.mjs';
import { overview } from './scenarios/overview.mjs';
import { reorder } from './scenarios/reorder.mjs';
import { restoreDrill } from './scenarios/restore-drill.mjs';
import { restoreHelper } from './scenarios/restore-helper.mjs';

const SCENARIOS = {
  login, overview, 'in-place-update': inPlaceUpdate, reorder, 'database-page': databasePage,
  'restore-helper': restoreHelper, 'restore-drill': restoreDrill, disconnected, accessibility,
};

function log(text) {
  console.log(`[browser ${new Date().toISOString().slice(11, 23)}] ${text}`);
}

function usage(problem) {
  console.error(`${problem}\nusage: node run.mjs --base <url> --out <dir> [--timeout <seconds>] <scenario>...`
    + `\nscenarios: ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: { base: { type: 'string' }, out: { type: 'string' }, timeout: { type: 'string', default: '110' } },
    allowPositionals: true,
  });
}
catch (error) {
  usage(error.message);
}
const { base, out, timeout } = args.values;
const names = args.positionals;
if (!base || !out || !names.length) {
  usage('--base, --out and at least one scenario are needed');
}
const unknown = names.filter((name) => !SCENARIOS[name]);
if (unknown.length) {
  usage(`unknown scenario: ${unknown.join(', ')}`);
}

// Nothing waits forever: past the whole run's budget, say where it was and stop.
const watchdog = setTimeout(() => {
  console.error(`FAIL the browser run took longer than ${timeout}s; stopping`);
  process.exit(1);
}, Number(timeout) * 1000);

await mkdir(out, { recursive: true });
let browser;
try {
  browser = await launchBrowser();
}
catch (error) {
  console.error(`FAIL cannot start chromium: ${error.message}`);
  process.exit(2);
}
log(`chromium ${browser.version()}, base ${base}, screenshots in ${path.resolve(out)}`);

const failed = [];
for (const name of names) {
  const session = new Session(browser, { base, out, name, log });
  const started = Date.now();
  log(`scenario ${name}`);
  try {
    await SCENARIOS[name](session);
    if (session.pageErrors.length) {
      throw new Error(`the page threw: ${session.pageErrors.join('; ')}`);
    }
    if (session.policyViolations.length) {
      throw new Error(`the Content-Security-Policy blocked: ${session.policyViolations.join('; ')}`);
    }
    log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  catch (error) {
    failed.push(name);
    console.error(`FAIL ${name}: ${error.message}`);
    if (session.lastPage) {
      await session.screenshot(session.lastPage, 'failure').catch((e) => log(`no failure screenshot: ${e.message}`));
    }
  }
  finally {
    await session.close();
  }
}
await browser.close();
releaseController();
clearTimeout(watchdog);
console.log(`scenarios: ${names.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
