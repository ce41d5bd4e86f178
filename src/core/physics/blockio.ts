// A host disk under synchronous requests: a closed queueing system (issue 24, finding 1).
//
// A thread that misses the page cache blocks in filemap_fault until its read completes
// (mm/filemap.c: the folio lock is held across the read), then runs until its next miss. So each
// class of threads i (a VM's busy threads, a QEMU I/O worker pool, a deployment's image reader)
// has a population n_i of threads and an open-loop request rate L_i (requests/s it would issue
// if every request completed at once); its think time between requests is Z_i = n_i / L_i. The
// device serves mu requests/s (min(IOPS, bandwidth / request size)) with a latency S0 at low
// depth. At a common latency R (FIFO dispatch, blk-mq "none": every request waits behind the same
// queue) class i completes
//
//     x_i(R) = n_i / (Z_i + R) = n_i L_i / (n_i + L_i R)      requests/s
//
// and the device's throughput X(R) = sum x_i(R) can never exceed mu. If X(S0) <= mu the device
// keeps up and R = S0; otherwise R is the root of X(R) = mu, which exists and is unique (X falls
// from X(S0) > mu to 0). That is the asymptotic-bound solution of a closed interactive system
// (Lazowska et al., Quantitative System Performance, 1984, ch. 5: operational laws, balanced
// bounds); it is exact at both ends (R = S0 when light, R = N / mu - Z for equal classes when
// saturated). Little's law gives what is outstanding: O = X R (<= N = sum n_i, never a cap).
//
// The disk equilibrates in milliseconds, far below a step, so the answer is quasi-static: no state
// carries from one step to the next, and it does not depend on the step.
//
// Pure functions over caller-owned arrays: no allocation, no randomness.

/** Requests per second a device serves for requests of `requestBytes`: min(IOPS, bandwidth / size). */
export function serviceRate(iops: number, bytesPerSecond: number, requestBytes: number): number {
  const byBandwidth = requestBytes > 0 ? bytesPerSecond / requestBytes : Infinity;
  return iops < byBandwidth ? iops : byBandwidth;
}

/** Throughput of class (n, L) at latency R: n L / (n + L R) requests/s (0 for an idle class). */
export function classRate(n: number, L: number, R: number): number {
  return n > 0 && L > 0 ? (n * L) / (n + L * R) : 0;
}

/** Share of its time a thread of class (n, L) spends waiting at latency R: R / (Z + R) (PSI "some" of the class). */
export function classStall(n: number, L: number, R: number): number {
  return n > 0 && L > 0 ? (L * R) / (n + L * R) : 0;
}

/** The solution for one host's device in one step. */
export interface ClosedLoop {
  /** latency of a request, s (S0 when the device keeps up) */
  latency: number;
  /** requests completed per second, all classes */
  throughput: number;
  /** requests outstanding (Little: throughput x latency), <= the threads of all classes */
  outstanding: number;
  /** threads of all classes that issue requests (n_i with L_i > 0) */
  population: number;
  /** Newton iterations used (0 when the device keeps up) */
  iterations: number;
}

/**
 * Latency and throughput of a device serving `count` closed classes: populations n[0..count-1]
 * (threads) and open-loop rates L[0..count-1] (requests/s), service rate mu (requests/s), base
 * latency s0 (s). Newton on g(R) = X(R) - mu, which is convex and decreasing, started below the
 * root (at max(s0, N / mu - Zmax), since X(R) >= N / (Zmax + R)): the iterates rise monotonically
 * to the root, so it never overshoots or oscillates.
 */
