// Host writeback, the ext4/jbd2 journal and the hung-task clock (issue 24): what a hypervisor task
// that khungtaskd can report really waits for. Pure functions; the disk system calls them per host.
//
// Writeback (mm/page-writeback.c): dirtyable memory excludes anonymous memory (guest RAM), so
// `dirtyable = host RAM - guest RAM - reserve`; background writeback starts at
// dirty_background_ratio (10%) of it and writers are throttled from the midpoint ("freerun") up to
// dirty_ratio (20%), in killable sleeps of at most 200 ms (balance_dirty_pages: never a hung task).
//
// The journal (ext4 data=ordered, fs/jbd2/commit.c): commits are serial; a transaction opens when
// the previous one starts committing, and commits when it is 5 s old (JBD2_DEFAULT_MAX_COMMIT_AGE)
// or at once when someone waits on it (fsync, QEMU's flush for a guest FLUSH: on a busy
// hypervisor there always is one). A commit first writes and waits for the ordered data of its
// transaction (journal_submit_data_buffers, journal_finish_inode_data_buffers), then the journal
// blocks and the commit block with a cache flush. The tasks waiting for it (jbd2_log_wait_commit,
// wait_transaction_locked) sleep TASK_UNINTERRUPTIBLE: khungtaskd reports them. The oldest of
// them blocked when its transaction opened, so at time τ during a commit it has waited
// τ - (open of the committing transaction): the previous commit's length plus this one's so far.
//
// A commit's ordered data: the bytes written to blocks allocated during its transaction that are
// still not on disk when it commits. With delayed allocation that is what writeback has allocated
// and submitted but not finished: bounded by what the block layer holds in flight
// (`inFlightBytes`: nr_requests x request size), and by the dirty limit. So a commit lasts
// (ordered + journal bytes) / write bandwidth + the flush; a task passes a 120 s timeout only when
// two commits back to back take that long: in-flight bytes over the write bandwidth left by the
// reads must reach about a minute. No cap decides it.

/** Dirty-page thresholds of a host (bytes). */
export interface DirtyLimits {
  dirtyable: number;
  background: number;
  limit: number;
  /** (background + limit) / 2: writers run unthrottled below it */
  freerun: number;
}

export function dirtyLimits(
  hostRamBytes: number,
  guestRamBytes: number,
  reserveBytes: number,
  backgroundRatioPercent: number,
  ratioPercent: number,
): DirtyLimits {
  const d = hostRamBytes - guestRamBytes - reserveBytes;
  const dirtyable = d > 0 ? d : 0;
  const background = (dirtyable * backgroundRatioPercent) / 100,
    limit = (dirtyable * ratioPercent) / 100;
  return { dirtyable, background, limit, freerun: (background + limit) / 2 };
}

/**
 * Write rate the throttled writers achieve (bytes/s): what they ask below freerun; from freerun to
 * the limit, linearly down to the writeback rate (balance_dirty_pages holds dirty near its set
 * point; its control curve is a cubic, this is its straight-line stand-in); at or above the limit,
 * no faster than writeback. Never more than asked.
 */
export function throttledWriteRate(asked: number, dirty: number, lim: DirtyLimits, writebackBps: number): number {
  if (asked <= writebackBps || dirty <= lim.freerun) return asked;
  if (dirty >= lim.limit || lim.limit <= lim.freerun) return writebackBps;
  const k = (lim.limit - dirty) / (lim.limit - lim.freerun);
  return writebackBps + (asked - writebackBps) * k;
}

/**
 * Write bandwidth left while reads keep the device busy (bytes/s): the device's write bandwidth
 * times 1 - u (1 - share), u the read utilisation (0..1) and share what writes keep when reads
 * saturate it (hypervisor.writeShareUnderReads, typical).
 */
export function writeBandwidthUnderReads(writeBps: number, readUtilisation: number, share: number): number {
  const u = readUtilisation < 0 ? 0 : readUtilisation > 1 ? 1 : readUtilisation;
  return writeBps * (1 - u * (1 - share));
}

