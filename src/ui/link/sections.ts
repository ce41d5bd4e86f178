// Names a link may open on: `tab=` one of the sections, `lesson=` a guided lesson or one of the
// parameter groups. Each is an element id on the page (sections: `sec-NAME`, groups:
// `group-NAME`); a guided lesson opens in the lessons section.

import { decodeLink, type DecodedLink, type ParamGroup } from '../../scenario/index.ts';
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
export const GROUPS: readonly ParamGroup[] = [
  'fleet',
  'vmSizes',
  'telemetry',
  'memory',
  'hypervisor',
  'messaging',
  'controlPlane',
  'hvAgent',
  'proxy',
  'tasks',
  'maintenance',
  'migration',
  'run',
];
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
  el.scrollIntoView({ block: 'start' });
  const first =
    lesson && !guided ? el.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled])') : null;
  (first ?? el).focus({ preventScroll: true });
}
