// Names a link may open on: `tab=` one of the result sections, `lesson=` one of the parameter
// groups. Each is an element id on the page (sections: `sec-NAME`, groups: `group-NAME`).

import { decodeLink, type DecodedLink, type ParamGroup } from '../../scenario/index.ts';

export const SECTIONS = ['scenario', 'verdict', 'timeline', 'charts', 'fleet', 'log', 'saved', 'compare'] as const;
export const LESSONS: readonly ParamGroup[] = ['fleet', 'vmSizes', 'telemetry', 'memory', 'hypervisor', 'messaging', 'controlPlane', 'hvAgent', 'proxy', 'tasks', 'maintenance', 'migration', 'run'];

export function readLink(search: string): DecodedLink {
  return decodeLink(search, { tabs: SECTIONS, lessons: LESSONS });
}

/** Scrolls to the section or lesson the link names and moves focus there. */
export function openSection(tab: string | null, lesson: string | null): void {
  const el = lesson ? document.getElementById(`group-${lesson}`) : tab ? document.getElementById(`sec-${tab}`) : null;
  if (!el) return;
  // a lesson's group may be collapsed
  if (el instanceof HTMLDetailsElement) el.open = true;
  el.scrollIntoView({ block: 'start' });
  const first = lesson ? el.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled])') : null;
  (first ?? el).focus({ preventScroll: true });
}
