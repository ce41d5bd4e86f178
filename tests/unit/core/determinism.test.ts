// Same scenario and seed give identical results, in this process and in another one.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fingerprint, run, scenarioWith } from '../helpers.ts';

describe('determinism', () => {
  it('gives bit-identical series and event logs for the same scenario and seed', () => {
    const a = run(scenarioWith({ seed: 42 }));
    const b = run(scenarioWith({ seed: 42 }));
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(a.summary).toEqual(b.summary);
  });

  it('gives a different run for a different seed', () => {
    expect(fingerprint(run(scenarioWith({ seed: 1 })))).not.toBe(fingerprint(run(scenarioWith({ seed: 2 }))));
  });

  it('gives the same run in a separate Node process (the CLI)', () => {
    const here = run(scenarioWith({ seed: 7 }));
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/sim.ts', '--seed', '7', '--json', '--events'],
      { encoding: 'utf8' },
    );
    const { perf: _b, events, ...theirs } = JSON.parse(out);
    const { perf: _a, ...mine } = here.summary;
    expect(theirs).toEqual(mine);
    expect(events).toEqual(here.events); // the whole post-mortem log, times and causes included
  });
});
