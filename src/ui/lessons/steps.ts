// A lesson step sets up its own state: the lesson's preset plus every earlier step's value that
// carries on (`keep`, the default), so opening step N (Next, Back, a link's step=N) always shows the
// same scenario, whatever was clicked before. The step's own value is what "Try it" applies.

import { loadPreset, type ScenarioIssue, type ValidScenario } from '../../scenario/index.ts';
import type { Summary } from '../../core/index.ts';
import { withParam } from '../scenario-edit.ts';
import type { ClaimKey, Lesson, LessonStep } from './lessons.ts';

/** 1-based step number, clamped to the lesson's steps. */
export function clampStep(lesson: Lesson, step: number | null | undefined): number {
  const n = Math.trunc(Number(step ?? 1));
  return Math.min(Math.max(Number.isFinite(n) ? n : 1, 1), lesson.steps.length);
}

/** The parameter values in force when step `step` (1-based) opens, in step order. */
export function stepSettings(lesson: Lesson, step: number): [path: string, value: LessonStep['value']][] {
  const out: [string, LessonStep['value']][] = [];
  lesson.steps.slice(0, clampStep(lesson, step) - 1).forEach((s) => {
    if (s.param !== undefined && s.keep !== false) out.push([s.param, s.value]);
  });
  return out;
}

/** The scenario step `step` opens on; with `tried`, the step's own value applied too. */
export function stepScenario(
  lesson: Lesson,
  step: number,
  tried = false,
): { scenario: ValidScenario; issues: ScenarioIssue[] } | null {
  let s = loadPreset(lesson.preset);
  if (!s) return null;
  const issues: ScenarioIssue[] = [];
  const own = lesson.steps[clampStep(lesson, step) - 1];
  const settings = stepSettings(lesson, step);
  if (tried && own.param !== undefined) settings.push([own.param, own.value]);
  for (const [path, value] of settings) {
    const r = withParam(s, path, value);
    issues.push(...r.issues);
    s = r.scenario;
  }
  return { scenario: s, issues };
}

/** Where each claim is read in a run's summary. */
export const CLAIMS: Record<ClaimKey, (s: Summary) => number> = {
  panicked: (s) => s.hypervisors.panicked,
  crashed: (s) => s.vms.crashed,
  threadCrashes: (s) => s.vms.threadExhaustionCrashes,
  rebooted: (s) => s.vms.rebooted,
  unresponsive: (s) => s.vms.unresponsive,
  thrashed: (s) => s.vms.thrashedAtLeastOnce,
  dropped: (s) => s.telemetry.dropped,
  lost: (s) => s.telemetry.lost,
  migrationsFailed: (s) => s.migrations.failed,
};
