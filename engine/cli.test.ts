import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, usage } from './cli-core.ts';
import { figures } from './registry.ts';
import { toCsv } from './export.ts';
import { toMeta } from './spec.ts';
import { figureById } from './registry.ts';
import { nodeTf } from './tf-node.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

function sets(raw: Record<string, unknown>): string[] {
  return Object.entries(raw).flatMap(([k, v]) => ['--set', `${k}=${String(v)}`]);
}

/** The JSON contract: { id, params, series: [{ name, points: [[x, y], …] }], summary: { name: number | string } }. */
function checkContract(out: unknown, id: string): { series: { name: string; points: [number, number][] }[] } {
  const o = out as Record<string, unknown>;
  expect(o.id).toBe(id);
  expect(typeof o.params).toBe('object');
  for (const v of Object.values(o.params as object)) expect(['number', 'string', 'boolean']).toContain(typeof v);
  expect(Array.isArray(o.series)).toBe(true);
  const series = o.series as { name: unknown; points: unknown }[];
  expect(series.length).toBeGreaterThan(0);
  const names = new Set<string>();
  for (const s of series) {
    expect(typeof s.name).toBe('string');
    expect((s.name as string).length).toBeGreaterThan(0);
    names.add(s.name as string);
    expect(Array.isArray(s.points)).toBe(true);
    for (const p of s.points as unknown[]) {
      expect(Array.isArray(p) && p.length === 2).toBe(true);
      const [x, y] = p as number[];
      expect(typeof x === 'number' && Number.isFinite(x) && typeof y === 'number' && Number.isFinite(y)).toBe(true);
    }
  }
  expect(names.size).toBe(series.length);
  expect(typeof o.summary).toBe('object');
  const scalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  for (const v of Object.values(o.summary as object)) expect(Array.isArray(v) ? v.every(scalar) : scalar(v)).toBe(true);
  expect(Object.keys(o.summaryLabels as object).sort()).toEqual(Object.keys(o.summary as object).sort());
  expect(Array.isArray(o.checks)).toBe(true);
  expect(['done', 'diverged']).toContain(o.status);
  expect(Array.isArray(o.notes)).toBe(true);
  return out as { series: { name: string; points: [number, number][] }[] };
}

function parseCsv(text: string): string[][] {
  // Minimal RFC 4180 reader: quoted fields may contain commas and doubled quotes.
  return text
    .trimEnd()
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            cur += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else cur += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          out.push(cur);
          cur = '';
        } else cur += ch;
      }
      out.push(cur);
      return out;
    });
}

describe('figure CLI', () => {
  for (const spec of figures) {
    it(`${spec.id}: JSON output follows the contract and CSV has the same rows`, async () => {
      const json = await runCli([spec.id, ...sets(spec.test)], { tf });
      expect(json.code).toBe(0);
      const out = checkContract(JSON.parse(json.stdout), spec.id);
      const csv = await runCli([spec.id, ...sets(spec.test), '--format', 'csv'], { tf });
      expect(csv.code).toBe(0);
      const rows = parseCsv(csv.stdout);
      expect(rows[0]).toEqual(['series', 'panel', 'kind', 'x', 'y']);
      const total = out.series.reduce((n, s) => n + s.points.length, 0);
      expect(rows.length - 1).toBe(total);
      for (const r of rows.slice(1)) {
        expect(r.length).toBe(5);
        expect(spec.panels.map((p) => p.name)).toContain(r[1]);
        expect(Object.keys(spec.kinds)).toContain(r[2]);
        expect(Number.isFinite(Number(r[3])) && Number.isFinite(Number(r[4]))).toBe(true);
      }
      expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(out.series.filter((s) => s.points.length).map((s) => s.name)));
    });
  }

  it('quotes CSV names that contain commas', async () => {
    const r = await runCli(['saxe-mode-curves', ...sets(figureById.get('saxe-mode-curves')!.test), '--set', 'steps=100', '--format', 'csv'], { tf });
    expect(r.code).toBe(0);
    // No current series name has a comma; the writer must still keep every row at three fields.
    for (const row of parseCsv(r.stdout)) expect(row.length).toBe(5);
    const meta = toMeta(figureById.get('saxe-mode-curves')!);
    const text = toCsv(
      {
        id: 'x',
        params: {},
        series: [{ name: 'a, "b"', kind: 'linear', group: 'g', points: [[1, 2], [2, NaN]] }],
        summary: {},
        checks: [],
        progress: 1,
        step: 1,
        status: 'done',
        notes: [],
      },
      meta,
    );
    // Quoted, and the non-finite point dropped.
    expect(text).toBe('series,panel,kind,x,y\n"a, ""b""",main,linear,1,2\n');
  });

  it('clamps out-of-range values with a note on stderr and exit 0', async () => {
    const small = ['--set', 'steps=100', '--set', 'features=50', '--set', 'treeDepth=3'];
    const r = await runCli(['saxe-mode-curves', '--set', 'hiddenUnits=99', ...small], { tf });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Hidden units N₂: 99 is above the maximum; set to 64/);
    expect(JSON.parse(r.stdout).params.hiddenUnits).toBe(64);
    // A value between two grid values of a log control is moved to the nearest, with a note.
    const g = await runCli(['saxe-mode-curves', '--set', 'learningRate=0.0017', ...small], { tf });
    expect(g.stderr).toMatch(/Learning rate λ: 0\.0017 is not one of the control's values; using the nearest, 0\.0015/);
    expect(JSON.parse(g.stdout).params.learningRate).toBe(0.0015);
    // Only plain decimal numbers are numbers.
    for (const bad of ['0x1F', '0b101', ' 2 ', 'Infinity']) {
      const b = await runCli(['saxe-mode-curves', '--set', `hiddenUnits=${bad}`], { tf });
      expect(b.code, bad).toBe(2);
    }
  });

  it('reports usage errors with the valid choices and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['no-such-figure'], /Unknown figure "no-such-figure". Valid figures: saxe-phase-portrait, saxe-mode-curves, saxe-mode-delay/],
      [['saxe-phase-portrait', '--set', 'bogus=1'], /Unknown parameter "bogus" for saxe-phase-portrait. Valid parameters: s, learningRate/],
      [['saxe-phase-portrait', '--set', 'novalue'], /Malformed --set/],
      [['saxe-phase-portrait', '--set'], /--set needs a value/],
      [['saxe-phase-portrait', '--format', 'xml'], /Unknown format "xml". Valid formats: json, csv/],
      [['saxe-mode-curves', '--set', 'init=zeros'], /Invalid value "zeros" for init of saxe-mode-curves: valid choices are random \| decoupled/],
      [['saxe-mode-curves', '--set', 'flip=abc'], /Invalid value "abc" for flip/],
      [['saxe-phase-portrait', '--frobnicate'], /Unknown option "--frobnicate"/],
      [[], /No figure id given/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv, { tf });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
  });

  it('prints usage with every figure and parameter for --help', async () => {
    const r = await runCli(['--help'], { tf });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(usage(figures));
    for (const f of figures) {
      expect(r.stdout).toContain(f.id);
      for (const d of f.params) expect(r.stdout).toContain(d.name);
    }
  });
});
