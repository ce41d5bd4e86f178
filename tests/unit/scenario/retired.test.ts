// Retired parameters: an old link, import or saved draft that carries one is told what replaced it
// and that its value was not kept; the rest of the scenario opens as usual.
import { describe, expect, it } from 'vitest';
import { PARAM_BY_PATH, decodeLink, loadPreset, parseScenario } from '../../../src/scenario/index.ts';
import { RETIRED_PARAMS } from '../../../src/scenario/retired.ts';

describe('retired parameters', () => {
  it('are never current parameters', () => {
    for (const path of RETIRED_PARAMS.keys()) expect(PARAM_BY_PATH.has(path), path).toBe(false);
  });

  it('an import naming one says what replaced it and that its value was ignored; the rest is kept', () => {
    const base = loadPreset('clevercloud-2024-08-02')!;
    const { scenario, issues } = parseScenario({
      ...base,
      memory: { ...base.memory, reclaimCpuShare: 0.3, faultThreadsPerVcpu: 3 },
    });
    const issue = issues.find((i) => i.path === 'memory.reclaimCpuShare');
    expect(issue?.message).toContain('memory.faultCpuMicros');
    expect(issue?.message).toContain('not carried over');
    expect(issue?.action).toBe('ignored');
    expect(scenario.memory.faultThreadsPerVcpu).toBe(3);
  });

  it('a v3 share link carrying one opens, with the same note', () => {
    const d = decodeLink('?v=3&preset=clevercloud-2024-08-02&memory.reclaimCpuShare=0.3&seed=4');
    const issue = d.issues.find((i) => i.path === 'memory.reclaimCpuShare');
    expect(issue?.message).toContain('memory.faultCpuMicros');
    expect(d.scenario.seed).toBe(4);
  });

  it("an unknown key named like an Object member gets the plain message, not Object's", () => {
    const d = decodeLink('?preset=workshop-outage&constructor=1');
    expect(d.issues.find((i) => i.path === 'constructor')?.message).toBe(
      'unknown link parameter "constructor"; ignored',
    );
  });
});
