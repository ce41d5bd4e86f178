// Words the page uses that a newcomer may not know, in plain language. Shown on hover and focus by
// Term.svelte; the plain-words cause chain (plain.ts) marks them as [[id]] or [[id|label]].

export interface GlossaryEntry {
  id: string;
  term: string;
  text: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'd-state',
    term: 'D state',
    text: 'Uninterruptible sleep: a task waits for the disk (or other I/O) and cannot be interrupted, not even by kill. Tasks pile up in D state when a disk cannot keep up.',
  },
  {
    id: 'psi',
    term: 'PSI',
    text: 'Pressure stall information (/proc/pressure): the share of time tasks were stalled waiting for memory, I/O or CPU. "Full" means every runnable task was stalled at once.',
  },
  {
    id: 'khungtaskd',
    term: 'khungtaskd',
    text: 'The kernel thread that looks for tasks stuck in D state longer than hung_task_timeout_secs (120 s by default). With hung_task_panic=1 it panics the whole host.',
  },
  {
    id: 'page-cache',
    term: 'page cache',
    text: 'Memory the kernel uses to keep files read from disk, programs included. When applications need the memory the cache shrinks; below the working set a VM re-reads its own program from disk again and again (it thrashes).',
  },
  {
    id: 'backpressure',
    term: 'backpressure',
    text: "When a receiver cannot keep up, the sender is made to wait instead of dropping data. The data waits somewhere: in a buffer, in the application's memory, or on disk.",
  },
  {
    id: 'lookup',
    term: 'lookup',
    text: 'Before a Pulsar client can send, it asks a broker which broker owns its topic. While no broker owns the topic, lookups wait, time out and are retried.',
  },
  {
    id: 'bundle',
    term: 'bundle',
    text: 'Pulsar groups the topics of a namespace into bundles (hash ranges). A broker owns whole bundles; the load manager decides which broker owns which.',
  },
  {
    id: 'pids-limit',
    term: 'pids limit',
    text: "The cgroup limit on the tasks (processes and threads) a systemd service may have (DefaultTasksMax: 15% of the kernel's limit). At the limit, fork() and thread creation fail.",
  },
  {
    id: 'oom-killer',
    term: 'OOM killer',
    text: 'When memory runs out, the kernel picks a process and kills it to free memory (out of memory). Inside a VM it kills an application; on a host it can kill a whole VM (its QEMU).',
  },
  {
    id: 'live-migration',
    term: 'live migration',
    text: 'Moving a running VM to another host: its memory is copied while it runs, then it stops for a moment and continues on the target.',
  },
];

export const GLOSSARY_BY_ID: ReadonlyMap<string, GlossaryEntry> = new Map(GLOSSARY.map((g) => [g.id, g]));

/** A piece of plain text, or a glossary term (its id and the words shown). */
export type Segment = string | { term: string; label: string };

/** Splits "text [[id]] or [[id|label]]" into text and terms; unknown ids stay plain text. */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /\[\[([a-z-]+)(?:\|([^\]]+))?\]\]/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    const entry = GLOSSARY_BY_ID.get(m[1]);
    const label = m[2] ?? entry?.term ?? m[1];
    out.push(entry ? { term: entry.id, label } : label);
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
