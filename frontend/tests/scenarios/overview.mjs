// The overview as a person first sees it: every database shown, in the three views, with the
// figures the issue asks for (page weight, time to first render) and the phone-width check.
import { Session } from '../lib/browser.mjs';
import { waitForPage } from '../lib/page-state.mjs';
import { expectedDatabases, openOverview } from './common.mjs';

const KB = 1024;

// What the first load of a page fetched and when it first painted, from the page's own
// Navigation, Resource and Paint Timing entries.
async function measureLoad(page) {
  await page.waitForFunction(() => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0
    && performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10_000, polling: 100 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    // Only what the first load fetched: htmx's refreshes come later.
    const entries = [nav, ...performance.getEntriesByType('resource').filter((r) => r.startTime <= nav.loadEventEnd)];
    return {
      fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      ttfb: nav.responseStart,
      domContentLoaded: nav.domContentLoadedEventEnd,
      loaded: nav.loadEventEnd,
      entries: entries.map((e) => ({
        path: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize, transfer: e.transferSize,
      })),
    };
  });
}

const ms = (value) => `${Math.round(value)} ms`;
const kb = (bytes) => (bytes / KB).toFixed(1);

// Every replica's 24 h lag sparkline: an svg image with an accessible name and a drawn line. The
// history has a sample from the first poll on; the page refreshes itself every poll, so this waits
// (for the next refreshes, not a fixed time) until every replica shows one.
async function expectSparklines(session, page) {
  await waitForPage(page, 'a lag sparkline with a line in every replica', () => {
    const replicas = [...document.querySelectorAll('[data-testid=db-row] section.replica')];
    return replicas.length > 0 && replicas.every((r) => {
      const svg = r.querySelector('svg[data-testid=sparkline][role=img]');
      return svg !== null && /^lag over 24 h: /.test(svg.getAttribute('aria-label') ?? '')
        && (svg.querySelector('path.spark-line')?.getAttribute('d') ?? '').startsWith('M');
    });
  }, null, 20_000);
  const shown = await page.evaluate(() => [...document.querySelectorAll('[data-testid=db-row] section.replica')]
    .map((r) => `${r.getAttribute('aria-label')}: ${r.querySelector('svg[data-testid=sparkline]').getAttribute('aria-label')}`));
  session.log(`sparklines: ${JSON.stringify(shown)}`);
}

export async function overview(session) {
  const names = await expectedDatabases(session.base);

  // The app's first page since it started pays for its warm-up (template parsing, JIT): measured
  // and reported, but the figure is the next first visit, by a browser with an empty cache.
  const cold = await session.newPage('desktop');
  await openOverview(cold, names, 'desktop, first page since the app started');
  const coldLoad = await measureLoad(cold);
  const desktop = await session.newPage('desktop');
  await openOverview(desktop, names, 'desktop');
  const load = await measureLoad(desktop);

  const sum = (key) => load.entries.reduce((total, e) => total + e[key], 0);
  session.measured(`page weight: ${kb(sum('encoded'))} KB of response bodies transferred for the first load`
    + ` (${kb(sum('transfer'))} KB with headers, ${kb(sum('decoded'))} KB uncompressed), ${load.entries.length} requests: `
    + load.entries.map((e) => `${e.path} ${kb(e.encoded)} KB`).join(', '));
  session.measured(`time to first render: first-contentful-paint at ${ms(load.fcp)}, empty browser cache`
    + ` (first byte ${ms(load.ttfb)}, DOMContentLoaded ${ms(load.domContentLoaded)}, load ${ms(load.loaded)});`
    + ` the app's first page since it started: ${ms(coldLoad.fcp)} (first byte ${ms(coldLoad.ttfb)});`
    + ` ${Session.machineLoad()}`);
  session.log(`statuses shown: ${JSON.stringify(await desktop.evaluate(() => window.__litewatch.statuses()))}`);
  await expectSparklines(session, desktop);
  await session.screenshot(desktop, 'desktop');

  const phone = await session.newPage('phone');
  await openOverview(phone, names, 'phone');
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  const fits = width <= 390;
  session.measured(`phone width: at 390 px the page is ${width} px wide -> ${fits ? 'no sideways scroll' : 'SCROLLS SIDEWAYS'}`);
  await session.screenshot(phone, 'phone');
  if (!fits) {
    throw new Error(`at 390 px the page is ${width} px wide: it scrolls sideways on a phone`);
  }

  const dark = await session.newPage('dark');
  await openOverview(dark, names, 'dark');
  const background = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
  session.log(`dark mode body background: ${background}`);
  await session.screenshot(dark, 'dark');
}
