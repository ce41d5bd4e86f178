// Challenges in share links (link format v2): the codec round-trips, plain links stay v1, and
// every part of a challenge is untrusted input with a clear message for what was not used.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fixtures from '../fixtures/links-v2.json';
import {
  ANSWER_PREFIX,
  MAX_CHALLENGE_WORLDS,
  MAX_NAME_CHARS,
  PARAMS,
  challengeDifferences,
  challengeKey,
  decodeLink,
  encodeLink,
  formatGoal,
  getPath,
  loadPreset,
  parseScenario,
  type Challenge,
  type Scenario,
  type ValidScenario,
} from '../../../src/scenario/index.ts';

const at = (s: Scenario, path: string): unknown => (path === 'events.length' ? s.events.length : getPath(s, path));

function startWith(changes: Record<string, unknown>): ValidScenario {
  const raw = JSON.parse(JSON.stringify(loadPreset('workshop-outage')!));
  for (const [k, v] of Object.entries(changes)) {
    const keys = k.split('.');
    let o = raw;
    for (const key of keys.slice(0, -1)) o = o[key];
    o[keys[keys.length - 1]] = v;
  }
  const p = parseScenario(raw);
  expect(p.issues).toEqual([]);
  return p.scenario;
}

const RULES: Challenge = {
  goal: { noPanic: true, maxDroppedPct: 10, maxLostPct: null },
  worlds: 4,
  allow: ['telemetry.buffer.whenFull', 'telemetry.buffer.maxEvents'],
  budget: 1,
};

