/**
 * Presenter mode: one figure fills the screen for a talk (a projector at 1280×720, a 1080p screen).
 * The rest of the page is hidden (no scrolling), the chart is redrawn for the stage with type that
 * grows with the screen, the controls fold away behind a toggle, and the keyboard drives playback.
 * Entered by the figure's "Present" button, by "Full screen", or by `?present=<figure-id>` (a bare
 * `?present` on a page with one figure). Esc leaves and restores the page and its scroll position.
 * Styles: components/present.css.
 */
import type { FigureMeta } from '../engine/spec.ts';
import type { ChartSize } from './charts/render.ts';
import './present.css';

export interface PresenterHooks {
  /** Redraw the shown frame at chartSize() (called after the layout changes). */
  redraw(): void;
  isPlaying(): boolean;
  play(): void;
  pause(): void;
  step(delta: number): void;
  restart(): void;
  defaults(): void;
}

export interface Presenter {
  /** The chart's size while presenting, else null (the page decides). */
  size(): ChartSize | null;
  enter(): void;
  leave(): void;
  toggleFullscreen(): Promise<void>;
  dispose(): void;
}

/** The keys, as the help overlay lists them. */
export const PRESENTER_KEYS: readonly [string, string][] = [
  ['Space', 'play / pause'],
  ['← →', 'step one frame back / forward'],
  ['R', 'restart from the first frame'],
  ['D', 'restore the default settings'],
  ['C', 'show / hide the controls'],
  ['F', 'full screen on / off'],
  ['Esc', 'leave presenter mode'],
  ['?', 'show these keys'],
];

/** Type size for the stage: grows with the screen (about 27 px at 1080p, 18 px at 720p), never under 12 px. */
export function presenterFontSize(width: number, height: number): number {
  return Math.max(12, Math.min(40, Math.round(Math.min(height / 40, width / 64))));
}

/** Keys typed into a field belong to the field; a focused slider keeps its arrows; a button keeps Space and Enter. */
function ownedByControl(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    if (key === 'Escape') return false;
    if (target.type === 'range') return /^(Arrow|Home$|End$|Page)/.test(key);
    return !['checkbox', 'radio', 'button'].includes(target.type) || key === ' ';
  }
  return (key === ' ' || key === 'Enter') && !!target.closest('button, a, summary');
}

