/**
 * <ld-figure>: the page-load part of a figure, kept tiny. It loads the controller (Plot, the chart
 * builders, the worker client) only when the figure nears the viewport or the reader touches it, and
 * it owns what must work even when that load fails: Retry, and the "What to try" buttons that name it.
 */
import type { Params } from '../engine/spec.ts';
import type { FigureController } from './figure-controller.ts';
import { showError } from './figure-error.ts';
import { hasFigureState, presentRequested } from './url-keys.ts';

const observer =
  typeof IntersectionObserver === 'undefined'
    ? null
    : new IntersectionObserver(
        (entries) => {
          for (const e of entries) if (e.isIntersecting) void (e.target as LdFigure).hydrate();
        },
        { rootMargin: '300px 0px' },
      );

class LdFigure extends HTMLElement {
  #loading: Promise<FigureController | null> | null = null;
  #controller: FigureController | null = null;
  #onTouch = () => void this.hydrate();
  #onClick = (ev: Event) => {
    const btn = (ev.target as Element).closest('button[data-action="retry"]');
    // Before a controller exists (its load failed), Retry loads it again; afterwards the controller owns Retry.
    if (btn && !this.#controller) void this.hydrate();
  };

  connectedCallback() {
    this.addEventListener('focusin', this.#onTouch);
    this.addEventListener('pointerdown', this.#onTouch);
    this.addEventListener('click', this.#onClick);
    // A permalink to a changed state should show it at once, wherever the figure is.
    // So should a link that opens it in presenter mode.
    const search = new URLSearchParams(location.search);
    if (hasFigureState(this.id, search) || presentRequested(this.id, search) || !observer) void this.hydrate();
    else observer.observe(this);
  }

  disconnectedCallback() {
    observer?.unobserve(this);
    this.#controller?.dispose();
    this.removeEventListener('focusin', this.#onTouch);
    this.removeEventListener('pointerdown', this.#onTouch);
    this.removeEventListener('click', this.#onClick);
  }

  hydrate(): Promise<FigureController | null> {
    observer?.unobserve(this);
    this.#loading ??= import('./figure-controller.ts')
      .then((m) => {
        this.#controller = m.mountFigure(this);
        this.removeEventListener('focusin', this.#onTouch);
        this.removeEventListener('pointerdown', this.#onTouch);
        return this.#controller;
      })
      .catch((e: unknown) => {
        showError(this, `The interactive part of this figure could not be loaded (${e instanceof Error ? e.message : String(e)}). The figure shows its precomputed default state; Retry loads it again.`);
        // Let the next touch or Retry try again.
        this.#loading = null;
        return null;
      });
    return this.#loading;
  }

  /** A "What to try" state: defaults + `set`, optionally paused at `step`. */
  async applyState(set: Params, step?: number) {
    const c = this.#controller ?? (await this.hydrate());
    c?.applyState(set, step);
  }
}

if (!customElements.get('ld-figure')) customElements.define('ld-figure', LdFigure);

/** "What to try" buttons anywhere on the page (components/Try.astro) put their figure into a state. */
if (!(globalThis as { ldTryBound?: boolean }).ldTryBound) {
  (globalThis as { ldTryBound?: boolean }).ldTryBound = true;
  document.addEventListener('click', (ev) => {
    const btn = (ev.target as Element | null)?.closest?.<HTMLButtonElement>('button[data-try-figure]');
    if (!btn) return;
    const fig = document.getElementById(btn.dataset.tryFigure ?? '') as LdFigure | null;
    if (!fig || typeof fig.applyState !== 'function') return;
    const { set, step } = JSON.parse(btn.dataset.tryState ?? '{}') as { set: Params; step?: number };
    fig.scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth', block: 'start' });
    void fig.applyState(set, step);
  });
}
