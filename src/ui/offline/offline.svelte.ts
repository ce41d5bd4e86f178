// Offline after the first visit: registers the service worker that vite-plugin-pwa builds (a
// Workbox precache of every file of the build, the simulation worker included) and tells the
// page what it needs to say: offline now, ready for offline use, or a new version waiting.
// A new version never reloads the page by itself: `reload()` is called only from the notice's
// button, after the caller has saved the draft.

import { registerSW } from 'virtual:pwa-register';

/** how often a page left open asks whether a new version was published (typical: hourly) */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export class Offline {
  /** false while the browser says it has no network */
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** the app is cached: it opens without a network from now on */
  ready = $state(false);
  /** a new build is installed and waits for the page to agree to reload */
  update = $state(false);
  #apply: ((reload?: boolean) => Promise<void>) | null = null;

  /** Sets up the listeners and, in a production build, the service worker. Call once. */
  start(): () => void {
    const on = () => (this.online = true);
    const off = () => (this.online = false);
    addEventListener('online', on);
    addEventListener('offline', off);
    let timer: ReturnType<typeof setInterval> | undefined;
    if (import.meta.env.PROD && 'serviceWorker' in navigator) {
      this.#apply = registerSW({
        onNeedRefresh: () => (this.update = true),
        onOfflineReady: () => (this.ready = true),
        onRegisteredSW: (_url, reg) => {
          if (reg) timer = setInterval(() => void reg.update().catch(() => {}), UPDATE_CHECK_MS);
        },
        // no service worker (private mode, blocked, file://): the page works online as before
        onRegisterError: () => {},
      });
    }
    return () => {
      removeEventListener('online', on);
      removeEventListener('offline', off);
      clearInterval(timer);
    };
  }

  /** Activates the waiting version and reloads; the caller saves the draft first. */
  reload = async (): Promise<void> => {
    this.update = false;
    // a page the old version does not control (the very first visit) gets no "controlling"
    // event from the new one: reload it by hand
    const controlled = !!navigator.serviceWorker?.controller;
    if (this.#apply) await this.#apply(true);
    if (!this.#apply || !controlled) location.reload();
  };
}
