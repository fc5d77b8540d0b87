// The folder boundaries in eslint.config.js actually fire: snippets linted with the project's own config
// through ESLint's Node API, as if they lived at the given paths (the files need not exist).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-syntax',
  'no-restricted-properties',
  'no-restricted-globals',
  '@typescript-eslint/no-restricted-types',
]);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.js') });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath), warnIgnored: true });
  return result.messages;
}

/** The boundary violations, as "rule line:column". Fails on a parse error, which would hide them. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const messages = await lint(filePath, code);
  const fatal = messages.filter((m) => m.fatal || !m.ruleId);
  expect(fatal, 'the snippet parses and is linted').toEqual([]);
  return messages
    .filter((m) => m.severity === 2 && BOUNDARY_RULES.has(m.ruleId!))
    .map((m) => `${m.ruleId} ${m.line}:${m.column}`);
}

describe('engine/ boundaries', () => {
  it('rejects an import from components/', async () => {
    expect(await boundaryErrors('engine/x.ts', "import { a } from '../components/format.ts';\nexport const b = a;\n"))
      .toEqual(['no-restricted-imports 1:1']);
  });

  it('rejects imports from site/ and content/ at any depth, type-only and dynamic ones included', async () => {
    const code = [
      "import type { A } from '../../site/lib/url.ts';",
      "export const p = import('../../content/chapters/01-intro.mdx');",
      'export type B = A;',
      '',
    ].join('\n');
    expect(await boundaryErrors('engine/figures/x.ts', code)).toEqual(['no-restricted-imports 1:1', 'no-restricted-syntax 2:25']);
  });

  it('rejects Plot, Astro and linkedom', async () => {
    const code = [
      "import * as Plot from '@observablehq/plot';",
      "import { getCollection } from 'astro:content';",
      "import { parseHTML } from 'linkedom';",
      'export { Plot, getCollection, parseHTML };',
      '',
    ].join('\n');
    expect(await boundaryErrors('engine/nn/x.ts', code)).toEqual([
      'no-restricted-imports 1:1',
      'no-restricted-imports 2:1',
      'no-restricted-imports 3:1',
    ]);
  });

  it('rejects Math.random()', async () => {
    expect(await boundaryErrors('engine/x.ts', 'export const r = Math.random();\n')).toEqual(['no-restricted-properties 1:18']);
  });

  it('rejects DOM globals and DOM types', async () => {
    const code = [
      'export const title = document.title;',
      'export const w = window.innerWidth + localStorage.length + navigator.hardwareConcurrency;',
      'export const f = (el: HTMLElement) => el;',
      '',
    ].join('\n');
    expect(await boundaryErrors('engine/x.ts', code)).toEqual([
      'no-restricted-globals 1:22',
      'no-restricted-globals 2:18',
      'no-restricted-globals 2:38',
      'no-restricted-globals 2:60',
      '@typescript-eslint/no-restricted-types 3:23',
    ]);
  });

  it('lets only the worker entries use the worker globals', async () => {
    const code = 'export const s = self;\npostMessage(1);\n';
    expect(await boundaryErrors('engine/worker-host.ts', code)).toEqual(['no-restricted-globals 1:18', 'no-restricted-globals 2:1']);
    expect(await boundaryErrors('engine/nn/kernel-helper.ts', code)).toEqual(['no-restricted-globals 1:18', 'no-restricted-globals 2:1']);
    expect(await boundaryErrors('engine/worker.ts', code)).toEqual([]);
    expect(await boundaryErrors('engine/kernel-worker.ts', code)).toEqual([]);
    expect(await boundaryErrors('engine/kernel-worker.ts', 'export const d = document;\n')).toEqual(['no-restricted-globals 1:18']);
    expect(await boundaryErrors('engine/worker.ts', 'export const d = document;\n')).toEqual(['no-restricted-globals 1:18']);
  });

  it('allows engine-internal imports and tfjs', async () => {
    const code = [
      "import * as tf from '@tensorflow/tfjs-core';",
      "import { mulberry32 } from '../rng.ts';",
      "import { fetchAsset } from './assets.ts';",
      'export { tf, mulberry32, fetchAsset };',
      '',
    ].join('\n');
    expect(await boundaryErrors('engine/figures/x.ts', code)).toEqual([]);
  });
});

describe('components/ boundaries', () => {
  it('allows importing the engine (and DOM, and Math.random)', async () => {
    const code = (up: string) =>
      [
        `import { registry } from '${up}engine/registry.ts';`,
        `import type { FigureSpec } from '${up}engine/spec.ts';`,
        'export const x: FigureSpec | undefined = registry.get(document.title);',
        'export const r = Math.random();',
        '',
      ].join('\n');
    expect(await boundaryErrors('components/x.ts', code('../'))).toEqual([]);
    expect(await boundaryErrors('components/charts/x.ts', code('../../'))).toEqual([]);
  });

  it('rejects imports from site/ and content/', async () => {
    const code = "import { a } from '../../site/lib/url.ts';\nimport b from '../../content/references.bib?raw';\nexport { a, b };\n";
    expect(await boundaryErrors('components/charts/x.ts', code)).toEqual(['no-restricted-imports 1:1', 'no-restricted-imports 2:1']);
  });
});

describe('.astro files', () => {
  it('a component may not import site/ in its frontmatter', async () => {
    const code = "---\nimport { withBase } from '../site/lib/url.ts';\nimport { registry } from '../engine/registry.ts';\nconst href = withBase('/');\n---\n<a href={href}>{registry.size}</a>\n";
    expect(await boundaryErrors('components/X.astro', code)).toEqual(['no-restricted-imports 2:1']);
  });
});

describe('elsewhere', () => {
  it('site/ may import components/ and content/', async () => {
    const code = "import { a } from '../../components/format.ts';\nimport b from '../../content/references.bib?raw';\nexport { a, b };\n";
    expect(await boundaryErrors('site/lib/x.ts', code)).toEqual([]);
  });
});
