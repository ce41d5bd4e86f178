// The one seeded generator of a run: sfc32 (Chris Doty-Humphrey's Small Fast Counter), 32-bit
// integer arithmetic only, so it gives the same stream in every JS engine. Seeded through
// splitmix32 so nearby seeds give unrelated streams. The core must take all randomness from here.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** uniform integer in [0, 2^32) */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** uniform in [0, 1) */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** approximately standard normal (Irwin-Hall, 4 uniforms): no transcendental functions, so bit-identical everywhere */
  normal(): number {
    return (this.float() + this.float() + this.float() + this.float() - 2) * 1.7320508075688772;
  }
}

/**
 * e^x as (1 + x / 2^16)^(2^16): sixteen squarings, multiplications only, so bit-identical in
 * every engine (Math.exp is not specified to the last bit). Relative error about x^2 / 2^17
 * (under 0.01% for |x| < 3.5, the range of the Irwin-Hall normal times a spread up to 1).
 */
export function expApprox(x: number): number {
  let y = 1 + x / 65536;
  for (let i = 0; i < 16; i++) y *= y;
  return y;
}

/**
 * A uniform in [0, 1) fixed by (seed, key, i): a stateless, counter-based draw (murmur3's
 * finaliser over the three words) for figures that belong to one VM id and must come out the
 * same wherever and whenever that VM starts (at the start of a run or redeployed later).
 */
export function keyedFloat(seed: number, key: number, i: number): number {
  let z =
    (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b9) + Math.imul(key + 1, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) | 0;
  for (let r = 0; r < 2; r++) {
    z ^= z >>> 16;
    z = Math.imul(z, 0x85ebca6b);
    z ^= z >>> 13;
    z = Math.imul(z, 0xc2b2ae35);
    z ^= z >>> 16;
    z = (z + 0x9e3779b9) | 0;
  }
  return (z >>> 0) / 4294967296;
}

/** Irwin-Hall normal (as Rng.normal) from four keyed uniforms. */
export function keyedNormal(seed: number, key: number, i: number): number {
  const j = i * 4;
  return (
    (keyedFloat(seed, key, j) +
      keyedFloat(seed, key, j + 1) +
      keyedFloat(seed, key, j + 2) +
      keyedFloat(seed, key, j + 3) -
      2) *
    1.7320508075688772
  );
}

/**
 * E[e^(sigma Z)] for Z the Irwin-Hall normal above, Z = sqrt 3 (U1 + U2 + U3 + U4 - 2): each
 * term gives E[e^(a (U - 1/2))] = sinh(a/2) / (a/2) with a = sigma sqrt 3, so the mean is that to
 * the 4th power, by its series (exact to double precision for sigma <= 2). Divides a lognormal
 * multiplier so its mean is 1.
 */
export function lognormalMean(sigma: number): number {
  const x = sigma * 0.8660254037844386; // a / 2
  const x2 = x * x;
  let term = 1,
    sum = 1;
  for (let k = 1; k < 20; k++) {
    term *= x2 / (2 * k * (2 * k + 1));
    sum += term;
  }
  return sum * sum * sum * sum;
}
