import { waitForPage } from '../lib/page-state.mjs';

/** The databases the app monitors, from its own /api/status (HTTP 503 still carries them). */
export async function expectedDatabases(base) {
  const url = new URL('/api/status', base);
  let response;
  let status;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    status = await response.json();
  }
  catch (error) {
    throw new Error(`cannot read ${url}: ${error.cause?.message ?? error.message}`);
  }
  const names = (status.databases ?? []).map((db) => db.name);
  if (!names.length) {
    throw new Error(`/api/status lists no database (HTTP ${response.status})`);
  }
  return names;
}

/** Opens the overview and waits until it shows every database in {@code names}. */
export async function openOverview(page, names, view) {
  const response = await page.goto('/', { waitUntil: 'load' });
  if (!response || !response.ok()) {
    throw new Error(`GET / answered HTTP ${response?.status()} (${view})`);
  }
  await waitForPage(page, `the overview showing ${names.join(', ')} (${view})`,
    (expected) => window.__litewatch.missingDatabases(expected).length === 0, names, 20_000);
}
