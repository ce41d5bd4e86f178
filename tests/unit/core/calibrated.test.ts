// Calibrated worlds (core/ensemble/calibrated.ts): the committed data's prior matches today's
// typical rows and presets (else: npm run calibrate:data), and an ensemble of an incident preset
// runs the accepted worlds, keeps the user's values, and falls back to the prior saying why.
import { describe, expect, it } from 'vitest';
import {
  assumptionRanges,
  calibrationBase,
  planCalibrated,
  planEnsemble,
  planWorlds,
  priorHash,
} from '../../../src/core/index.ts';
import { CALIBRATED, INCIDENTS, loadPreset, type CalibratedData } from '../../../src/scenario/index.ts';

const rows = assumptionRanges();
const P24 = 'clevercloud-2024-08-02';

describe('the committed calibrated data', () => {
  for (const incident of INCIDENTS)
    it(`${incident.preset}: drawn from today's prior (else run npm run calibrate:data)`, () => {
      const data = CALIBRATED.get(incident.preset);
      expect(data, `no readable src/scenario/calibrated/${incident.preset}.json`).toBeDefined();
      const now = priorHash(calibrationBase(incident.preset, data!.seed)!, rows);
      expect(now, 'a typical row, the preset or an observation changed: npm run calibrate:data').toBe(data!.priorHash);
    });

  it('the hash moves with a typical row (path, range or default), the preset and the seed', () => {
    const base = calibrationBase(P24, 1)!;
    const h = priorHash(base, rows);
    const i = rows.findIndex((r) => r.path === 'hypervisor.diskSpread');
    const moved = (f: (r: (typeof rows)[number]) => (typeof rows)[number]) =>
      priorHash(
        base,
        rows.map((r, j) => (j === i ? f(r) : r)),
      );
    expect(moved((r) => ({ ...r, hi: r.hi * 1.1 }))).not.toBe(h);
    expect(moved((r) => ({ ...r, default: r.default * 1.01 }))).not.toBe(h);
    expect(moved((r) => ({ ...r, path: 'hypervisor.diskSpreadX' }))).not.toBe(h);
    expect(priorHash({ ...base, durationMinutes: 300 }, rows)).not.toBe(h);
    expect(priorHash(calibrationBase(P24, 2)!, rows)).not.toBe(h);
  });
});

describe('an ensemble on calibrated worlds', () => {
  const base = calibrationBase(P24, 1)!;
  const data: CalibratedData = {
    preset: P24,
    priorHash: priorHash(base, rows),
    seed: 1,
    tried: 40,
    acceptedWorlds: [3, 17, 29],
  };
  const registry = new Map([[P24, data]]);

  it('runs the accepted worlds of the plan: their seeds and draws', () => {
    const c = planCalibrated(loadPreset(P24)!, 2, [], rows, registry);
    if (!('plan' in c)) throw new Error(c.note);
    const whole = planWorlds(base, 40, { varyAssumptions: true }, rows);
    expect(c.plan.members.map((m) => m.seed)).toEqual([4, 18]);
    expect(c.plan.members[1].draws).toEqual(whole.members[17].draws);
    expect(c.plan.worlds).toEqual({
      source: 'calibrated',
      incident: { label: 'what happened on 2024-08-02', accepted: 3, tried: 40 },
    });
  });

  it("keeps the user's value: a path the user set is never drawn", () => {
    const c = planCalibrated(loadPreset(P24)!, 3, ['hypervisor.diskReadMBps'], rows, registry);
    if (!('plan' in c)) throw new Error(c.note);
    expect(c.plan.assumptions.some((a) => a.path === 'hypervisor.diskReadMBps')).toBe(false);
    for (const m of c.plan.members) expect(m.draws.some((d) => d.path === 'hypervisor.diskReadMBps')).toBe(false);
    expect(c.plan.members[0].draws.length).toBe(c.plan.assumptions.length);
  });

  it('asks for more worlds than fit: runs those that do and says so', () => {
    const c = planCalibrated(loadPreset(P24)!, 8, [], rows, registry);
    if (!('plan' in c)) throw new Error(c.note);
    expect(c.plan.members.length).toBe(3);
    expect(c.plan.worlds?.note).toContain('3 of the 8 worlds asked for');
  });

  it('uses the prior and says why: no incident, stale data, nothing accepted', () => {
    const note = (name: string, reg: ReadonlyMap<string, CalibratedData>) => {
      const c = planCalibrated(loadPreset(name)!, 4, [], rows, reg);
      return 'note' in c ? c.note : 'a plan';
    };
    expect(note('workshop-outage', registry)).toContain('replays no incident');
    expect(note(P24, new Map([[P24, { ...data, priorHash: '00000000' }]]))).toContain('another prior');
    expect(note(P24, new Map([[P24, { ...data, acceptedWorlds: [] }]]))).toContain('none of the 40 worlds');
    expect(note(P24, new Map())).toContain('no calibrated worlds');
    const plan = planEnsemble(
      loadPreset('workshop-outage')!,
      { members: 4, varyAssumptions: true, worlds: 'calibrated' },
      rows,
    );
    expect(plan.worlds?.source).toBe('prior');
    expect(plan.members[0].draws.length).toBeGreaterThan(0);
  });
});
