/**
 * B three-layer networks of Saxe eq. (1) (engine/nn/three-layer.ts) trained on our WebAssembly SIMD kernel
 * (engine/wasm/gemm.ts) instead of TensorFlow.js: one network at a time, each product a 2-D GEMM in place.
 * One-hot inputs only (X = I, Saxe Fig. 3), so h^μ is the μ-th column of W²¹. Per network and step:
 *   Ŷ = φ(W²¹)ᵀ W³²ᵀ (P×r), E = Y − Ŷ,
 *   G = λ W³²ᵀ Eᵀ (N2×P, with the old W³²), W³²ᵀ += λ φ(W²¹) E, W²¹ += G ⊙ φ′(h),
 * the same step as trainStep (float32, its own summation order: agreement to float rounding, not to the bit).
 */
import type { Matrix } from '../linalg.ts';
import type { GemmWorkspace } from '../wasm/gemm.ts';
import type { Activation } from './three-layer.ts';
import type { ThreeLayerSetup, ThreeLayerTrainer } from './three-layer-trainer.ts';

interface Net {
  W21: number;
  W32t: number;
  Y: number;
  U: number;
  Yhat: number;
  E: number;
  /** φ(W²¹) for tanh networks (W21 itself for linear ones). */
  H: number;
}

function put(ws: GemmWorkspace, at: number, m: Matrix, transposed = false): void {
  const v = ws.view(at, m.rows * m.cols);
  if (!transposed) v.set(m.data);
  else for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) v[j * m.rows + i] = m.data[i * m.cols + j];
}

export class SimdThreeLayer implements ThreeLayerTrainer {
  readonly kernel = 'wasm-simd';
  private readonly nets: Net[];
  private readonly P: number;
  private readonly N2: number;
  private readonly r: number;
  private readonly K: number;
  private readonly lr: number;
  private readonly activation: Activation;
  private readonly V: Float64Array;
  private readonly Et: number;
  private readonly G: number;
  private readonly Z: number;
  /** Ŷ and E of every network belong to the current weights (read() ran since the last step). */
  private fresh = false;

  constructor(
    private readonly ws: GemmWorkspace,
    setup: ThreeLayerSetup,
  ) {
    const first = setup.nets[0];
    this.P = first.Y.rows;
    this.N2 = first.W21.rows;
    this.r = first.Y.cols;
    this.K = first.U.cols;
    this.lr = setup.learningRate;
    this.activation = setup.activation;
    const { P, N2, r, K } = this;
    if (first.W21.cols !== P) throw new Error('SimdThreeLayer: one-hot inputs only (W21 must be N2×P)');
    this.V = Float64Array.from(setup.V.data);
    this.nets = setup.nets.map((n) => {
      if (n.W21.rows !== N2 || n.W21.cols !== P || n.W32.rows !== r || n.W32.cols !== N2 || n.Y.rows !== P || n.Y.cols !== r || n.U.rows !== r || n.U.cols !== K)
        throw new Error('SimdThreeLayer: every network needs the same shapes');
      const net: Net = {
        W21: ws.alloc(N2 * P),
        W32t: ws.alloc(N2 * r),
        Y: ws.alloc(P * r),
        U: ws.alloc(r * K),
        Yhat: ws.alloc(P * r),
        E: ws.alloc(P * r),
        H: 0,
      };
      net.H = setup.activation === 'tanh' ? ws.alloc(N2 * P) : net.W21;
      return net;
    });
    this.Et = ws.alloc(r * P);
    this.G = ws.alloc(N2 * P);
    this.Z = ws.alloc(P * K);
    setup.nets.forEach((n, b) => {
      const net = this.nets[b];
      put(ws, net.W21, n.W21);
      put(ws, net.W32t, n.W32, true);
      put(ws, net.Y, n.Y);
      put(ws, net.U, n.U);
    });
  }

  /** Ŷ, E (and φ(W²¹)) of network b at its current weights. */
  private forward(net: Net): void {
    const { ws, P, N2, r } = this;
    const f = ws.f32;
    if (this.activation === 'tanh') {
      const w = net.W21 / 4;
      const h = net.H / 4;
      for (let q = 0; q < N2 * P; q++) f[h + q] = Math.tanh(f[w + q]);
    }
    const yh = net.Yhat / 4;
    f.fill(0, yh, yh + P * r);
    ws.gemm(net.H, 1, P, net.W32t, r, net.Yhat, r, P, r, N2, 1); // Ŷ = φ(W²¹)ᵀ W³²ᵀ
    const y = net.Y / 4;
    const e = net.E / 4;
    for (let q = 0; q < P * r; q++) f[e + q] = f[y + q] - f[yh + q];
  }

  private update(net: Net): void {
    const { ws, P, N2, r, lr } = this;
    const f = ws.f32;
    const e = net.E / 4;
    const et = this.Et / 4;
    for (let mu = 0; mu < P; mu++) for (let j = 0; j < r; j++) f[et + j * P + mu] = f[e + mu * r + j];
    const g = this.G / 4;
    f.fill(0, g, g + N2 * P);
    ws.gemm(net.W32t, r, 1, this.Et, P, this.G, P, N2, P, r, lr); // G = λ W³²ᵀ Eᵀ (old W³²)
    ws.gemm(net.H, P, 1, net.E, r, net.W32t, r, N2, r, P, lr); // W³²ᵀ += λ φ(W²¹) E
    const w = net.W21 / 4;
    if (this.activation === 'tanh') {
      const h = net.H / 4;
      for (let q = 0; q < N2 * P; q++) f[w + q] += f[g + q] * (1 - f[h + q] * f[h + q]);
    } else {
      for (let q = 0; q < N2 * P; q++) f[w + q] += f[g + q];
    }
  }

  step(): void {
    for (const net of this.nets) {
      if (!this.fresh) this.forward(net);
      this.update(net);
    }
    this.fresh = false;
  }

  read(): { strengths: Float32Array; loss: Float32Array } {
    const { ws, P, r, K, V } = this;
    const strengths = new Float32Array(this.nets.length * K);
    const loss = new Float32Array(this.nets.length);
    const z = this.Z / 4;
    this.nets.forEach((net, b) => {
      this.forward(net);
      const f = ws.f32;
      f.fill(0, z, z + P * K);
      ws.gemm(net.Yhat, r, 1, net.U, K, this.Z, K, P, K, r, 1); // Z = Ŷ U: ŷ^μ · u_α
      for (let a = 0; a < K; a++) {
        let s = 0;
        for (let mu = 0; mu < P; mu++) s += f[z + mu * K + a] * V[mu * K + a];
        strengths[b * K + a] = s;
      }
      const e = net.E / 4;
      let l = 0;
      for (let q = 0; q < P * r; q++) l += f[e + q] * f[e + q];
      loss[b] = l / 2;
    });
    this.fresh = true;
    return { strengths, loss };
  }

  dispose(): void {}
}
