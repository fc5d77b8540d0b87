/**
 * Links that carry a figure's current state (a figure page's link to its chapter, the embed view's
 * "Open in Learning Dynamics"): `data-keep-state` holds the target; this figure's entries of the page
 * URL (url-keys.ts) are added when the link is about to be used (hover, focus, click, context menu), so
 * the figure opens there as it is here.
 */
import { isFigureKey } from '../../components/url-keys.ts';

export function stateHref(target: string, figureId: string, pageHref: string): string {
  const url = new URL(target, pageHref);
  for (const [k, v] of new URL(pageHref).searchParams) if (isFigureKey(figureId, k)) url.searchParams.append(k, v);
  return url.href;
}

export function keepStateOnLinks(figureId: string): void {
  const update = (ev: Event) => {
    const a = (ev.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-keep-state]');
    if (a) a.href = stateHref(a.dataset.keepState ?? '', figureId, location.href);
  };
  for (const type of ['pointerover', 'focusin', 'click', 'contextmenu', 'auxclick']) document.addEventListener(type, update, true);
}
