import { describe, expect, it } from 'vitest';
import { frameDigest } from './digest.ts';

type Pts = [number, number][];
const frame = (...series: [string, Pts][]) => ({ series: series.map(([name, points]) => ({ name, kind: 'sim', group: 'g', points })) });

describe('frame digest', () => {
  it('changes when any plotted number changes, and only then', () => {
    const f = frame(['a', [[0, 1], [1, 2]]]);
    const g = structuredClone(f);
    expect(frameDigest(f)).toBe(frameDigest(g));
    g.series[0].points[1][1] = 2.0000001;
    expect(frameDigest(f)).not.toBe(frameDigest(g));
  });

  it('sees a change in any single bit of any number, the sign and the last bit of the mantissa included', () => {
    const pts: Pts = Array.from({ length: 50 }, (_, i) => [i, Math.sin(i) * 1e3]);
    const base = frameDigest(frame(['a', pts]));
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    const seen = new Set([base]);
    for (const [i, j] of [[0, 0], [17, 1], [49, 1]]) {
      for (let bit = 0; bit < 64; bit++) {
        const p = structuredClone(pts);
        bits[0] = p[i][j];
        words[bit >> 5] ^= 1 << (bit & 31);
        p[i][j] = bits[0];
        const d = frameDigest(frame(['a', p]));
        expect(d, `point ${i}, coordinate ${j}, bit ${bit}`).not.toBe(base);
        seen.add(d);
      }
    }
    expect(seen.size, 'no two of the 192 one-bit changes collide').toBe(1 + 3 * 64);
  });

  it('tells apart frames that differ only in how points are split between series, or in a series name', () => {
    const a = frameDigest(frame(['a', [[0, 1], [1, 2]]], ['b', [[2, 3]]]));
    expect(frameDigest(frame(['a', [[0, 1]]], ['b', [[1, 2], [2, 3]]]))).not.toBe(a);
    expect(frameDigest(frame(['a', [[0, 1], [1, 2]]], ['c', [[2, 3]]]))).not.toBe(a);
  });

  it('is an 8-digit hex string', () => {
    expect(frameDigest(frame(['a', [[0, -1e-300]]]))).toMatch(/^[0-9a-f]{8}$/);
  });
});
