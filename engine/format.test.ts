import { describe, expect, it } from 'vitest';
import { fmt, fmtParam, fmtTick } from './format.ts';
import { logValues, snapToGrid, toPosition, fromPosition, parseNumber } from './params.ts';
import type { NumberParam } from './spec.ts';

describe('the one number formatter', () => {
  it('prints plain decimals in [1e-3, 1e5) and trimmed exponents outside, never SI prefixes', () => {
    expect(fmt(0.0015)).toBe('0.0015');
    expect(fmt(1e-6)).toBe('1e-6');
    expect(fmt(1.5e-4)).toBe('1.5e-4');
    expect(fmt(123456)).toBe('1.23e5');
    expect(fmt(-2e-7, 4)).toBe('-2e-7');
    expect(fmt(0.2)).toBe('0.2');
    expect(fmt(12345.6)).toBe('12300');
    expect(fmt(0)).toBe('0');
    expect(fmtTick(0.025)).toBe('0.025');
    expect(fmtTick(200)).toBe('200');
    expect(fmt(NaN)).toBe('NaN');
  });
  it('formats parameter values the same in controls, captions and notes', () => {
    const d: NumberParam = { kind: 'number', name: 'lr', label: 'λ', doc: '', min: 1e-4, max: 1, step: 0, values: logValues(1e-4, 1), default: 0.0015, scale: 'log', unit: 'per step' };
    expect(fmtParam(d, 0.0015)).toBe('0.0015 per step');
    expect(fmtParam(d, 1e-4)).toBe('1e-4 per step');
    const seed: NumberParam = { kind: 'number', name: 'seed', label: 'Seed', doc: '', min: 0, max: 999999, step: 1, default: 1, integer: true };
    expect(fmtParam(seed, 123457)).toBe('123457');
  });
});

describe('control grids', () => {
  const log: NumberParam = { kind: 'number', name: 'u0', label: 'u₀', doc: '', min: 1e-8, max: 0.1, step: 0, values: logValues(1e-8, 0.1), default: 1e-6, scale: 'log' };
  const lin: NumberParam = { kind: 'number', name: 'flip', label: 'flip', doc: '', min: 0, max: 0.5, step: 0.01, default: 0.1 };
  it('log grids hold 1, 1.5, 2, 3, 5, 7 per decade, both ends and extras, exactly', () => {
    expect(logValues(0.01, 1)).toEqual([0.01, 0.015, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1]);
    expect(logValues(0.01, 0.1, [0.042])).toContain(0.042);
    expect(log.values).toContain(1e-6);
    expect(log.values).toContain(1e-7);
  });
  it('maps positions to values and back exactly, and snaps stray values to the nearest grid value', () => {
    for (const v of log.values!) expect(fromPosition(log, toPosition(log, v))).toBe(v);
    expect(snapToGrid(log, 1.2e-6)).toBe(1e-6);
    expect(snapToGrid(log, 1.3e-6)).toBe(1.5e-6);
    expect(snapToGrid(lin, 0.30000000000000004)).toBe(0.3);
    expect(snapToGrid(lin, 0.304)).toBe(0.3);
    expect(fromPosition(lin, 0.1)).toBe(0.1);
    // Found by the URL fuzz test: the grid's zero was 5.55e-17 (−0.3 + 6·0.05 in floating point).
    const margin: NumberParam = { kind: 'number', name: 'margin', label: 'Margin', doc: '', min: -0.3, max: 0.3, step: 0.05, default: 0.1 };
    expect(Object.is(snapToGrid(margin, 0), 0)).toBe(true);
    expect(Object.is(snapToGrid(margin, -0.01), 0)).toBe(true);
    expect(snapToGrid(margin, 0.1)).toBe(0.1);
    expect(snapToGrid(margin, -0.26)).toBe(-0.25);
    const tiny: NumberParam = { kind: 'number', name: 't', label: 'T', doc: '', min: 1e-7, max: 1e-5, step: 2.5e-7, default: 1e-6 };
    expect(snapToGrid(tiny, 1e-6)).toBe(1.1e-6); // 1e-7 + 4 · 2.5e-7
    expect(snapToGrid(tiny, 3.6e-7)).toBe(3.5e-7);
  });
  it('parses only plain decimal numbers', () => {
    expect(parseNumber('1e-3')).toBe(1e-3);
    expect(parseNumber('-.5')).toBe(-0.5);
    for (const bad of ['0x1F', '0b101', ' 2 ', '', 'Infinity', '1,5', '٣']) expect(parseNumber(bad)).toBeNaN();
  });
});
