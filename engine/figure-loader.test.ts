import { describe, expect, it } from 'vitest';
import { figures } from './registry.ts';
import { isSpec } from './figure-loader.ts';

describe('lazy figure loading in the worker', () => {
  it('every registered figure <id> is exported by engine/figures/<id>.ts (the worker finds it there)', async () => {
    for (const spec of figures) {
      const mod = (await import(`./figures/${spec.id}.ts`)) as Record<string, unknown>;
      const found = Object.values(mod).filter((x) => isSpec(x, spec.id));
      expect(found, spec.id).toEqual([spec]);
    }
  });
});
