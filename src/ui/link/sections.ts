// Names a link may open on: `tab=` one of the sections, `lesson=` a guided lesson or one of the
// parameter groups. Each is an element id on the page (sections: `sec-NAME`, groups:
// `group-NAME`); a guided lesson opens in the lessons section.

import { GROUP_IDS, decodeLink, type DecodedLink, type ParamGroup } from '../../scenario/index.ts';
import { LESSON_BY_ID, LESSON_IDS } from '../lessons/lessons.ts';

export const SECTIONS = [
  'scenario',
  'lessons',
  'verdict',
  'timeline',
  'charts',
  'fleet',
  'log',
  'sweep',
  'saved',
  'compare',
  'builder',
] as const;
/** the parameter groups, in page order (one list: scenario's PARAM_GROUPS) */
export const GROUPS: readonly ParamGroup[] = GROUP_IDS;
/** what `lesson=` accepts: a guided lesson id, or a parameter group name (older links) */
export const LESSONS: readonly string[] = [...LESSON_IDS, ...GROUPS];

export function readLink(search: string): DecodedLink {
  return decodeLink(search, { tabs: SECTIONS, lessons: LESSONS });
}

/** True when `lesson=` names a guided lesson (not a parameter group). */
export function isGuidedLesson(name: string | null): name is string {
  return name !== null && LESSON_BY_ID.has(name);
}

/** Scrolls to the section, lesson or group the link names and moves focus there. */
export function openSection(tab: string | null, lesson: string | null): void {
  const guided = isGuidedLesson(lesson);
  const el = guided
    ? document.getElementById('lesson-title')
    : lesson
      ? document.getElementById(`group-${lesson}`)
      : tab
        ? document.getElementById(`sec-${tab}`)
        : null;
  if (!el) return;
  // a lesson's group may be collapsed
  if (el instanceof HTMLDetailsElement) el.open = true;
  // a guided lesson: its section from the top (the Lessons heading and picker above the title),
  // focus on the title
  const top = (guided && document.getElementById('sec-lessons')) || el;
  top.scrollIntoView({ block: 'start' });
  holdInView(top);
  const first =
    lesson && !guided ? el.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled])') : null;
  (first ?? el).focus({ preventScroll: true });
}

const HOLD_MS = 30_000;
const USER_MOVES = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

/**
 * Keeps `el` at the top of its column while the page fills in around it (the first run's verdict,
 * charts and fleet map arrive after the scroll and would push it out of view), until the user
 * scrolls, touches, clicks or types, or HOLD_MS pass. Browsers' scroll anchoring does not hold
 * it in a scrolling column.
 */
function holdInView(el: HTMLElement): void {
  if (typeof ResizeObserver === 'undefined') return;
  const ro = new ResizeObserver(() => el.scrollIntoView({ block: 'start' }));
  for (const part of document.querySelectorAll('#results > *, #sec-scenario > *')) ro.observe(part);
  const stop = () => {
    ro.disconnect();
    clearTimeout(timer);
    for (const t of USER_MOVES) removeEventListener(t, stop, true);
  };
  const timer = setTimeout(stop, HOLD_MS);
  for (const t of USER_MOVES) addEventListener(t, stop, { capture: true, passive: true });
}
