/**
 * The links a figure shares (pure, no DOM): the current page in this state, the figure's own page
 * (/figures/<id>/) in this state, and the embed view of it (`?embed` first) with its <iframe> snippet.
 * A state is the same query string on every path (url-state.ts): only the path differs.
 */
import type { FigureMeta, Params } from '../engine/spec.ts';
import { urlWithState } from './url-state.ts';

/** Query keys that pick a view of the figure page, not a state: a shared link opens the full page. */
export const VIEW_KEYS = ['embed'] as const;

export interface ShareUrls {
  /** This page in this state, scrolled to the figure (what "Copy link to this state" copies). */
  link: string;
  /** The figure's own page in this state. */
  page: string;
  /** The embed view in this state: `…/figures/<id>/?embed&<state>`. */
  embed: string;
}

/**
 * `href` is the page's URL, `base` the site's base path (import.meta.env.BASE_URL: "/" or "/repo/"),
 * `step` a paused training step, if any.
 */
export function shareUrls(meta: FigureMeta, params: Params, href: string, base: string, step?: number): ShareUrls {
  const here = new URL(href);
  for (const k of VIEW_KEYS) here.searchParams.delete(k);
  const link = urlWithState(meta, params, here.href, { step, hash: `#${meta.id}` });
  const own = new URL(`${base.replace(/\/+$/, '')}/figures/${meta.id}/`, here.origin);
  const page = urlWithState(meta, params, own.href, { step });
  const embed = new URL(page);
  const state = embed.search.slice(1);
  embed.search = state ? `?embed&${state}` : '?embed';
  return { link, page, embed: embed.href };
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The <iframe> to paste into slides or a page: lazy, titled (screen readers name the frame by it),
 * allowed to go full screen and to copy links (`allow`; the old `allowfullscreen` beside it makes
 * Chromium warn), `width` wide at most and never wider than its container.
 */
export function iframeSnippet(src: string, title: string, height: number, width = 800): string {
  return `<iframe src="${attr(src)}" title="${attr(`${title} · Learning Dynamics`)}" width="${width}" height="${Math.round(height)}" style="max-width: 100%; border: 0" loading="lazy" allow="fullscreen; clipboard-write"></iframe>`;
}
