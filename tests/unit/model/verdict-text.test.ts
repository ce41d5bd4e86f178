// What the presets' runs say in words: every link of a verdict's chain has plain words for the page
// (src/ui/guide/plain.ts), and no entry or verdict prints a raw long number (src/core/text.ts).
import { describe, expect, it } from 'vitest';
import { loadPreset, presetNames } from '../../../src/scenario/index.ts';
import { PLAIN, plainChain } from '../../../src/ui/guide/plain.ts';
import { leanRun } from './runs.ts';

describe('the cause chain in plain words', () => {
  it("every link of every preset's verdict chain has plain words (seed 1)", () => {
    for (const name of presetNames()) {
      const r = leanRun(loadPreset(name)!);
      const chain = plainChain(r.events);
      expect(chain.length, name).toBeGreaterThan(2);
      for (const s of chain) expect(PLAIN[s.event.short], `${name}: "${s.event.short}"`).toBeDefined();
      // the chain the verdict line prints, in the same order
      expect(r.summary.verdict).toContain(chain.map((s) => s.event.short).join(' → '));
    }
  });
});

describe('readable numbers in the event log and the verdict', () => {
  it('a run writes no raw long number: no six-digit run of digits, no float noise, in any entry or verdict', () => {
    for (const preset of ['workshop-outage', 'clevercloud-2024-08-02', 'clevercloud-2022-04']) {
      const r = leanRun(loadPreset(preset)!);
      const texts = [r.summary.verdict, ...r.events.map((e) => e.what), ...r.events.map((e) => e.short)];
      const raw = texts.filter((t) => /(?<![#\w-])\d{5,}(?![\w:])|\d\.\d{5,}/.test(t));
      expect(raw.slice(0, 3), preset).toEqual([]);
    }
  });
});
