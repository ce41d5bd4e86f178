// Golden trace of the default preset: the summary, the event log and key series sampled every
// minute. A change to the model that moves any of them must update the file on purpose:
//   UPDATE_GOLDEN=1 npx vitest run tests/unit/golden.test.ts
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { run, scenarioWith } from './helpers.ts';

const FILE = new URL('./golden/workshop-outage.json', import.meta.url);
const KEYS = [
  'messagingAvailability',
  'backlogRamMiB',
  'thrashingVms',
  'diskReadGBps',
  'dStateMaxSeconds',
  'panickedHosts',
  'vmsDown',
  'delivered',
  'lost',
] as const;

function trace() {
  const r = run(scenarioWith({}));
  const { perf: _perf, ...summary } = r.summary;
  const perMinute = 60 / r.stepSeconds;
  const series = Object.fromEntries(
    KEYS.map((k) => [
      k,
      Array.from(
        r.series[k].filter((_, i) => (i + 1) % perMinute === 0),
        (x) => Number(x.toPrecision(7)),
      ),
    ]),
  );
  return { summary, events: r.events.map((e) => `${e.t} ${e.component} hv${e.hv} <${e.cause}> ${e.what}`), series };
}

describe('golden trace', () => {
  it('matches the recorded trace of workshop-outage, seed 1', () => {
    const now = trace();
    if (process.env.UPDATE_GOLDEN) writeFileSync(FILE, JSON.stringify(now, null, 1) + '\n');
    expect(existsSync(FILE), 'the golden file is missing: regenerate it on purpose with UPDATE_GOLDEN=1').toBe(true);
    const golden = JSON.parse(readFileSync(FILE, 'utf8'));
    expect(now.summary).toEqual(golden.summary);
    expect(now.events).toEqual(golden.events);
    expect(now.series).toEqual(golden.series);
  });
});
