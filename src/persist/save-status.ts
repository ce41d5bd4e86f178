// What the page says about saving: one status for every store method, and the plain-language
// message for each reason saving is off. statusFromError maps an IndexedDB exception to it and
// must never throw (it reads `name` and `message` off anything).

export type SaveReason = 'unavailable' | 'blocked' | 'versionchange' | 'newer' | 'quota' | 'error';
export type SaveStatus = { saving: true } | { saving: false; reason: SaveReason; message: string };

export const OK: SaveStatus = { saving: true };

const MESSAGES: Record<SaveReason, string> = {
  unavailable:
    'This browser does not let the page store data (private mode or storage disabled): saving is off. The playground still works.',
  blocked:
    'Another Cascade tab is using an older version of the saved data: saving is off until that tab is closed or reloaded.',
  versionchange:
    'A newer version of Cascade was opened in another tab: saving is off here. Reload this tab to save again.',
  newer:
    'The saved data on this computer was written by a newer version of Cascade than this page: saving is off here and nothing saved was changed. Open the newer version (clear the browser cache for this site if reloading keeps showing this one).',
  quota: 'The browser storage is full: saving is off. Delete saved runs or scenarios to free space.',
  error: 'Saving failed: saving is off for now.',
};

export function off(reason: SaveReason, detail?: string): SaveStatus {
  return { saving: false, reason, message: detail ? `${MESSAGES[reason]} (${detail})` : MESSAGES[reason] };
}

/** The status an exception from IndexedDB means. */
export function statusFromError(e: unknown): SaveStatus {
  const name = e !== null && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '';
  const message =
    e !== null && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  if (name === 'QuotaExceededError' || /quota/i.test(message)) return off('quota');
  if (name === 'VersionError') return off('newer');
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'UnknownError')
    return off('unavailable', name);
  return off('error', name || message.slice(0, 120));
}
