import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeAsset } from '../assets-node.ts';
import { DIGITS_ASSET, parseDigits } from './digits.ts';

const SHA256 = 'd3c9b303e5941d36b18488040441251efe7b7ccf35bf78c178aedfd2748af373';

describe('digits asset', () => {
  it('is the file scripts/data/make-digits.py writes (SHA-256)', async () => {
    const bytes = await nodeAsset(DIGITS_ASSET);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(SHA256);
    expect(readFileSync('engine/data/assets/digits.LICENSE.md', 'utf8')).toContain(SHA256);
  });

  it('parses to 1797 images of 8×8, labels 0..9 summing to 1797, pixels in [0, 1] on the grid k/16', async () => {
    const d = parseDigits(await nodeAsset(DIGITS_ASSET));
    expect([d.count, d.rows, d.cols]).toEqual([1797, 8, 8]);
    expect(d.pixels.length).toBe(1797 * 64);
    const counts = new Array(10).fill(0);
    for (const l of d.labels) counts[l]++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1797);
    // scikit-learn's copy has between 174 and 183 images of each digit.
    for (const c of counts) {
      expect(c).toBeGreaterThanOrEqual(174);
      expect(c).toBeLessThanOrEqual(183);
    }
    let min = Infinity;
    let max = -Infinity;
    for (const p of d.pixels) {
      min = Math.min(min, p);
      max = Math.max(max, p);
      expect(Number.isInteger(p * 16)).toBe(true);
    }
    expect([min, max]).toEqual([0, 1]);
  });

  it('rejects other bytes with clear errors', () => {
    expect(() => parseDigits(new Uint8Array(3))).toThrow(/too short/);
    expect(() => parseDigits(new Uint8Array(40))).toThrow(/does not start with "LDDIGIT1"/);
    const bad = new Uint8Array(16 + 1 + 4);
    bad.set([...'LDDIGIT1'].map((c) => c.charCodeAt(0)));
    new DataView(bad.buffer).setUint32(8, 1, true);
    new DataView(bad.buffer).setUint16(12, 2, true);
    new DataView(bad.buffer).setUint16(14, 2, true);
    expect(() => parseDigits(bad.subarray(0, 20))).toThrow(/implies 21/);
    bad[16] = 12;
    expect(() => parseDigits(bad)).toThrow(/label 12/);
    bad[16] = 3;
    bad[17] = 17;
    expect(() => parseDigits(bad)).toThrow(/above 16/);
  });
});
