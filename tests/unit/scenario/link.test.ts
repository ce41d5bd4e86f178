// Scenario links: round-trips, old links keep opening, hostile links load what is valid.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fixtures from '../fixtures/links-v1.json';
import {
  PARAMS,
  PRESETS,
  EVENT_KINDS,
  MAX_LINK_CHARS,
  CONFIRM_TOTAL_VMS,
  decodeLink,
  LINK_VERSION,
  encodeLink,
  shareUrl,
  loadPreset,
  parseScenario,
  setPath,
  type Param,
  type Scenario,
} from '../../../src/scenario/index.ts';
import { PROPERTIES } from '../helpers.ts';

function valueArb(p: Param): fc.Arbitrary<unknown> {
  switch (p.kind) {
    case 'int':
      return fc.integer({ min: p.min, max: Math.min(p.max, Number.MAX_SAFE_INTEGER) });
    case 'number':
      return fc.double({ min: p.min, max: p.max, noNaN: true, noDefaultInfinity: true });
    case 'bool':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...p.options);
    case 'string':
      return p.path === 'clockStart'
        ? fc
            .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
            .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
        : fc.constant(p.default);
  }
}

/** A random valid scenario: a preset or the defaults, some parameters changed, maybe events and a title. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    base: fc.constantFrom('custom', ...PRESETS.map((p) => p.name)),
    changes: fc
      .subarray(PARAMS.slice())
      .chain((ps) => fc.tuple(...ps.map((p) => valueArb(p).map((v) => [p.path, v] as const)))),
    title: fc.option(fc.string({ maxLength: 120 }), { nil: undefined }),
    events: fc.option(
      fc.array(
        fc.record({ atMinute: fc.integer({ min: 0, max: 10 }), durationMinutes: fc.integer({ min: 1, max: 500 }) }),
        { maxLength: 5 },
      ),
      { nil: undefined },
    ),
  })
  .map(({ base, changes, title, events }) => {
    const s = JSON.parse(JSON.stringify(base === 'custom' ? parseScenario({}).scenario : loadPreset(base)!)) as Record<
      string,
      unknown
    >;
    for (const [path, v] of changes) setPath(s, path, v);
    if (title !== undefined) s.title = title;
    if (events !== undefined) s.events = events.map((e) => ({ ...e, kind: EVENT_KINDS[0].kind }));
    return parseScenario(s).scenario; // cross-field rules (fleet size, zones) applied once
  });

describe('scenario links', () => {
  for (const p of PRESETS) {
    it(`round-trips preset ${p.name} as a short readable link`, () => {
      const s = loadPreset(p.name)!;
      const link = encodeLink(s);
      expect(link.form).toBe('readable');
      // the oldest version that reads it whole: its last revision's (issue 24: 3, and 4 for the 2024 fallback bus), else 1
      const revised: Record<string, number> = {
        'clevercloud-2024-08-02': 4,
        'clevercloud-2022-04': 3,
        'flyingcircus-2017-08-02': 3,
      };
      expect(link.query).toBe(`v=${revised[p.name] ?? 1}&preset=${p.name}&seed=${s.seed}`);
      const back = decodeLink('?' + link.query);
      expect(back.issues).toEqual([]);
      expect(back.scenario).toEqual(s);
    });
  }

  it('writes only the parameters that differ from the preset, as path=value', () => {
    const s = loadPreset('workshop-outage')!;
    s.seed = 3;
    s.telemetry.buffer.whenFull = 'drop_newest';
    s.clockStart = '09:30';
    expect(encodeLink(s, { hide: ['seed'], lock: ['telemetry.source'], tab: 'charts', present: true }).query).toBe(
      'v=1&preset=workshop-outage&seed=3&clockStart=09:30&telemetry.buffer.whenFull=drop_newest&hide=seed&lock=telemetry.source&tab=charts&present=1',
    );
  });

  it('carries a lesson step and embed mode as readable option keys, and checks them', () => {
    const s = loadPreset('workshop-outage')!;
    const link = encodeLink(s, { lesson: 'the-outage', step: 3, embed: true });
    expect(link.query).toBe('v=1&preset=workshop-outage&seed=1&lesson=the-outage&step=3&embed=1');
    const back = decodeLink(link.query, { lessons: ['the-outage'] });
    expect(back.issues).toEqual([]);
    expect(back.options).toMatchObject({ lesson: 'the-outage', step: 3, embed: true });
    // step 1 is the default and is not written; no step without a lesson
    expect(encodeLink(s, { lesson: 'the-outage', step: 1 }).query).not.toContain('step=');
    expect(encodeLink(s, { step: 4 }).query).not.toContain('step=');
    // off unless set: options of a link without them have no such keys
    const plain = decodeLink('?preset=workshop-outage');
    expect('embed' in plain.options || 'step' in plain.options).toBe(false);
    expect(decodeLink('?embed=0').options.embed).toBeUndefined();
    const bad = decodeLink('?preset=workshop-outage&lesson=the-outage&step=0&embed=yes', { lessons: ['the-outage'] });
    expect(bad.issues.map((i) => i.path)).toEqual(['embed', 'step']);
    expect(bad.issues[1].message).toContain('opened the first step');
    expect(bad.options.step).toBeUndefined();
    expect(bad.options.embed).toBeUndefined();
    const lonely = decodeLink('?preset=workshop-outage&step=2');
    expect(lonely.issues.map((i) => i.message)).toEqual(['step=2 needs a lesson=; ignored']);
  });

  it('builds the share URL from the page address, dropping its old query and fragment', () => {
    const s = loadPreset('workshop-outage')!;
    expect(shareUrl('https://x.test/play/?preset=old#tab=a', s).url).toBe(
      'https://x.test/play/?v=1&preset=workshop-outage&seed=1',
    );
    expect(decodeLink(shareUrl('http://localhost:4173/', s, { present: true }).url).options.present).toBe(true);
  });

  it('writes edited events readably, and falls back to the compact form for a title', () => {
    const s = loadPreset('workshop-outage')!;
    s.events = [
      { atMinute: 3, kind: 'messagingOutage', durationMinutes: 7.5 },
      { atMinute: 100, kind: 'messagingOutage', durationMinutes: 20 },
    ];
    const a = encodeLink(s);
    expect(a.form).toBe('readable');
    expect(a.query).toBe('v=1&preset=workshop-outage&seed=1&events=messagingOutage@3:7.5,messagingOutage@100:20');
    expect(decodeLink(a.query).scenario).toEqual(s);
    s.events = [];
    expect(encodeLink(s).query).toBe('v=1&preset=workshop-outage&seed=1&events=');
    expect(decodeLink(encodeLink(s).query).scenario.events).toEqual([]);
    s.title = 'Ünïcode ✓ <b>bold</b>';
    const b = encodeLink(s);
    expect(b.form).toBe('compact');
    expect(b.query).toMatch(/^v=1&s=[A-Za-z0-9_-]+&seed=1$/);
    expect(decodeLink(b.query).scenario).toEqual(s);
  });

  it("round-trips the operators' actions (issue 24): each kind with its fields, in the table's order", () => {
    const s = loadPreset('clevercloud-2024-08-02')!;
    s.events = [
      { atMinute: 105, kind: 'revertChange' },
      { atMinute: 120, kind: 'stopAutomation', hostsAtOnce: 2 },
      { atMinute: 230, kind: 'drainHosts', count: 12 },
      { atMinute: 248, kind: 'cleanZombieVms' },
      { atMinute: 345, kind: 'dropMonitoringQueue' },
      { atMinute: 365, kind: 'addHosts', count: 6 },
      { atMinute: 384, kind: 'stopNoisyVms', durationMinutes: 126, perMinute: 2.5 },
      { atMinute: 425, kind: 'undrainHosts' },
      { atMinute: 516, kind: 'resumeMonitoring' },
    ];
    const a = encodeLink(s);
    expect(a.form).toBe('readable');
    expect(a.query).toContain(
      'events=revertChange@105,stopAutomation@120:2,drainHosts@230:12,cleanZombieVms@248,dropMonitoringQueue@345,' +
        'addHosts@365:6,stopNoisyVms@384:126:2.5,undrainHosts@425,resumeMonitoring@516',
    );
    const d = decodeLink(a.query);
    expect(d.issues).toEqual([]);
    expect(d.scenario).toEqual(s);
    // a hand-written one with its fields left out takes the table's defaults
    expect(
      decodeLink('?v=3&preset=clevercloud-2024-08-02&events=drainHosts@230,stopNoisyVms@384').scenario.events,
    ).toEqual([
      { atMinute: 230, kind: 'drainHosts', count: 12 },
      { atMinute: 384, kind: 'stopNoisyVms', durationMinutes: 126, perMinute: 3 },
    ]);
  });

  it('reads hand-written events and reports the malformed ones', () => {
    const d = decodeLink(
      '?preset=custom&events=messagingOutage@10:120, meteor@5:1 ,garbage,messagingOutage@20,messagingOutage@x:5,messagingOutage@30:5:9',
    );
    expect(d.scenario.events).toEqual([
      { atMinute: 0, kind: 'messagingOutage', durationMinutes: 5 },
      { atMinute: 10, kind: 'messagingOutage', durationMinutes: 120 },
      { atMinute: 20, kind: 'messagingOutage', durationMinutes: 120 },
      { atMinute: 30, kind: 'messagingOutage', durationMinutes: 5 },
    ]);
    expect(d.issues.map((i) => `${i.path} ${i.action}`)).toEqual([
      'events[1] ignored',
      'events[2] ignored',
      'events[5] ignored',
      'events[4].atMinute defaulted',
    ]);
    const many = decodeLink(
      '?events=' + Array.from({ length: 250 }, (_, i) => `messagingOutage@${i % 200}:1`).join(','),
    );
    expect(many.scenario.events).toHaveLength(200);
    expect(many.issues.map((i) => i.message)).toEqual(['at most 200 events (got 250); kept the first 200']);
  });

  it('fits the largest allowed event list in a link', () => {
    const s = loadPreset('workshop-outage')!;
    s.title = 'Many outages';
    s.events = Array.from({ length: 200 }, (_, i) => ({
      atMinute: i + 0.25,
      kind: 'messagingOutage' as const,
      durationMinutes: 12.75,
    }));
    const link = encodeLink(s);
    expect(link.fits).toBe(true);
    expect(decodeLink(link.query).scenario).toEqual(s);
  });

  it('round-trips random valid scenarios with no issues (property)', PROPERTIES, () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), (s, present) => {
        const link = encodeLink(s, { present, hide: ['seed'] });
        expect(link.fits).toBe(true);
        const back = decodeLink('?' + link.query);
        expect(back.issues).toEqual([]);
        expect(back.scenario).toEqual(s);
        expect(back.options.present).toBe(present);
        expect(back.options.hide).toEqual(['seed']);
      }),
      { numRuns: 300 },
    );
  });

  it('an old link of a revised preset keeps its meaning: the values the preset had are pinned', () => {
    // links-v1.json's 2024 link ran 6 hours with no operator action; the preset now runs to 20:00 with them
    const old = decodeLink('?v=1&preset=clevercloud-2024-08-02&seed=42');
    expect(old.issues).toEqual([]);
    expect(old.scenario.durationMinutes).toBe(360);
    expect(old.scenario.events.map((e) => e.kind)).not.toContain('drainHosts');
    expect(old.scenario.events).toHaveLength(10);
    // a v3 link (before the 2024 fallback bus moved to the seed's 12:31) keeps it at 11:50
    const v3 = decodeLink('?v=3&preset=clevercloud-2024-08-02&seed=42').scenario.events;
    expect(v3.find((e) => e.kind === 'enableFallbackBus')?.atMinute).toBe(110);
    expect(v3.map((e) => e.kind)).toContain('drainHosts');
    expect(loadPreset('clevercloud-2024-08-02')!.events.find((e) => e.kind === 'enableFallbackBus')?.atMinute).toBe(
      151,
    );
    // what the link set itself wins over the pin
    expect(decodeLink('?v=2&preset=clevercloud-2024-08-02&durationMinutes=500').scenario.durationMinutes).toBe(500);
    const y2017 = decodeLink('?v=1&preset=flyingcircus-2017-08-02').scenario;
    expect([y2017.clockStart, y2017.events.length]).toEqual(['06:00', 1]);
    expect(decodeLink('?v=1&preset=clevercloud-2022-04').scenario.events).toEqual([]);
    // a link written now opens the preset as it is now, and says so with v=4
    const now = loadPreset('clevercloud-2024-08-02')!;
    const link = encodeLink(now).query;
    expect(link).toMatch(/^v=4&/);
    expect(decodeLink(link).scenario).toEqual(now);
    // a preset never revised still writes v=1
    expect(encodeLink(loadPreset('workshop-outage')!).query).toMatch(/^v=1&/);
  });

  it('a link without a version was written by hand: it opens each preset as it is now', () => {
    // Cascade writes v= in every link it makes; a hand-written ?preset= link (a handout, the docs)
    // means today's preset. Until session 15 it was read as v=1 and opened the 2024 preset's 6-hour
    // revision (0 of 60 hosts panicked), the 2022 preset without its revert, and 2017 at 06:00.
    for (const name of [
      'clevercloud-2024-08-02',
      'clevercloud-2022-04',
      'flyingcircus-2017-08-02',
      'workshop-outage',
    ]) {
      const d = decodeLink(`?preset=${name}`);
      expect(d.issues, name).toEqual([]);
      expect(d.version, name).toBe(LINK_VERSION);
      expect(d.scenario, name).toEqual(loadPreset(name));
    }
    const edited = decodeLink('?preset=clevercloud-2024-08-02&fleet.hypervisors=3&seed=5').scenario;
    expect(edited).toEqual({
      ...loadPreset('clevercloud-2024-08-02')!,
      seed: 5,
      fleet: { ...loadPreset('clevercloud-2024-08-02')!.fleet, hypervisors: 3 },
    });
    // the same links with v=1 keep the values the presets had then
    expect(decodeLink('?v=1&preset=clevercloud-2024-08-02').scenario.durationMinutes).toBe(360);
  });

  describe('old links keep opening (fixtures/links-v1.json)', () => {
    for (const f of fixtures.links) {
      it(f.name, () => {
        const d = decodeLink(f.link, { tabs: ['charts', 'timeline', 'fleet'], lessons: ['backpressure'] });
        expect(d.issues.map((i) => i.path)).toEqual(f.issues);
        expect(d.hasScenario).toBe(true);
        for (const [path, value] of Object.entries(f.expected)) {
          const got = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], d.scenario);
          expect(got, path).toEqual(value);
        }
        if ('options' in f) expect(d.options).toEqual(f.options);
      });
    }
  });

  describe('malformed and hostile links load the valid part', () => {
    it('clamps bad values, ignores unknown parameters, keeps the rest', () => {
      const d = decodeLink(
        '?v=1&preset=workshop-outage&seed=9&stepSeconds=90&fleet.hypervisors=lots&telemetry.buffer.whenFull=drop_newest&colour=red&hypervisor.hungTaskPanic=maybe',
      );
      expect(d.scenario.seed).toBe(9);
      expect(d.scenario.stepSeconds).toBe(30);
      expect(d.scenario.fleet.hypervisors).toBe(12);
      expect(d.scenario.telemetry.buffer.whenFull).toBe('drop_newest');
      expect(d.scenario.hypervisor.hungTaskPanic).toBe(true);
      const byPath = Object.fromEntries(d.issues.map((i) => [i.path, i]));
      expect(byPath['stepSeconds'].message).toMatch(/clamped to 30/);
      expect(byPath['fleet.hypervisors'].message).toMatch(/must be a number.*kept 12/);
      expect(byPath['colour']).toMatchObject({
        action: 'ignored',
        message: expect.stringMatching(/unknown link parameter "colour"; ignored/),
      });
      expect(byPath['hypervisor.hungTaskPanic'].message).toMatch(/kept true/);
    });

    it('an unknown preset or a damaged encoded scenario starts from the default preset, with the rest applied', () => {
      const a = decodeLink('?preset=nope&seed=4');
      expect(a.scenario.preset).toBe('workshop-outage');
      expect(a.scenario.seed).toBe(4);
      expect(a.issues.map((i) => i.path)).toEqual(['preset']);
      const b = decodeLink('?v=1&s=%%%not-base64&seed=4');
      expect(b.scenario.seed).toBe(4);
      expect(b.issues.map((i) => i.path)).toEqual(['s']);
      const c = decodeLink('?s=' + Buffer.from('[1,2]').toString('base64url'));
      expect(c.issues.map((i) => i.path)).toEqual(['s']);
    });

    it('refuses a huge link whole and caps the number of parameters', () => {
      const huge = decodeLink('?seed=5&x=' + 'a'.repeat(MAX_LINK_CHARS));
      expect(huge.scenario).toEqual(loadPreset('workshop-outage'));
      expect(huge.hasScenario).toBe(false);
      expect(huge.issues).toHaveLength(1);
      expect(huge.issues[0].message).toMatch(/more than 8192; ignored it whole/);
      const many = decodeLink('?' + Array.from({ length: 400 }, (_, i) => `k${i}=1`).join('&'));
      expect(many.issues[0].message).toMatch(/400 parameters, more than 256/);
      expect(many.issues).toHaveLength(257);
    });

    it('keeps markup as inert data and never lets it through a value', () => {
      const d = decodeLink(
        '?preset=<img src=x onerror=alert(1)>&telemetry.source=<script>alert(1)</script>&<svg/onload=alert(1)>=1&tab=<b>x</b>&hide=<i>,seed',
      );
      expect(d.scenario.preset).toBe('workshop-outage');
      expect(d.scenario.telemetry.source).toBe('socket');
      expect(d.options.tab).toBeNull();
      expect(d.options.hide).toEqual(['seed']);
      expect(JSON.stringify(d.scenario)).not.toMatch(/[<>]/);
      for (const i of d.issues) expect(typeof i.message).toBe('string');
      // an encoded scenario may carry any title: it is data, shown as text by the UI
      const s = loadPreset('workshop-outage')!;
      s.title = '<script>alert(1)</script>';
      expect(decodeLink(encodeLink(s).query).scenario.title).toBe('<script>alert(1)</script>');
    });

    it('ignores prototype keys', () => {
      const payload = Buffer.from('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"seed":2}').toString(
        'base64url',
      );
      const d = decodeLink(`?s=${payload}&__proto__.polluted=1&constructor.prototype.x=1`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(d.issues.every((i) => i.action === 'ignored')).toBe(true);
    });

    it('reads a newer or unknown link version as the current one and says so', () => {
      expect(decodeLink('?v=9&preset=workshop-outage&seed=2').issues[0]).toMatchObject({
        path: 'v',
        message: expect.stringMatching(/newer version/),
      });
      expect(decodeLink('?v=abc&seed=2').issues[0].path).toBe('v');
      expect(decodeLink('?v=9&seed=2').scenario.seed).toBe(2);
    });

    it('asks before a fleet larger than the page simulates quickly', () => {
      const d = decodeLink('?preset=workshop-outage&fleet.hypervisors=3000');
      expect(d.options.needsConfirmation?.totalVms).toBe(3000 * 76);
      expect(d.options.needsConfirmation!.totalVms).toBeGreaterThan(CONFIRM_TOTAL_VMS);
      expect(decodeLink('?preset=workshop-outage').options.needsConfirmation).toBeNull();
    });

    it('reports repeated keys, unknown lessons, and an empty link', () => {
      const d = decodeLink('?seed=1&seed=2&lesson=nope', { lessons: ['backpressure'] });
      expect(d.scenario.seed).toBe(2);
      expect(d.issues.map((i) => i.path)).toEqual(['seed', 'lesson']);
      const e = decodeLink('');
      expect(e).toMatchObject({ issues: [], hasScenario: false });
      expect(e.scenario).toEqual(loadPreset('workshop-outage'));
    });

    it('never throws on arbitrary text (property)', PROPERTIES, () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), (text) => {
          const d = decodeLink(text);
          expect(parseScenario(JSON.parse(JSON.stringify(d.scenario))).issues).toEqual([]);
        }),
        { numRuns: 500 },
      );
    });
  });
});
