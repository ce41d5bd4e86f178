// Calibrated worlds (issue 25): worlds that fit what the preset's incident reported. A
// calibration (calibrate.ts, `sim calibrate`, in waves: smc.ts) runs worlds of the prior of the
// preset at a seed and keeps those inside every observation's tolerance; the data (scenario's
// CALIBRATED) stores each kept world whole: seed, weight, draws by path and figures. Here they
// become an ensemble's members (resampleWorlds: by weight): the same seed and draws that were
// accepted, except the draws of paths the user set (kept at the user's value).
// The data is used only while the prior it was drawn from is the prior of today's table and
// preset (priorHash); otherwise the ensemble runs the prior and says why.

import { CALIBRATED, incidentOf, loadPreset, type CalibratedData, type Scenario } from '../../scenario/index.ts';
import { PLAN_DESIGN, priorRanges, runWorld, type AssumptionRange, type EnsemblePlan } from './design.ts';

/** FNV-1a of a text, 8 hex digits. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The prior of a calibration, hashed: the preset's whole scenario (every default, at the plan's
 * seed), the typical rows it draws (path, range, default, int, valid range), the ranges drawn,
 * how worlds are drawn from them (PLAN_DESIGN) and the incident's observations. Any change to a typical row, the preset or an observation changes it.
 */
export function priorHash(preset: Scenario, rows: readonly AssumptionRange[]): string {
  const ranges = priorRanges(preset, [], rows);
  const drawn = new Set(ranges.map((r) => r.path));
  const incident = incidentOf(preset.preset);
  return fnv1a(
    JSON.stringify({
      design: PLAN_DESIGN,
      scenario: preset,
      rows: rows.filter((r) => drawn.has(r.path)),
      ranges,
      observations: incident?.observations ?? [],
    }),
  );
}

/** The preset of `name` at `seed` (the scenario a calibration draws its worlds from). */
export function calibrationBase(name: string, seed: number): Scenario | undefined {
  const p = loadPreset(name);
  return p && { ...p, seed };
}

/**
 * Which calibrated worlds an ensemble of `n` runs: systematic resampling of their weights
 * (Kitagawa 1996; Douc, Cappé & Moulines 2005) with the fixed offset 1/2, so no random number:
 * k = min(n, worlds) equal-weight members, member i the world whose cumulative weight first
 * passes (i + 1/2) / k. With equal weights (one wave) it is every world in order (or every
 * (worlds / k)th); a world of large weight can stand for several members, one of tiny weight
 * for none. The indices come back ascending.
 */
export function resampleWorlds(weights: readonly number[], n: number): number[] {
  const k = Math.min(n, weights.length);
  const out: number[] = [];
  let acc = 0,
    j = 0;
  const total = weights.reduce((a, w) => a + w, 0);
  for (let i = 0; i < k; i++) {
    const u = ((i + 0.5) / k) * total;
    while (j < weights.length - 1 && acc + weights[j] <= u) acc += weights[j++];
    out.push(j);
  }
  return out;
}

/**
 * The calibrated plan of `n` members for `scenario` (resampleWorlds over the stored worlds), or
 * why there is none: the caller runs the prior then and shows the note.
 */
export function planCalibrated(
  scenario: Scenario,
  n: number,
  fixed: readonly string[],
  rows: readonly AssumptionRange[],
  /** the calibrated data by preset (tests give their own) */
  registry: ReadonlyMap<string, CalibratedData> = CALIBRATED,
): { plan: EnsemblePlan } | { note: string } {
  const name = scenario.preset;
  const incident = incidentOf(name);
  if (!incident)
    return {
      note: loadPreset(name)
        ? `${name} replays no incident, so no world can be checked against one: the full prior`
        : 'a scenario of no preset has no incident to calibrate against: the full prior',
    };
  const data = registry.get(name);
  const base = data && calibrationBase(name, data.seed);
  if (!data || !base) return { note: `${name} has no calibrated worlds (npm run calibrate:data): the full prior` };
  const stale = `the calibrated worlds of ${name} were drawn from another prior (a typical row, the preset or an observation changed since; npm run calibrate:data): the full prior`;
  if (priorHash(base, rows) !== data.priorHash) return { note: stale };
  if (!data.worlds.length)
    return {
      note: `none of the ${data.tried} worlds drawn from the prior or moved from its best fits ${incident.label}: the full prior`,
    };
  const ranges = priorRanges(base, [], rows);
  if (data.worlds.some((w) => ranges.some((r) => typeof w.draws[r.path] !== 'number'))) return { note: stale };
  const skip = new Set(fixed);
  const keep = ranges.filter((r) => !skip.has(r.path));
  // World 1 is the run itself when it is a world the incident allows: the preset's typical world at
  // the calibration's seed fits every observation (tests/unit/model/calibrated.test.ts checks it for
  // each incident preset), so at that seed the ensemble contains the run it qualifies, every
  // constant at the scenario's own value. At another seed that world was never checked: beside.
  const own = scenario.seed === data.seed;
  const take = resampleWorlds(
    data.worlds.map((w) => w.weight),
    own ? n - 1 : n,
  );
  const members = take.map((w, i) => {
    const world = data.worlds[w];
    return {
      index: own ? i + 1 : i,
      seed: world.seed,
      draws: keep.map((r) => ({ path: r.path, value: world.draws[r.path] })),
    };
  });
  if (own)
    members.unshift(
      runWorld(
        scenario,
        keep.map((r) => r.path),
      ),
    );
  const label = incident.label;
  const accepted = data.worlds.length;
  return {
    plan: {
      members,
      assumptions: keep.map(({ path, lo, hi }) => ({ path, lo, hi })),
      worlds: {
        source: 'calibrated',
        incident: { label, accepted, tried: data.tried },
        ...(members.length < n
          ? {
              note: `${members.length} of the ${n} worlds asked for: only ${accepted} of the ${data.tried} tried fit ${label}`,
            }
          : {}),
      },
    },
  };
}
