/**
 * <ld-figure>: the page-load part of a figure, kept tiny. It loads the controller (Plot, the chart
 * builders, the worker client) only when the figure nears the viewport or the reader touches it.
 */
import { showError } from './figure-error.ts';

type Controller = { dispose(): void };

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
  #loading: Promise<void> | null = null;
  #controller: Controller | null = null;
  #onTouch = () => void this.hydrate();

  connectedCallback() {
    this.addEventListener('focusin', this.#onTouch, { once: true });
    this.addEventListener('pointerdown', this.#onTouch, { once: true });
    // A permalink to a changed state should show it at once, wherever the figure is.
    const wanted = [...new URLSearchParams(location.search).keys()].some((k) => k.startsWith(`${this.id}.`));
    if (wanted || !observer) void this.hydrate();
    else observer.observe(this);
  }

  disconnectedCallback() {
    observer?.unobserve(this);
    this.#controller?.dispose();
  }

  hydrate(): Promise<void> {
    observer?.unobserve(this);
    this.#loading ??= import('./figure-controller.ts')
      .then((m) => {
        this.#controller = m.mountFigure(this);
      })
      .catch((e: unknown) => {
        showError(this, `The interactive part of this figure could not be loaded (${e instanceof Error ? e.message : String(e)}). The figure below is its precomputed default state.`);
        this.#loading = null;
      });
    return this.#loading;
  }
}

if (!customElements.get('ld-figure')) customElements.define('ld-figure', LdFigure);
