/**
 * Put a newly drawn chart on the page in place of the one shown, changing only what differs (morphdom): the
 * elements of the old chart stay, with the new one's attributes and text. A live frame that moves its curves but not
 * its axes then costs the browser a restyle and relayout of the marks alone, not of every tick label, grid line and
 * frame of every panel (a new <svg> is styled, laid out and painted whole: the main-thread work after each frame of a
 * run that the issue 10 bench counts at 4× CPU throttling).
 */
import morphdom from 'morphdom';

/** What Plot puts on each <svg> it returns besides markup and the page reads: its scales (point picking). */
type PlotSvg = Element & { scale?: unknown };

/** Show `next` (a drawn chart: one wrapper of panel <svg>s) in `chart`; returns the element now on the page. */
export function commitChart(chart: HTMLElement, next: HTMLElement): HTMLElement {
  const shown = chart.firstElementChild as HTMLElement | null;
  // Only a chart of as many panels is morphed; anything else (a notice, another figure's layout) is replaced.
  if (!shown || chart.children.length !== 1 || shown.tagName !== next.tagName || shown.children.length !== next.children.length) {
    chart.replaceChildren(next);
    return next;
  }
  const panels = [...next.children] as PlotSvg[];
  morphdom(shown, next);
  // The kept <svg>s get the new drawing's scales (morphdom copies attributes, not properties).
  for (const [i, svg] of ([...shown.children] as PlotSvg[]).entries()) {
    svg.scale = panels[i].scale;
  }
  return shown;
}
