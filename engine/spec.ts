/**
 * The declarative figure contract shared by the engine, the worker, the CLI and the site.
 * Pure types: no DOM, no Plot, no Astro.
 */
import type * as TF from '@tensorflow/tfjs-core';

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
  /** Slider step in the control's own units (for log scale: step of log10). */
  step: number;
  default: number;
  unit?: string;
  /** 'log' sliders move in log10 space. */
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

/** simulation: what the network did; analytic: the theory drawn dashed; reference: guides (zero line, fixed-point curve). */
export type SeriesRole = 'simulation' | 'analytic' | 'reference';

export interface Series {
  /** Unique within a frame, human-readable, says which is which ("mode 1 (simulation)"). */
  name: string;
  role: SeriesRole;
  /** Groups a simulation series with its analytic overlay (e.g. "mode 1"), used for colour and residuals. */
  group: string;
  /** For multi-panel figures: which panel the series belongs to (e.g. 'phase', 'time'). */
  panel?: string;
  points: [number, number][];
}

export type Summary = Record<string, number | string>;

export type RunStatus = 'running' | 'done' | 'diverged';

/** A snapshot of a run. The last frame a run yields is its result. */
export interface Frame {
  id: string;
  params: Params;
  series: Series[];
  summary: Summary;
  /** 0..1, how far the run has got. */
  progress: number;
  /** Training step (or sweep index) this frame shows. */
  step: number;
  status: RunStatus;
  /** Plain-language notes, e.g. why a run diverged or where theory and simulation part ways. */
  notes: string[];
  /** The spec's generated text alternative for this frame (filled in by whoever drives the run). */
  description?: string;
}

/** Loads a named binary data asset (engine/data/assets/<name>.bin): fetched in the browser, read from disk in Node. */
export type AssetLoader = (name: string) => Promise<Uint8Array>;

export interface RunContext {
  tf: typeof TF;
  /** Present wherever assets can be loaded (worker, Node); figures that need data call it. */
  asset?: AssetLoader;
  /** True once the run has been cancelled; a spec checks it between chunks and returns early. */
  cancelled(): boolean;
}

export interface Tolerance {
  value: number;
  /** What is compared and at which parameters (stated on the page and enforced by a unit test). */
  what: string;
}

export interface FigureSpec {
  id: string;
  title: string;
  chapter: string;
  /** Where the content comes from, e.g. "Saxe et al. (2014), Fig. 2" and what kind of source it is. */
  source: { kind: 'paper-figure' | 'paper-claim' | 'ours'; text: string };
  /** Iterative figures get play/pause/step/reset over their frames. */
  iterative: boolean;
  params: readonly ParamDescriptor[];
  /** What the dashed overlay is, or why there is none. */
  overlay: string;
  axes: { x: string; y: string; xScale?: 'linear' | 'log'; yScale?: 'linear' | 'log' };
  tolerances: Record<string, Tolerance>;
  /** Where the default departs from the paper's setting, and why (shown on the page). */
  departures: string[];
  /** A short generated text alternative for the given frame. */
  describe(frame: Frame): string;
  /** Yields frames while it runs; the last yielded frame is the result (status 'done' or 'diverged'). */
  run(params: Params, ctx: RunContext): AsyncGenerator<Frame, void, void>;
}

/** The serialisable part of a spec: what the page needs without loading the engine. */
export type FigureMeta = Pick<FigureSpec, 'id' | 'title' | 'chapter' | 'source' | 'iterative' | 'params' | 'overlay' | 'axes' | 'departures'>;

export function toMeta(spec: FigureSpec): FigureMeta {
  const { id, title, chapter, source, iterative, params, overlay, axes, departures } = spec;
  return { id, title, chapter, source, iterative, params, overlay, axes, departures };
}