export function attachPresenter(root: HTMLElement, meta: FigureMeta, hooks: PresenterHooks): Presenter {
  const chart = root.querySelector<HTMLElement>('.ld-chart')!;
  const controls = root.querySelector<HTMLElement>('.ld-controls')!;
  const figure = root.querySelector('figure')!;
  const actions = root.querySelector('.ld-actions');
  let active = false;
  let saved = { x: 0, y: 0, top: 0, focus: null as HTMLElement | null };
  let bar: HTMLElement | null = null;
  let help: HTMLDialogElement | null = null;
  let controlsBtn: HTMLButtonElement | null = null;

  const button = (label: string, title: string, onClick: () => void) => {
    const b = Object.assign(document.createElement('button'), { type: 'button', textContent: label, title });
    b.addEventListener('click', onClick);
    return b;
  };

  // The "Present" button next to the other actions (the page-load markup stays as it was).
  const presentBtn = button('Present', 'Show this figure alone, filling the screen (keys: press ? there)', () => enter());
  presentBtn.dataset.presentOpen = '';
  actions?.appendChild(presentBtn);

  function setUrl(on: boolean) {
    const url = new URL(location.href);
    if (on) url.searchParams.set('present', meta.id);
    else url.searchParams.delete('present');
    history.replaceState(history.state, '', url);
  }

  function showControls(open: boolean) {
    root.classList.toggle('ld-controls-open', open);
    controlsBtn?.setAttribute('aria-expanded', String(open));
    if (controlsBtn) controlsBtn.textContent = open ? 'Hide controls' : 'Controls';
  }

  function makeBar(): HTMLElement {
    const b = document.createElement('div');
    b.className = 'ld-present-bar';
    b.setAttribute('role', 'group');
    b.setAttribute('aria-label', 'Presenter mode');
    controlsBtn = button('Controls', 'Show or hide the controls (C)', () => showControls(!root.classList.contains('ld-controls-open')));
    if (!controls.id) controls.id = `${meta.id}--controls`;
    controlsBtn.setAttribute('aria-controls', controls.id);
    b.append(
      controlsBtn,
      button('Keys ?', 'Keyboard shortcuts (?)', () => showHelp()),
      button('Full screen', 'Full screen on or off (F)', () => void toggleFullscreen()),
      button('Leave ✕', 'Leave presenter mode (Esc)', () => leave()),
    );
    return b;
  }

  function makeHelp(): HTMLDialogElement {
    const d = document.createElement('dialog');
    d.className = 'ld-present-help';
    d.setAttribute('aria-labelledby', `${meta.id}--keys`);
    const h = Object.assign(document.createElement('h2'), { id: `${meta.id}--keys`, textContent: 'Presenter keys' });
    const dl = document.createElement('dl');
    for (const [k, what] of PRESENTER_KEYS) dl.append(Object.assign(document.createElement('dt'), { textContent: k }), Object.assign(document.createElement('dd'), { textContent: what }));
    const close = button('Close', 'Close (Esc)', () => d.close());
    d.append(h, dl, close);
    return d;
  }

  function showHelp() {
    if (!help) return;
    if (help.open) help.close();
    else help.showModal();
  }

  async function toggleFullscreen() {
    if (!active) enter();
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await root.requestFullscreen();
    } catch {
      // Refused (no user gesture, or not allowed in this frame): presenter mode still fills the window.
    }
  }

  const onKey = (ev: KeyboardEvent) => {
    if (!active || ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (help?.open) return; // the dialog has the keyboard (Esc closes it)
    const key = ev.key;
    if (ownedByControl(ev.target, key)) return;
    const lower = key.length === 1 ? key.toLowerCase() : key;
    const act: Record<string, () => void> = {
      ' ': () => (hooks.isPlaying() ? hooks.pause() : hooks.play()),
      ArrowRight: () => hooks.step(1),
      ArrowLeft: () => hooks.step(-1),
      r: hooks.restart,
      d: hooks.defaults,
      c: () => showControls(!root.classList.contains('ld-controls-open')),
      f: () => void toggleFullscreen(),
      Escape: () => leave(),
      '?': showHelp,
    };
    const fn = act[lower];
    if (!fn) return;
    ev.preventDefault();
    fn();
  };

  let raf = 0;
  const onResize = () => {
    cancelAnimationFrame(raf);
    raf = requestAnimationFrame(() => hooks.redraw());
  };

  function enter() {
    if (active) return;
    active = true;
    saved = { x: scrollX, y: scrollY, top: root.getBoundingClientRect().top, focus: document.activeElement instanceof HTMLElement ? document.activeElement : null };
    bar = makeBar();
    help = makeHelp();
    figure.append(bar);
    root.append(help);
    root.classList.add('ld-presenting');
    document.documentElement.classList.add('ld-present-open');
    showControls(false);
    root.tabIndex = -1;
    root.focus({ preventScroll: true });
    setUrl(true);
    document.addEventListener('keydown', onKey);
    addEventListener('resize', onResize);
    document.addEventListener('fullscreenchange', onResize);
    root.dataset.presenting = 'true';
    // After the presenter layout is in place, draw the chart for the stage.
    onResize();
  }

  function leave() {
    if (!active) return;
    active = false;
    if (document.fullscreenElement === root) void document.exitFullscreen().catch(() => {});
    document.removeEventListener('keydown', onKey);
    removeEventListener('resize', onResize);
    document.removeEventListener('fullscreenchange', onResize);
    help?.close();
    help?.remove();
    bar?.remove();
    help = bar = controlsBtn = null;
    root.classList.remove('ld-presenting', 'ld-controls-open');
    document.documentElement.classList.remove('ld-present-open');
    root.removeAttribute('tabindex');
    delete root.dataset.presenting;
    setUrl(false);
    hooks.redraw();
    // At once, not smoothly: the page must be where it was, not on its way there.
    scrollTo({ left: saved.x, top: saved.y, behavior: 'instant' });
    // Other charts of the page redraw for their width once they are shown again (after their resize debounce)
    // and may change height: keep this figure where the reader left it, not merely the old scroll offset.
    const keep = () => {
      if (active) return;
      const drift = root.getBoundingClientRect().top - saved.top;
      if (Math.abs(drift) > 0.5) scrollBy({ top: drift, behavior: 'instant' });
    };
    requestAnimationFrame(keep);
    setTimeout(keep, 250);
    (saved.focus && saved.focus.isConnected ? saved.focus : presentBtn).focus({ preventScroll: true });
  }

  return {
    size() {
      if (!active) return null;
      return { width: chart.clientWidth, maxHeight: chart.clientHeight, fontSize: presenterFontSize(innerWidth, innerHeight) };
    },
    enter,
    leave,
    toggleFullscreen,
    dispose() {
      leave();
      presentBtn.remove();
    },
  };
}
