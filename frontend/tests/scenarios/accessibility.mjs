// Keyboard and screen-reader basics on every page (overview, a database page, its restore helper,
// alerts), in light and dark: a language, one h1, a main landmark the skip link reaches, a name for
// every image, control and link, states said in words, and every link and button of the page reachable with
// Tab, each showing where the focus is.
import { waitForPage } from '../lib/page-state.mjs';
import { expectedDatabases, openOverview } from './common.mjs';

/** What a screen reader or a keyboard user would miss on the page, as sentences. */
function problems() {
  const found = [];
  const named = (el) => (el.getAttribute('aria-label') ?? '').trim() || (el.getAttribute('aria-labelledby')
    && document.getElementById(el.getAttribute('aria-labelledby'))?.innerText.trim())
    || (el.getAttribute('title') ?? '').trim() || el.innerText?.trim();
  const where = (el) => el.outerHTML.slice(0, 120);
  if (!document.documentElement.lang) found.push('<html> has no lang');
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) found.push(`${h1} h1 elements, not 1`);
  const main = document.querySelector('main');
  if (!main || !main.id) found.push('no <main> with an id');
  const skip = document.querySelector('a.skip-link');
  if (!skip || skip.getAttribute('href') !== `#${main?.id}`) found.push('the skip link does not lead to <main>');
  for (const svg of document.querySelectorAll('svg')) {
    const hidden = svg.closest('[aria-hidden="true"]');
    if (!hidden && !(svg.getAttribute('role') === 'img' && (svg.getAttribute('aria-label') ?? '').trim())) {
      found.push(`svg without role=img and a label: ${where(svg)}`);
    }
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) found.push(`img without alt: ${where(img)}`);
  }
  for (const control of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    const label = control.labels?.length || (control.getAttribute('aria-label') ?? '').trim();
    if (!label) found.push(`a form control without a label: ${where(control)}`);
  }
  for (const el of document.querySelectorAll('a[href], button')) {
    if (!named(el)) found.push(`a link or button without a name: ${where(el)}`);
  }
  for (const state of document.querySelectorAll('.state')) {
    if (!state.innerText.trim()) found.push(`a state shown by colour alone: ${where(state)}`);
  }
  return found;
}

const FOCUSABLE = 'a[href], button, input:not([type=hidden]), select, textarea';

/**
 * Tabs through the page from its top and returns which of its links and buttons the focus
 * never reached, and which it reached without a visible outline. Controls are told apart by
 * what they are (tag, target, name, text), not by node: the page swaps its content every poll,
 * and a swapped-in link is the same link.
 */
async function tabThrough(page) {
  // Written out in both page functions: they run in the page, which has no eval (CSP).
  const expected = await page.evaluate((selector) => [...new Set([...document.querySelectorAll(selector)]
    .filter((el) => !el.disabled && el.getClientRects().length > 0)
    .map((el) => [el.tagName, el.getAttribute('href'), el.id, el.name, el.getAttribute('aria-label'),
      (el.innerText ?? '').trim().slice(0, 40)].join('|')))], FOCUSABLE);
  await page.evaluate(() => document.activeElement?.blur());
  const reached = new Set();
  const unmarked = new Set();
  for (let i = 0; i < expected.length * 3 + 10 && expected.some((k) => !reached.has(k)); i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      // A date field's own calendar button is focused inside the field's shadow parts, where the
      // field itself no longer matches :focus and the browser draws that button's ring.
      const inner = !el.matches(':focus');
      const shown = inner || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== 'none';
      return { key: [el.tagName, el.getAttribute('href'), el.id, el.name, el.getAttribute('aria-label'),
        (el.innerText ?? '').trim().slice(0, 40)].join('|'), shown };
    });
    if (focused) {
      reached.add(focused.key);
      if (!focused.shown) unmarked.add(focused.key);
    }
  }
  return { total: expected.length, reached: reached.size, missed: expected.filter((k) => !reached.has(k)),
    unmarked: [...unmarked] };
}

export async function accessibility(session) {
  const names = await expectedDatabases(session.base);
  for (const view of ['desktop', 'dark']) {
    const page = await session.newPage(view);
    await openOverview(page, names, view);
    const pages = [['/', 'overview'], [`/databases/${encodeURIComponent(names[0])}`, 'database page'],
      [`/databases/${encodeURIComponent(names[0])}/restore`, 'restore helper'], ['/alerts', 'alerts']];
    for (const [path, label] of pages) {
      if (path !== '/') {
        const response = await page.goto(path, { waitUntil: 'load' });
        if (!response?.ok()) throw new Error(`GET ${path} answered HTTP ${response?.status()}`);
        await waitForPage(page, `the ${label}`, () => document.querySelector('main') !== null, null, 10_000);
      }
      const found = await page.evaluate(problems);
      if (found.length) {
        throw new Error(`${label} (${view}): ${found.length} problems: ${found.slice(0, 8).join('; ')}`);
      }
      const tab = await tabThrough(page);
      session.log(`${label} (${view}): Tab reached ${tab.reached} of ${tab.total} controls`);
      if (tab.missed.length) {
        throw new Error(`${label} (${view}): Tab never reached ${tab.missed.length}: ${tab.missed.slice(0, 5).join('; ')}`);
      }
      if (tab.unmarked.length) {
        throw new Error(`${label} (${view}): focus not visible on ${tab.unmarked.slice(0, 5).join('; ')}`);
      }
    }
    session.measured(`accessibility (${view}): overview, database page, restore helper and alerts page pass the basics; every`
      + ' link, button and field reached with Tab, each with a visible focus');
  }
}
