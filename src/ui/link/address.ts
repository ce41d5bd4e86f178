// The address bar, written late. Each edit's address is written URL_DEBOUNCE_MS after the last
// edit (history.replaceState costs 2-80 ms of a task on a loaded machine), and at once when the
// page is hidden or closed. A reload is the one way out that reads the address bar before any
// handler of the page runs (pagehide and beforeunload come too late for it), so the pending
// address is also kept in sessionStorage (this tab only, cheap and synchronous) until written:
// the next page, when it is a reload of the address that was about to be replaced, opens the
// pending one instead.

const KEY = 'cascade.pending-address';

/** On every edit: the address the bar will show (absolute), kept until it is written. */
export function rememberPending(to: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ from: location.href, to }));
  } catch {
    // no storage (a sandboxed iframe, a full quota): the bar is still written on the timer
  }
}

/** Once the bar shows it. */
export function forgetPending(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // as above
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
 * The link an address holds, as one query: its `?query` and, when the #hash holds parameters
 * (`#embed=1`, `#preset=...`), those too, after the query's, exactly as decodeLink reads a whole
 * URL. A hash without `=` is an anchor (`#sec-run`), not part of the link.
 */
export function linkText(href: string): string {
  const url = new URL(href);
  const hash = isLinkHash(url.hash) ? url.hash.slice(1) : '';
  const query = url.search.slice(1);
  return `?${[query, hash].filter(Boolean).join('&')}`;
}

const isLinkHash = (hash: string) => hash.includes('=');

/**
 * `?query` or a path, with the page's current #hash, as an absolute address. A hash that holds
 * link parameters is dropped: the query now says everything, and the hash's older values would
 * otherwise be read after it on the next reload.
 */
export function addressOf(url: string): string {
  return new URL(url + (isLinkHash(location.hash) ? '' : location.hash), location.href).href;
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
