// The page per database: from the overview, a database's name leads to its page, which shows its
// replicas, the lag and snapshot-age charts (drawn by the server as SVG), its generations, and the
// range switch; screenshots on desktop and phone.
import { waitForPage } from '../lib/page-state.mjs';
import { expectedDatabases, openOverview } from './common.mjs';

export async function databasePage(session) {
  const names = await expectedDatabases(session.base);
  const name = names[0];
  for (const view of ['desktop', 'phone']) {
    const page = await session.newPage(view);
    await openOverview(page, names, view);
    await page.click(`[data-testid=db-link]:text-is("${name}")`);
    await waitForPage(page, `the page of ${name} (${view})`, (db) => document.querySelector(
      `[data-testid=db-page][data-db="${db}"]`) !== null && document.querySelectorAll('[data-testid=chart] svg path')
      .length >= 2, name, 20_000);
    const shown = await page.evaluate(() => ({
      path: location.pathname,
      charts: [...document.querySelectorAll('[data-testid=chart]')].map((c) => c.dataset.chart),
      drawn: [...document.querySelectorAll('[data-testid=chart] path.chart-line')]
        .filter((p) => (p.getAttribute('d') ?? '').startsWith('M')).length,
      generations: document.querySelectorAll('[data-testid=generations] tbody tr').length,
      width: document.documentElement.scrollWidth,
    }));
    session.log(`${view}: ${JSON.stringify(shown)}`);
    if (shown.path !== `/databases/${name}`) {
      throw new Error(`the link led to ${shown.path}, not /databases/${name}`);
    }
    if (shown.drawn < 2) {
      throw new Error(`expected the lag and snapshot-age charts to have a line, saw ${JSON.stringify(shown.charts)}`
        + ` with ${shown.drawn} drawn`);
    }
    if (shown.generations < 1) {
      throw new Error('the page lists no generation');
    }
    if (view === 'phone' && shown.width > 390) {
      throw new Error(`at 390 px the database page is ${shown.width} px wide: it scrolls sideways`);
    }
    await session.screenshot(page, view);
    if (view === 'desktop') {
      await page.click('[data-range="7d"]');
      await waitForPage(page, 'the 7d range', () => location.search.includes('range=7d')
        && document.querySelector('h3')?.innerText !== undefined
        && [...document.querySelectorAll('h3')].some((h) => h.innerText.includes('7d')), null, 10_000);
    }
  }
}
