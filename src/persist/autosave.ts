// Debounced draft autosave: the UI calls schedule() on every edit and flush() on pagehide /
// visibilitychange(hidden). Never throws; the latest scenario wins.

import type { ValidScenario } from '../scenario/index.ts';
import type { Persist } from './store.ts';
import type { SaveStatus } from './save-status.ts';

export interface Autosave {
  schedule(scenario: ValidScenario): void;
  /** writes a pending draft now; resolves with the status after the write */
  flush(): Promise<SaveStatus>;
  /** drops a pending draft without writing it */
  cancel(): void;
}

export function createAutosave(persist: Persist, delayMs = 400): Autosave {
  let pending: ValidScenario | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = async (): Promise<SaveStatus> => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    const s = pending;
    pending = null;
    return s ? persist.saveDraft(s) : persist.status();
  };
  return {
    schedule(scenario) {
      pending = scenario;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        void flush();
      }, delayMs);
    },
    flush,
    cancel() {
      pending = null;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    },
  };
}
