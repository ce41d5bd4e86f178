// The class board: links pasted or dropped by an instructor, each judged against the board's
// challenge and run again in a pool of workers (the run is deterministic, so a link's own claim
// is never needed), worlds and all. Identical solutions run once and share the result. A link
// that cannot be checked is an error row saying why; it never stops the others. A fleet large
// enough for the huge-fleet question waits for a yes. The rows and their results are kept in
// IndexedDB (persist's board store), so a reload shows the board without running it again.

import type { BoardRow, BoardWorld, Persist, SaveStatus } from '../../persist/index.ts';
import { MAX_BOARD_ROWS, openPersist } from '../../persist/index.ts';
import { MAX_LINK_CHARS } from '../../scenario/index.ts';
import type { LinkChallenge } from '../../scenario/index.ts';
import { SimPool } from '../../worker/index.ts';
import { evaluate, figuresOf, worldScenarios, type GoalCheck, type WorldFigures } from '../challenge/goals.ts';
import { judgeLink, splitLinks, type Judged } from './board-links.ts';
import { HeavyGate } from '../link/heavy-gate.svelte.ts';
import { heaviest } from '../link/heavy.ts';

/** A link longer than this is not a link this build opens: kept only as an error row, cut. */
const MAX_BOARD_LINK = MAX_LINK_CHARS + 2048;

export type RowState = 'waiting' | 'running' | 'done' | 'error';

export interface Row {
  /** the stored row's id (negative: kept on this page only, saving is off) */
  id: number;
  link: string;
  judged: Judged;
  state: RowState;
  /** the worlds the page ran, world 1 first (done rows) */
  worlds: WorldFigures[] | null;
  /** why the row could not be checked (error rows) */
  error: string | null;
  /** why its run failed (a worker that died): tried again after a reload */
  runError: string | null;
  /** the goals against the worlds (done rows of a challenge) */
  checks: GoalCheck[];
}

export class Board {
  rows = $state.raw<Row[]>([]);
  /** the challenge every row is checked against: the board link's, else the first row's */
  challenge = $state.raw<LinkChallenge | null>(null);
  /** true when the challenge came with the board's own link (the builder's class board link) */
  readonly fixed: boolean;
  status = $state.raw<SaveStatus>({ saving: true });
  /** what the last paste or drop could not add */
  notice = $state<string | null>(null);
  /** a batch's wall time: from the first row queued to the last one finished */
  startedAt = $state<number | null>(null);
  elapsedMs = $state<number | null>(null);
  /** runs done / to do in the current batch (distinct solutions x worlds) */
  done = $state(0);
  total = $state(0);
  /** the huge-fleet question (the one gate of the page's heavy work), for the rows waiting */
  readonly gate = new HeavyGate();
  /** the largest fleet the instructor said yes to */
  #confirmed: { totalVms: number; vmSteps: number } | null = null;
  #persist: Promise<Persist>;
  #pool: SimPool | null = null;
  #running = 0;
  /** results by solution key: identical solutions run once (never rendered: a plain Map) */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of promises, never rendered
  #results = new Map<string, Promise<{ worlds: WorldFigures[] } | { error: string }>>();
  #localId = -1;

