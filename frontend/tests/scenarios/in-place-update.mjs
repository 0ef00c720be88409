// The page updates in place: with the overview open (no reload), the controller stops the
// Litestream container and the page must say so, then starts it again and the page must return
// to ok. Measures the time from the fault to the page showing it.
import { randomUUID } from 'node:crypto';
import { Session } from '../lib/browser.mjs';
import { askController } from '../lib/controller.mjs';
import { waitForPage } from '../lib/page-state.mjs';
import { expectedDatabases, openOverview } from './common.mjs';

export async function inPlaceUpdate(session) {
  const names = await expectedDatabases(session.base);
  const page = await session.newPage('desktop');
  await openOverview(page, names, 'desktop');
  await waitForPage(page, 'every database ok before the fault', () => window.__litewatch.allOk(), null, 30_000);
  const refresh = await page.evaluate(() => window.__litewatch.refresh());

  // A reload would lose this mark, and would count as a navigation of the main frame.
  const mark = randomUUID();
  await page.evaluate((value) => { window.__litewatchMark = value; }, mark);
  const navigations = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) {
      navigations.push(frame.url());
    }
  });
  const stayedInPlace = async (when) => {
    if ((await page.evaluate(() => window.__litewatchMark)) !== mark || navigations.length) {
      throw new Error(`the page was reloaded or navigated ${when} (${navigations.join(', ') || 'mark lost'}):`
        + ' it must update in place');
    }
  };

  const faultAt = await askController('fault');
  await waitForPage(page, 'the accessory-down state on the open page', () => window.__litewatch.showsAccessoryDown(),
    null, 30_000);
  const seenAt = Date.now();
  await stayedInPlace('while showing the fault');
  // One cause, said once; the rows it holds back never read ok.
  const shown = await page.evaluate(() => ({ banners: window.__litewatch.banners(),
    statuses: window.__litewatch.statuses() }));
  const accessoryBanners = shown.banners.filter((text) => /accessory|ACCESSORY_DOWN|container/i.test(text));
  if (accessoryBanners.length !== 1) {
    throw new Error(`expected one banner for the stopped container, saw ${JSON.stringify(shown.banners)}`);
  }
  if (shown.statuses.some((status) => status === 'ok')) {
    throw new Error(`rows held back by the stopped container must not read ok: ${JSON.stringify(shown.statuses)}`);
  }
  session.measured(`time from fault to page showing it: ${((seenAt - faultAt) / 1000).toFixed(1)} s`
    + ` (Litestream container stopped -> accessory down on the open page, no reload; page refresh: ${refresh}; ${Session.machineLoad()})`);
  await session.screenshot(page, 'down');

  const restartAt = await askController('restart');
  await waitForPage(page, 'every database ok again after the restart', () => window.__litewatch.allOk(), null, 60_000);
  const okAt = Date.now();
  await stayedInPlace('while recovering');
  session.measured(`time from restart to page showing ok: ${((okAt - restartAt) / 1000).toFixed(1)} s`);
  await session.screenshot(page, 'recovered');
}
