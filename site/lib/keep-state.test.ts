import { expect, it } from 'vitest';
import { stateHref } from './keep-state.ts';

it("adds the figure's own state to the link, and nothing else", () => {
  const here = 'https://x.org/ld/figures/saxe-depth/?embed&saxe-depth.depth=4&saxe-depth:step=20&other.a=1';
  expect(stateHref('/ld/depth/#saxe-depth', 'saxe-depth', here)).toBe('https://x.org/ld/depth/?saxe-depth.depth=4&saxe-depth%3Astep=20#saxe-depth');
  expect(stateHref('/ld/figures/saxe-depth/', 'saxe-depth', 'https://x.org/ld/figures/saxe-depth/?embed')).toBe('https://x.org/ld/figures/saxe-depth/');
});