  constructor(challenge: LinkChallenge | null) {
    this.challenge = challenge;
    this.fixed = challenge !== null;
    this.#persist = openPersist().then((p) => {
      this.status = p.status();
      p.onStatus((s) => (this.status = s));
      return p;
    });
  }

  /** Reads the stored board; rows with a result show it, the others run. */
  async load(): Promise<void> {
    const p = await this.#persist;
    const { items, skipped } = await p.listBoard();
    if (skipped.length)
      this.notice = `${skipped.length} stored row${skipped.length > 1 ? 's' : ''} could not be read and ${skipped.length > 1 ? 'were' : 'was'} left out (${skipped[0].problem}).`;
    this.rows = [...this.rows, ...items.map((r) => this.#row(r.id, r.link, r.result))];
    this.#rejudge();
  }

  /** Adds the links in pasted or dropped text (each one a row, in order) and runs them. */
  async add(text: string): Promise<void> {
    const { links, extra } = splitLinks(text);
    if (!links.length) {
      this.notice = 'No link found in what was pasted.';
      return;
    }
    const p = await this.#persist;
    const added = await p.addBoardLinks(links);
    const saving = added.status.saving;
    const full = added.refused.full + extra;
    const notes: string[] = [];
    if (full) notes.push(`${full} link${full > 1 ? 's' : ''} not added: a board holds ${MAX_BOARD_ROWS}`);
    if (!saving) notes.push(`the board is not saved on this computer: ${added.status.message}`);
    this.notice = notes.length ? `${notes.join('; ')}.` : null;
    const rows: Row[] = [];
    links.forEach((link, i) => {
      const id = added.ids[i];
      // saving off: every row stays on this page; a link too long to keep is still an error row
      if (id !== null && saving) rows.push(this.#row(id, link, null));
      else if (!saving || link.length > MAX_BOARD_LINK)
        rows.push(this.#row(this.#localId--, link.slice(0, MAX_BOARD_LINK), null));
    });
    this.rows = [...this.rows, ...rows];
    this.#rejudge();
  }

  #row(id: number, link: string, stored: BoardRow['result']): Row {
    const row: Row = {
      id,
      link,
      judged: judgeLink(link, this.challenge),
      state: 'running',
      worlds: null,
      error: null,
      runError: null,
      checks: [],
    };
    if (stored?.state === 'done') {
      row.worlds = stored.worlds;
      row.state = 'done';
    }
    return row;
  }

  /** The board's challenge (a fixed one, else the first row's), every row judged against it, then the runs. */
  #rejudge(): void {
    if (!this.fixed) {
      const first = this.rows.find((r) => r.judged.ok && r.judged.solution.challenge);
      const c = first && first.judged.ok ? first.judged.solution.challenge : null;
      if (c !== this.challenge) this.challenge = c;
    }
    this.rows = this.rows.map((r) => this.#settle({ ...r, judged: judgeLink(r.link, this.challenge) }));
    this.#schedule();
    this.#ask();
  }

  /** A row's state from its judgement and its worlds. */
  #settle(r: Row): Row {
    if (!r.judged.ok) return { ...r, state: 'error', error: r.judged.error, checks: [] };
    const s = r.judged.solution;
    if (r.worlds && r.worlds.length >= s.worlds) {
      const checks = s.challenge ? evaluate(s.challenge, r.worlds, s.changed) : [];
      return { ...r, state: 'done', error: null, checks };
    }
    if (r.runError) return { ...r, state: 'error', error: r.runError, checks: [] };
    const ok = this.#confirmed;
    const ask = s.confirm && !(ok && s.confirm.totalVms <= ok.totalVms && s.confirm.vmSteps <= ok.vmSteps);
    return { ...r, state: ask ? 'waiting' : 'running', error: null };
  }

  /** The rows waiting for the huge-fleet question (the gate asks it; the other rows run meanwhile). */
  #ask(): void {
    const waiting = this.rows.flatMap((r) =>
      r.state === 'waiting' && r.judged.ok ? worldScenarios(r.judged.solution.scenario, r.judged.solution.worlds) : [],
    );
    if (!waiting.length) return this.gate.dismiss();
    const big = heaviest(waiting);
    this.gate.start(waiting, () => {
      // yes: these fleets (and any up to the biggest of them) run
      if (big) this.#confirmed = big;
      this.rows = this.rows.map((r) => (r.state === 'waiting' ? this.#settle(r) : r));
      this.#schedule();
    });
  }

  /** Starts every row that should run and has not started; identical solutions share one run. */
  #schedule(): void {
    for (const r of this.rows)
      if (r.state === 'done' && r.judged.ok && r.worlds && !this.#results.has(r.judged.solution.key))
        this.#results.set(r.judged.solution.key, Promise.resolve({ worlds: r.worlds }));
    for (const r of this.rows) {
      if (r.state !== 'running' || !r.judged.ok) continue;
      const s = r.judged.solution;
      if (this.#results.has(s.key)) {
        void this.#results.get(s.key)!.then((res) => this.#finish(s.key, res));
        continue;
      }
      if (this.#running === 0) {
        this.startedAt = performance.now();
        this.elapsedMs = null;
        this.done = 0;
        this.total = 0;
      }
      // a worker per core, at most 4 (SimPool's default; nothing else runs on the board's page)
      this.#pool ??= new SimPool();
      const pool = this.#pool;
      this.#running++;
      this.total += s.worlds;
      const job = Promise.all(
        worldScenarios(s.scenario, s.worlds).map((w) =>
          pool.run(w, { summaryOnly: true, maxPoints: 50 }).then((o) => {
            this.done++;
            return o;
          }),
        ),
      ).then((outs) => {
        const bad = outs.find((o) => o.type !== 'results');
        if (bad) return { error: bad.type === 'error' ? `the run failed: ${bad.message}` : 'the run was stopped' };
        return { worlds: outs.map((o) => (o.type === 'results' ? figuresOf(o.summary) : null!)) };
      });
      this.#results.set(s.key, job);
      void job.then((res) => {
        // a failed run may succeed later (a worker that died): it is not kept
        if ('error' in res) this.#results.delete(s.key);
        this.#finish(s.key, res);
        if (--this.#running === 0) {
          this.elapsedMs = this.startedAt === null ? null : performance.now() - this.startedAt;
          this.#pool?.dispose();
          this.#pool = null;
        }
      });
    }
  }

  /** A solution's result reaches every row that has it, and is kept with each stored row. */
  #finish(key: string, res: { worlds: WorldFigures[] } | { error: string }): void {
    const changed: Row[] = [];
    this.rows = this.rows.map((r) => {
      if (r.state !== 'running' || !r.judged.ok || r.judged.solution.key !== key) return r;
      const next =
        'error' in res ? this.#settle({ ...r, runError: res.error }) : this.#settle({ ...r, worlds: res.worlds });
      changed.push(next);
      return next;
    });
    if ('error' in res) return;
    void this.#persist.then((p) => {
      for (const r of changed)
        if (r.id >= 0 && r.worlds) void p.setBoardResult(r.id, { state: 'done', worlds: r.worlds as BoardWorld[] });
    });
  }

  /** Runs every link again (after an update of Cascade, say): stored results are replaced. */
  rerun(): void {
    this.#results.clear();
    this.rows = this.rows.map((r) => this.#settle({ ...r, worlds: null, runError: null, state: 'running' }));
    this.#schedule();
  }

  /** Removes rows (all of them without ids); a board left without rows forgets its challenge unless fixed. */
  async remove(ids?: readonly number[]): Promise<void> {
    const p = await this.#persist;
    const stored = ids ? ids.filter((id) => id >= 0) : undefined;
    await p.clearBoard(stored);
    this.rows = ids ? this.rows.filter((r) => !ids.includes(r.id)) : [];
    this.#rejudge();
  }

  dispose(): void {
    this.#pool?.dispose();
    this.#pool = null;
  }
}
