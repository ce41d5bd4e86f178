// npm run -s profile: writes a V8 CPU profile of the fleet bench to profiles/ (open it in Chrome
// DevTools > Performance, or speedscope) and prints where the time goes: self time by function,
// the table ARCHITECTURE.md quotes. Reads the newest .cpuprofile in the folder given.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function selfTimes(p: CpuProfile): { name: string; ms: number; share: number }[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    // line numbers are the transformed module's (tsx), so only the file is named
    const where = f.url ? relative(process.cwd(), f.url.replace(/^file:\/\//, '')) : '';
    const name = `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    ms.set(name, (ms.get(name) ?? 0) + dt);
  });
  return [...ms.entries()].map(([name, t]) => ({ name, ms: t, share: t / total })).sort((a, b) => b.ms - a.ms);
}

function main(): void {
  const dir = process.argv[2] ?? 'profiles';
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!files.length) {
    process.stderr.write(`profile: no .cpuprofile in ${dir}\n`);
    process.exit(2);
  }
  const rows = selfTimes(JSON.parse(readFileSync(files[0], 'utf8')) as CpuProfile).slice(0, 15);
  process.stdout.write(`${files[0]}\n| self time | share | function |\n|---:|---:|---|\n`);
  for (const r of rows)
    process.stdout.write(`| ${r.ms.toFixed(0)} ms | ${(r.share * 100).toFixed(1)}% | ${r.name} |\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
