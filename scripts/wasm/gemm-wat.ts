/**
 * Generates engine/wasm/gemm.wat (scripts/wasm/build.ts assembles it into engine/wasm/gemm-bytes.ts): a single-precision GEMM kernel in WebAssembly SIMD, called once per small product
 * (128-bit f32x4; no relaxed SIMD, so no fused multiply-add and the same bits on every engine).
 *
 *   gemm(A, sai, sap, B, ldb, C, ldc, m, n, k, alpha, acc):
 *     C[i·ldc + j] = (acc ? C[i·ldc + j] : 0) + alpha · Σ_p A[i·sai + p·sap] · B[p·ldb + j]     (i < m, j < n, p < k)
 *
 * Pointers are byte offsets into the module's memory, strides count f32 elements; C must not overlap A or B. B and C are row-major;
 * A's two strides give both A (sai = k, sap = 1) and Aᵀ (sai = 1, sap = m) without copying. The sum over p runs
 * in order p = 0, 1, …, k−1 into an accumulator that starts at zero, then alpha · sum is added to C (or stored, acc = 0): the result
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
    if (W === 1) {
      out.push(`(local.set $y (f32.mul ${get('alpha')} ${get(`s${r}`)}))`);
      out.push(`(f32.store ${get('pc')} (select (f32.add (f32.load ${get('pc')}) ${get('y')}) ${get('y')} ${get('acc')}))`);
    } else {
      for (let v = 0; v < V; v++) {
        const load = `(v128.load offset=${16 * v} ${get('pc')})`;
        out.push(`(local.set $x (f32x4.mul ${get('al')} ${get(`a${r}${v}`)}))`);
        out.push(`(v128.store offset=${16 * v} ${get('pc')} (select (f32x4.add ${load} ${get('x')}) ${get('x')} ${get('acc')}))`);
      }
    }
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
    `(if (i32.or (i32.eqz ${get('m')}) (i32.eqz ${get('n')})) (then (return)))`,
    // k = 0: the sum is empty, so C keeps its values (acc) or becomes zero, row by row; the tiles assume k ≥ 1.
    `(if (i32.eqz ${get('k')}) (then`,
    `  (if ${get('acc')} (then (return)))`,
    `  (loop $zero`,
    `    (memory.fill (i32.add ${get('C')} (i32.shl (i32.mul ${get('i')} ${get('ldc')}) (i32.const 2))) (i32.const 0) (i32.shl ${get('n')} (i32.const 2)))`,
    `    (br_if $zero (i32.lt_u (local.tee $i (i32.add ${get('i')} (i32.const 1))) ${get('m')})))`,
    `  (return)))`,
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
  const transpose = [
    '  ;; transpose(src, rows, cols, dst): dst[j·rows + i] = src[i·cols + j] (row-major, byte offsets, no overlap).',
    '  (func (export "transpose") (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32)',
    '    (local $i i32) (local $j i32) (local $ps i32) (local $pd i32) (local $rs i32)',
    '    (if (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $cols))) (then (return)))',
    '    (local.set $rs (i32.shl (local.get $rows) (i32.const 2)))',
    '    (loop $row',
    '      (local.set $ps (i32.add (local.get $src) (i32.shl (i32.mul (local.get $i) (local.get $cols)) (i32.const 2))))',
    '      (local.set $pd (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2))))',
    '      (local.set $j (local.get $cols))',
    '      (loop $col',
    '        (f32.store (local.get $pd) (f32.load (local.get $ps)))',
    '        (local.set $ps (i32.add (local.get $ps) (i32.const 4)))',
    '        (local.set $pd (i32.add (local.get $pd) (local.get $rs)))',
    '        (br_if $col (local.tee $j (i32.sub (local.get $j) (i32.const 1)))))',
    '      (br_if $row (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $rows)))))',
  ];
  // Elementwise over n f32 values at byte offsets: four at a time, then one at a time. A body is one instruction
  // or several lines; `locals` adds the body's own locals after $q.
  const elementwise = (name: string, doc: string, params: string, vec: string | string[], scalar: string | string[], locals = ''): string[] => [
    `  ;; ${doc}`,
    `  (func (export "${name}") ${params} (param $n i32)`,
    `    (local $q i32)${locals}`,
    '    (block $done4 (loop $four',
    '      (br_if $done4 (i32.gt_u (i32.add (local.get $q) (i32.const 4)) (local.get $n)))',
    ...[vec].flat().map((l) => `      ${l}`),
    '      (local.set $q (i32.add (local.get $q) (i32.const 4)))',
    '      (br $four)))',
    '    (block $done1 (loop $one',
    '      (br_if $done1 (i32.ge_u (local.get $q) (local.get $n)))',
    ...[scalar].flat().map((l) => `      ${l}`),
    '      (local.set $q (i32.add (local.get $q) (i32.const 1)))',
    '      (br $one))))',
  ];
  const at = (p: string) => `(i32.add (local.get $${p}) (i32.shl (local.get $q) (i32.const 2)))`;
  const add = elementwise(
    'add',
    'add(dst, src, n): dst[q] += src[q].',
    '(param $dst i32) (param $src i32)',
    `(v128.store ${at('dst')} (f32x4.add (v128.load ${at('dst')}) (v128.load ${at('src')})))`,
    `(f32.store ${at('dst')} (f32.add (f32.load ${at('dst')}) (f32.load ${at('src')})))`,
  );
  const tanhGrad = elementwise(
    'tanhGrad',
    "tanhGrad(g, h, n): g[q] *= 1 − h[q]², the derivative of tanh at the point where tanh = h.",
    '(param $g i32) (param $h i32)',
    `(v128.store ${at('g')} (f32x4.mul (v128.load ${at('g')}) (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.mul (v128.load ${at('h')}) (v128.load ${at('h')})))))`,
    `(f32.store ${at('g')} (f32.mul (f32.load ${at('g')}) (f32.sub (f32.const 1) (f32.mul (f32.load ${at('h')}) (f32.load ${at('h')})))))`,
  );
  const mul = elementwise(
    'mul',
    'mul(dst, src, n): dst[q] *= src[q].',
    '(param $dst i32) (param $src i32)',
    `(v128.store ${at('dst')} (f32x4.mul (v128.load ${at('dst')}) (v128.load ${at('src')})))`,
    `(f32.store ${at('dst')} (f32.mul (f32.load ${at('dst')}) (f32.load ${at('src')})))`,
  );
  // Σ a[q]² in float64, in order q = 0, 1, … (no SIMD: the order of the sum is the result's definition).
  const sumSquares = [
    '  ;; sumSquares(a, n) -> Σ a[q]² summed in f64, in order.',
    '  (func (export "sumSquares") (param $a i32) (param $n i32) (result f64)',
    '    (local $q i32) (local $s f64) (local $x f64)',
    '    (block $done (loop $next',
    '      (br_if $done (i32.ge_u (local.get $q) (local.get $n)))',
    `      (local.set $x (f64.promote_f32 (f32.load ${at('a')})))`,
    '      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $x) (local.get $x))))',
    '      (local.set $q (i32.add (local.get $q) (i32.const 1)))',
    '      (br $next)))',
    '    (local.get $s))',
  ];
  // tanh as a rational function of x (odd numerator of degree 13 over even denominator of degree 6, x clamped to
  // ±7.905311: Eigen's generic_fast_tanh_float coefficients), |x| < 4e-4 returned as is. Plain f32 operations in
  // a fixed order, the same in every lane and in the scalar tail.
  const ALPHA = ['-2.76076847742355e-16', '2.00018790482477e-13', '-8.60467152213735e-11', '5.12229709037114e-08', '1.48572235717979e-05', '6.37261928875436e-04', '4.89352455891786e-03'];
  const BETA = ['1.19825839466702e-06', '1.18534705686654e-04', '2.26843463243900e-03', '4.89352518554385e-03'];
  const tanhOf = (v: boolean, x: string): { pre: string[]; value: string } => {
    const T = v ? 'f32x4' : 'f32';
    const c = (k: string) => (v ? `(f32x4.splat (f32.const ${k}))` : `(f32.const ${k})`);
    const clamped = `(${T}.max (${T}.min ${x} ${c('7.90531110763549805')}) ${c('-7.90531110763549805')})`;
    const horner = (cs: string[], x2: string) => cs.slice(1).reduce((acc, k) => `(${T}.add (${T}.mul ${x2} ${acc}) ${c(k)})`, c(cs[0]));
    const ratio = `(${T}.div (${T}.mul (local.get $${v ? 'xv' : 'xs'}) ${horner(ALPHA, `(local.get $${v ? 'x2v' : 'x2s'})`)}) ${horner(BETA, `(local.get $${v ? 'x2v' : 'x2s'})`)})`;
    const tiny = v ? `(f32x4.lt (f32x4.abs ${x}) ${c('0.0004')})` : `(f32.lt (f32.abs ${x}) ${c('0.0004')})`;
    return {
      pre: [
        `(local.set $${v ? 'xv' : 'xs'} ${clamped})`,
        `(local.set $${v ? 'x2v' : 'x2s'} (${T}.mul (local.get $${v ? 'xv' : 'xs'}) (local.get $${v ? 'xv' : 'xs'})))`,
      ],
      value: v ? `(v128.bitselect ${x} ${ratio} ${tiny})` : `(select ${x} ${ratio} ${tiny})`,
    };
  };
  const tv = tanhOf(true, '(local.get $yv)');
  const ts = tanhOf(false, '(local.get $ys)');
  const tanhFn = elementwise(
    'tanh',
    'tanh(dst, src, n): dst[q] = tanh(src[q]) in float32 (rational approximation: measured within 3.8e-7 absolute and 6.4·2^-24 relative of Math.tanh on [-12, 12], engine/wasm/gemm.test.ts).',
    '(param $dst i32) (param $src i32)',
    [`(local.set $yv (v128.load ${at('src')}))`, ...tv.pre, `(v128.store ${at('dst')} ${tv.value})`],
    [`(local.set $ys (f32.load ${at('src')}))`, ...ts.pre, `(f32.store ${at('dst')} ${ts.value})`],
    ' (local $xv v128) (local $x2v v128) (local $xs f32) (local $x2s f32) (local $yv v128) (local $ys f32)',
  );
  return [
    ';; Generated by scripts/wasm/gemm-wat.ts; do not edit (npm run wasm rebuilds it and engine/wasm/gemm-bytes.ts).',
    '(module',
    '  (memory (export "memory") 1)',
    '  (func (export "gemm")',
    '    (param $A i32) (param $sai i32) (param $sap i32) (param $B i32) (param $ldb i32) (param $C i32) (param $ldc i32)',
    '    (param $m i32) (param $n i32) (param $k i32) (param $alpha f32) (param $acc i32)',
    ...locals.map((l) => '    ' + l),
    ...body.map((l) => '    ' + l),
    '  )',
    ...transpose,
    ...add,
    ...tanhGrad,
    ...mul,
    ...sumSquares,
    ...tanhFn,
    ')',
    '',
  ].join('\n');
}
