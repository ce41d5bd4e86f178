// "Scale the platform with the fleet": what a resize changed, in words. The fleet-wide capacities
// (FLEET_CAPACITIES: the orchestrator's throughput and hosts, monitoring's checkers, the brokers'
// ingest) are sized for the fleet a preset describes; with the box on, a new number of hosts sizes
// them too (resizeWithPlatform). Values the user set, and values a link locked, are kept: the note
// names each.

import { PARAM_BY_PATH, type FleetResize } from '../../scenario/index.ts';
import { quantity } from '../format.ts';

const labelled = (path: string, value: number) => {
  const p = PARAM_BY_PATH.get(path);
  const unit = p && 'unit' in p ? p.unit : '';
  return { label: p?.label ?? path, value: quantity(value, unit) };
};

/** One paragraph: the host counts, each capacity scaled (before → after), each kept and why. */
export function platformNote(r: FleetResize, locked: readonly string[] = []): string {
  const hosts = r.hosts.from === r.hosts.to ? `${r.hosts.to} hosts` : `${r.hosts.from} → ${r.hosts.to} hosts`;
  const parts: string[] = [];
  if (r.scaled.length)
    parts.push(
      `Sized the platform for ${hosts}: ${r.scaled
        .map((c) => {
          const a = labelled(c.path, c.from);
          const b = labelled(c.path, c.to);
          // "20 → 40 deploys/min": the unit once when both sides end with it
          const tail = b.value.slice(b.value.lastIndexOf(' '));
          const from = a.value.endsWith(tail) ? a.value.slice(0, -tail.length) : a.value;
          return `${a.label} ${from} → ${b.value}`;
        })
        .join(', ')}.`,
    );
  else parts.push(`The platform is already sized for ${hosts}: nothing to scale.`);
  const own = r.kept.filter((k) => !locked.includes(k.path));
  const pinned = r.kept.filter((k) => locked.includes(k.path));
  const list = (ks: typeof r.kept) =>
    ks
      .map((k) => {
        const x = labelled(k.path, k.value);
        return `${x.label} ${x.value}`;
      })
      .join(', ');
  if (own.length) parts.push(`Kept your own value${own.length > 1 ? 's' : ''}: ${list(own)}.`);
  if (pinned.length) parts.push(`Kept as the link set ${pinned.length > 1 ? 'them' : 'it'}: ${list(pinned)}.`);
  return parts.join(' ');
}
