/**
 * The declarative figure contract shared by the engine, the worker, the CLI and the site.
 * Pure types: no DOM, no Plot, no Astro. One figure's facts live in its spec: parameters and their
 * grids, panels and axes, the kinds of series it draws (role, style, legend label), its summary
 * fields, test settings, chapter and interactive handles. Charts, legends, read-outs, tests, the e2e
 * page list and the bench all derive from it.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { KernelHelper } from './nn/kernel-helper.ts';

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

interface BaseParam {
  /** camelCase, meaning first; also the URL key (namespaced by figure id). */
  name: string;
  label: string;
  /** One line shown as the control's description. */
  doc: string;
}

export interface NumberParam extends BaseParam {
  kind: 'number';
  min: number;
  max: number;
  /** Grid spacing of a linear control (the value is min + k·step). Ignored when `values` is given. */
  step: number;
  default: number;
  unit?: string;
  /**
   * The exact values a log control moves over, ascending (first = min, last = max, default among them);
   * required with scale 'log'. The value shown, written to the URL and run is always one of them.
   */
  values?: readonly number[];
  scale?: 'linear' | 'log';
  integer?: boolean;
}

export interface ChoiceParam extends BaseParam {
  kind: 'choice';
  options: readonly { value: string; label: string }[];
  default: string;
}

export interface BooleanParam extends BaseParam {
  kind: 'boolean';
  default: boolean;
}

export type ParamDescriptor = NumberParam | ChoiceParam | BooleanParam;

/**
 * What a series is. simulation: what the network did; theory: the analytic prediction it is compared
 * with; guide: a reference line or bound (muted); per-seed: one run of many (faint), summarised elsewhere.
 */
export type SeriesRole = 'simulation' | 'theory' | 'guide' | 'per-seed';

/** How a series is drawn. The chart and the legend key both read it. */
export type SeriesStyle =
  | 'line'
  | 'thin'
  | 'dashed'
  | 'dotted'
  | 'dots'
  | 'step'
  | 'dashed-step'
  | 'area'
  /** A heatmap (rows of [column, value]). */
  | 'cells'
  /** A vector field drawn by the chart from the parameters (no points of its own). */
  | 'arrows'
  /** Open circles marking chosen points (start points, handles). */
  | 'markers'
  /** Vertical or horizontal reference lines. */
  | 'rule';

export interface SeriesKind {
  role: SeriesRole;
  style: SeriesStyle;
  /** The legend's words for this kind of mark, e.g. "simulation", "eq. (12)", "tanh network". */
  label: string;
}

export interface Series {
  /** Unique within a frame, human-readable, says which is which ("mode 1, simulation"). */
  name: string;
  /** A key of the spec's `kinds`. */
  kind: string;
  /** Groups a simulation series with its theory (e.g. "mode 1"): one colour per group. Guides ignore it. */
  group: string;
  /** Which panel the series belongs to; a name from the spec's `panels` (default: the first panel). */
  panel?: string;
  points: [number, number][];
}

export interface AxisSpec {
  /** With proper symbols (Unicode sub/superscripts, Greek), never TeX or underscores. */
  label: string;
  scale?: 'linear' | 'log' | 'symlog';
}

export interface PanelSpec {
  name: string;
  title: string;
  x: AxisSpec;
  y: AxisSpec;
}

/** A quantitative comparison of a frame against theory, shown in the figure's read-out. */
export interface Check {
  /** What is measured, e.g. "max |u − u(eq. 12)| / s". */
  label: string;
  value: number;
  /** What the simulation is measured against, e.g. "eq. (12)". */
  against: string;
  /** The tolerance the unit tests enforce at the stated parameters, if this check has one. */
  tolerance?: number;
}

/** A number, a word, or one number per item (null where there is none, e.g. a time never reached). */
export type SummaryValue = number | string | boolean | readonly (number | null)[];
export type Summary = Record<string, SummaryValue>;

export type RunStatus = 'running' | 'done' | 'diverged';

/** A snapshot of a run. The last frame a run yields is its result. */
export interface Frame<S extends Summary = Summary> {
  id: string;
  params: Params;
  series: Series[];
  /** Typed values under stable keys (labels in the spec's `summaryLabels`). */
  summary: S;
  /** Gaps to theory, for the read-out. */
  checks: Check[];
  /** 0..1, how far the run has got. */
  progress: number;
  /** Training step (or sweep index) this frame shows. */
  step: number;
  status: RunStatus;
  /** Plain-language notes, e.g. why a run diverged or where theory and simulation part ways. */
  notes: string[];
  /** The spec's generated text alternative for this frame (filled in by whoever drives the run). */
  description?: string;
  /**
   * Set when the training ran on something other than the TensorFlow.js backend: 'wasm-simd' is this site's
   * WebAssembly SIMD kernel (engine/wasm/gemm.ts). Shown with the backend in the footer and in exported JSON.
   */
  kernel?: 'wasm-simd';
  /** 2 where the engine worker and its helper worker trained the networks together (engine/nn/kernel-helper.ts). */
  cores?: 2;
}

