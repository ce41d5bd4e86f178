// Opening the saved-work database: the version upgrade (schema.ts), a blocked open (another
// tab holds an older version), a newer database on disk. Must never reject: every outcome
// resolves with a Persist whose status() says whether saving works (see store.ts).

import { wrap, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, upgrade, type CascadeDB } from './schema.ts';
import { off, statusFromError } from './save-status.ts';
import { Store } from './store.ts';
import type { Persist } from './persist-api.ts';

export interface OpenOptions {
  /** default: globalThis.indexedDB; null means unavailable */
  factory?: IDBFactory | null;
  name?: string;
  /** tests only: open at another version than DB_VERSION */
  version?: number;
  /** clock for createdAt/updatedAt (default Date.now) */
  now?: () => number;
}

/**
 * Opens the store. Never rejects: resolves when the database is open, has failed, or is
 * blocked by another tab (then it finishes opening in the background; see onStatus).
 */
export function openPersist(options: OpenOptions = {}): Promise<Persist> {
  const now = options.now ?? (() => Date.now());
  const factory =
    options.factory === undefined ? (globalThis as { indexedDB?: IDBFactory }).indexedDB : options.factory;
  const store = new Store(off('unavailable'), now);
  if (!factory) return Promise.resolve(store);
  const version = options.version ?? DB_VERSION;
  return new Promise<Persist>((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(options.name ?? DB_NAME, version);
    } catch (e) {
      store.setStatus(statusFromError(e));
      resolve(store);
      return;
    }
    request.onupgradeneeded = (ev) => {
      try {
        const db = wrap(request.result) as unknown as IDBPDatabase<CascadeDB>;
        const tx = wrap(request.transaction!) as unknown as Parameters<typeof upgrade>[3];
        upgrade(db, ev.oldVersion, ev.newVersion ?? version, tx);
      } catch (e) {
        try {
          request.transaction?.abort();
        } catch {
          /* already finished */
        }
        store.setStatus(statusFromError(e));
      }
    };
    request.onblocked = () => {
      store.setStatus(off('blocked'));
      resolve(store);
    };
    request.onsuccess = () => {
      store.attach(request.result);
      resolve(store);
    };
    request.onerror = (ev) => {
      ev.preventDefault?.();
      store.setStatus(statusFromError(request.error));
      resolve(store);
    };
  });
}
