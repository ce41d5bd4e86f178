// A Vector file's chosen sink is kept with the file in the config draft; anything else is dropped.
import { describe, expect, it } from 'vitest';
import { checkConfigsDraft } from '../../../src/persist/index.ts';

describe('config draft: the sink facing the broker', () => {
  it('keeps a chosen sink name with its file and drops a malformed one, keeping the file', () => {
    const side = (files: unknown[]) => ({ kind: 'auto', text: '', files });
    const read = checkConfigsDraft({
      current: side([
        { name: 'agent.yaml', text: 'sinks: {}', sink: 'archive' },
        { name: 'other.yaml', text: 'sinks: {}', sink: 42 },
        { name: 'long.yaml', text: 'sinks: {}', sink: 'x'.repeat(201) },
      ]),
      proposed: side([]),
    })!;
    expect(read.current.files).toEqual([
      { name: 'agent.yaml', text: 'sinks: {}', sink: 'archive' },
      { name: 'other.yaml', text: 'sinks: {}' },
      { name: 'long.yaml', text: 'sinks: {}' },
    ]);
  });
});
