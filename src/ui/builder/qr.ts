// A QR code of a link as one SVG path (uqr: a small, dependency-free encoder). Returns null when the
// text does not fit in a QR code (past 2,953 bytes at the lowest error correction).

import { encode } from 'uqr';

export interface QrPath {
  /** modules per side, quiet zone included */
  size: number;
  /** an SVG path drawing every dark module as a 1 x 1 square */
  d: string;
}

/** QR codes hold at most this many bytes (version 40, error correction L, byte mode). */
export const QR_MAX_BYTES = 2953;

function draw(text: string, ecc: 'M' | 'L'): QrPath {
  const qr = encode(text, { ecc, border: 4 });
  let d = '';
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { size: qr.size, d };
}

export function qrPath(text: string): QrPath | null {
  if (new TextEncoder().encode(text).length > QR_MAX_BYTES) return null;
  // M survives some glare on a projector screen; a long link falls back to L
  for (const ecc of ['M', 'L'] as const) {
    try {
      return draw(text, ecc);
    } catch {
      // too long at this level
    }
  }
  return null;
}
