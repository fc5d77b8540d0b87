import { describe, expect, it } from 'vitest';
import { figures } from '../../engine/registry.ts';
import { paperValue, scaleRows } from './scale.ts';

describe('bench scale table', () => {
  it('reads the paper value from a parameter doc', () => {
    expect(paperValue('Output features per item (paper: 1000; fewer runs faster).')).toBe(1000);
    expect(paperValue('Step size (paper: 0.5e-3 with 1000 features).')).toBe(0.5e-3);
    expect(paperValue('Levels (paper: 5, i.e. 32 items).')).toBe(5);
    expect(paperValue('Which modes (paper: both).')).toBeNull();
    expect(paperValue('Full-batch SGD steps (the paper: 10,000 epochs).')).toBe(10000);
    expect(paperValue('Which modes (paper: 1, 2, 3, 5).')).toBe(1);
    expect(paperValue('Width of the network. The paper: 500.')).toBe(500);
    expect(paperValue('Spectral decoupling coefficient. The paper: 0.003.')).toBe(0.003);
    expect(paperValue('Half the gap. The paper: −0.1 and +0.1.')).toBeNull();
  });

  it('lists the parameters whose default differs from the paper, from the specs', () => {
    const rows = new Map(scaleRows(figures).map((r) => [r.id, r]));
    // saxe-mode-curves runs at the paper's scale by default (issue 10).
    expect(rows.get('saxe-mode-curves')!.stated).toBeGreaterThanOrEqual(4);
    expect(rows.get('saxe-mode-curves')!.paper).toBe('');
    // So does saxe-mode-delay (tree depth 5, 1000 features, 100 seeds), on the SIMD kernel.
    expect(rows.get('saxe-mode-delay')!.stated).toBeGreaterThanOrEqual(3);
    expect(rows.get('saxe-mode-delay')!.paper).toBe('');
    // saxe-edge-of-chaos still runs smaller than the paper: its width differs.
    expect(rows.get('saxe-edge-of-chaos')!.paper).not.toBe('');
  });
});
