/**
 * B three-layer networks of Saxe eq. (1) (engine/nn/three-layer.ts) trained on our WebAssembly SIMD kernel
 * (engine/wasm/gemm.ts) instead of TensorFlow.js: one network at a time, each product a 2-D GEMM in place.
 * One-hot inputs only (X = I, Saxe Fig. 3), so h^μ is the μ-th column of W²¹. Per network and step:
 *   E = Y − φ(W²¹)ᵀ W³²ᵀ (P×r, the error Y − Ŷ),
 *   G = λ W³²ᵀ Eᵀ (N2×P, with the old W³²), W³²ᵀ += λ φ(W²¹) E, W²¹ += G ⊙ φ′(h),
 * the same step as trainStep (float32, its own summation order: agreement to float rounding, not to the bit).
 */
import type { Matrix } from '../linalg.ts';
import { transpose } from '../linalg.ts';
import type { GemmWorkspace } from '../wasm/gemm.ts';
import type { Activation } from './three-layer.ts';
import type { ThreeLayerSetup, ThreeLayerTrainer } from './three-layer-trainer.ts';

interface Net {
  W21: number;
  W32t: number;
  Y: number;
  U: number;
  E: number;
  /** φ(W²¹) for tanh networks (W21 itself for linear ones). */
  H: number;
}

/** A Float64 matrix into the workspace as float32, row-major. */
function put(ws: GemmWorkspace, at: number, m: Matrix): void {
  ws.view(at, m.rows * m.cols).set(m.data);
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
  /** V (P×K) and a row of P ones (column sums as a product). */
  private readonly V: number;
  private readonly ones: number;
  private readonly Et: number;
  private readonly G: number;
  private readonly T: number;
  private readonly Z: number;
  private readonly S: number;
  /** U = [I_K; 0] for every network (the leading modes in a reduced basis): Ŷ U is read off W³²ᵀ's first K columns. */
  private readonly leading: boolean;
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
    this.nets = setup.nets.map((n) => {
      if (n.W21.rows !== N2 || n.W21.cols !== P || n.W32.rows !== r || n.W32.cols !== N2 || n.Y.rows !== P || n.Y.cols !== r || n.U.rows !== r || n.U.cols !== K)
        throw new Error('SimdThreeLayer: every network needs the same shapes');
      const net: Net = {
        W21: ws.alloc(N2 * P),
        W32t: ws.alloc(N2 * r),
        Y: ws.alloc(P * r),
        U: ws.alloc(r * K),
        E: ws.alloc(P * r),
        H: 0,
      };
      net.H = setup.activation === 'tanh' ? ws.alloc(N2 * P) : net.W21;
      return net;
    });
    this.Et = ws.alloc(r * P);
    this.G = ws.alloc(N2 * P);
    this.leading = setup.nets.every((n) => n.U.data.every((x, q) => x === (Math.floor(q / K) === q % K ? 1 : 0)));
    this.T = ws.alloc(N2 * K);
    this.Z = ws.alloc(P * K);
    this.V = ws.alloc(P * K);
    this.ones = ws.alloc(P);
    put(ws, this.V, setup.V);
    ws.view(this.ones, P).fill(1);
    this.S = ws.alloc(K);
    setup.nets.forEach((n, b) => {
      const net = this.nets[b];
      put(ws, net.W21, n.W21);
      put(ws, net.W32t, transpose(n.W32));
      put(ws, net.Y, n.Y);
      put(ws, net.U, n.U);
    });
  }

  /** E = Y − Ŷ (and φ(W²¹)) of a network at its current weights. */
  private forward(net: Net): void {
    const { ws, P, N2, r } = this;
    const f = ws.f32;
    if (this.activation === 'tanh') ws.tanh(net.H, net.W21, N2 * P);
    f.copyWithin(net.E / 4, net.Y / 4, net.Y / 4 + P * r);
    ws.gemm(net.H, 1, P, net.W32t, r, net.E, r, P, r, N2, -1, 1); // E = Y − φ(W²¹)ᵀ W³²ᵀ
  }

  private update(net: Net): void {
    const { ws, P, N2, r, lr } = this;
    ws.transpose(net.E, P, r, this.Et);
    ws.gemm(net.W32t, r, 1, this.Et, P, this.G, P, N2, P, r, lr, 0); // G = λ W³²ᵀ Eᵀ (old W³²)
    ws.gemm(net.H, P, 1, net.E, r, net.W32t, r, N2, r, P, lr, 1); // W³²ᵀ += λ φ(W²¹) E
    if (this.activation === 'tanh') ws.tanhGrad(this.G, net.H, N2 * P); // ⊙ tanh′(h) = 1 − tanh²(h)
    ws.add(net.W21, this.G, N2 * P);
  }

  step(): void {
    for (const net of this.nets) {
      if (!this.fresh) this.forward(net);
      this.update(net);
    }
    this.fresh = false;
  }

  read(): { strengths: Float32Array; loss: Float32Array } {
    const { ws, P, N2, r, K } = this;
    const strengths = new Float32Array(this.nets.length * K);
    const loss = new Float32Array(this.nets.length);
    this.nets.forEach((net, b) => {
      this.forward(net);
      if (this.leading) {
        ws.gemm(net.H, 1, P, net.W32t, r, this.Z, K, P, K, N2, 1, 0); // Z = φ(W²¹)ᵀ (W³²ᵀ's first K columns) = Ŷ U
      } else {
        ws.gemm(net.W32t, r, 1, net.U, K, this.T, K, N2, K, r, 1, 0); // T = W³²ᵀ U
        ws.gemm(net.H, 1, P, this.T, K, this.Z, K, P, K, N2, 1, 0); // Z = φ(W²¹)ᵀ W³²ᵀ U = Ŷ U: ŷ^μ · u_α
      }
      ws.mul(this.Z, this.V, P * K); // ⊙ v_α^μ
      ws.gemm(this.ones, 1, 1, this.Z, K, this.S, K, 1, K, P, 1, 0); // Σ_μ: u_αᵀ Ŷᵀ v_α
      strengths.set(ws.view(this.S, K), b * K);
      loss[b] = ws.sumSquares(net.E, P * r) / 2;
    });
    this.fresh = true;
    return { strengths, loss };
  }

  dispose(): void {}
}
