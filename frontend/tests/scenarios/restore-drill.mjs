// A restore drill asked for from a database's page: the operator's "Run a drill now" queues it
// (the page says so), the real Litestream restores the replica in the background, and the page's own
// refresh brings the drill's row in, PASSED with its restore time, and says when the next scheduled
// drill is due; the evidence link answers CSV with
// that drill; the overview's row of the database then says the drill passed. Screenshots on desktop
// and phone.
import { waitForPage } from '../lib/page-state.mjs';
import { expectedDatabases, openOverview } from './common.mjs';

function drillRows() {
  return [...document.querySelectorAll('[data-testid=drills] tbody tr')].map((row) => ({
    id: row.dataset.drill,
    outcome: row.dataset.outcome,
    cells: [...row.querySelectorAll('td')].map((cell) => cell.innerText.trim()),
  }));
}

export async function restoreDrill(session) {
  const names = await expectedDatabases(session.base);
  const name = names.includes('cable') ? 'cable' : names[0];
  const page = await session.newPage('desktop');
  await openOverview(page, names, 'desktop');
  await page.click(`[data-testid=db-link]:text-is("${name}")`);
  await waitForPage(page, `the page of ${name} with its run-drill button`, (db) => document.querySelector(
    `[data-testid=db-page][data-db="${db}"] [data-testid=run-drill]`) !== null, name, 20_000);
  const before = (await page.evaluate(drillRows)).map((row) => row.id);

  const started = Date.now();
  await Promise.all([page.waitForURL((url) => url.pathname === `/databases/${name}`
    && url.hash === '#drills', { timeout: 15_000 }), page.click('[data-testid=run-drill]')]);
  const flash = await page.locator('#drills + .flash').textContent({ timeout: 5_000 });
  session.log(`after the click: "${flash}"`);
  if (!flash.includes(' is queued;')) {
    throw new Error(`the page does not say the drill is queued: "${flash}"`);
  }

  // No reload: the page's own refresh (every poll interval) brings the new row in.
  // The page lists the last 10: a new drill is a row whose id was not there before.
  await waitForPage(page, `a new drill row of ${name}`, (known) => {
    const first = document.querySelector('[data-testid=drills] tbody tr');
    return first !== null && !known.includes(first.dataset.drill);
  }, before, 60_000);
  session.measured(`run a drill now -> its row on the page: ${Date.now() - started} ms`);
  const rows = await page.evaluate(drillRows);
  session.log(`drill rows: ${JSON.stringify(rows)}`);
  const newest = rows[0];
  if (newest.outcome !== 'PASSED') {
    throw new Error(`the drill did not pass: ${JSON.stringify(newest)}`);
  }
  if (!/^\d+ ms$/.test(newest.cells[3]) || !/^[\d.]+ (B|KiB|MiB|GiB)\b/.test(newest.cells[4])) {
    throw new Error(`the row lacks the restore time or size: ${JSON.stringify(newest.cells)}`);
  }

  // When the schedule drills it next, counted down by the page's script between refreshes.
  const next = (await page.locator('[data-testid=drill-next]').innerText()).replace(/\s+/g, ' ').trim();
  session.log(`the next drill: "${next}"`);
  if (!/^The next scheduled drill is due (in \d.* \(.+\)|any moment now), then every \d.*\.$/.test(next)) {
    throw new Error(`the page does not say when the next drill is due: "${next}"`);
  }

  const csvLink = await page.getAttribute('a[href*="/api/drills/"][href*="format=csv"]', 'href');
  const csv = await page.request.get(csvLink, { timeout: 10_000 });
  const lines = (await csv.text()).trim().split('\r\n');
  if (!csv.ok() || !lines[0].startsWith('id,database,replica')
      || !lines.slice(1).some((line) => line.startsWith(`${newest.id},`) && line.includes(',MANUAL,PASSED,'))) {
    throw new Error(`the evidence CSV (HTTP ${csv.status()}) does not list the drill: ${lines.join(' | ')}`);
  }
  await session.screenshot(page, 'desktop');

  // The overview answers "would a restore work?" in the database's row, from the next poll on.
  await page.goto('/', { waitUntil: 'load' });
  await waitForPage(page, `the overview's drill line of ${name}, passed`, (db) => {
    const line = document.querySelector(`[data-testid=db-row][data-db="${db}"] [data-testid=drill-line]`);
    return line !== null && line.dataset.outcome === 'passed';
  }, name, 30_000);
  const line = (await page.locator(`[data-testid=db-row][data-db="${name}"] [data-testid=drill-line]`)
    .innerText()).replace(/\s+/g, ' ').trim();
  session.log(`the overview's drill line: "${line}"`);
  if (!/^✓ Restore drill passed .+ · restored in [\d.]+ s\b/.test(line)) {
    throw new Error(`the overview's drill line does not say when the drill passed and its time: "${line}"`);
  }

  const phone = await session.newPage('phone');
  await phone.goto(`/databases/${name}#drills`, { waitUntil: 'load' });
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  session.measured(`database page with its drills at 390 px: ${width} px wide`);
  if (width > 390) {
    throw new Error(`the page is ${width} px wide on a 390 px phone`);
  }
  await session.screenshot(phone, 'phone');
}
