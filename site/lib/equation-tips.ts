/**
 * Equation previews: the first time a reader hovers or focuses a reference to an equation, its pop-up
 * (`.ld-eq-tip[data-eq]`, empty in the HTML: see rehype-equation-refs.ts) gets a copy of the equation's
 * drawing. Showing, hiding and Escape are the citation pop-ups' CSS and client.ts's initTips.
 */
function fill(target: EventTarget | null): void {
  const tip = (target as Element | null)?.closest?.('.ld-eqref')?.querySelector<HTMLElement>('.ld-eq-tip[data-eq]');
  if (!tip || tip.childElementCount > 0) return;
  const drawn = document.getElementById(tip.dataset.eq ?? '')?.querySelector('.katex-html');
  if (!drawn) return;
  const display = document.createElement('span');
  display.className = 'katex-display';
  const katex = document.createElement('span');
  katex.className = 'katex';
  katex.append(drawn.cloneNode(true));
  display.append(katex);
  tip.append(display);
}

export function initEquationTips(): void {
  document.addEventListener('pointerover', (event) => fill(event.target));
  document.addEventListener('focusin', (event) => fill(event.target));
}
