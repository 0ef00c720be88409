// What the overview shows, read inside the page. Each reader works on today's markup and on the
// data-testid hooks (banner, db-row with data-db and data-status, checked-ago, next-poll,
// disconnected) once the page has them. installPageState runs in the page before its own scripts
// (context.addInitScript), so that waitForFunction can call window.__litewatch.*.
export function installPageState() {
  const rows = () => {
    const hooked = document.querySelectorAll('[data-testid=db-row]');
    return hooked.length ? [...hooked] : [...document.querySelectorAll('tbody tr')];
  };
  // A name shown in a row: its data-db, else a word of its text.
  const shows = (row, name) => row.dataset.db === name
    || (!row.dataset.db && row.innerText.split(/\s+/).includes(name));
  const showsAccessoryDown = () => [...document.querySelectorAll('[data-testid=banner]')]
    .some((banner) => /accessory|ACCESSORY_DOWN/i.test(banner.innerText))
    || document.body.innerText.includes('ACCESSORY_DOWN');
  // Every hooked row's data-status, else today's summary badge.
  const statuses = () => {
    const hooked = [...document.querySelectorAll('[data-testid=db-row][data-status]')];
    if (hooked.length) {
      return hooked.map((row) => row.dataset.status);
    }
    const badge = document.querySelector('#status .summary .badge, #status .badge');
    return badge ? [badge.textContent.trim().toLowerCase()] : [];
  };
  window.__litewatch = {
    missingDatabases: (names) => names.filter((name) => !rows().some((row) => shows(row, name))),
    showsAccessoryDown,
    statuses,
    // The installation-wide banners' texts, top first.
    banners: () => [...document.querySelectorAll('[data-testid=banner]')].map((b) => b.innerText.trim()),
    // The databases in the order the page shows them.
    order: () => rows().map((row) => row.dataset.db ?? ''),
    statusOf: (name) => rows().find((row) => row.dataset.db === name)?.dataset.status,
    disconnected: () => [...document.querySelectorAll('[data-testid=disconnected]')]
      .some((banner) => banner.offsetParent !== null && /disconnected/i.test(banner.innerText)),
    allOk: () => !showsAccessoryDown() && statuses().length > 0 && statuses().every((s) => s === 'ok'),
    // How the page refreshes itself (htmx's hx-trigger), to print beside the timings.
    refresh: () => document.querySelector('[hx-trigger*=every]')?.getAttribute('hx-trigger') ?? 'none found',
    summary: () => (document.querySelector('#status, main') ?? document.body).innerText.replace(/\s+/g, ' ')
      .slice(0, 400),
  };
}

/**
 * Waits, polling every 100 ms, until {@code predicate} holds in the page; on timeout fails
 * with what the page shows then.
 */
export async function waitForPage(page, what, predicate, arg, timeoutMs) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: timeoutMs, polling: 100 });
  }
  catch (error) {
    const shown = await page.evaluate(() => ({
      statuses: window.__litewatch?.statuses(), summary: window.__litewatch?.summary(),
    })).catch((e) => ({ error: e.message }));
    throw new Error(`${what}: not seen within ${timeoutMs / 1000}s (${error.message.split('\n')[0]});`
      + ` the page shows ${JSON.stringify(shown)}`);
  }
}
