// The pull-request comment (`check --format markdown`), golden: a passing proposal with its
// playground link, and a failing one judged by a policy file, with keys the model does not read.
// The numbers come from the model: a model change that moves them regenerates these on purpose,
// with the other goldens:
//   UPDATE_GOLDEN=1 npx vitest run tests/unit/cli/check-markdown.test.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCompare } from '../../../src/scenario/index.ts';
import { BLOCK_TO_DROP, F, SMALL, check } from './check-helpers.ts';
import { WHOLE_RUNS } from '../helpers.ts';

const DIR = 'tests/unit/cli/golden';

function golden(name: string, text: string): void {
  const file = `${DIR}/${name}`;
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
  expect(existsSync(file), 'the golden file is missing: regenerate it on purpose with UPDATE_GOLDEN=1').toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('check --format markdown', WHOLE_RUNS, () => {
  it('says a passing proposal in a comment, with a link that holds both sides', async () => {
    const r = await check(...BLOCK_TO_DROP, ...SMALL, '--format', 'markdown', '--site', 'https://example.org/cascade/');
    expect(r.code).toBe(0);
    const link = /\[Open this comparison in the playground\]\((\S+)\)/.exec(r.out)![1];
    const url = new URL(link);
    expect(url.origin + url.pathname + url.search).toBe(
      'https://example.org/cascade/?v=1&preset=workshop-outage&seed=1&fleet.hypervisors=3',
    );
    const text = (f: string) => readFileSync(`${F}/${f}`, 'utf8');
    expect(await decodeCompare(url.hash)).toEqual({
      link: {
        current: [{ name: `${F}/vector-current.toml`, text: text('vector-current.toml') }],
        proposed: [{ name: `${F}/vector-proposed.toml`, text: text('vector-proposed.toml') }],
        worlds: 2,
        from: 'seeds',
      },
      issues: [],
    });
    // the compressed bytes depend on the zlib of the Node that runs this: the golden keeps their place
    golden('check-pass.md', r.out.replace(/#compare=1\.[\w-]+/, '#compare=1.(files)'));
  });

  it('says a failing proposal: the worse worlds, the failed limits, the keys it does not judge', async () => {
    const r = await check(
      '--config',
      `${F}/vector-proposed.toml`,
      '--proposed-config',
      'tests/unit/cli/fixtures/vector-block-zstd.toml',
      ...SMALL,
      '--policy',
      'tests/unit/cli/fixtures/policy.yaml',
      '--format',
      'markdown',
    );
    expect(r.code).toBe(1);
    golden('check-fail.md', r.out);
  });
});
