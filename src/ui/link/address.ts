// The address bar, written late. Each edit's address is written URL_DEBOUNCE_MS after the last
// edit (history.replaceState costs 2-80 ms of a task on a loaded machine), and at once when the
// page is hidden or closed. A reload is the one way out that reads the address bar before any
// handler of the page runs (pagehide and beforeunload come too late for it), so the pending
// address is also kept in sessionStorage (this tab only, cheap and synchronous), until the next
// page or the next edit: the next page, when it is a reload of the address that was about to be
// replaced, opens the pending one instead. It stays after the bar is written, since a reload may
// have taken the old address just before (tests/unit/ui/address-bar.test.ts); a reload of the new
// address is not a reload of the old one, and ignores it.

import { COMPARE_KEY } from '../../scenario/index.ts';

const KEY = 'cascade.pending-address';

/** On every edit: the address the bar will show (absolute), kept until it is written. */
export function rememberPending(to: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ from: location.href, to }));
  } catch {
    // no storage (a sandboxed iframe, a full quota): the bar is still written on the timer
  }
}

/**
 * The search part of the address this page opens on: the address bar, or, when this page is a
 * reload of an address an edit was about to replace, the edit's address (written into the bar at
 * once). Call once, at start; the pending address is dropped either way.
 */
export function startSearch(): string {
  return linkText(startAddress());
}

/**
 * The link an address holds, as one query: its `?query` and then the #fragment's parameters
 * (`#embed=1`, `#preset=...`), exactly as decodeLink reads a whole URL. Not part of the link: an
 * anchor (`#sec-run`, no `=`) and `compare=` (a config comparison from `check --site`, read by
 * configs/from-link.ts, kept out of the query so it never reaches a server).
 */
export function linkText(href: string): string {
  const url = new URL(href);
  const query = url.search.slice(1);
  const hash = fragment(url.hash).link.join('&');
  return `?${[query, hash].filter(Boolean).join('&')}`;
}

/** A fragment's pairs: those that are link parameters, and the rest (anchors, `compare=`). */
function fragment(hash: string): { link: string[]; rest: string[] } {
  const link: string[] = [],
    rest: string[] = [];
  for (const p of hash.replace(/^#/, '').split('&')) {
    if (!p) continue;
    (p.includes('=') && !p.startsWith(`${COMPARE_KEY}=`) ? link : rest).push(p);
  }
  return { link, rest };
}

/**
 * `?query` or a path, with the page's current #fragment, as an absolute address. The fragment's
 * link parameters are dropped: the query now says everything, and their older values would
 * otherwise be read after it on the next reload. Anchors and `compare=` stay.
 */
export function addressOf(url: string): string {
  const rest = fragment(location.hash).rest.join('&');
  return new URL(url + (rest ? `#${rest}` : ''), location.href).href;
}

function startAddress(): string {
  let raw: string | null;
  try {
    raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
  } catch {
    return location.href;
  }
  if (!raw || !isReload()) return location.href;
  try {
    const p = JSON.parse(raw) as { from?: unknown; to?: unknown };
    if (p.from !== location.href || typeof p.to !== 'string') return location.href;
    const to = new URL(p.to, location.href);
    if (to.origin !== location.origin || to.pathname !== location.pathname) return location.href;
    history.replaceState(history.state, '', to.href);
    return to.href;
  } catch {
    return location.href;
  }
}

function isReload(): boolean {
  const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.type === 'reload';
}
