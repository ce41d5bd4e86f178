// Discrete events, applied at step boundaries in a total order: (time, priority, sequence).
// A binary heap over parallel arrays; payloads are two small integers (kind ids and their
// arguments: event-kinds.ts) so nothing is allocated when an event is scheduled or popped.

export class Scheduler {
  private time: Float64Array;
  private prio: Int32Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private arg: Int32Array;
  private arg2: Int32Array;
  private size = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.prio = new Int32Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.arg = new Int32Array(capacity);
    this.arg2 = new Int32Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  schedule(time: number, priority: number, kind: number, arg = 0, arg2 = 0): void {
    if (this.size === this.time.length) this.grow();
    let i = this.size++;
    const seq = this.nextSeq++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(time, priority, seq, p)) break;
      this.move(p, i);
      i = p;
    }
    this.time[i] = time;
    this.prio[i] = priority;
    this.seq[i] = seq;
    this.kind[i] = kind;
    this.arg[i] = arg;
    this.arg2[i] = arg2;
  }

  /** time of the earliest event, Infinity when empty */
  peekTime(): number {
    return this.size > 0 ? this.time[0] : Infinity;
  }

  /** removes the earliest event and passes it to fn (kind, arg, time, arg2) */
  pop(fn: (kind: number, arg: number, time: number, arg2: number) => void): void {
    const kind = this.kind[0],
      arg = this.arg[0],
      arg2 = this.arg2[0],
      time = this.time[0];
    const last = --this.size;
    if (last > 0) {
      const t = this.time[last],
        pr = this.prio[last],
        sq = this.seq[last],
        k = this.kind[last],
        a = this.arg[last],
        a2 = this.arg2[last];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        if (l >= last) break;
        let c = l;
        if (r < last && this.lessIdx(r, l)) c = r;
        if (!this.less(this.time[c], this.prio[c], this.seq[c], -1, t, pr, sq)) break;
        this.move(c, i);
        i = c;
      }
      this.time[i] = t;
      this.prio[i] = pr;
      this.seq[i] = sq;
      this.kind[i] = k;
      this.arg[i] = a;
      this.arg2[i] = a2;
    }
    fn(kind, arg, time, arg2);
  }

  private less(
    t: number,
    p: number,
    s: number,
    j: number,
    tj = this.time[j],
    pj = this.prio[j],
    sj = this.seq[j],
  ): boolean {
    return t < tj || (t === tj && (p < pj || (p === pj && s < sj)));
  }
  private lessIdx(i: number, j: number): boolean {
    return this.less(this.time[i], this.prio[i], this.seq[i], j);
  }
  private move(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.prio[to] = this.prio[from];
    this.seq[to] = this.seq[from];
    this.kind[to] = this.kind[from];
    this.arg[to] = this.arg[from];
    this.arg2[to] = this.arg2[from];
  }
  private grow(): void {
    const n = this.time.length * 2;
    const g = <T extends Float64Array | Int32Array>(a: T, C: new (n: number) => T): T => {
      const b = new C(n);
      b.set(a);
      return b;
    };
    this.time = g(this.time, Float64Array);
    this.prio = g(this.prio, Int32Array);
    this.seq = g(this.seq, Float64Array);
    this.kind = g(this.kind, Int32Array);
    this.arg = g(this.arg, Int32Array);
    this.arg2 = g(this.arg2, Int32Array);
  }
}