/** Loads a named binary data asset (engine/data/assets/<name>.bin): fetched in the browser, read from disk in Node. */
export type AssetLoader = (name: string) => Promise<Uint8Array>;

export interface RunContext {
  tf: typeof TF;
  /** Present wherever assets can be loaded (worker, Node); figures that need data call it. */
  asset?: AssetLoader;
  /** True once the run has been cancelled; a spec checks it between chunks and returns early. */
  cancelled(): boolean;
  /**
   * How far the run has got (0..1), from inside long work between frames (a first frame that takes
   * seconds). The worker shows it on the progress bar and lets a cancel arrive while it is awaited, so
   * a spec checks `cancelled()` after it. Cheap to call often: the driver throttles it. Absent in the CLI.
   */
  progress?(fraction: number): Promise<void>;
  /**
   * A second core for batched networks on our kernel (engine/nn/kernel-helper.ts): the browser worker starts a
   * helper worker on first call where the machine has two cores or more; null or absent elsewhere (Node, one core).
   */
  kernelHelper?(): KernelHelper | null;
}

export interface Tolerance {
  value: number;
  /** What is compared and at which parameters (stated on the page and enforced by a unit test). */
  what: string;
}

/** A point the reader can drag in a panel (and move with the arrow keys): two number parameters. */
export interface Handle {
  panel: string;
  x: string;
  y: string;
  /** Short name for people ("start 1", "c1"). */
  label: string;
}

export interface FigureSpec<S extends Summary = Summary> {
  id: string;
  title: string;
  /** The chapter slug whose MDX embeds this figure (checked by a test). */
  chapter: string;
  /** Where the content comes from, e.g. "Saxe et al. (2014), Fig. 2" and what kind of source it is. */
  source: { kind: 'paper-figure' | 'paper-claim' | 'ours'; text: string };
  /** Iterative figures get play/pause/step over their frames. */
  iterative: boolean;
  /** Nothing random in the run: no seed parameter (checked by a test). */
  deterministic: boolean;
  params: readonly ParamDescriptor[];
  /** The panels in drawing order, with their axes. */
  panels: readonly PanelSpec[];
  /** Every kind of series the figure can yield. */
  kinds: Readonly<Record<string, SeriesKind>>;
  /** A label for every summary key. */
  summaryLabels: { readonly [K in keyof S]: string };
  /** What the dashed overlay is, or why there is none. */
  overlay: string;
  tolerances: Record<string, Tolerance>;
  /** Where the default departs from the paper's setting, and why (shown on the page). */
  departures: string[];
  /** Small settings that keep the figure's generic unit tests fast (sizes, steps). */
  test: Params;
  handles?: readonly Handle[];
  /** A short generated text alternative for the given frame. */
  describe(frame: Frame<S>): string;
  /** Yields frames while it runs; the last yielded frame is the result (status 'done' or 'diverged'). */
  run(params: Params, ctx: RunContext): AsyncGenerator<Frame<S>, void, void>;
}

/** The serialisable part of a spec: what the page needs without loading the engine. */
export type FigureMeta = Pick<
  FigureSpec,
  'id' | 'title' | 'chapter' | 'source' | 'iterative' | 'deterministic' | 'params' | 'panels' | 'kinds' | 'summaryLabels' | 'overlay' | 'departures' | 'handles'
>;

export function toMeta(spec: FigureSpec): FigureMeta {
  const { id, title, chapter, source, iterative, deterministic, params, panels, kinds, summaryLabels, overlay, departures, handles } = spec;
  return { id, title, chapter, source, iterative, deterministic, params, panels, kinds, summaryLabels, overlay, departures, ...(handles ? { handles } : {}) };
}

/** The kind of a series, failing loudly on an undeclared one. */
export function kindOf(meta: Pick<FigureMeta, 'id' | 'kinds'>, s: Pick<Series, 'kind' | 'name'>): SeriesKind {
  const k = meta.kinds[s.kind];
  if (!k) throw new Error(`${meta.id}: series "${s.name}" has undeclared kind "${s.kind}".`);
  return k;
}
