/**
 * Off-screen prose skips rendering (content-visibility: auto; the rule is in site/styles/global.css, under
 * html.ld-skip-offscreen). Without it, every frame a running figure drew made the browser walk and repaint the
 * chapter's text and typeset math around it: 30–50 ms of pre-paint and paint per frame on /depth/ with the CPU
 * slowed 4× (Chromium traces), a main-thread task over 50 ms for each frame.
 *
 * A block that skips rendering takes the size it had when it was last laid out (contain-intrinsic-size: auto).
 * So the rule is turned on only after the whole page has been laid out once, with its fonts, and turned off
 * and on again when the width changes or a late font arrives: every block then keeps its true height, and a
 * link to a section or a figure lands where it should, with nothing moving after it.
 */
const CLASS = 'ld-skip-offscreen';

export function initSkipOffscreen(): void {
  const root = document.documentElement;
  let frame = 0;
  /** Lay every block out in full once, so that its size is recorded, then skip again. */
  const remeasure = () => {
    cancelAnimationFrame(frame);
    root.classList.remove(CLASS);
    // The browser records a block's size after a frame that laid it out: turn skipping on a frame later.
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => root.classList.add(CLASS));
    });
  };
  const loaded = new Promise<void>((resolve) => (document.readyState === 'complete' ? resolve() : window.addEventListener('load', () => resolve(), { once: true })));
  // The fonts the laid-out page asked for (fonts.ready is read after the load, when layout has asked for them).
  void loaded.then(() => document.fonts?.ready).then(remeasure);
  // A font that arrives later (a weight first used further down) changes the height of the blocks that use it.
  document.fonts?.addEventListener('loadingdone', remeasure);
  // Only a change of width reflows the prose: a phone's address bar coming and going changes the height alone.
  let width = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === width) return;
    width = window.innerWidth;
    remeasure();
  });
}
