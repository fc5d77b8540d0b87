/**
 * The command line, as a function tests can call: `figure <id> [--set name=value ...]
 * [--format json|csv] [--backend cpu|wasm]`. Prints the final frame's series, the same the page plots.
 * Exit codes: 0 success (clamped values noted on stderr), 2 usage errors.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { formatValue, parseAssignments, parseNumber, sanitize } from './params.ts';
import { figureById, figures } from './registry.ts';
import type { FigureSpec, Frame, ParamDescriptor } from './spec.ts';
import { toMeta } from './spec.ts';
import { toCsv, toJson } from './export.ts';
import type { NodeBackend } from './tf-node.ts';
import { nodeTf } from './tf-node.ts';
import { nodeAsset } from './assets-node.ts';
import { runToCompletion } from './run.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Use this tfjs instance instead of setting one up (tests). */
  tf?: typeof TF;
  specs?: ReadonlyMap<string, FigureSpec>;
}

const FORMATS = ['json', 'csv'] as const;
const BACKENDS: readonly NodeBackend[] = ['cpu', 'wasm'];

class UsageError extends Error {}

function describeParam(d: ParamDescriptor): string {
  const range =
    d.kind === 'number'
      ? d.values
        ? `one of ${d.values.map((v) => formatValue(v)).join(', ')}${d.unit ? ` (${d.unit})` : ''}`
        : `${d.integer ? 'integer' : 'number'} in [${formatValue(d.min)}, ${formatValue(d.max)}]${d.integer || d.step <= 0 ? '' : ` in steps of ${formatValue(d.step)}`}${d.unit ? ` (${d.unit})` : ''}`
      : d.kind === 'choice'
        ? `one of ${d.options.map((o) => JSON.stringify(o.value)).join(', ')}`
        : 'true or false';
  return `    ${d.name.padEnd(14)} ${range}; default ${formatValue(d.default)}. ${d.doc}`;
}

export function usage(specs: Iterable<FigureSpec> = figures): string {
  const lines = [
    'Usage: npm run figure -- <figure-id> [--set name=value ...] [--format json|csv] [--backend cpu|wasm]',
    '',
    'Runs a figure of the engine to the end and prints its final series.',
    '  --set name=value   set a parameter (repeatable); out-of-range values are clamped with a note on stderr',
    '  --format json|csv  output format (default json); csv has the header series,panel,kind,x,y',
    '  --backend cpu|wasm tfjs backend (default cpu; wasm is faster and is what browsers run)',
    '  --help             this text',
    '',
    'Figures and their parameters:',
  ];
  for (const s of specs) {
    lines.push(`  ${s.id}: ${s.title} (${s.source.text})`);
    for (const d of s.params) lines.push(describeParam(d));
  }
  return lines.join('\n') + '\n';
}

interface Parsed {
  help: boolean;
  id: string | null;
  sets: string[];
  format: (typeof FORMATS)[number];
  backend: NodeBackend;
}

function parseArgs(argv: string[]): Parsed {
  const out: Parsed = { help: false, id: null, sets: [], format: 'json', backend: 'cpu' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--help' || flag === '-h') out.help = true;
    else if (flag === '--set') out.sets.push(value());
    else if (flag === '--format') {
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`Unknown format "${f}". Valid formats: ${FORMATS.join(', ')}.`);
      out.format = f as Parsed['format'];
    } else if (flag === '--backend') {
      const b = value();
      if (!(BACKENDS as readonly string[]).includes(b)) throw new UsageError(`Unknown backend "${b}". Valid backends: ${BACKENDS.join(', ')}.`);
      out.backend = b as NodeBackend;
    } else if (a.startsWith('-')) throw new UsageError(`Unknown option "${a}". Valid options: --set, --format, --backend, --help.`);
    else if (out.id === null) out.id = a;
    else throw new UsageError(`Unexpected argument "${a}" (one figure id at a time).`);
  }
  return out;
}

/** A value that is not even of the right kind is an error; one out of range is clamped later. */
function checkKind(spec: FigureSpec, d: ParamDescriptor, raw: string): void {
  const bad = (valid: string) => new UsageError(`Invalid value "${raw}" for ${d.name} of ${spec.id}: ${valid}.`);
  if (d.kind === 'number' && !Number.isFinite(parseNumber(raw))) throw bad(`expected a number in [${formatValue(d.min)}, ${formatValue(d.max)}]`);
  if (d.kind === 'choice' && !d.options.some((o) => o.value === raw)) throw bad(`valid choices are ${d.options.map((o) => o.value).join(' | ')}`);
  if (d.kind === 'boolean' && !['true', 'false', '1', '0'].includes(raw)) throw bad('expected true or false');
}

export async function runCli(argv: string[], opts: CliOptions = {}): Promise<CliResult> {
  const specs = opts.specs ?? figureById;
  const err: string[] = [];
  try {
    const args = parseArgs(argv);
    if (args.help) return { code: 0, stdout: usage(specs.values()), stderr: '' };
    if (args.id === null) throw new UsageError(`No figure id given. Valid figures: ${[...specs.keys()].join(', ')}.`);
    const spec = specs.get(args.id);
    if (!spec) throw new UsageError(`Unknown figure "${args.id}". Valid figures: ${[...specs.keys()].join(', ')}.`);
    let raw: Record<string, string>;
    try {
      raw = parseAssignments(args.sets);
    } catch (e) {
      throw new UsageError(`Malformed --set: ${(e as Error).message}`);
    }
    for (const [k, v] of Object.entries(raw)) {
      const d = spec.params.find((p) => p.name === k);
      if (!d) throw new UsageError(`Unknown parameter "${k}" for ${spec.id}. Valid parameters: ${spec.params.map((p) => p.name).join(', ')}.`);
      checkKind(spec, d, v);
    }
    const { params, notes } = sanitize(spec, raw);
    for (const n of notes) err.push(`note: ${n}`);
    const tf = opts.tf ?? (await nodeTf(args.backend));
    const last = await runToCompletion(spec, params, { tf, cancelled: () => false, asset: nodeAsset });
    const frame: Frame = { ...last, notes: [...notes, ...last.notes] };
    if (args.format === 'csv') for (const n of last.notes) err.push(`note: ${n}`);
    if (frame.status === 'diverged') err.push(`${spec.id} diverged; see "notes".`);
    const meta = toMeta(spec);
    return { code: 0, stdout: args.format === 'csv' ? toCsv(frame, meta) : toJson(frame, meta, { backend: args.backend }), stderr: err.map((l) => l + '\n').join('') };
  } catch (e) {
    if (e instanceof UsageError) {
      return { code: 2, stdout: '', stderr: `${err.map((l) => l + '\n').join('')}error: ${e.message}\nRun with --help for usage.\n` };
    }
    return { code: 1, stdout: '', stderr: `error: ${e instanceof Error ? e.message : String(e)}\n` };
  }
}
