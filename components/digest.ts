/** FNV-1a hash of the plotted numbers of a frame: equal digests mean the same curves, bit for bit. */
import type { Frame } from '../engine/spec.ts';

export function frameDigest(frame: Pick<Frame, 'series'>): string {
  let h = 0x811c9dc5;
  const mix = (str: string) => {
    for (let i = 0; i < str.length; i++) {
      h ^= str.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  for (const s of frame.series) {
    mix(s.name);
    for (const [x, y] of s.points) mix(`${x},${y};`);
  }
  return h.toString(16).padStart(8, '0');
}
