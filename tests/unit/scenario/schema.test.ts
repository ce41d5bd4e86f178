// The one schema: defaults, presets, clamping and messages that name the path.
import { describe, expect, it } from 'vitest';
import {
  PARAMS,
  PRESETS,
  defaultScenario,
  loadPreset,
  parseScenario,
  MAX_TOTAL_VMS,
} from '../../../src/scenario/index.ts';

describe('scenario schema', () => {
  it('reads an empty object as the defaults, with no issues', () => {
    const { scenario, issues } = parseScenario({});
    expect(issues).toEqual([]);
    expect(scenario).toEqual(defaultScenario());
  });

  it('gives every parameter a default inside its own range, a label, help and a source', () => {
    for (const p of PARAMS) {
      expect(p.label && p.help && p.source, p.path).toBeTruthy();
      if (p.kind === 'int' || p.kind === 'number') {
        expect(p.default, p.path).toBeGreaterThanOrEqual(p.min);
        expect(p.default, p.path).toBeLessThanOrEqual(p.max);
      }
    }
  });

  for (const p of PRESETS) {
    it(`preset ${p.name} parses with no issues and round-trips`, () => {
      const s = loadPreset(p.name)!;
      const again = parseScenario(JSON.parse(JSON.stringify(s)));
      expect(again.issues).toEqual([]);
      expect(again.scenario).toEqual(s);
    });
  }

  it('models the control plane only where a preset asks for it (the 2024 replay)', () => {
    for (const p of PRESETS)
      expect(loadPreset(p.name)!.controlPlane.enabled, p.name).toBe(p.name === 'clevercloud-2024-08-02');
  });

  it('clamps out-of-range numbers and says what it kept', () => {
    const { scenario, issues } = parseScenario({ stepSeconds: 90, fleet: { hypervisors: 2.6 } });
    expect(scenario.stepSeconds).toBe(30);
    expect(scenario.fleet.hypervisors).toBe(3);
    expect(issues.map((i) => i.path)).toEqual(['stepSeconds', 'fleet.hypervisors']);
    expect(issues[0].message).toMatch(/at most 30.*clamped to 30/);
  });

  it('keeps the default for a wrong type or an unknown option, naming the path', () => {
    const { scenario, issues } = parseScenario({
      telemetry: { source: 'syslog', buffer: { maxEvents: 'lots' } },
      hypervisor: { hungTaskPanic: 'yes' },
    });
    expect(scenario.telemetry.source).toBe('socket');
    expect(scenario.telemetry.buffer.maxEvents).toBe(500);
    expect(scenario.hypervisor.hungTaskPanic).toBe(true);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['telemetry.source']).toMatch(/one of journald-volatile, journald-persistent, socket, file/);
    expect(byPath['telemetry.buffer.maxEvents']).toMatch(/must be a number/);
    expect(byPath['hypervisor.hungTaskPanic']).toMatch(/true or false/);
  });

  it('reports unknown parameters and event kinds and keeps the rest', () => {
    const { scenario, issues } = parseScenario({
      fleet: { hypervisors: 5, racks: 3 },
      events: [
        { atMinute: 5, kind: 'meteor' },
        { atMinute: 9000, kind: 'messagingOutage', durationMinutes: 30, colour: 'red' },
      ],
    });
    expect(scenario.fleet.hypervisors).toBe(5);
    expect(scenario.events).toEqual([{ atMinute: 240, kind: 'messagingOutage', durationMinutes: 30 }]);
    expect(issues.map((i) => `${i.path} ${i.action}`)).toEqual([
      'fleet.racks ignored',
      'events[0].kind ignored',
      'events[1].atMinute clamped',
      'events[1].colour ignored',
    ]);
  });

  it('refuses fleets too large to simulate quickly by clamping the host count', () => {
    const { scenario, issues } = parseScenario({ fleet: { hypervisors: 5000, vmMix: { pico: 400 } } });
    const perHost = Object.values(scenario.fleet.vmMix).reduce((a, b) => a + b, 0);
    expect(scenario.fleet.hypervisors * perHost).toBeLessThanOrEqual(MAX_TOTAL_VMS);
    expect(issues.some((i) => i.path === 'fleet.hypervisors')).toBe(true);
  });

  it('never throws on hostile input', () => {
    for (const input of [
      null,
      3,
      'x',
      [],
      { schema: 99 },
      { events: 'no' },
      { fleet: null },
      { __proto__: { seed: 5 } },
      { seed: Infinity },
    ]) {
      const { scenario } = parseScenario(input);
      expect(scenario.schema).toBe(1);
      expect(Number.isFinite(scenario.seed)).toBe(true);
    }
  });

  it('sorts events by minute, keeping the given order for ties', () => {
    const { scenario } = parseScenario({
      events: [
        { atMinute: 50, kind: 'messagingOutage', durationMinutes: 1 },
        { atMinute: 10, kind: 'messagingOutage', durationMinutes: 2 },
        { atMinute: 10, kind: 'messagingOutage', durationMinutes: 3 },
      ],
    });
    expect(scenario.events.map((e) => (e as { durationMinutes: number }).durationMinutes)).toEqual([2, 3, 1]);
  });
});