/** Commits per interval past which a chain at its fixed point is placed in closed form (numerics, not physics). */
export const FAST_COMMITS = 64;

/** One host's commit chain. Times in seconds since minute 0. */
export interface JournalChain {
  /** 1 while a commit is in flight */
  committing: number;
  /** ordered data and journal blocks of the commit in flight still to write, bytes */
  bytesLeft: number;
  /** the commit's flush (cache flush, commit block) still to wait after its bytes, s */
  flushLeft: number;
  /** when the committing transaction opened: its oldest waiter's block time */
  committingOpen: number;
  /** when the running transaction opened (= the start of the commit in flight, or of the last one) */
  runningOpen: number;
  /** length of the last completed commit, s */
  lastCommitSeconds: number;
}

export function newJournalChain(t = 0): JournalChain {
  return { committing: 0, bytesLeft: 0, flushLeft: 0, committingOpen: t, runningOpen: t, lastCommitSeconds: 0 };
}

/** What drives the chain over an interval (constant within it). */
export interface JournalRates {
  /** bytes/s of data going to newly allocated blocks (ordered data accrues at this rate) */
  orderedBps: number;
  /** write bandwidth available to the commit, bytes/s */
  writeBps: number;
  /** journal (descriptor, metadata, commit) bytes per commit */
  journalBytes: number;
  /** seconds of the commit's dependent flush rounds (> 0) */
  flushSeconds: number;
  /** commit age, s (5: JBD2_DEFAULT_MAX_COMMIT_AGE) */
  commitIntervalSeconds: number;
  /** the most ordered data one commit waits for: min(in flight, dirty limit), bytes */
  orderedCapBytes: number;
  /** a flush is always waiting (a busy hypervisor): commits run back to back */
  busy: boolean;
}

/**
 * Advances host h's chain through [t, t + dt) at constant rates, exactly in time (commit starts and
 * ends fall where they fall, not on steps). Split the interval at khungtaskd's scans and read
 * `oldestWaitAt` there: the result is the same however the interval is split.
 * Returns the longest wait of any waiter whose commit completed in the interval (s).
 */
export function advanceJournal(ch: JournalChain, t: number, dt: number, r: JournalRates): number {
  const tEnd = t + dt;
  const steady = r.busy ? steadyCommitSeconds(r) : Infinity;
  let tau = t,
    longest = 0;
  for (let guard = 0; guard < 100000; guard++) {
    if (ch.committing === 1) {
      const bytesTime = r.writeBps > 0 ? ch.bytesLeft / r.writeBps : ch.bytesLeft > 0 ? Infinity : 0;
      const finish = tau + bytesTime + ch.flushLeft;
      if (finish > tEnd) {
        const span = tEnd - tau;
        if (bytesTime > span) ch.bytesLeft -= r.writeBps * span;
        else {
          ch.bytesLeft = 0;
          ch.flushLeft -= span - bytesTime;
        }
        break;
      }
      // the commit completes: its waiters run
      tau = finish;
      ch.committing = 0;
      ch.bytesLeft = 0;
      ch.flushLeft = 0;
      ch.lastCommitSeconds = finish - ch.runningOpen;
      if (finish - ch.committingOpen > longest) longest = finish - ch.committingOpen;
    }
    // the running transaction commits at once when a flush waits, else when it is old enough
    const start = r.busy
      ? tau > ch.runningOpen
        ? tau
        : ch.runningOpen
      : Math.max(tau, ch.runningOpen + r.commitIntervalSeconds);
    if (start >= tEnd) break;
    if (r.busy && ch.lastCommitSeconds <= 2 * steady && steady * FAST_COMMITS < tEnd - start) {
      // numerics: the chain sits at its fixed point and each commit is far shorter than what is
      // left of the interval (they would take thousands of turns per step); the waits are about
      // 2 C*, far below any timeout: place the commit in flight at the end in closed form
      ch.committing = 1;
      ch.runningOpen = tEnd - steady / 2;
      ch.committingOpen = ch.runningOpen - steady;
      // half of it done: its bytes first, then its flush
      const bytes = r.orderedBps * steady + r.journalBytes,
        half = steady / 2;
      if (bytes / r.writeBps > half) {
        ch.bytesLeft = bytes - r.writeBps * half;
        ch.flushLeft = r.flushSeconds;
      } else {
        ch.bytesLeft = 0;
        ch.flushLeft = r.flushSeconds - (half - bytes / r.writeBps);
      }
      ch.lastCommitSeconds = steady;
      if (2 * steady > longest) longest = 2 * steady;
      break;
    }
    let ordered = r.orderedBps * (start - ch.runningOpen);
    if (ordered > r.orderedCapBytes) ordered = r.orderedCapBytes;
    tau = start;
    ch.committing = 1;
    ch.bytesLeft = ordered + r.journalBytes;
    ch.flushLeft = r.flushSeconds;
    ch.committingOpen = ch.runningOpen;
    ch.runningOpen = start;
  }
  return longest;
}

