// The yardstick for `npm run bench`: a lean struct-of-arrays kernel of the same shape as the
// model's hot path (telemetry + memory + disk over typed arrays, host-major, one pass per system),
// with none of the model's other work (no event log, no recorder, no scheduler, no control plane).
// Timed in the same process as the model, it turns a noisy absolute figure into a ratio: on a
// shared machine VM-steps/s swing 2x with the load, the ratio much less.
//
// Contract: deterministic (no randomness), allocates only in the constructor, and returns a
// checksum from run() so the JIT cannot drop the work.

export class LeanKernel {
  readonly vms: number;
  private readonly carry: Float64Array;
  private readonly rate: Float64Array;
  private readonly buf: Float64Array;
  private readonly baseAnon: Float64Array;
  private readonly limit: Float64Array;
  private readonly ws: Float64Array;
  private readonly invWs: Float64Array;
  private readonly anon: Float32Array;
  private readonly cache: Float32Array;
  private readonly psi: Float32Array;
  private readonly queue: Float64Array;
  private readonly readBytes: Float64Array;

  constructor(
    readonly hosts: number,
    readonly perHost: number,
    readonly dt: number,
  ) {
    const n = (this.vms = hosts * perHost);
    this.carry = new Float64Array(n);
    this.rate = new Float64Array(n);
    this.buf = new Float64Array(n);
    this.baseAnon = new Float64Array(n);
    this.limit = new Float64Array(n);
    this.ws = new Float64Array(n);
    this.invWs = new Float64Array(n);
    this.anon = new Float32Array(n);
    this.cache = new Float32Array(n);
    this.psi = new Float32Array(n);
    this.queue = new Float64Array(hosts);
    this.readBytes = new Float64Array(hosts);
    for (let v = 0; v < n; v++) {
      const small = v % perHost < perHost * 0.7; // most VMs small, as in the bench mix
      this.rate[v] = (5 + (v % 7)) * dt;
      this.baseAnon[v] = small ? 200 : 900; // small VMs thrash after ~40 min of buffering
      this.limit[v] = small ? 250 : 2000;
      this.ws[v] = small ? 60 : 300;
      this.invWs[v] = 1 / this.ws[v];
    }
  }

  /** Runs `steps` steps with messaging down in [outageFrom, outageTo) (step indices). */
  run(steps: number, outageFrom: number, outageTo: number): number {
    const { carry, rate, buf, baseAnon, limit, ws, invWs, anon, cache, psi, queue, readBytes } = this;
    const per = this.perHost,
      dt = this.dt,
      eventMiB = 512 / 1048576,
      sink = 1000 * dt,
      diskBps = 2.6e9,
      refault = 50 * 32 * dt * 1048576;
    let delivered = 0,
      reads = 0;
    for (let step = 0; step < steps; step++) {
      const down = step >= outageFrom && step < outageTo;
      // telemetry: produce, deliver or buffer
      for (let h = 0; h < this.hosts; h++) {
        for (let v = h * per, end = v + per; v < end; v++) {
          const c = carry[v] + rate[v];
          const n = Math.floor(c);
          carry[v] = c - n;
          if (down) buf[v] += n;
          else {
            const b = buf[v] + n;
            const d = b < sink ? b : sink;
            buf[v] = b - d;
            delivered += d;
          }
        }
      }
      // memory: anon vs page cache, refaults
      for (let h = 0; h < this.hosts; h++) {
        let deficitSum = 0;
        const stall = 1 + queue[h];
        for (let v = h * per, end = v + per; v < end; v++) {
          const a = baseAnon[v] + buf[v] * eventMiB;
          anon[v] = a;
          let c = limit[v] - a;
          if (c >= ws[v]) {
            cache[v] = c;
            psi[v] = 0;
            continue;
          }
          if (c < 0) c = 0;
          cache[v] = c;
          const deficit = ws[v] - c;
          const p = deficit * invWs[v] * stall;
          psi[v] = p > 1 ? 1 : p;
          deficitSum += deficit;
        }
        readBytes[h] += deficitSum * refault;
        reads += deficitSum;
      }
      // disk: queue in seconds of device work
      for (let h = 0; h < this.hosts; h++) {
        let q = queue[h] + readBytes[h] / diskBps;
        q = q > dt ? q - dt : 0;
        queue[h] = q > 60 ? 60 : q;
        readBytes[h] = 0;
      }
    }
    let sum = delivered + reads;
    for (let h = 0; h < this.hosts; h++) sum += queue[h];
    return sum;
  }
}
