import { initEquationTips } from './equation-tips.ts';
import { initSearch } from './search.ts';
import { initSkipOffscreen } from './skip-offscreen.ts';

/**
 * The site's only page-level script (figures bring their own): the theme toggle, Escape to dismiss
 * citation pop-ups, keyboard access to equations that scroll sideways on narrow screens, and off-screen
 * prose that skips rendering.
 */

const STORAGE_KEY = 'ld-theme';
type Theme = 'light' | 'dark';

function storedTheme(): Theme | null {
  try {
    const t = localStorage.getItem(STORAGE_KEY);
    return t === 'light' || t === 'dark' ? t : null;
  } catch {
    return null;
  }
}

/** The theme in effect: the stored choice, else the system preference. */
export function currentTheme(): Theme {
  const explicit = document.documentElement.getAttribute('data-theme');
  if (explicit === 'light' || explicit === 'dark') return explicit;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function syncToggles(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.hidden = false;
    // The button names what it does next; its label changes with the theme.
    const label = button.querySelector('.ld-theme-label');
    if (label) label.textContent = currentTheme() === 'dark' ? 'Light theme' : 'Dark theme';
    button.setAttribute('aria-label', currentTheme() === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme');
  }
}

function initTheme(): void {
  const stored = storedTheme();
  if (stored) document.documentElement.setAttribute('data-theme', stored);
  syncToggles();
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.addEventListener('click', () => {
      const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
      document.documentElement.setAttribute('data-theme', next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Storage can be blocked; the choice then lasts for this page only.
      }
      syncToggles();
    });
  }
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (!storedTheme()) syncToggles();
  });
}

/** WCAG 1.4.13: content shown on hover or focus can be dismissed without moving pointer or focus. */
function initTips(): void {
  const root = document.documentElement;
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') root.classList.add('ld-tips-dismissed');
  });
  const reset = () => root.classList.remove('ld-tips-dismissed');
  document.addEventListener('focusin', reset);
  document.addEventListener('pointerover', (event) => {
    if ((event.target as Element | null)?.closest?.('.ld-cite')) return;
    reset();
  });
}

/** A display equation wider than the screen scrolls; make it reachable with the keyboard only then. */
function markScrollableEquations(): void {
  for (const el of document.querySelectorAll<HTMLElement>('.katex-display')) {
    if (el.scrollWidth > el.clientWidth + 1) {
      el.tabIndex = 0;
      el.setAttribute('role', 'group');
      const tag = el.closest<HTMLElement>('.ld-eq')?.dataset.equation;
      el.setAttribute('aria-label', tag ? `Equation (${tag}), scrolls sideways` : 'Equation, scrolls sideways');
    } else if (el.hasAttribute('tabindex')) {
      el.removeAttribute('tabindex');
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    }
  }
}

export function initSite(): void {
  initTheme();
  initTips();
  initSearch();
  initEquationTips();
  markScrollableEquations();
  initSkipOffscreen();
  // KaTeX's fonts arrive after first layout and widen the equations: check again once they are in.
  void document.fonts?.ready.then(markScrollableEquations);
  window.addEventListener('load', markScrollableEquations, { once: true });
  let pending = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(markScrollableEquations);
  });
}
