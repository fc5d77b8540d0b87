import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeAsset } from '../assets-node.ts';
import { parseDigits } from '../data/digits.ts';
import { nodeTf } from '../tf-node.ts';
import { type StarvationDigitsSummary, TRAIN, digitsSplit, tachetStarvationDigits as spec } from './tachet-starvation-digits.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('wasm');
});


describe('tachet-starvation-digits', () => {
  it('uses a fixed split of all 1797 images into disjoint train and test sets', async () => {
    const d = parseDigits(await nodeAsset('digits'));
    const s = digitsSplit(d.count);
    expect(s.train.length).toBe(TRAIN);
    expect(new Set([...s.train, ...s.test]).size).toBe(d.count);
    expect(digitsSplit(d.count)).toEqual(s);
  });

  it('contradicting-patch accuracy falls as the patched fraction q rises (tolerance patchStarves)', async () => {
    const acc: Record<number, { clean: number; contra: number }> = {};
    for (const q of [0, 0.3, 0.8]) {
      const { last } = await runToEnd(tf, spec, { patchFraction: q });
      expect(last.status).toBe('done');
      const s = last.summary as StarvationDigitsSummary;
      acc[q] = { clean: s.cleanAccuracy, contra: s.contradictingAccuracy };
      expect(last.checks).toEqual([]);
    }
    expect(Math.abs(acc[0].clean - acc[0].contra)).toBeLessThan(0.1);
    expect(acc[0].clean).toBeGreaterThan(0.8);
    expect(acc[0.3].contra).toBeLessThan(acc[0].contra);
    expect(acc[0.8].contra).toBeLessThan(acc[0.3].contra);
    expect(acc[0.8].clean - acc[0.8].contra).toBeGreaterThan(spec.tolerances.patchStarves.value);
    expect(acc[0.8].contra).toBeLessThan(0.2);
  }, 30_000);
});
