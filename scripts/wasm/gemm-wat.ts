/**
 * Generates engine/wasm/gemm.wat (scripts/wasm/build.ts assembles it into engine/wasm/gemm-bytes.ts): a batched-friendly single-precision GEMM kernel in WebAssembly SIMD
 * (128-bit f32x4; no relaxed SIMD, so no fused multiply-add and the same bits on every engine).
 *
 *   gemm(A, sai, sap, B, ldb, C, ldc, m, n, k, alpha):
 *     C[i·ldc + j] += alpha · Σ_p A[i·sai + p·sap] · B[p·ldb + j]     (i < m, j < n, p < k)
 *
 * Pointers are byte offsets into the module's memory, strides count f32 elements. B and C are row-major;
 * A's two strides give both A (sai = k, sap = 1) and Aᵀ (sai = 1, sap = m) without copying. The sum over p runs
 * in order p = 0, 1, …, k−1 into an accumulator that starts at zero, then alpha · sum is added to C: the result
 * does not depend on the tiling. Tiles: 4 rows × 8 columns (8 vector accumulators), then 4 × 4 and 4 × 1 for the
 * last columns, then the same for single rows.
 */

let label = 0;
const L = (name: string): string => `$${name}${label++}`;
const get = (x: string): string => `(local.get $${x})`;

/** Address of row r of the A tile: pa + r·sai (sai, sai2, sai3 hold the byte multiples). */
function aAddr(r: number): string {
  return r === 0 ? get('pa') : `(i32.add ${get('pa')} ${get(r === 1 ? 'sai' : `sai${r}`)})`;
}

/** One tile of R rows × W columns (W = 8, 4: vectors; W = 1: scalars) at (i, j). */
function tile(R: number, W: number): string[] {
  const V = W / 4;
  const out: string[] = [];
  const kl = L('k');
  for (let r = 0; r < R; r++) {
    if (W === 1) out.push(`(local.set $s${r} (f32.const 0))`);
    else for (let v = 0; v < V; v++) out.push(`(local.set $a${r}${v} (v128.const i32x4 0 0 0 0))`);
  }
  out.push(`(local.set $pa (i32.add ${get('A')} (i32.mul ${get('i')} ${get('sai')})))`);
  out.push(`(local.set $pb (i32.add ${get('B')} (i32.shl ${get('j')} (i32.const 2))))`);
  out.push(`(local.set $p ${get('k')})`);
  out.push(`(loop ${kl}`);
  if (W === 1) out.push(`  (local.set $y (f32.load ${get('pb')}))`);
  for (let v = 0; v < V; v++) out.push(`  (local.set $b${v} (v128.load offset=${16 * v} ${get('pb')}))`);
  for (let r = 0; r < R; r++) {
    if (W === 1) {
      out.push(`  (local.set $s${r} (f32.add ${get(`s${r}`)} (f32.mul (f32.load ${aAddr(r)}) ${get('y')})))`);
    } else {
      out.push(`  (local.set $x (v128.load32_splat ${aAddr(r)}))`);
      for (let v = 0; v < V; v++) out.push(`  (local.set $a${r}${v} (f32x4.add ${get(`a${r}${v}`)} (f32x4.mul ${get('x')} ${get(`b${v}`)})))`);
    }
  }
  out.push(`  (local.set $pa (i32.add ${get('pa')} ${get('sap')}))`);
  out.push(`  (local.set $pb (i32.add ${get('pb')} ${get('ldb')}))`);
  out.push(`  (br_if ${kl} (local.tee $p (i32.sub ${get('p')} (i32.const 1)))))`);
  for (let r = 0; r < R; r++) {
    out.push(`(local.set $pc (i32.add ${get('C')} (i32.add (i32.mul (i32.add ${get('i')} (i32.const ${r})) ${get('ldc')}) (i32.shl ${get('j')} (i32.const 2)))))`);
    if (W === 1) out.push(`(f32.store ${get('pc')} (f32.add (f32.load ${get('pc')}) (f32.mul ${get('alpha')} ${get(`s${r}`)})))`);
    else
      for (let v = 0; v < V; v++)
        out.push(`(v128.store offset=${16 * v} ${get('pc')} (f32x4.add (v128.load offset=${16 * v} ${get('pc')}) (f32x4.mul ${get('al')} ${get(`a${r}${v}`)})))`);
  }
  return out;
}

/** A loop over `v` in steps of `by` while v + by ≤ limit, around `body`. */
function stepLoop(v: string, by: number, limit: string, body: string[]): string[] {
  const done = L('done');
  const top = L('loop');
  return [
    `(block ${done} (loop ${top}`,
    `  (br_if ${done} (i32.gt_u (i32.add ${get(v)} (i32.const ${by})) ${get(limit)}))`,
    ...body.map((l) => '  ' + l),
    `  (local.set $${v} (i32.add ${get(v)} (i32.const ${by})))`,
    `  (br ${top})))`,
  ];
}

function columns(R: number): string[] {
  return ['(local.set $j (i32.const 0))', ...stepLoop('j', 8, 'n', tile(R, 8)), ...stepLoop('j', 4, 'n', tile(R, 4)), ...stepLoop('j', 1, 'n', tile(R, 1))];
}

export function gemmWat(): string {
  label = 0;
  const locals = [
    '(local $i i32) (local $j i32) (local $p i32) (local $pa i32) (local $pb i32) (local $pc i32)',
    '(local $sai2 i32) (local $sai3 i32) (local $y f32) (local $s0 f32) (local $s1 f32) (local $s2 f32) (local $s3 f32)',
    '(local $x v128) (local $al v128) (local $b0 v128) (local $b1 v128)',
    ...[0, 1, 2, 3].map((r) => `(local $a${r}0 v128) (local $a${r}1 v128)`),
  ];
  const body = [
    `(if (i32.or (i32.or (i32.eqz ${get('m')}) (i32.eqz ${get('n')})) (i32.eqz ${get('k')})) (then (return)))`,
    `(local.set $sai (i32.shl ${get('sai')} (i32.const 2)))`,
    `(local.set $sap (i32.shl ${get('sap')} (i32.const 2)))`,
    `(local.set $ldb (i32.shl ${get('ldb')} (i32.const 2)))`,
    `(local.set $ldc (i32.shl ${get('ldc')} (i32.const 2)))`,
    `(local.set $sai2 (i32.shl ${get('sai')} (i32.const 1)))`,
    `(local.set $sai3 (i32.add ${get('sai2')} ${get('sai')}))`,
    `(local.set $al (f32x4.splat ${get('alpha')}))`,
    '(local.set $i (i32.const 0))',
    ...stepLoop('i', 4, 'm', columns(4)),
    ...stepLoop('i', 1, 'm', columns(1)),
  ];
  return [
    ';; Generated by scripts/wasm/gemm-wat.ts; do not edit (npm run wasm rebuilds it and engine/wasm/gemm-bytes.ts).',
    '(module',
    '  (memory (export "memory") 1)',
    '  (func (export "gemm")',
    '    (param $A i32) (param $sai i32) (param $sap i32) (param $B i32) (param $ldb i32) (param $C i32) (param $ldc i32)',
    '    (param $m i32) (param $n i32) (param $k i32) (param $alpha f32)',
    ...locals.map((l) => '    ' + l),
    ...body.map((l) => '    ' + l),
    '  )',
    ')',
    '',
  ].join('\n');
}
