// Issue 25's "done when": each incident preset's single run (seed 1) sits inside the 90% band of
// its own calibrated ensemble, and that band is a minority of the fleet, as in the seeds. The
// ensemble is the first WORLDS calibrated worlds of src/scenario/calibrated/ (summary mode, each
// run computed once: runs.ts). A preset whose data accepted no world runs the prior instead, and
// fails here: recalibrate (npm run calibrate:data) or, when no world of the prior fits the
// incident, the model is what must change, not the tolerances.
import { describe, expect, it } from 'vitest';
import {
  assumptionRanges,
  measureFigures,
  memberScenario,
  planEnsemble,
  spread,
  type Figures,
} from '../../../src/core/index.ts';
import { loadPreset } from '../../../src/scenario/index.ts';
import { WHOLE_RUNS } from '../helpers.ts';
import { leanRun } from './runs.ts';

const WORLDS = 8;

/** the figure each seed is about, and the fleet it is a share of */
const HEADLINE: Record<string, { figure: keyof Figures; of: 'hosts' | 'vms' }> = {
  'clevercloud-2024-08-02': { figure: 'hostsPanicked', of: 'hosts' },
  'clevercloud-2022-04': { figure: 'crashHosts', of: 'hosts' },
  'flyingcircus-2017-08-02': { figure: 'vmsRebootedOrUnresponsive', of: 'vms' },
};

const planOf = (preset: string) =>
  planEnsemble(
    loadPreset(preset)!,
    { members: WORLDS, varyAssumptions: true, worlds: 'calibrated' },
    assumptionRanges(),
  );

function band(preset: string, plan: ReturnType<typeof planOf>) {
  const base = loadPreset(preset)!;
  const { figure, of } = HEADLINE[preset];
  const values = plan.members.map((m) => {
    const r = leanRun(memberScenario(base, m));
    return {
      x: measureFigures(r.summary, r.events)[figure] ?? 0,
      fleet: of === 'hosts' ? r.summary.hypervisors.total : r.summary.vms.total,
    };
  });
  const single = leanRun(base);
  return {
    spread: spread(values.map((v) => v.x)),
    fleet: Math.min(...values.map((v) => v.fleet)),
    single: measureFigures(single.summary, single.events)[figure] ?? 0,
  };
}

/**
 * KNOWN FAILING on today's model (issue 25's calibration, 2026-12-07; the lead knows): none of 256
 * worlds of the 2024 prior fits what happened on 2024-08-02. The first panic comes at 11:43 or
 * earlier in 95% of them (median 10:26; the seed: 12:47, after the brokers are back at 12:28),
 * the median world panics 60 of 60 hosts, and messaging never comes back in 188 of 256. So its
 * "calibrated" worlds are the prior and the band is the whole fleet. This is the model's finding,
 * for issue 24's recovery-phase physics to change; the tolerances stay. `it.fails` keeps the suite
 * green and fails the day a recalibration (npm run calibrate:data) accepts worlds that pass: then
 * remove the preset from this set.
 */
const KNOWN_FAILING = new Set(['clevercloud-2024-08-02']);

describe('each incident preset inside its calibrated ensemble', WHOLE_RUNS, () => {
  for (const preset of Object.keys(HEADLINE))
    (KNOWN_FAILING.has(preset) ? it.fails : it)(
      `${preset}: the single run is inside the 90% band, and the band is a minority of the fleet`,
      () => {
        // the worlds first: a preset whose data accepted none fails here, before running the prior's worlds
        const plan = planOf(preset);
        expect(plan.worlds?.source, plan.worlds?.note).toBe('calibrated');
        const b = band(preset, plan);
        const s = b.spread!;
        expect(b.single, `single ${b.single}, band ${s.p05} to ${s.p95}`).toBeGreaterThanOrEqual(s.p05);
        expect(b.single, `single ${b.single}, band ${s.p05} to ${s.p95}`).toBeLessThanOrEqual(s.p95);
        expect(s.p95 * 2, `p95 ${s.p95} of ${b.fleet}`).toBeLessThan(b.fleet);
      },
    );
});
