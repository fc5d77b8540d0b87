/**
 * Binary data assets in the worker: each known asset is imported with `?url` so the bundler emits it
 * with a hashed, base-path-aware URL, and it is fetched only when a figure asks for it.
 * Add an entry here when you add engine/data/assets/<name>.bin.
 */
import type { AssetLoader } from './spec.ts';
import digitsUrl from './data/assets/digits.bin?url';

const urls: Record<string, string> = { digits: digitsUrl };

export const browserAsset: AssetLoader = async (name) => {
  const url = urls[name];
  if (!url) throw new Error(`Unknown data asset "${name}".`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load the data asset "${name}" (HTTP ${res.status}).`);
  return new Uint8Array(await res.arrayBuffer());
};