describe('challenge links: encode and decode', () => {
  const start = startWith({ 'fleet.hypervisors': 3, durationMinutes: 150 });

  it('a challenge link says v=2, keeps the start readable and opens the start with the checklist rules', () => {
    const link = encodeLink(start, { challenge: { ...RULES, start } });
    expect(link.query).toBe(
      `v=2&preset=workshop-outage&seed=1&durationMinutes=150&fleet.hypervisors=3` +
        '&goal=nopanic,dropped:10&worlds=4&allow=telemetry.buffer.whenFull,telemetry.buffer.maxEvents&budget=1',
    );
    const d = decodeLink(link.query);
    expect(d.issues).toEqual([]);
    expect(d.version).toBe(2);
    expect(d.scenario).toEqual(start);
    expect(d.options.challenge).toEqual({ ...RULES, start, by: null });
  });

  it('a plain link still says v=1, so an older build opens it without a warning', () => {
    expect(encodeLink(start).query).toMatch(/^v=1&/);
    expect(encodeLink(start, { challenge: null, lock: ['seed'] }).query).toContain('lock=seed');
  });

  it('the answer travels as answer.<path> pairs: only the allowed controls that differ from the start', () => {
    const answer = startWith({
      'fleet.hypervisors': 3,
      durationMinutes: 150,
      'telemetry.buffer.whenFull': 'drop_newest',
    });
    const link = encodeLink(answer, { challenge: { ...RULES, start, by: 'Ana' } });
    expect(link.query).toContain(`&${ANSWER_PREFIX}telemetry.buffer.whenFull=drop_newest&by=Ana`);
    // the start part is the start, not the answer
    expect(link.query).not.toMatch(/&telemetry\.buffer\.whenFull=/);
    const d = decodeLink(link.query);
    expect(d.issues).toEqual([]);
    expect(d.scenario).toEqual(answer);
    expect(d.options.challenge!.start).toEqual(start);
    expect(d.options.challenge!.by).toBe('Ana');
    // a locked parameter that differs in the scenario given is not written (the challenge locks it)
    const cheat = startWith({ 'fleet.hypervisors': 1, durationMinutes: 150, 'fleet.zones': 1 });
    expect(encodeLink(cheat, { challenge: { ...RULES, start } }).query).not.toContain('answer.');
  });

  it('locks every parameter the challenge does not allow, and the events; hidden ones stay hidden', () => {
    const d = decodeLink(encodeLink(start, { challenge: { ...RULES, start }, hide: ['seed'], lock: ['seed'] }).query);
    expect(d.options.hide).toEqual(['seed']);
    expect(d.options.lock).toContain('events');
    expect(d.options.lock).toContain('fleet.hypervisors');
    expect(d.options.lock).not.toContain('seed');
    for (const p of RULES.allow) expect(d.options.lock).not.toContain(p);
    expect(d.options.lock).toHaveLength(PARAMS.length - RULES.allow.length - 1 + 1);
  });

  it('round-trips random challenges and answers (property)', () => {
    const paths = PARAMS.filter((p) => p.kind === 'enum' || p.kind === 'bool').map((p) => p.path);
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
        fc.integer({ min: 1, max: MAX_CHALLENGE_WORLDS }),
        fc.uniqueArray(fc.constantFrom(...paths), { minLength: 1, maxLength: 5 }),
        fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
        fc.option(fc.string({ maxLength: 80 }), { nil: null }),
        (noPanic, dropped, lost, worlds, allow, budget, by) => {
          const goal = { noPanic, maxDroppedPct: dropped, maxLostPct: lost };
          fc.pre(noPanic || dropped !== null || lost !== null);
          const c = { goal, worlds, allow, budget, start, by };
          const answer = JSON.parse(JSON.stringify(start)) as Scenario;
          for (const p of allow) {
            const row = PARAMS.find((r) => r.path === p)!;
            const now = getPath(answer, p);
            const next = row.kind === 'bool' ? !now : row.kind === 'enum' ? row.options.find((o) => o !== now) : now;
            const keys = p.split('.');
            let o = answer as unknown as Record<string, unknown>;
            for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
            o[keys[keys.length - 1]] = next;
          }
          const d = decodeLink(encodeLink(parseScenario(answer).scenario, { challenge: c }).query);
          expect(d.issues).toEqual([]);
          expect(d.scenario).toEqual(parseScenario(answer).scenario);
          const got = d.options.challenge!;
          expect(formatGoal(got.goal)).toBe(formatGoal(goal));
          expect(got.goal).toEqual(goal);
          expect([got.worlds, got.allow, got.budget]).toEqual([worlds, allow, budget]);
          expect(challengeKey(got, got.start)).toBe(challengeKey(c, start));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('challenge links: untrusted input', () => {
  const base = '?v=2&preset=workshop-outage&seed=1';
  const issue = (link: string, path: string) => decodeLink(link).issues.find((i) => i.path === path);

  it('an unknown goal is reported and the others are kept', () => {
    const d = decodeLink(`${base}&goal=nopanic,uptime:99,dropped&allow=seed`);
    expect(d.options.challenge!.goal).toEqual({ noPanic: true, maxDroppedPct: null, maxLostPct: null });
    const msgs = d.issues.filter((i) => i.path === 'goal').map((i) => i.message);
    expect(msgs).toEqual([
      expect.stringMatching(/unknown goal "uptime:99" \(known: nopanic, dropped:<percent>, lost:<percent>\); ignored/),
      expect.stringMatching(/unknown goal "dropped"/),
    ]);
  });

  it('a percent outside 0..100 is clamped, one that is no number ignored', () => {
    const d = decodeLink(`${base}&goal=dropped:150,lost:abc,nopanic`);
    expect(d.options.challenge!.goal).toEqual({ noPanic: true, maxDroppedPct: 100, maxLostPct: null });
    expect(d.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/"dropped:150": a percent is 0 to 100; kept 100/),
        expect.stringMatching(/"lost:abc": "abc" is not a percent; ignored/),
      ]),
    );
  });

  it('with no goal it can check, the link opens as a plain scenario and says so', () => {
    const d = decodeLink(`${base}&goal=fast&allow=seed&answer.seed=5`);
    expect(d.options.challenge).toBeUndefined();
    expect(d.scenario.seed).toBe(1);
    expect(d.options.lock).toEqual([]);
    expect(decodeLink(`${base}&goal=fast`).issues.map((i) => [i.path, i.message])).toEqual([
      ['goal', expect.stringMatching(/unknown goal "fast"/)],
      ['goal', expect.stringMatching(/no goal it can check.*opened the link as a plain scenario/)],
    ]);
    // the keys of a challenge without goal=
    const stray = decodeLink(`${base}&allow=seed&answer.seed=5&budget=1`);
    expect(stray.options.challenge).toBeUndefined();
    expect(stray.scenario.seed).toBe(1);
    expect(stray.issues).toEqual([
      expect.objectContaining({
        path: 'allow',
        message: expect.stringMatching(/belong to a challenge, which needs goal=; ignored/),
      }),
    ]);
  });

  it('worlds and budget are whole numbers in range', () => {
    expect(decodeLink(`${base}&goal=nopanic&worlds=0`).options.challenge!.worlds).toBe(1);
    expect(decodeLink(`${base}&goal=nopanic&worlds=99`).options.challenge!.worlds).toBe(MAX_CHALLENGE_WORLDS);
    expect(issue(`${base}&goal=nopanic&worlds=99`, 'worlds')!.message).toMatch(/must be 1 to 16 \(got 99\); kept 16/);
    expect(decodeLink(`${base}&goal=nopanic&worlds=two`).options.challenge!.worlds).toBe(1);
    expect(issue(`${base}&goal=nopanic&worlds=two`, 'worlds')!.message).toMatch(/whole number.*kept 1 world/);
    expect(decodeLink(`${base}&goal=nopanic&budget=-1`).options.challenge!.budget).toBeNull();
    expect(issue(`${base}&goal=nopanic&budget=-1`, 'budget')!.message).toMatch(/no budget/);
  });

  it('allow takes known parameters only; an answer outside it keeps the start', () => {
    const d = decodeLink(
      `${base}&goal=nopanic&allow=seed,colour&answer.fleet.hypervisors=1&answer.nope=3&answer.seed=7`,
    );
    expect(d.options.challenge!.allow).toEqual(['seed']);
    expect(d.scenario.seed).toBe(7);
    expect(d.scenario.fleet.hypervisors).toBe(12);
    const byPath = Object.fromEntries(d.issues.map((i) => [i.path, i.message]));
    expect(byPath['allow']).toMatch(/unknown parameter "colour"; ignored, kept seed/);
    expect(byPath['answer.fleet.hypervisors']).toMatch(
      /the challenge locks fleet.hypervisors: its answer "1" was ignored, kept 12/,
    );
    expect(byPath['answer.nope']).toMatch(/an answer to an unknown parameter "nope"; ignored/);
  });

  it("an answer's bad value is clamped like any parameter, named by its answer key", () => {
    const d = decodeLink(
      `${base}&goal=nopanic&allow=telemetry.buffer.whenFull&answer.telemetry.buffer.whenFull=explode`,
    );
    expect(d.scenario.telemetry.buffer.whenFull).toBe('block');
    expect(d.issues[0].path).toBe('answer.telemetry.buffer.whenFull');
    expect(d.issues[0].message).toMatch(/explode/);
  });

  it('a name is text: control characters out, at most MAX_NAME_CHARS', () => {
    const d = decodeLink(
      `${base}&goal=nopanic&allow=seed&by=${encodeURIComponent('Ana\u0000\n<b>x</b>\u202e ' + 'y'.repeat(100))}`,
    );
    const by = d.options.challenge!.by!;
    expect(by.length).toBe(MAX_NAME_CHARS);
    expect(by).toMatch(/^Ana <b>x<\/b> y+$/);
    expect(d.issues.map((i) => i.path)).toEqual(['by']);
  });

  it('a challenge that allows nothing says so (every control is locked)', () => {
    const d = decodeLink(`${base}&goal=nopanic`);
    expect(d.options.challenge!.allow).toEqual([]);
    expect(d.issues).toEqual([
      expect.objectContaining({
        path: 'allow',
        message: expect.stringMatching(/allows no control: every parameter is locked/),
      }),
    ]);
  });

  it('a challenge with no scenario part starts from the default preset, and still opens as a scenario', () => {
    const d = decodeLink('?v=2&goal=nopanic&allow=telemetry.buffer.whenFull');
    expect(d.hasScenario).toBe(true);
    expect(d.options.challenge!.start.preset).toBe('workshop-outage');
  });

  it('never throws on arbitrary challenge text (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (goal, allow, worlds, answer) => {
        const q = new URLSearchParams({
          v: '2',
          preset: 'workshop-outage',
          goal,
          allow,
          worlds,
          [`answer.${allow}`]: answer,
        });
        const d = decodeLink(`?${q}`);
        expect(parseScenario(d.scenario).issues).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('challenge fingerprints', () => {
  const start = startWith({ 'fleet.hypervisors': 3 });
  const c = { ...RULES, start, by: null };

  it('the same rules and start give the same key whatever the answer, the order of allow or the name', () => {
    const other = { ...c, allow: [...c.allow].reverse(), by: 'Bo' };
    expect(challengeKey(other, start)).toBe(challengeKey(c, start));
    expect(challengeDifferences(c, other)).toEqual([]);
  });

  it('another start or other rules give another key, and the words say what differs', () => {
    const moved = { ...c, start: startWith({ 'fleet.hypervisors': 4 }), goal: { ...c.goal, maxDroppedPct: 50 } };
    expect(challengeKey(moved, moved.start)).not.toBe(challengeKey(c, start));
    expect(challengeDifferences(c, moved)).toEqual([
      'the goal (nopanic,dropped:50, not nopanic,dropped:10)',
      'the start: fleet.hypervisors',
    ]);
    const events = { ...c, start: parseScenario({ ...start, events: [] }).scenario };
    expect(challengeDifferences(c, events)).toEqual(['the scripted events']);
  });
});

describe('old challenge links keep opening (fixtures/links-v2.json)', () => {
  for (const f of fixtures.links) {
    it(f.name, () => {
      const d = decodeLink(f.link);
      expect(d.issues.map((i) => i.path)).toEqual(f.issues);
      expect(d.version).toBe(2);
      for (const [path, value] of Object.entries(f.expected)) expect(at(d.scenario, path), path).toEqual(value);
      const c = d.options.challenge!;
      for (const [path, value] of Object.entries(f.start)) expect(at(c.start, path), `start ${path}`).toEqual(value);
      expect({ goal: formatGoal(c.goal), worlds: c.worlds, allow: c.allow, budget: c.budget, by: c.by }).toEqual(
        f.challenge,
      );
    });
  }
});