export function solveClosedLoop(
  n: ArrayLike<number>,
  L: ArrayLike<number>,
  count: number,
  mu: number,
  s0: number,
  out: ClosedLoop = { latency: 0, throughput: 0, outstanding: 0, population: 0, iterations: 0 },
): ClosedLoop {
  let N = 0,
    zMax = 0,
    x0 = 0;
  for (let i = 0; i < count; i++) {
    const ni = n[i],
      Li = L[i];
    if (ni <= 0 || Li <= 0) continue;
    N += ni;
    const z = ni / Li;
    if (z > zMax) zMax = z;
    x0 += (ni * Li) / (ni + Li * s0);
  }
  out.population = N;
  out.iterations = 0;
  if (N === 0 || x0 <= mu) {
    out.latency = s0;
    out.throughput = x0;
    out.outstanding = x0 * s0;
    return out;
  }
  let R = N / mu - zMax;
  if (R < s0) R = s0;
  for (let k = 0; k < 100; k++) {
    let x = 0,
      dx = 0;
    for (let i = 0; i < count; i++) {
      const ni = n[i],
        Li = L[i];
      if (ni <= 0 || Li <= 0) continue;
      const d = ni + Li * R;
      x += (ni * Li) / d;
      dx += (ni * Li * Li) / (d * d);
    }
    out.iterations = k + 1;
    const g = x - mu;
    if (g <= mu * 1e-12 || dx === 0) break;
    const step = g / dx;
    R += step;
    if (step <= R * 1e-12) break;
  }
  out.latency = R;
  out.throughput = mu;
  out.outstanding = mu * R;
  return out;
}

/**
 * The same for classes whose requests cost the device different times: D[i] seconds of device
 * time per request of class i (4 KiB faults at min(1/IOPS, 4 KiB / bandwidth), 128 KiB sequential
 * reads at 128 KiB / bandwidth). The device is saturated when sum D_i x_i(S0) > 1; then R solves
 * sum D_i x_i(R) = 1 (utilisation one), by Newton from below as above (sum D_i x_i(R) >= sum D_i
 * n_i / (Zmax + R), so R0 = max(S0, sum D_i n_i - Zmax) is below the root). `throughput` is then
 * the requests/s of all classes, `outstanding` their sum of x_i R (Little).
 */
export function solveClosedLoopMixed(
  n: ArrayLike<number>,
  L: ArrayLike<number>,
  D: ArrayLike<number>,
  count: number,
  s0: number,
  out: ClosedLoop = { latency: 0, throughput: 0, outstanding: 0, population: 0, iterations: 0 },
  guess = 0,
): ClosedLoop {
  let N = 0,
    work = 0,
    zMax = 0,
    u0 = 0,
    x0 = 0;
  for (let i = 0; i < count; i++) {
    const ni = n[i],
      Li = L[i];
    if (ni <= 0 || Li <= 0) continue;
    N += ni;
    work += D[i] * ni;
    const z = ni / Li;
    if (z > zMax) zMax = z;
    const x = (ni * Li) / (ni + Li * s0);
    x0 += x;
    u0 += D[i] * x;
  }
  out.population = N;
  out.iterations = 0;
  if (N === 0 || u0 <= 1) {
    out.latency = s0;
    out.throughput = x0;
    out.outstanding = x0 * s0;
    return out;
  }
  // below the root: the bound, or one Newton step from a guess above it (last step's latency:
  // the tangent of a convex decreasing function crosses zero left of its root), whichever is higher
  let R = work - zMax;
  if (R < s0) R = s0;
  if (guess > R) {
    const fromGuess = newtonStep(n, L, D, count, guess);
    if (fromGuess > R) R = fromGuess;
  }
  let x = 0;
  for (let k = 0; k < 100; k++) {
    let u = 0,
      du = 0;
    x = 0;
    for (let i = 0; i < count; i++) {
      const ni = n[i],
        Li = L[i];
      if (ni <= 0 || Li <= 0) continue;
      const d = ni + Li * R,
        xi = (ni * Li) / d;
      x += xi;
      u += D[i] * xi;
      du += (D[i] * ni * Li * Li) / (d * d);
    }
    out.iterations = k + 1;
    const g = u - 1;
    if (g <= 1e-12 || du === 0) break;
    const step = g / du;
    R += step;
    if (step <= R * 1e-12) break;
  }
  out.latency = R;
  out.throughput = x;
  out.outstanding = x * R;
  return out;
}

/** One Newton step of sum D_i x_i(R) = 1 from R (may land anywhere left of the root when R is right of it). */
function newtonStep(
  n: ArrayLike<number>,
  L: ArrayLike<number>,
  D: ArrayLike<number>,
  count: number,
  R: number,
): number {
  let u = 0,
    du = 0;
  for (let i = 0; i < count; i++) {
    const ni = n[i],
      Li = L[i];
    if (ni <= 0 || Li <= 0) continue;
    const d = ni + Li * R;
    u += (D[i] * ni * Li) / d;
    du += (D[i] * ni * Li * Li) / (d * d);
  }
  return du > 0 ? R + (u - 1) / du : R;
}
