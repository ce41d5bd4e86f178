// The address bar written late (src/ui/session/address-bar.ts, src/ui/link/address.ts): a reload
// must open the scenario on screen whenever it comes, also when the debounced write of the bar lands
// while the reload is already on its way (the browser took the old address when the reload began;
// the old page still runs its timers until the new one commits). That race made the browser test
// "two tabs" (tests/e2e/faults-persist.spec.ts) open the edit before the last one now and then.
// Each tab here is the globals a page sees: its address, history, sessionStorage and how it was
// navigated to.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AddressBar, URL_DEBOUNCE_MS } from '../../../src/ui/session/address-bar.ts';
import { startSearch } from '../../../src/ui/link/address.ts';

const ORIGIN = 'https://cascade.test';
const at = (hosts: number) => `?preset=workshop-outage&fleet.hypervisors=${hosts}`;

/** One tab: its session storage outlives a reload; everything else is the page's. */
function tab(start: string) {
  const store = new Map<string, string>();
  let href = new URL(start, ORIGIN).href;
  let navigation = 'navigate';
  const location = {
    get href() {
      return href;
    },
    get pathname() {
      return new URL(href).pathname;
    },
    get origin() {
      return ORIGIN;
    },
    get hash() {
      return new URL(href).hash;
    },
    get search() {
      return new URL(href).search;
    },
  };
  vi.stubGlobal('location', location);
  vi.stubGlobal('history', {
    state: null,
    replaceState: (_: unknown, __: string, url: string) => (href = new URL(url, href).href),
  });
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
  vi.stubGlobal('performance', { getEntriesByType: () => [{ type: navigation }] });
  return {
    /** the browser loads `url` in this tab as a new page (the same session storage) */
    load(url: string, how: 'reload' | 'navigate') {
      href = new URL(url, ORIGIN).href;
      navigation = how;
    },
  };
}

/** what the new page opens: the query it reads its scenario from */
const opens = () => new URLSearchParams(startSearch().slice(1)).get('fleet.hypervisors');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a reload opens the last edit, whenever the bar is written', () => {
  it('the reload begins before the debounce, and the bar is written while it is on its way', () => {
    const t = tab(at(2));
    const bar = new AddressBar();
    bar.schedule(at(1)); // the edit: 2 -> 1 hosts
    const requested = location.href; // the reload begins: the browser asks for the address shown now
    vi.advanceTimersByTime(URL_DEBOUNCE_MS); // the old page's timer still fires: the bar shows 1
    expect(location.href).toContain('hypervisors=1');
    bar.write(); // pagehide
    t.load(requested, 'reload');
    expect(opens()).toBe('1');
  });

  it('the reload begins before the debounce and the bar is written on pagehide', () => {
    const t = tab(at(2));
    const bar = new AddressBar();
    bar.schedule(at(1));
    const requested = location.href;
    bar.write();
    t.load(requested, 'reload');
    expect(opens()).toBe('1');
  });

  it('the reload begins after the bar was written: the address itself', () => {
    const t = tab(at(2));
    const bar = new AddressBar();
    bar.schedule(at(1));
    vi.advanceTimersByTime(URL_DEBOUNCE_MS);
    t.load(location.href, 'reload');
    expect(opens()).toBe('1');
  });

  it('a pending address is for a reload of the address it replaced, once', () => {
    const t = tab(at(2));
    new AddressBar().schedule(at(1));
    // another address typed in this tab is not a reload: it opens as it is
    t.load(at(5), 'navigate');
    expect(opens()).toBe('5');
    // and the pending address is gone: a later reload of the old address opens that address
    t.load(at(2), 'reload');
    expect(opens()).toBe('2');
  });
});
