// The page when Litewatch goes away: the controller stops the app, and after two failed
// refreshes the open page must say "disconnected" with the time of its data, and dim it.
import { askController } from '../lib/controller.mjs';
import { waitForPage } from '../lib/page-state.mjs';
import { expectedDatabases, openOverview } from './common.mjs';

export async function disconnected(session) {
  const names = await expectedDatabases(session.base);
  const page = await session.newPage('desktop');
  await openOverview(page, names, 'desktop');
  const stoppedAt = await askController('stop');
  await waitForPage(page, 'the disconnected banner', () => window.__litewatch.disconnected(), null, 30_000);
  session.measured(`time from the app stopping to the disconnected banner: ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s`);
  const text = await page.evaluate(() => document.querySelector('[data-testid=disconnected]').innerText);
  if (!/\d\d:\d\d:\d\d/.test(text)) {
    throw new Error(`the disconnected banner should give the time of the data shown, it reads "${text}"`);
  }
  await session.screenshot(page, 'disconnected');
}
