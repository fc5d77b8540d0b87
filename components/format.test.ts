import { describe, expect, it } from 'vitest';
import type { NumberParam } from '../engine/spec.ts';
import { fmt, fromSlider, toSlider } from './format.ts';
import { frameDigest } from './digest.ts';
import { toCsv } from './data-table.ts';

const logParam: NumberParam = { kind: 'number', name: 'u0', label: 'u0', doc: '', min: 1e-8, max: 0.1, step: 0.25, default: 1e-6, scale: 'log' };

describe('formatting and slider mapping', () => {
  it('log sliders map values through log10 and back to 3 significant digits', () => {
    expect(toSlider(logParam, 1e-6)).toBeCloseTo(-6, 12);
    expect(fromSlider(logParam, -6)).toBe(1e-6);
    expect(fromSlider(logParam, -5.75)).toBe(1.78e-6);
  });
  it('formats small and large numbers compactly', () => {
    expect(fmt(0.0015)).toBe('0.0015');
    expect(fmt(1e-6)).toBe('1.00e-6');
    expect(fmt(123456)).toBe('1.23e5');
  });
  it('digest changes when any plotted number changes, and only then', () => {
    const f = { series: [{ name: 'a', role: 'simulation' as const, group: 'g', points: [[0, 1], [1, 2]] as [number, number][] }] };
    const g = structuredClone(f);
    expect(frameDigest(f)).toBe(frameDigest(g));
    g.series[0].points[1][1] = 2.0000001;
    expect(frameDigest(f)).not.toBe(frameDigest(g));
  });
  it('CSV quotes names with commas', () => {
    const frame = { id: 'x', params: {}, summary: {}, progress: 1, step: 1, status: 'done' as const, notes: [], series: [{ name: 'fixed points, a>0', role: 'reference' as const, group: 'r', points: [[1, 2]] as [number, number][] }] };
    expect(toCsv(frame)).toBe('series,x,y\n"fixed points, a>0",1,2\n');
  });
});
