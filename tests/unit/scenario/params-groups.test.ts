// The property table by group (src/scenario/params/): each group's file holds that group's rows
// and no other, the one list of groups (PARAM_GROUPS) names every group a row uses, and the page's
// lists (the panel's order, the names `lesson=` accepts) are that list. Type checks (expectTypeOf)
// run under `npm run check`: they pin what the derived `Scenario` type gives a few kinds of row.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  GROUP_IDS,
  GROUP_LABELS,
  PARAMS,
  PARAM_GROUPS,
  EVENT_KINDS,
  type ParamGroup,
  type Scenario,
  type ScenarioEvent,
  type VmSizeSpec,
} from '../../../src/scenario/index.ts';
import { GROUP_ORDER } from '../../../src/ui/params/groups.ts';
import { GROUPS } from '../../../src/ui/link/sections.ts';

const FILES = import.meta.glob<Record<string, unknown>>('../../../src/scenario/params/*.ts', { eager: true });
/** the files that hold rows: every other file of params/ is the table's machinery */
const MACHINERY = ['index.ts', 'row.ts', 'derive.ts', 'groups.ts', 'events.ts'];
const camel = (file: string) => file.replace(/\.ts$/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** every row a group file exports: arrays of rows, and rows made per VM size by its functions */
function rowsOf(mod: Record<string, unknown>): { path: string; group: string }[] {
  const out: { path: string; group: string }[] = [];
  for (const v of Object.values(mod)) {
    if (Array.isArray(v) && v.every((r) => typeof r === 'object' && r && 'path' in r)) out.push(...v);
    if (typeof v === 'function') {
      const made = (v as (s: string) => unknown)('pico');
      out.push(...(Array.isArray(made) ? made : [made]));
    }
  }
  return out;
}

describe('the property table by group', () => {
  const groupFiles = Object.entries(FILES).filter(([f]) => !MACHINERY.some((m) => f.endsWith(`/${m}`)));

  it('has one file per group, named after it, holding only that group’s rows', () => {
    const seen = new Set<string>();
    for (const [file, mod] of groupFiles) {
      const group = camel(file.split('/').pop()!);
      expect(GROUP_IDS, file).toContain(group);
      const rows = rowsOf(mod);
      expect(rows.length, file).toBeGreaterThan(0);
      for (const r of rows) expect(r.group, `${file}: ${r.path}`).toBe(group);
      seen.add(group);
    }
    expect([...seen].sort()).toEqual([...GROUP_IDS].sort());
  });

  it('composes every group file’s rows into PARAMS, each once', () => {
    const paths = PARAMS.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const [file, mod] of groupFiles) for (const r of rowsOf(mod)) expect(paths, file).toContain(r.path);
  });

  it('lists the groups once, with a label each, and the page uses that list', () => {
    expect(new Set(GROUP_IDS).size).toBe(PARAM_GROUPS.length);
    for (const g of PARAM_GROUPS) expect(GROUP_LABELS[g.id]).toBe(g.label);
    expect(new Set(PARAMS.map((p) => p.group))).toEqual(new Set(GROUP_IDS));
    expect(GROUP_ORDER).toEqual(GROUP_IDS);
    expect(GROUPS).toEqual(GROUP_IDS);
  });

  it('keeps the table order docs/MODEL.md and links were written in: run first, spreads last', () => {
    const groups = [...new Set(PARAMS.map((p) => p.group))];
    expect(groups).toEqual(['run', ...GROUP_IDS.filter((g) => g !== 'run')]);
    expect(PARAMS.slice(-4).map((p) => p.path)).toEqual([
      'fleet.rssSpread',
      'fleet.workingSetSpread',
      'fleet.mixSpread',
      'hypervisor.diskSpread',
    ]);
    const sizes = PARAMS.map((p) => p.path).filter((p) => p.includes('.pico'));
    expect(sizes).toEqual([
      'fleet.vmMix.pico',
      'vmSizes.pico.vcpus',
      'vmSizes.pico.memoryMiB',
      'vmSizes.pico.appRssMiB',
      'vmSizes.pico.workingSetMiB',
    ]);
  });

  it('derives the Scenario type from the rows (checked by npm run check)', () => {
    expectTypeOf<ParamGroup>().toEqualTypeOf<(typeof PARAM_GROUPS)[number]['id']>();
    expectTypeOf<Scenario['hvAgent']['mode']>().toEqualTypeOf<'process-per-notification' | 'single-driver'>();
    expectTypeOf<Scenario['telemetry']['buffer']['whenFull']>().toEqualTypeOf<'block' | 'drop_newest'>();
    expectTypeOf<Scenario['controlPlane']['watchdog']>().toEqualTypeOf<boolean>();
    expectTypeOf<Scenario['clockStart']>().toEqualTypeOf<string>();
    expectTypeOf<Scenario['fleet']['vmMix']>().toEqualTypeOf<
      Record<'pico' | 'nano' | 'XS' | 'S' | 'M' | 'L' | 'XL', number>
    >();
    expectTypeOf<VmSizeSpec>().toEqualTypeOf<{
      vcpus: number;
      memoryMiB: number;
      appRssMiB: number;
      workingSetMiB: number;
    }>();
    expectTypeOf<Extract<ScenarioEvent, { kind: 'brokerSlowdown' }>>().toEqualTypeOf<{
      atMinute: number;
      kind: 'brokerSlowdown';
      durationSeconds: number;
      capacityPercent: number;
    }>();
    expectTypeOf<Extract<ScenarioEvent, { kind: 'stopProxies' }>>().toEqualTypeOf<{
      atMinute: number;
      kind: 'stopProxies';
    }>();
    const KINDS = [
      'messagingOutage',
      'rollingUpgrade',
      'rollback',
      'stopProxies',
      'startProxies',
      'stopAllBrokers',
      'startOneBroker',
      'startAllBrokers',
      'lookupStall',
      'brokerSlowdown',
      'shedLookups',
      'enableFallbackBus',
      'pauseMonitoring',
      'stopWatchdog',
      'maintenanceWindow',
      'revertChange',
      'stopAutomation',
      'drainHosts',
      'undrainHosts',
      'cleanZombieVms',
      'stopNoisyVms',
      'dropMonitoringQueue',
      'resumeMonitoring',
      'addHosts',
    ] as const;
    expectTypeOf<ScenarioEvent['kind']>().toEqualTypeOf<(typeof KINDS)[number]>();
    expect(EVENT_KINDS.map((k) => k.kind)).toEqual(KINDS);
  });
});
