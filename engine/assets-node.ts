/** Binary data assets for Node (CLI, tests, build-time rendering): read from engine/data/assets/<name>.bin. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AssetLoader } from './spec.ts';

/** Paths are resolved from the project root (npm scripts run there), not import.meta.url, which bundlers rewrite. */
export const nodeAsset: AssetLoader = async (name) => {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Invalid asset name "${name}".`);
  return new Uint8Array(await readFile(resolve(process.cwd(), 'engine/data/assets', `${name}.bin`)));
};
