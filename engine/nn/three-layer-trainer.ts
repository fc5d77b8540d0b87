/**
 * B independent three-layer networks of Saxe eq. (1) on one-hot inputs, behind one interface, on either of two
 * engines: our WebAssembly SIMD kernel (three-layer-simd.ts; where the JS engine has WebAssembly SIMD, i.e.
 * every current browser and Node) or TensorFlow.js (three-layer.ts; the fallback, one rank-3 computation).
 * Each network has its own targets and output singular vectors (its own output basis, engine/nn/output-basis.ts).
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { Matrix } from '../linalg.ts';
import { identity } from '../linalg.ts';
import { gemmWorkspace } from '../wasm/gemm.ts';
import { toTensor2d, toTensor3d } from './tensors.ts';
import type { Activation, TrainingData, Weights } from './three-layer.ts';
import { disposeData, readModes, toBatchWeights, toWeights, trainStep, trainingData } from './three-layer.ts';
import { SimdThreeLayer } from './three-layer-simd.ts';

export interface ThreeLayerNet {
  /** N2×P (P items, one-hot). */
  W21: Matrix;
  /** r×N2. */
  W32: Matrix;
  /** Targets, P×r (row μ = y^μᵀ). */
  Y: Matrix;
  /** The output singular vectors whose mode strengths are read, r×K. */
  U: Matrix;
}

export interface ThreeLayerSetup {
  nets: readonly ThreeLayerNet[];
  /** The input singular vectors, P×K (shared: every network sees the same items). */
  V: Matrix;
  activation: Activation;
  learningRate: number;
}

export interface ThreeLayerTrainer {
  /** Which engine trains: 'wasm-simd' (ours) or 'tfjs'. */
  readonly kernel: 'wasm-simd' | 'tfjs';
  /** One full-batch gradient-descent step of every network. */
  step(): void;
  /** Mode strengths u_αᵀ Σ³¹_net v_α (B·K, network-major) and losses ½Σ‖y − ŷ‖² (B) at the current weights. */
  read(): { strengths: Float32Array; loss: Float32Array };
  dispose(): void;
}

class TfThreeLayer implements ThreeLayerTrainer {
  readonly kernel = 'tfjs';
  private w: Weights;
  private readonly d: TrainingData;
  /** The output singular vectors (N3×K, or B×N3×K), the input ones (P×K) and λ, as tensors made once. */
  private readonly U: TF.Tensor;
  private readonly V: TF.Tensor;
  private readonly lr: TF.Scalar;

  constructor(
    private readonly tf: typeof TF,
    private readonly setup: ThreeLayerSetup,
  ) {
    const { nets } = setup;
    const X = identity(nets[0].Y.rows);
    const single = nets.length === 1;
    this.d = single ? trainingData(tf, X, nets[0].Y) : trainingData(tf, X, nets.map((n) => n.Y));
    this.w = single ? toWeights(tf, nets[0]) : toBatchWeights(tf, nets);
    this.U = single ? toTensor2d(tf, nets[0].U) : toTensor3d(tf, nets.map((n) => n.U));
    this.V = toTensor2d(tf, setup.V);
    this.lr = tf.scalar(setup.learningRate);
  }

  step(): void {
    const old = this.w;
    this.w = trainStep(this.tf, old, this.d, this.lr, this.setup.activation);
    this.tf.dispose([old.W21, old.W32t]);
  }

  read(): { strengths: Float32Array; loss: Float32Array } {
    return readModes(this.tf, this.w, this.d, this.U, this.V, this.setup.activation);
  }

  dispose(): void {
    this.tf.dispose([this.w.W21, this.w.W32t, this.U, this.V, this.lr]);
    disposeData(this.tf, this.d);
  }
}

/** The frame fields that record where the networks trained (engine/spec.ts, Frame.kernel and Frame.cores). */
export function kernelOf(t: (Pick<ThreeLayerTrainer, 'kernel'> & { split?: boolean }) | null): { kernel?: 'wasm-simd'; cores?: 2 } {
  if (t?.kernel !== 'wasm-simd') return {};
  return t.split ? { kernel: 'wasm-simd', cores: 2 } : { kernel: 'wasm-simd' };
}

/** A trainer on our SIMD kernel where the engine has WebAssembly SIMD, else on TensorFlow.js (or as `use` says). */
export function threeLayerTrainer(tf: typeof TF, setup: ThreeLayerSetup, use: 'auto' | 'wasm-simd' | 'tfjs' = 'auto'): ThreeLayerTrainer {
  if (use !== 'tfjs') {
    const ws = gemmWorkspace();
    if (ws) return new SimdThreeLayer(ws, setup);
    if (use === 'wasm-simd') throw new Error('threeLayerTrainer: this engine has no WebAssembly SIMD');
  }
  return new TfThreeLayer(tf, setup);
}
