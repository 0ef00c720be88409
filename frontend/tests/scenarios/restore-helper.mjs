// The restore helper: from a database's page its link leads to the helper, a time inside the
// current generation's restore window is typed in, and the printed commands stop and start the real
// container and carry the -timestamp and the restore itself; the copy button copies (the clipboard is
// read back) or, where the browser refuses, selects; screenshots on desktop and phone.
import { waitForPage } from '../lib/page-state.mjs';
import { expectedDatabases, openOverview } from './common.mjs';

/** The accessory's container as Litewatch reports it. */
/** The accessory's container, from the full /api/status a signed-in page's session reads. */
async function accessoryContainer(page) {
  const response = await page.request.get('/api/status', { timeout: 10_000 });
  const status = await response.json();
  const name = status.accessory?.container;
  if (!name) {
    throw new Error(`/api/status names no accessory container: ${JSON.stringify(status.accessory)}`);
  }
  return name;
}

/**
 * A time inside [from, to], a few seconds before its end: the end only moves on, while the start
 * moves on as retention removes old snapshots between the two requests (seen with a 20 s window).
 */
export function nearEnd(from, to) {
  const a = Date.parse(`${from}Z`);
  const b = Date.parse(`${to}Z`);
  return new Date(Math.floor(Math.max(a, b - 3_000) / 1000) * 1000).toISOString().slice(0, 19);
}

async function planShown(page, what) {
  await waitForPage(page, what, () => document.querySelector('[data-testid=restore-plan][data-verdict]') !== null,
    null, 15_000);
  return page.evaluate(() => ({
    verdict: document.querySelector('[data-testid=restore-plan]').dataset.verdict,
    timestamp: document.querySelector('[data-testid=restore-timestamp]')?.textContent,
    spans: [...document.querySelectorAll('[data-testid=restore-span]')].map((s) => ({ ...s.dataset })),
    commands: [...document.querySelectorAll('[data-testid=command]')].map((c) => ({ id: c.id, text: c.textContent })),
    width: document.documentElement.scrollWidth,
  }));
}

export async function restoreHelper(session) {
  const names = await expectedDatabases(session.base);
  const name = names.includes('production') ? 'production' : names[0];
  const page = await session.newPage('desktop');
  const container = await accessoryContainer(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.base });
  await openOverview(page, names, 'desktop');
  await page.click(`[data-testid=db-link]:text-is("${name}")`);
  await waitForPage(page, `the page of ${name}`, (db) => document.querySelector(
    `[data-testid=db-page][data-db="${db}"] [data-testid=restore-link]`) !== null, name, 20_000);
  await page.click('[data-testid=restore-link]');
  const first = await planShown(page, `the restore helper of ${name}`);
  if (new URL(page.url()).pathname !== `/databases/${name}/restore`) {
    throw new Error(`the link led to ${page.url()}`);
  }
  // The window's start moves on whenever retention removes the oldest snapshot, which on the test
  // stack can happen between reading the window and asking for a time in it: then the plan rightly
  // says BEFORE_OLDEST and shows the new window, and the scenario picks again from that.
  let shown = first;
  let at;
  let chosen;
  for (let attempt = 1; ; attempt++) {
    const current = shown.spans.find((s) => s.current === 'true');
    if (!current) {
      throw new Error(`no current generation to restore from: ${JSON.stringify(shown.spans)}`);
    }
    at = nearEnd(current.from, current.to);
    session.log(`plan ${shown.verdict} at ${shown.timestamp}; choosing ${at} in ${current.from} .. ${current.to}`);
    await page.fill('[data-testid=restore-at]', at);
    await Promise.all([page.waitForURL((url) => url.searchParams.get('at') === at), page.click(
      '[data-testid=restore-plan-button]')]);
    chosen = await planShown(page, `the plan for ${at}`);
    session.log(`plan for ${at}: ${chosen.verdict}, ${chosen.commands.length} command blocks`);
    if (chosen.verdict === 'INSIDE') {
      break;
    }
    const moved = chosen.spans.find((s) => s.current === 'true');
    if (chosen.verdict !== 'BEFORE_OLDEST' || !moved || !(moved.from > at) || attempt === 4) {
      throw new Error(`${at} lies in the current generation's window, yet the plan says ${chosen.verdict}`
        + ` (window now ${JSON.stringify(moved)})`);
    }
    shown = chosen;
  }
  if (chosen.timestamp !== `${at}Z`) {
    throw new Error(`the plan's -timestamp is ${chosen.timestamp}, not ${at}Z`);
  }
  const restore = chosen.commands.find((c) => c.text.startsWith('docker run --rm'));
  if (!restore) {
    throw new Error(`no docker run command among ${JSON.stringify(chosen.commands.map((c) => c.text))}`);
  }
  for (const part of [`-timestamp ${at}Z`, 'restore -config ', ' -o ']) {
    if (!restore.text.includes(part)) {
      throw new Error(`the restore command lacks "${part}": ${restore.text}`);
    }
  }
  // The restore runs in a new container; the real one is stopped before and started after it.
  for (const verb of ['stop', 'start']) {
    if (!chosen.commands.some((c) => c.text.split('\n').includes(`docker ${verb} ${container}`))) {
      throw new Error(`no command line reads "docker ${verb} ${container}"`);
    }
  }
  session.log(`restore command: ${restore.text}`);

  await page.click(`[data-testid=copy][data-copy="${restore.id}"]`);
  await waitForPage(page, 'the copy button\'s copied state', (id) => {
    const button = document.querySelector(`[data-copy="${id}"]`);
    return button?.dataset.copied === 'copied' || button?.dataset.copied === 'selected';
  }, restore.id, 5_000);
  const copy = await page.evaluate(async (id) => {
    const button = document.querySelector(`[data-copy="${id}"]`);
    const state = button.parentNode.querySelector('[data-copy-state]').textContent;
    let clipboard = null;
    try {
      clipboard = await navigator.clipboard.readText();
    }
    catch (error) {
      clipboard = `unreadable: ${error.message}`;
    }
    return { how: button.dataset.copied, label: button.textContent, state, clipboard,
      selection: String(window.getSelection()) };
  }, restore.id);
  session.log(`copy: ${copy.how}, button "${copy.label}", "${copy.state}"`);
  if (copy.how === 'copied') {
    if (copy.label !== 'Copied' || copy.clipboard !== restore.text) {
      throw new Error(`the button says ${copy.label} and the clipboard holds ${JSON.stringify(copy.clipboard)}`);
    }
  }
  else if (copy.selection !== restore.text) {
    throw new Error(`the clipboard was refused and the command is not selected: ${JSON.stringify(copy)}`);
  }
  await session.screenshot(page, 'desktop');

  const phone = await session.newPage('phone');
  const response = await phone.goto(page.url(), { waitUntil: 'load' });
  if (!response?.ok()) {
    throw new Error(`GET ${page.url()} answered HTTP ${response?.status()} (phone)`);
  }
  const small = await planShown(phone, `the plan for ${at} (phone)`);
  session.measured(`restore helper at 390 px: ${small.width} px wide`);
  if (small.width > 390) {
    throw new Error(`at 390 px the restore helper is ${small.width} px wide: it scrolls sideways`);
  }
  await session.screenshot(phone, 'phone');
}
