import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BYTES_PATH, WAT_PATH, assemble } from './assemble.ts';

describe('the committed wasm kernel', () => {
  it('is what the generator and wabt produce today (run `npm run wasm` after changing scripts/wasm/gemm-wat.ts)', async () => {
    const { wat, bytesTs } = await assemble();
    expect(readFileSync(WAT_PATH, 'utf8')).toBe(wat);
    expect(readFileSync(BYTES_PATH, 'utf8')).toBe(bytesTs);
  });
});
