// A run's name says what differs from its preset: "clevercloud-2024-08-02 + whenFull=drop_newest".
// Pure; the last part of each parameter path is enough to recognise it next to the preset name.

import { PARAMS, getPath, loadPreset, type Scenario } from '../../scenario/index.ts';

const MAX_PARTS = 3;

export function runName(s: Scenario): string {
  const base = loadPreset(s.preset);
  if (!base) return s.title || s.preset || 'custom scenario';
  const parts: string[] = [];
  for (const p of PARAMS) {
    const a = getPath(s, p.path),
      b = getPath(base, p.path);
    if (Object.is(a, b)) continue;
    const name = p.path.slice(p.path.lastIndexOf('.') + 1);
    parts.push(`${name}=${typeof a === 'number' ? Number(a.toPrecision(6)) : String(a)}`);
  }
  if (JSON.stringify(s.events) !== JSON.stringify(base.events)) parts.push('events edited');
  if (s.title !== base.title) parts.unshift(`"${s.title}"`);
  const shown = parts.slice(0, MAX_PARTS);
  const more = parts.length - shown.length;
  return [s.preset, ...shown].join(' + ') + (more > 0 ? ` + ${more} more` : '');
}
