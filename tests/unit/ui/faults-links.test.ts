// The fault drill for how the page reads its own address and when it asks before heavy work
// (issue 27): a `#embed=1` hash link reads like the same query link; every heavy path weighs the
// biggest run it would start, an ensemble's drawn worlds included.
import { describe, expect, it } from 'vitest';
import { assumptionRanges, memberScenario, planPaired } from '../../../src/core/index.ts';
import { CONFIRM_TOTAL_VMS, loadPreset, needsConfirmation, parseScenario } from '../../../src/scenario/index.ts';
import { linkText } from '../../../src/ui/link/address.ts';
import { readLink } from '../../../src/ui/link/sections.ts';
import { heaviest } from '../../../src/ui/link/heavy.ts';

describe('fault drill: hash links read like query links', () => {
  it('#embed=1 and #preset=... open what ?embed=1 and ?preset=... open', () => {
    for (const [hash, query] of [
      ['https://x.test/app/#embed=1', 'https://x.test/app/?embed=1'],
      [
        'https://x.test/app/#embed=1&preset=clevercloud-2024-08-02',
        'https://x.test/app/?embed=1&preset=clevercloud-2024-08-02',
      ],
      ['https://x.test/app/?preset=workshop-outage#embed=1', 'https://x.test/app/?preset=workshop-outage&embed=1'],
    ]) {
      const a = readLink(linkText(hash)),
        b = readLink(linkText(query));
      expect(a.options).toEqual(b.options);
      expect(a.scenario).toEqual(b.scenario);
      expect(a.hasScenario).toBe(b.hasScenario);
    }
    expect(readLink(linkText('https://x.test/app/#embed=1')).options.embed).toBe(true);
  });

  it('an anchor (#sec-run) and a config comparison (#compare=1.…) are not part of the link', () => {
    expect(linkText('https://x.test/app/?preset=workshop-outage#sec-run')).toBe('?preset=workshop-outage');
    expect(linkText('https://x.test/app/?preset=workshop-outage#compare=1.abc&embed=1')).toBe(
      '?preset=workshop-outage&embed=1',
    );
    expect(readLink(linkText('https://x.test/app/#sec-run')).issues).toEqual([]);
  });
});

describe('fault drill: every heavy path asks before a huge fleet', () => {
  it('the 249,964-VM link: the main run asks, and so do the 16 runs of "How sure?" (8 worlds, paired)', () => {
    const link = readLink('?preset=workshop-outage&fleet.hypervisors=3289');
    const need = needsConfirmation(link.scenario);
    expect(need?.totalVms).toBe(249_964);
    const a = { ...loadPreset('workshop-outage')!, seed: link.scenario.seed };
    const { plan, diff } = planPaired(a, link.scenario, { members: 8, varyAssumptions: true }, assumptionRanges());
    const worlds = [
      ...plan.members.map((m) => memberScenario(a, m)),
      ...plan.members.map((m) => memberScenario(link.scenario, m)),
    ];
    expect(diff.length).toBeGreaterThan(0);
    expect(worlds).toHaveLength(16);
    expect(heaviest(worlds)?.totalVms).toBeGreaterThanOrEqual(need!.totalVms);
  });

  it('a scenario just under the limit can draw worlds over it: the worlds are weighed, not the scenario', () => {
    const base = loadPreset('workshop-outage')!;
    const perHost = 76;
    const s = parseScenario({
      ...base,
      fleet: { ...base.fleet, hypervisors: Math.floor(CONFIRM_TOTAL_VMS / perHost) },
    }).scenario;
    expect(needsConfirmation(s)).toBeNull();
    const { plan } = planPaired(s, null, { members: 16, varyAssumptions: true }, assumptionRanges());
    const worlds = plan.members.map((m) => memberScenario(s, m));
    expect(heaviest(worlds)).not.toBeNull();
    expect(heaviest([s])).toBeNull();
  });
});
