// A comparison opened from a link (`check --site URL` writes it): the fragment's `compare=` holds
// both sides' files and the worlds (scenario/compare-link.ts reads it as untrusted input). The
// panel shows those files and runs the comparison; they are the link's, not the user's work, so
// they are saved in the draft only once the user changes the panel (then the fragment is dropped
// from the address bar, and a reload shows their draft).

import { COMPARE_KEY, decodeCompare, type ScenarioIssue } from '../../scenario/index.ts';
import { checkConfigsDraft, type ConfigsDraft } from '../../persist/index.ts';

export interface LinkedComparison {
  record: ConfigsDraft;
  worlds: number;
  vary: boolean;
}

/** The comparison in `hash`; `issues` say what of it could not be used (and that the rest was). */
export async function comparisonFromHash(
  hash: string,
): Promise<{ linked: LinkedComparison | null; issues: ScenarioIssue[] }> {
  const { link, issues } = await decodeCompare(hash);
  if (!link) return { linked: null, issues };
  const side = (files: typeof link.current) => ({ kind: 'auto', text: '', files });
  // the persisted shape's own check too: a link never gives the panel what a saved draft could not hold
  const record = checkConfigsDraft({ current: side(link.current), proposed: side(link.proposed) });
  if (!record || (!record.current.files.length && !record.proposed.files.length))
    return {
      linked: null,
      issues: [...issues, { path: COMPARE_KEY, message: 'the link names no files; ignored it', action: 'ignored' }],
    };
  return { linked: { record, worlds: link.worlds, vary: link.from === 'prior' }, issues };
}

/** Drops `compare=` from the address bar's fragment (other fragment pairs stay). */
export function forgetComparisonHash(): void {
  const rest = location.hash
    .replace(/^#/, '')
    .split('&')
    .filter((p) => p && !p.startsWith(`${COMPARE_KEY}=`))
    .join('&');
  const url = new URL(location.href);
  url.hash = rest;
  if (url.href !== location.href) history.replaceState(history.state, '', url.href);
}
