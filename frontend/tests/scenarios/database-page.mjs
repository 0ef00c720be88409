// The page per database: from the overview, a database's name leads to its page, which shows its
// replicas, the lag and snapshot-age charts (drawn by the server as SVG), its generations, the WAL
// timeline with what a restore in each stretch replays, and the range switch; screenshots on
// desktop and phone.
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
      timeline: {
        bands: document.querySelectorAll('[data-testid=wal-timeline] rect.generation').length,
        ticks: document.querySelectorAll('[data-testid=wal-timeline] line.tick').length,
        stretches: [...document.querySelectorAll('[data-testid=wal-stretches] tbody tr')].map((r) => r.innerText),
      },
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
    if (shown.timeline.bands < 1 || shown.timeline.ticks < 1
      || !shown.timeline.stretches.some((t) => /index \d+/.test(t) && /WAL index/.test(t))) {
      throw new Error(`the WAL timeline shows no generation, snapshot or stretch: ${JSON.stringify(shown.timeline)}`);
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
