/**
 * "Share": a modal dialog with the link to this state and the <iframe> snippet that embeds the figure in
 * this state, each with a copy button that announces "Copied". Native <dialog>: Esc closes it and focus
 * is trapped while open; focus goes back to the Share button on close.
 */
import { iframeSnippet, type ShareUrls } from './share-urls.ts';
import './share.css';

let counter = 0;

function el<T extends HTMLElement = HTMLElement>(tag: string, props: Partial<T> = {}, ...children: (Node | string)[]): T {
  const e = Object.assign(document.createElement(tag) as T, props);
  e.append(...children);
  return e;
}

async function copy(field: HTMLInputElement | HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    // No clipboard API (an http page, a frame without clipboard-write): the old way, on the selected field.
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** Build the dialog once per figure, inside the figure (so that it also shows in full screen). */
function dialogFor(root: HTMLElement, title: string): HTMLDialogElement {
  const existing = root.querySelector<HTMLDialogElement>('dialog.ld-share');
  if (existing) return existing;
  const n = ++counter;
  const ids = { title: `ld-share-${n}-title`, link: `ld-share-${n}-link`, code: `ld-share-${n}-code` };
  const status = el('p', { className: 'ld-share-status' });
  status.setAttribute('role', 'status');
  const row = (label: string, field: HTMLInputElement | HTMLTextAreaElement, button: string, done: string) => {
    const btn = el<HTMLButtonElement>('button', { type: 'button', textContent: button });
    btn.addEventListener('click', async () => {
      status.textContent = '';
      const ok = await copy(field);
      status.textContent = ok ? `Copied: ${done}.` : 'Could not copy: the text is selected, press Ctrl+C (⌘C on a Mac).';
      if (!ok) field.select();
    });
    return el('div', { className: 'ld-share-row' }, el<HTMLLabelElement>('label', { htmlFor: field.id, textContent: label }), field, btn);
  };
  const link = el<HTMLInputElement>('input', { id: ids.link, type: 'text', readOnly: true, className: 'ld-share-field' });
  const code = el<HTMLTextAreaElement>('textarea', { id: ids.code, readOnly: true, rows: 4, className: 'ld-share-field' });
  for (const f of [link, code]) f.addEventListener('focus', () => f.select());
  const pageLink = el<HTMLAnchorElement>('a', { className: 'ld-share-page', target: '_blank', rel: 'noopener', textContent: 'Open this figure on its own page' });
  const close = el<HTMLButtonElement>('button', { type: 'button', className: 'ld-share-close', textContent: 'Close' });
  const dialog = el<HTMLDialogElement>(
    'dialog',
    { className: 'ld-share' },
    el('h2', { id: ids.title, className: 'ld-share-title', textContent: `Share “${title}”` }),
    el('p', { className: 'ld-share-help', textContent: 'Both keep the figure as it is now: its settings and, if paused, its step.' }),
    row('Link to this state', link, 'Copy link', 'the link'),
    row('Embed code (an <iframe> for slides or a web page)', code, 'Copy embed code', 'the embed code'),
    el('p', {}, pageLink),
    status,
    el('div', { className: 'ld-share-actions' }, close),
  );
  dialog.setAttribute('aria-labelledby', ids.title);
  close.addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener('click', (ev) => {
    if (ev.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    if (ev.clientX < r.left || ev.clientX > r.right || ev.clientY < r.top || ev.clientY > r.bottom) dialog.close();
  });
  root.querySelector('figure')!.append(dialog);
  return dialog;
}

/** Open the Share dialog for the figure in `root` with these links; focus returns to `opener` on close. */
export function openShare(root: HTMLElement, opener: HTMLElement, title: string, urls: ShareUrls): void {
  const dialog = dialogFor(root, title);
  const [link, code] = dialog.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('.ld-share-field');
  link.value = urls.link;
  // The embed shows the figure alone: as tall as it is here plus the "open" link above it, at most a
  // slide's height (the rest scrolls inside the frame).
  const height = Math.min(900, Math.max(480, Math.ceil((root.getBoundingClientRect().height + 40) / 10) * 10));
  code.value = iframeSnippet(urls.embed, title, height);
  const pageLink = dialog.querySelector<HTMLAnchorElement>('.ld-share-page')!;
  pageLink.href = urls.page;
  // On the figure's own page the link above is already that page.
  pageLink.parentElement!.hidden = new URL(urls.page).pathname === location.pathname;
  dialog.querySelector('.ld-share-status')!.textContent = '';
  dialog.addEventListener('close', () => opener.focus(), { once: true });
  dialog.showModal();
  link.focus();
}
