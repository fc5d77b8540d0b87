import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const b64 = readFileSync('engine/wasm/gemm-bytes.ts', 'utf8').match(/'([A-Za-z0-9+/=]+)'/)[1];
const code = (b64) => {
  const s = atob(b64); const bytes = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const { gemm, memory } = inst.exports; memory.grow(200);
  const B_ = 100, iters = 200; const out = [];
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    for (let it = 0; it < iters; it++) for (let b = 0; b < B_; b++) { const o = b * 40000; gemm(o, 1, 32, o + 8192, 64, o + 20000, 64, 32, 64, 32, 1, 1); gemm(o, 32, 1, o + 8192, 64, o + 20000, 64, 32, 64, 32, 1, 1); gemm(o, 32, 1, o + 8192, 32, o + 20000, 32, 32, 32, 64, 1, 0); }
    out.push(((performance.now() - t0) / iters).toFixed(3));
  }
  return out;
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage();
console.log('chromium main thread ms/step', await page.evaluate(code, b64));
await browser.close();
console.log('node ms/step', code(b64));
