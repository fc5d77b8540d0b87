/**
 * Observable Plot puts a <style> element in every <svg> it draws (the same few rules for every chart). On the page
 * a redraw then removes one stylesheet and adds another, so Chromium restyles the whole document on every frame
 * of a run: on /modes/ (long, KaTeX) that was most of the "UpdateLayoutTree" time of a saxe-mode-curves rerun
 * (issue 10: main-thread tasks while a figure runs). The page keeps one copy of each distinct Plot stylesheet in
 * <head> and takes it out of each drawn chart. Exports and video frames do not copy the page's panels: they draw the
 * frame afresh and drop Plot's page stylesheet (components/figure-svg.ts).
 */
const hoisted = new Map<string, HTMLStyleElement>();

/** Move the <style> elements of Plot's <svg>s under `root` to <head> (once per distinct text). */
export function hoistPlotStyles(root: Element, doc: Document = document): void {
  for (const style of root.querySelectorAll('svg > style')) {
    const text = style.textContent ?? '';
    if (!hoisted.has(text) || !hoisted.get(text)!.isConnected) {
      const copy = doc.createElement('style');
      copy.dataset.ldPlot = '';
      copy.textContent = text;
      doc.head.append(copy);
      hoisted.set(text, copy);
    }
    style.remove();
  }
}
