// Litewatch's page script: what htmx does not do. Loaded as a file (no inline script, no on*
// attributes), so the page keeps working under a Content-Security-Policy without 'unsafe-inline'.
// Everything it needs comes from data- attributes the server renders:
//  - the refreshed region (an element with hx-trigger "every …"): data-checked-at, data-next-poll-at,
//    data-refresh-at, data-polling, data-now, data-title, data-favicon, data-summary;
//  - <time data-rel> (relative text), <time data-rel="until"> (a countdown), <time data-clock>
//    (a time of day): their titles get the browser's own zone added, and their text is kept current;
//  - <button data-copy="<id>">: copies the text of the element with that id (the restore helper's
//    commands), and says so in the button and in the [data-copy-state] next to it.
(function () {
  'use strict';

  var FAILURES_BEFORE_DISCONNECTED = 2;
  var REQUEST_TIMEOUT_MS = 10000;

  var script = document.currentScript;
  var iconBase = ((script && script.getAttribute('data-icons')) || '/icons').replace(/\/?$/, '/');
  // Server time minus browser time, so relative texts agree with what the server rendered.
  var offset = 0;
  var failures = 0;
  var refreshedFor = null;

  function now() {
    return Date.now() + offset;
  }

  // The same words as io.litewatch.time.HumanDuration.spoken and .relative.
  function spoken(ms) {
    var s = Math.floor(ms / 1000);
    if (s < 1) return '< 1 s';
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min';
    if (s < 86400) {
      var m = Math.floor((s % 3600) / 60);
      return Math.floor(s / 3600) + ' h' + (m ? ' ' + m + ' min' : '');
    }
    var h = Math.floor((s % 86400) / 3600);
    return Math.floor(s / 86400) + ' d' + (h ? ' ' + h + ' h' : '');
  }

  function relative(at, reference) {
    var d = reference - at;
    if (d < 0) return 'in ' + spoken(Math.ceil(-d / 1000) * 1000);
    return d < 1000 ? 'just now' : spoken(d) + ' ago';
  }

  function parse(iso) {
    var t = iso ? Date.parse(iso) : NaN;
    return isNaN(t) ? null : t;
  }

  var zone = (function () {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      return '';
    }
  })();
  var browserIsUtc = /^(Etc\/)?(UTC|GMT|Universal|Zulu)$/.test(zone);

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function localClock(t, seconds) {
    var d = new Date(t);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + (seconds ? ':' + pad(d.getSeconds()) : '');
  }

  function localDate(t) {
    var d = new Date(t);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function localFull(t) {
    return localDate(t) + ' ' + localClock(t, true) + (zone ? ' ' + zone : ' local');
  }

  // Adds the browser's zone to each new <time>'s title, and shows times of day in that zone.
  function localise(root) {
    var times = root.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      if (el.hasAttribute('data-localised')) continue;
      el.setAttribute('data-localised', '');
      var t = parse(el.getAttribute('datetime'));
      if (t === null || browserIsUtc) continue;
      var utc = el.getAttribute('title') || '';
      el.setAttribute('title', utc + (utc ? ' · ' : '') + localFull(t));
      if (el.hasAttribute('data-clock')) {
        var today = localDate(t) === localDate(now());
        el.textContent = (today ? '' : localDate(t) + ' ') + localClock(t, false);
      }
    }
  }

  function tickTimes() {
    var times = document.querySelectorAll('time[data-rel]');
    var n = now();
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      var t = parse(el.getAttribute('datetime'));
      if (t === null) continue;
      if (el.getAttribute('data-rel') === 'until') {
        el.textContent = t > n ? relative(t, n) : 'any moment now';
      } else {
        el.textContent = relative(t, n);
      }
    }
  }

  // The region that refreshes itself: the one element polling with "every".
  function region() {
    return document.querySelector('[hx-trigger^="every"]');
  }

  function tickClock() {
    var r = region();
    if (!r) return;
    var n = now();
    var checked = parse(r.getAttribute('data-checked-at'));
    var next = parse(r.getAttribute('data-next-poll-at'));
    var ago = document.querySelector('[data-testid="checked-ago"]');
    var upcoming = document.querySelector('[data-testid="next-poll"]');
    if (ago && checked !== null) ago.textContent = relative(checked, n);
    if (upcoming && next !== null) {
      upcoming.textContent = r.getAttribute('data-polling') === 'true' ? 'under way'
        : next > n ? relative(next, n) : 'due now';
    }
    // Ask for the next poll's result as soon as it should be there, rather than up to one
    // refresh interval later; once per poll shown.
    var refreshAt = r.getAttribute('data-refresh-at');
    var due = parse(refreshAt);
    if (due !== null && n >= due && refreshedFor !== refreshAt && failures === 0 && window.htmx) {
      refreshedFor = refreshAt;
      window.htmx.trigger(r, 'refresh');
    }
  }

  function tick() {
    tickTimes();
    tickClock();
  }

  // The tab carries the worst state and its count; the summary line is announced when it changes.
  function adopt(r) {
    if (!r) return;
    var serverNow = parse(r.getAttribute('data-now'));
    if (serverNow !== null) offset = serverNow - Date.now();
    var title = r.getAttribute('data-title');
    if (title && document.title !== title) document.title = title;
    var state = r.getAttribute('data-favicon');
    var icon = document.querySelector('link[data-favicon]');
    if (state && icon) {
      var href = iconBase + state + '.svg';
      if (icon.getAttribute('href') !== href) icon.setAttribute('href', href);
    }
    var summary = r.getAttribute('data-summary');
    var line = document.getElementById('status-summary');
    if (summary && line && line.textContent !== summary) line.textContent = summary;
  }

  function showDisconnected(show) {
    var banner = document.querySelector('[data-testid="disconnected"]');
    document.body.classList.toggle('is-disconnected', show);
    if (!banner) return;
    if (show) {
      var r = region();
      var asOf = r && (r.getAttribute('data-checked-at') || r.getAttribute('data-now'));
      var t = parse(asOf);
      var time = banner.querySelector('time');
      if (time && t !== null) {
        time.setAttribute('datetime', new Date(t).toISOString());
        time.textContent = localClock(t, true);
        time.setAttribute('title', new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
          + (browserIsUtc ? '' : ' · ' + localFull(t)));
      }
    }
    banner.hidden = !show;
  }

  function isRefresh(event) {
    var elt = event.detail && event.detail.elt;
    return elt && elt === region();
  }

  function onAfterRequest(event) {
    if (!isRefresh(event)) return;
    if (event.detail.successful === true) {
      failures = 0;
      showDisconnected(false);
    } else {
      failures++;
      if (failures >= FAILURES_BEFORE_DISCONNECTED) showDisconnected(true);
    }
  }

  var COPIED_MS = 4000;

  // The Clipboard API needs a secure context (https, or localhost) and the page's focus; where it
  // is refused the command is selected instead, so Ctrl+C copies it, and the page says which.
  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyBySelection(el) {
    selectText(el);
    try {
      return document.execCommand('copy');
    } catch (e) {
      return false;
    }
  }

  function showCopied(button, how) {
    var state = button.parentNode && button.parentNode.querySelector('[data-copy-state]');
    button.setAttribute('data-copied', how);
    button.textContent = how === 'copied' ? 'Copied' : 'Selected';
    if (state) {
      state.textContent = how === 'copied' ? 'copied to the clipboard' : 'selected: press Ctrl+C (\u2318C) to copy';
    }
    window.clearTimeout(button.litewatchCopyTimer);
    button.litewatchCopyTimer = window.setTimeout(function () {
      button.removeAttribute('data-copied');
      button.textContent = 'Copy';
      if (state) state.textContent = '';
    }, COPIED_MS);
  }

  function onCopy(event) {
    var button = event.target && event.target.closest ? event.target.closest('[data-copy]') : null;
    if (!button) return;
    var el = document.getElementById(button.getAttribute('data-copy'));
    if (!el) return;
    var text = el.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        showCopied(button, 'copied');
      }, function () {
        showCopied(button, copyBySelection(el) ? 'copied' : 'selected');
      });
    } else {
      showCopied(button, copyBySelection(el) ? 'copied' : 'selected');
    }
  }

  function onLoad(root) {
    localise(root);
    adopt(region());
    tick();
  }

  // Spring Security's CSRF token (layout.html's <meta name="_csrf">) on every request htmx sends that
  // is not a GET: forms carry it as a field already, htmx's own requests need it as a header.
  function addCsrfHeader(event) {
    var verb = (event.detail && event.detail.verb || 'get').toLowerCase();
    if (verb === 'get' || verb === 'head') return;
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) event.detail.headers[header.getAttribute('content')] = token.getAttribute('content');
  }

  function start() {
    document.body.addEventListener('htmx:configRequest', addCsrfHeader);
    if (window.htmx) {
      window.htmx.config.timeout = REQUEST_TIMEOUT_MS;
      window.htmx.onLoad(onLoad);
    }
    onLoad(document.body);
    document.body.addEventListener('htmx:afterRequest', onAfterRequest);
    document.addEventListener('click', onCopy);
    window.setInterval(tick, 1000);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
