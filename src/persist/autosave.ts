// Debounced draft autosave: the UI calls schedule() on every edit and flush() on pagehide /
// visibilitychange(hidden). Never throws; the latest scenario wins.

import type { ValidScenario } from '../scenario/index.ts';
import type { Persist } from './persist-api.ts';
import type { SaveStatus } from './save-status.ts';

export interface Autosave {
  /** the edit and when it was made (default: when it is written) */
  schedule(scenario: ValidScenario, editedAt?: number): void;
  /** writes a pending draft now; resolves with the status after the write */
  flush(): Promise<SaveStatus>;
  /** drops a pending draft without writing it */
  cancel(): void;
}

export function createAutosave(persist: Persist, delayMs = 400): Autosave {
  let pending: ValidScenario | null = null;
  let pendingAt: number | undefined;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = async (): Promise<SaveStatus> => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    const s = pending;
    pending = null;
    return s ? persist.saveDraft(s, pendingAt) : persist.status();
  };
  return {
    schedule(scenario, editedAt) {
      pending = scenario;
      pendingAt = editedAt;
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
