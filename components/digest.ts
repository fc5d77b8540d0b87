/**
 * Hash of the plotted numbers of a frame: equal digests mean the same curves, bit for bit. Drawn on every frame of a
 * run, so it hashes the numbers' IEEE-754 bits (two 32-bit words each) rather than their decimal strings (which
 * cost about 2 ms per frame of saxe-mode-curves, 4221 points, and made garbage on the main thread).
 */
import type { Frame } from '../engine/spec.ts';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

export function frameDigest(frame: Pick<Frame, 'series'>): string {
  let h = 0x811c9dc5;
  // FNV-1a's multiply per 32-bit word, and a right shift so that high bits reach the low ones too.
  const word = (w: number) => {
    h = Math.imul(h ^ w, 0x01000193);
    h ^= h >>> 15;
  };
  const num = (x: number) => {
    f64[0] = x;
    word(u32[0]);
    word(u32[1]);
  };
  for (const s of frame.series) {
    for (let i = 0; i < s.name.length; i++) word(s.name.charCodeAt(i));
    word(s.points.length);
    for (const [x, y] of s.points) {
      num(x);
      num(y);
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