/** The longest uninterruptible wait on the journal at time τ (s): since the committing transaction opened. */
export function oldestWaitAt(ch: JournalChain, tau: number): number {
  return ch.committing === 1 && tau > ch.committingOpen ? tau - ch.committingOpen : 0;
}

/**
 * Commit length the chain settles at when it is busy and its ordered data is not capped:
 * C = (w C + J) / B + f, so C* = (J / B + f) / (1 - w / B); Infinity when w >= B (each commit then
 * carries what the previous one let accumulate: it grows until the in-flight cap holds it).
 */
export function steadyCommitSeconds(r: JournalRates): number {
  const a = r.writeBps > 0 ? r.orderedBps / r.writeBps : Infinity;
  if (a >= 1) return Infinity;
  return (r.journalBytes / r.writeBps + r.flushSeconds) / (1 - a);
}

/** Longest a commit can last once capped: (cap + J) / B + f (s). */
export function cappedCommitSeconds(r: JournalRates): number {
  return (r.orderedCapBytes + r.journalBytes) / r.writeBps + r.flushSeconds;
}

/**
 * When khungtaskd first reports a task blocked without a switch since b (kernel/hung_task.c): the
 * first scan after b (scans at phase + k x interval) stores last_switch_time = that scan; the
 * task is reported at the first scan at least `timeout` after it. So the report comes
 * ceil(timeout / interval) scans after the first one: W = ceil(timeout / interval) x interval to
 * W + interval after b (120 to 240 s by default, where W = timeout). Returns the scan time, or
 * Infinity when detection is off.
 */
export function firstHungScan(b: number, phase: number, interval: number, timeout: number): number {
  if (timeout <= 0 || interval <= 0) return Infinity;
  const first = phase + Math.ceil((b - phase) / interval) * interval;
  return first + Math.ceil(timeout / interval) * interval;
}

/** Copies chain `from` into `to` (no allocation). */
export function copyJournalChain(from: JournalChain, to: JournalChain): JournalChain {
  to.committing = from.committing;
  to.bytesLeft = from.bytesLeft;
  to.flushLeft = from.flushLeft;
  to.committingOpen = from.committingOpen;
  to.runningOpen = from.runningOpen;
  to.lastCommitSeconds = from.lastCommitSeconds;
  return to;
}

/**
 * The oldest journal wait a khungtaskd scan at `scanT` (within [t, t + dt)) sees, from the chain as
 * it stood at the step's start and the step's rates: the chain is advanced on a scratch copy to the
 * scan, exactly (advanceJournal is the same however an interval is cut). Returns the block time of
 * the oldest waiter (scanT when nobody waits).
 */
export function blockedSinceAtScan(
  atStepStart: JournalChain,
  r: JournalRates,
  t: number,
  scanT: number,
  scratch: JournalChain,
): number {
  copyJournalChain(atStepStart, scratch);
  if (scanT > t) advanceJournal(scratch, t, scanT - t, r);
  return scanT - oldestWaitAt(scratch, scanT);
}
