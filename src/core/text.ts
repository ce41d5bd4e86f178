// Numbers in the words the core writes (the event log, the verdict), in one readable form on
// every machine: integers of five digits and more grouped by thousands with commas
// (toLocaleString would depend on the reader's locale, and the core has no locale), and floating
// point noise ("96.29999999999998 MiB") rounded. Ids and times are left alone: a number right
// after '#', '-', ':', '.' or a letter, or right before ':' or a letter, is not a quantity.

/** An integer count with thousands grouped by commas: 8614206 -> "8,614,206". */
export function count(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.length < 5 ? s : s.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 && Math.round(Math.abs(n)) !== 0 ? `-${grouped}` : grouped;
}

/** A quantity as text: four or more decimals are noise (kept: 1 decimal from 10, 2 below; integers from 100). */
function quantity(int: string, frac: string): string {
  if (frac.length < 5) return int.length >= 5 ? count(Number(int)) + frac : int + frac; // '.xyz' has length 4
  const x = Number(int + frac);
  if (x >= 100) return count(x);
  return String(Number(x.toFixed(x >= 10 ? 1 : 2)));
}

const NUMBER = /(?<![\w#:.-])(\d+)(\.\d+)?(?![\w:]|\.\d)/g;

/** The text with its quantities made readable (see the module comment); deterministic. */
export function readable(text: string): string {
  return text.replace(NUMBER, (_m, int: string, frac: string | undefined) => quantity(int, frac ?? ''));
}

/** A figure to 3 significant digits (379.875 -> "380", 15.2083 -> "15.2"); from 1,000 a whole count, grouped. */
export function sig3(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) < 1000) return String(Number(x.toPrecision(3)));
  const whole = String(Math.round(Math.abs(x))).replace(/\B(?=(\d{3})+$)/g, ',');
  return x < 0 ? `-${whole}` : whole;
}
