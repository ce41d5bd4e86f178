// The VM pass skips the memory part for a VM of a steady host (state.ts hostMemSteady: every VM on the
// fast path, no events held, the same VMs as last step) that holds no events after telemetry. Skipping
// must change nothing: each preset's own run, the shared one (runs.ts: the golden's, skip on), is
// repeated with the flag cleared before every step (no host ever skipped) and the two must be
// identical bit for bit: series, samples, host arrays and event log. Small random fleets:
// tests/unit/core/steady-skip.test.ts.
import { describe, expect, it } from 'vitest';
import { presetNames } from '../../../src/scenario/index.ts';
import { runCounting } from '../core/steady-skip-run.ts';
import { bitDiff, fingerprint, scenarioWith } from '../helpers.ts';
import { fullRun } from './runs.ts';

describe('the VM pass skips memory work on steady hosts without changing anything', () => {
  for (const preset of presetNames()) {
    it(`${preset}: same run with and without the skip, and the skip had steady hosts to skip`, () => {
      const s = scenarioWith({}, preset);
      const skip = fullRun(s);
      const none = runCounting(s, true);
      expect(none.skipped).toBe(0);
      expect(fingerprint(none.r)).toBe(fingerprint(skip));
      expect(bitDiff(none.r.vms.cacheMiB, skip.vms.cacheMiB), 'page cache per VM').toBe('');
      expect(none.r.summary).toEqual(skip.summary);
      // the runs are the same, so the host-steps steady before and after a step in this one are the
      // ones the skip took in the shared run (core/steady-skip.test.ts checks the two counts agree)
      expect(none.steady).toBeGreaterThan(0);
    });
  }
});
