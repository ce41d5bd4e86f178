// The one test that starts the CLI the way a user does (a child process through tsx); every other
// CLI test calls its entry in process (cli/sim.test.ts and the others).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { CHILD_PROCESS, run, scenarioWith } from '../helpers.ts';

describe('npm run sim in a child process', CHILD_PROCESS, () => {
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
