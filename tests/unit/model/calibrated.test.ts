// Issue 25's "done when": each incident preset's single run (seed 1) sits inside the 90% band of
// its own calibrated worlds, and that band is a minority of the fleet, as in the seeds. The band
// comes from the figures each calibrated world measured when the calibration ran it (stored in
// src/scenario/calibrated/, taken by weight as an ensemble takes them), so this costs no run but
// the shared single run. What keeps those stored figures honest: one calibrated world per preset
// runs again here and must measure exactly the figures stored, so a change to the model or to a
// typical row without recalibration (npm run calibrate:data) fails here.
import { describe, expect, it } from 'vitest';
import {
  assumptionRanges,
  measureFigures,
  memberScenario,
  planEnsemble,
  resampleWorlds,
  runAgainstIncident,
  runObserved,
  spread,
  type Figures,
} from '../../../src/core/index.ts';
import { CALIBRATED, incidentOf, loadPreset } from '../../../src/scenario/index.ts';
import { WHOLE_RUNS } from '../helpers.ts';
import { leanRun } from './runs.ts';

/** the figure each seed is about, and the fleet it is a share of */
const HEADLINE: Record<string, { figure: keyof Figures; of: 'hosts' | 'vms' }> = {
  'clevercloud-2024-08-02': { figure: 'hostsPanicked', of: 'hosts' },
  'clevercloud-2022-04': { figure: 'crashHosts', of: 'hosts' },
  'flyingcircus-2017-08-02': { figure: 'vmsRebootedOrUnresponsive', of: 'vms' },
};

describe('each incident preset inside its calibrated worlds', WHOLE_RUNS, () => {
  for (const preset of Object.keys(HEADLINE)) {
    it(`${preset}: the single run is inside the 90% band of the calibrated worlds, a minority of the fleet`, () => {
      const base = loadPreset(preset)!;
      const plan = planEnsemble(
        base,
        { members: 256, varyAssumptions: true, worlds: 'calibrated' },
        assumptionRanges(),
      );
      expect(plan.worlds?.source, plan.worlds?.note).toBe('calibrated');
      const data = CALIBRATED.get(preset)!;
      const { figure, of } = HEADLINE[preset];
      // every world by weight (an equal-weight set as large as the calibrated worlds)
      const values = resampleWorlds(
        data.worlds.map((w) => w.weight),
        data.worlds.length,
      ).map((i) => data.worlds[i].figures[figure] ?? 0);
      const s = spread(values)!;
      const single = leanRun(base);
      // the run is itself a world the incident allows: so a calibrated ensemble at the preset's seed
      // runs it as world 1 (planCalibrated), and the band below contains the run it qualifies
      const observed = runAgainstIncident(incidentOf(preset)!, single.summary, single.events);
      expect(observed.filter((o) => !o.fits).map((o) => `${o.id} ${o.value}`)).toEqual([]);
      expect(observed.length).toBeGreaterThan(0);
      expect(plan.members[0].seed).toBe(base.seed);
      expect(memberScenario(base, plan.members[0])).toEqual(base);
      const x = measureFigures(single.summary, single.events)[figure] ?? 0;
      const fleet = of === 'hosts' ? single.summary.hypervisors.total : single.summary.vms.total;
      expect(x, `single ${x}, band ${s.p05} to ${s.p95}`).toBeGreaterThanOrEqual(s.p05);
      expect(x, `single ${x}, band ${s.p05} to ${s.p95}`).toBeLessThanOrEqual(s.p95);
      expect(s.p95 * 2, `p95 ${s.p95} of ${fleet}`).toBeLessThan(fleet);
    });

    it(`${preset}: a calibrated world run again measures exactly the figures stored`, () => {
      const base = loadPreset(preset)!;
      // world 1 is the run itself; world 2 the first stored world by weight
      const plan = planEnsemble(base, { members: 2, varyAssumptions: true, worlds: 'calibrated' }, assumptionRanges());
      expect(plan.worlds?.source, plan.worlds?.note).toBe('calibrated');
      const data = CALIBRATED.get(preset)!;
      const stored =
        data.worlds[
          resampleWorlds(
            data.worlds.map((w) => w.weight),
            1,
          )[0]
        ];
      const m = plan.members[1];
      expect(m.seed).toBe(stored.seed);
      const { figures } = runObserved(memberScenario(base, m));
      expect(figures, 'the model or a typical row changed since the calibration: npm run calibrate:data').toEqual(
        stored.figures,
      );
    });
  }
});
