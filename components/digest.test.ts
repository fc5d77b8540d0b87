import { describe, expect, it } from 'vitest';
import { frameDigest } from './digest.ts';

describe('frame digest', () => {
  it('changes when any plotted number changes, and only then', () => {
    const f = { series: [{ name: 'a', kind: 'sim', group: 'g', points: [[0, 1], [1, 2]] as [number, number][] }] };
    const g = structuredClone(f);
    expect(frameDigest(f)).toBe(frameDigest(g));
    g.series[0].points[1][1] = 2.0000001;
    expect(frameDigest(f)).not.toBe(frameDigest(g));
  });
});
