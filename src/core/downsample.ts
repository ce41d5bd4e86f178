// Downsampling for charts: keeps each bucket's min and max so spikes survive (a panic that
// lasts one step must still show). Runs in the worker; the main thread only draws the result.

export interface Downsampled {
  /** seconds since minute 0, one per point */
  t: Float32Array;
  y: Float32Array;
}

/** At most ~maxPoints points from the first `length` values of a series sampled every `dt` s. */
export function downsample(values: Float32Array, length: number, dt: number, maxPoints: number): Downsampled {
  const n = Math.min(length, values.length);
  if (n <= maxPoints) {
    const t = new Float32Array(n);
    for (let i = 0; i < n; i++) t[i] = (i + 1) * dt;
    return { t, y: values.slice(0, n) };
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = n / buckets;
  const t = new Float32Array(buckets * 2),
    y = new Float32Array(buckets * 2);
  let k = 0;
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size),
      to = Math.min(n, Math.floor((b + 1) * size));
    let iMin = from,
      iMax = from;
    for (let i = from + 1; i < to; i++) {
      if (values[i] < values[iMin]) iMin = i;
      if (values[i] > values[iMax]) iMax = i;
    }
    const first = Math.min(iMin, iMax),
      second = Math.max(iMin, iMax);
    t[k] = (first + 1) * dt;
    y[k++] = values[first];
    if (second !== first) {
      t[k] = (second + 1) * dt;
      y[k++] = values[second];
    }
  }
  return { t: t.slice(0, k), y: y.slice(0, k) };
}
