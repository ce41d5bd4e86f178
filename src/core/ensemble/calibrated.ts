// Calibrated worlds (issue 25): the worlds of the prior that fit what the preset's incident
// reported. A calibration (calibrate.ts, `sim calibrate`) draws `tried` worlds from the prior of
// the preset at a seed, runs them and keeps those inside every observation's tolerance; the data
// (scenario's CALIBRATED) stores the plan's seed and size and the accepted indices. Here the plan
// is drawn again and the accepted worlds become an ensemble's members: the same seed and draws
// that were accepted, except the draws of paths the user set (kept at the user's value).
// The data is used only while the prior it was drawn from is the prior of today's table and
// preset (priorHash); otherwise the ensemble runs the prior and says why.

import { CALIBRATED, incidentOf, loadPreset, type CalibratedData, type Scenario } from '../../scenario/index.ts';
import { PLAN_DESIGN, planWorlds, priorRanges, type AssumptionRange, type EnsemblePlan } from './design.ts';

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
 * The calibrated plan of `n` members for `scenario` (the first n accepted worlds, or all of them
 * when fewer), or why there is none: the caller runs the prior then and shows the note.
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
  if (priorHash(base, rows) !== data.priorHash)
    return {
      note: `the calibrated worlds of ${name} were drawn from another prior (a typical row, the preset or an observation changed since; npm run calibrate:data): the full prior`,
    };
  if (!data.acceptedWorlds.length)
    return { note: `none of the ${data.tried} worlds drawn from the prior fits ${incident.label}: the full prior` };
  const take = data.acceptedWorlds.slice(0, n);
  const wanted = new Set(take);
  const design = planWorlds(base, data.tried, { varyAssumptions: true }, rows, (i) => wanted.has(i));
  const byIndex = new Map(design.members.map((m) => [m.index, m]));
  const skip = new Set(fixed);
  const keep = design.assumptions.flatMap((a, j) => (skip.has(a.path) ? [] : [j]));
  const members = take.map((w, i) => {
    const m = byIndex.get(w)!;
    return { index: i, seed: m.seed, draws: keep.map((j) => m.draws[j]) };
  });
  const label = incident.label;
  return {
    plan: {
      members,
      assumptions: keep.map((j) => design.assumptions[j]),
      worlds: {
        source: 'calibrated',
        incident: { label, accepted: data.acceptedWorlds.length, tried: data.tried },
        ...(take.length < n
          ? { note: `${take.length} of the ${n} worlds asked for: only ${take.length} of ${data.tried} fit ${label}` }
          : {}),
      },
    },
  };
}
