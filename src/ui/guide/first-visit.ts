// Whether the first-visit guide was dismissed, kept in localStorage. Storage may be unavailable
// (private mode, blocked cookies): then the guide shows once per page load and can be skipped.

export const GUIDE_KEY = 'cascade.guide';

export function guideDismissed(): boolean {
  try {
    return localStorage.getItem(GUIDE_KEY) === 'done';
  } catch {
    return false;
  }
}

export function dismissGuide(): void {
  try {
    localStorage.setItem(GUIDE_KEY, 'done');
  } catch {
    // nowhere to remember it: the guide is closed for this page load only
  }
}
