// Worst first: with the overview open, the controller breaks the last database's replica (its
// bucket no longer exists in Litewatch's copy of litestream.yml); its row must move to the top
// as critical while the others keep their order, and go back once repaired.
import { askController } from '../lib/controller.mjs';
import { waitForPage } from '../lib/page-state.mjs';
import { expectedDatabases, openOverview } from './common.mjs';

export async function reorder(session) {
  const names = await expectedDatabases(session.base);
  const page = await session.newPage('desktop');
  await openOverview(page, names, 'desktop');
  await waitForPage(page, 'every database ok first', () => window.__litewatch.allOk(), null, 30_000);
  const before = await page.evaluate(() => window.__litewatch.order());
  if (JSON.stringify(before) !== JSON.stringify(names)) {
    throw new Error(`with every database ok the page should keep the config's order ${JSON.stringify(names)},`
      + ` it shows ${JSON.stringify(before)}`);
  }
  const last = names[names.length - 1];

  const brokenAt = await askController('break');
  await waitForPage(page, `${last} first and critical`, (name) => window.__litewatch.order()[0] === name
    && window.__litewatch.statusOf(name) === 'critical', last, 30_000);
  session.measured(`time from a broken replica to its row on top: ${((Date.now() - brokenAt) / 1000).toFixed(1)} s`);
  const broken = await page.evaluate(() => window.__litewatch.order());
  const rest = names.filter((name) => name !== last);
  if (JSON.stringify(broken) !== JSON.stringify([last, ...rest])) {
    throw new Error(`expected ${JSON.stringify([last, ...rest])} (worst first, then the config's order),`
      + ` the page shows ${JSON.stringify(broken)}`);
  }
  await session.screenshot(page, 'critical-on-top');

  await askController('repair');
  await waitForPage(page, 'the config\'s order again once repaired', (expected) => window.__litewatch.allOk()
    && JSON.stringify(window.__litewatch.order()) === JSON.stringify(expected), names, 30_000);
}
