// The address bar follows the scenario on screen, so a reload opens the same one: the start
// scenario's address at once, each edit's URL_DEBOUNCE_MS after the last one (history.replaceState
// costs 2-80 ms of the edit's task on a loaded machine), and at once when the page is hidden or
// closed and before a share. A reload inside the debounce reads the old address: link/address.ts
// keeps the pending one in sessionStorage for the next page. Writing the bar leaves it there: a
// reload may have taken the old address already (the old page still runs its timers while the new
// one loads), and only the next page can tell (its address is the old one); it drops it either way.

import { addressOf, rememberPending } from '../link/address.ts';

/** the URL bar is written this long after the last edit (or at once when the page goes away) */
export const URL_DEBOUNCE_MS = 300;

export class AddressBar {
  /** the address the URL bar should show, while a write is pending */
  #pending: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Writes a pending address into the bar now (the debounce's end, a share, the start scenario). */
  flush = (): void => {
    this.write();
  };

  /**
   * Writes a pending address, keeping it in sessionStorage: a reload may already be on its way to
   * the old address, from a hidden page or from one whose debounce ends while the reload loads
   * (address.ts); the next page drops the pending one unless it is that reload. True when something
   * was pending.
   */
  write(): boolean {
    clearTimeout(this.#timer);
    const url = this.#pending;
    if (url === null) return false;
    this.#pending = null;
    const next = addressOf(url);
    if (next !== location.href) history.replaceState(history.state, '', next);
    return true;
  }

  /** The start scenario's address (`?query`, or a bare path when the scenario is too long): at once. */
  now(url: string): void {
    this.#pending = url;
    this.flush();
  }

  /** An edit's address: into the bar URL_DEBOUNCE_MS after the last edit. */
  schedule(url: string): void {
    this.#pending = url;
    rememberPending(addressOf(url));
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.flush, URL_DEBOUNCE_MS);
  }
}
