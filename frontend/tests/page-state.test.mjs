// The page readers of lib/page-state.mjs on today's markup and on the data-testid hooks the
// reworked page gains, so that the scenarios keep working across the rework. Run with
// `node --test tests/` in frontend/ (BrowserIT does).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser } from './lib/browser.mjs';
import { installPageState } from './lib/page-state.mjs';

let browser;
let page;

before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
});

async function read(html) {
  await page.setContent(`<!DOCTYPE html><html><body>${html}</body></html>`, { timeout: 10_000 });
  await page.evaluate(installPageState);
  return page.evaluate(() => ({
    missing: window.__litewatch.missingDatabases(['production', 'queue', 'cable']),
    down: window.__litewatch.showsAccessoryDown(),
    statuses: window.__litewatch.statuses(),
    allOk: window.__litewatch.allOk(),
  }));
}

const table = (badge, finding = '') => `
  <section id="status" hx-trigger="every 2s"><div class="summary"><span class="badge">${badge}</span></div>${finding}
  <table><thead><tr><th>Database</th></tr></thead>
  <tbody><tr><td><strong>production</strong><br><small>/data/production.sqlite3</small></td></tr></tbody>
  <tbody><tr><td><strong>queue</strong></td></tr></tbody></table></section>`;

test("today's table: rows by name, the summary badge, the finding's code", async () => {
  assert.deepEqual(await read(table('ok')), { missing: ['cable'], down: false, statuses: ['ok'], allOk: true });
  const down = await read(table('critical', '<ul><li><code>ACCESSORY_DOWN</code> Container is exited</li></ul>'));
  assert.equal(down.down, true);
  assert.equal(down.allOk, false);
});

test('a path that contains a name is not that database', async () => {
  const html = '<table><tbody><tr><td>/data/cable-archive.sqlite3</td></tr></tbody></table>';
  assert.deepEqual((await read(html)).missing, ['production', 'queue', 'cable']);
});

const rows = (statuses, banner = '') => `${banner}<ol>${Object.entries(statuses)
  .map(([db, status]) => `<li data-testid="db-row" data-db="${db}" data-status="${status}">${db}</li>`).join('')}</ol>
  <table><tbody><tr><td>snapshots of something else</td></tr></tbody></table>`;

test('the hooks: data-db and data-status of each db-row, a banner about the accessory', async () => {
  assert.deepEqual(await read(rows({ production: 'ok', queue: 'ok', cable: 'ok' })),
    { missing: [], down: false, statuses: ['ok', 'ok', 'ok'], allOk: true });
  assert.equal((await read(rows({ production: 'ok', queue: 'warning' }))).allOk, false);
  const down = await read(rows({ production: 'critical', queue: 'critical', cable: 'critical' },
    '<div data-testid="banner" role="alert">The Litestream accessory is down: nothing replicates</div>'));
  assert.equal(down.down, true);
  assert.equal(down.allOk, false);
  const other = await read(rows({ production: 'ok' }, '<div data-testid="banner">Config invalid at line 3</div>'));
  assert.equal(other.down, false);
});
