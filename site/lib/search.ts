/**
 * The header's search box: Pagefind's own UI (the bundle written by site/lib/pagefind-integration.ts),
 * loaded only when the reader first reaches for the box (focus, pointer, or the "/" key), so pages carry
 * no search code until then. Files only, no inline script: the CSP stays as it is.
 */

interface PagefindUIInstance {
  triggerSearch(term: string): void;
}
type PagefindUIConstructor = new (options: Record<string, unknown>) => PagefindUIInstance;

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

function loadStyle(href: string): void {
  const l = document.createElement('link');
  l.rel = 'stylesheet';
  l.href = href;
  document.head.append(l);
}

export function initSearch(): void {
  const root = document.querySelector<HTMLElement>('[data-search]');
  const input = root?.querySelector<HTMLInputElement>('.ld-search-input');
  const mount = root?.querySelector<HTMLElement>('.ld-search-ui');
  const status = root?.querySelector<HTMLElement>('.ld-search-status');
  if (!root || !input || !mount || !status) return;
  const bundle = root.dataset.bundle ?? '/pagefind/';
  root.hidden = false;

  let loading: Promise<void> | undefined;
  const load = () =>
    (loading ??= (async () => {
      loadStyle(`${bundle}pagefind-ui.css`);
      await loadScript(`${bundle}pagefind-ui.js`);
      const PagefindUI = (window as unknown as { PagefindUI?: PagefindUIConstructor }).PagefindUI;
      if (!PagefindUI) throw new Error('Pagefind UI did not load');
      const ui = new PagefindUI({
        element: mount,
        bundlePath: bundle,
        showImages: false,
        showSubResults: true,
        resetStyles: false,
        excerptLength: 18,
        translations: { placeholder: 'Search the chapters' },
      });
      const real = mount.querySelector<HTMLInputElement>('input');
      if (!real) throw new Error('Pagefind UI has no input');
      real.setAttribute('aria-label', 'Search the chapters');
      const typed = input.value;
      const hadFocus = document.activeElement === input;
      input.hidden = true;
      mount.hidden = false;
      if (hadFocus) real.focus();
      if (typed) {
        real.value = typed;
        ui.triggerSearch(typed);
      }
    })().catch((err: Error) => {
      loading = undefined;
      status.textContent = `Search is unavailable: ${err.message}.`;
      status.hidden = false;
    }));

  input.addEventListener('focus', () => void load());
  input.addEventListener('pointerenter', () => void load(), { once: true });
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const t = event.target as HTMLElement | null;
    if (t?.closest('input, textarea, select, [contenteditable="true"]')) return;
    event.preventDefault();
    const real = mount.querySelector<HTMLInputElement>('input');
    (real && !mount.hidden ? real : input).focus();
  });
  // Escape in the search box clears it and closes the results.
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const real = mount.querySelector<HTMLInputElement>('input');
    if (real && real.value) {
      mount.querySelector<HTMLButtonElement>('.pagefind-ui__search-clear')?.click();
      real.focus();
    }
  });
}
