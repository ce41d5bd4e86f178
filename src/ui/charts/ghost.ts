// The previous run's lines (the ghost) only where they say something: a ghost line equal to the
// line on screen (the same scenario run again, or a chart the edit did not move) is left out, so
// the legend lists "previous run" only on charts where it differs. Pure.

import type { Points } from '../../worker/index.ts';

/** true when both series have the same points (times and values) */
export function samePoints(a: Points | undefined, b: Points | undefined): boolean {
  if (!a || !b) return a === b;
  if (a === b) return true;
  if (a.t.length !== b.t.length) return false;
  for (let i = 0; i < a.t.length; i++) if (a.t[i] !== b.t[i] || a.y[i] !== b.y[i]) return false;
  return true;
}

/** the ghost line to draw behind `now`, or undefined when it would only repeat it */
export function ghostLine(now: Points | undefined, before: Points | undefined): Points | undefined {
  return before && !samePoints(now, before) ? before : undefined;
}
