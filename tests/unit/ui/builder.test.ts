import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { QR_MAX_BYTES, qrPath } from '../../../src/ui/builder/qr.ts';
import { decodeLink, loadPreset, shareUrl } from '../../../src/scenario/index.ts';
import { LESSONS } from '../../../src/ui/link/sections.ts';

describe('QR code of a workshop link', () => {
  const s = loadPreset('workshop-outage')!;
  const url = shareUrl('https://example.test/cascade/', s, {
    lesson: 'the-outage',
    step: 5,
    hide: ['seed'],
    lock: ['telemetry.buffer.whenFull'],
    present: true,
  }).url;

  it('draws every dark module of the code, with a quiet zone of 4', () => {
    const qr = qrPath(url)!;
    const ref = encode(url, { ecc: 'M', border: 4 });
    expect(qr.size).toBe(ref.size);
    expect((qr.size - 8 - 17) % 4).toBe(0); // 17 + 4 x version modules, plus the quiet zone
    const dark = ref.data.flat().filter(Boolean).length;
    expect(qr.d.match(/M/g)!.length).toBe(dark);
    // the corner finder pattern starts right after the quiet zone
    expect(qr.d.startsWith('M4 4h1v1h-1z')).toBe(true);
  });

  it('the link in it is the readable, versioned link, and it opens cleanly', () => {
    expect(url).toContain('?v=1&preset=workshop-outage&seed=1&hide=seed&lock=telemetry.buffer.whenFull');
    expect(url).toContain('&lesson=the-outage&step=5&present=1');
    const back = decodeLink(url, { lessons: LESSONS });
    expect(back.issues).toEqual([]);
    expect(back.options).toMatchObject({ lesson: 'the-outage', step: 5, present: true, hide: ['seed'] });
  });

  it('says no for text longer than a QR code holds', () => {
    expect(qrPath('x'.repeat(QR_MAX_BYTES + 1))).toBeNull();
    expect(qrPath('x'.repeat(2000))).not.toBeNull();
  });
});
