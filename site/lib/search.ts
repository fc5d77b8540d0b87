/**
 * The header's search box, on Pagefind's JavaScript API (the index written by site/lib/pagefind-integration.ts).
 * Pagefind's own UI writes its results with innerHTML and starts its worker from a plain string, which the
 * site's Trusted Types policy (site/lib/csp.ts) refuses; so the results are built here with DOM calls, the
 * excerpt's <mark> highlights turned into elements, and Pagefind searches on the main thread (`noWorker`:
 * 32 pages take a few milliseconds). The API loads only when the reader first reaches for the box (focus,
 * pointer, or the "/" key), so pages carry no search code until then.
 */

interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: { title: string; url: string; excerpt: string }[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  debouncedSearch(term: string, o?: Record<string, unknown>, ms?: number): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

const MAX_RESULTS = 8;
const MAX_SUB = 3;

/** An excerpt ("… the <mark>hyperbola</mark> a² − b² …") as text and <mark> elements, never as HTML. */
export function excerptNodes(doc: Document, excerpt: string): Node[] {
  const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]!);
  return excerpt.split(/(<mark>[\s\S]*?<\/mark>)/).filter(Boolean).map((part) => {
    const hit = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
    if (!hit) return doc.createTextNode(decode(part.replace(/<[^>]*>/g, '')));
    const m = doc.createElement('mark');
    m.textContent = decode(hit[1].replace(/<[^>]*>/g, ''));
    return m;
  });
}

function resultItem(doc: Document, r: PagefindData): HTMLLIElement {
  const li = doc.createElement('li');
  const a = doc.createElement('a');
  a.className = 'ld-search-result-link';
  a.href = r.url;
  a.textContent = r.meta.title ?? r.url;
  const p = doc.createElement('p');
  p.className = 'ld-search-excerpt';
  p.append(...excerptNodes(doc, r.excerpt));
  li.append(a, p);
  const subs = (r.sub_results ?? []).filter((s) => s.url !== r.url).slice(0, MAX_SUB);
  if (subs.length) {
    const ul = doc.createElement('ul');
    for (const s of subs) {
      const sli = doc.createElement('li');
      const sa = doc.createElement('a');
      sa.className = 'ld-search-sub-link';
      sa.href = s.url;
      sa.textContent = s.title;
      sli.append(sa);
      ul.append(sli);
    }
    li.append(ul);
  }
  return li;
}

export function initSearch(): void {
  const root = document.querySelector<HTMLElement>('[data-search]');
  const input = root?.querySelector<HTMLInputElement>('.ld-search-input');
  const panel = root?.querySelector<HTMLElement>('.ld-search-ui');
  const status = root?.querySelector<HTMLElement>('.ld-search-status');
  if (!root || !input || !panel || !status) return;
  const bundle = root.dataset.bundle ?? '/pagefind/';
  root.hidden = false;
  panel.id ||= 'ld-search-results';
  input.setAttribute('aria-controls', panel.id);

  const say = (text: string, error = false) => {
    status.textContent = text;
    status.hidden = !text;
    status.classList.toggle('ld-search-error', error);
  };
  const close = () => {
    panel.hidden = true;
    panel.replaceChildren();
    say('');
  };

  let api: Promise<Pagefind> | undefined;
  const load = () =>
    (api ??= (async () => {
      const pf = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as Pagefind;
      await pf.options({ noWorker: true, excerptLength: 18 });
      return pf;
    })().catch((err: Error) => {
      api = undefined;
      say(`Search is unavailable: ${err.message.replace(/\.$/, '')}.`, true);
      throw err;
    }));

  let latest = 0;
  const run = async () => {
    const term = input.value.trim();
    const mine = ++latest;
    if (!term) return close();
    let pf: Pagefind;
    try {
      pf = await load();
    } catch {
      return;
    }
    const found = await pf.debouncedSearch(term, {}, 150);
    if (!found || mine !== latest) return; // superseded by a later keystroke
    const data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (mine !== latest) return;
    const list = document.createElement('ol');
    list.className = 'ld-search-results';
    list.append(...data.map((r) => resultItem(document, r)));
    panel.replaceChildren(list);
    panel.hidden = data.length === 0;
    const n = found.results.length;
    say(n === 0 ? `No chapter mentions “${term}”.` : `${n} ${n === 1 ? 'chapter' : 'chapters'} found${n > MAX_RESULTS ? `; the first ${MAX_RESULTS} are shown` : ''}.`);
  };

  input.addEventListener('focus', () => void load().catch(() => {}));
  input.addEventListener('pointerenter', () => void load().catch(() => {}), { once: true });
  input.addEventListener('input', () => void run());
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const t = event.target as HTMLElement | null;
    if (t?.closest('input, textarea, select, [contenteditable="true"]')) return;
    event.preventDefault();
    input.focus();
  });
  // Escape in the search box or its results clears the search and returns to the box.
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || (!input.value && panel.hidden)) return;
    input.value = '';
    latest++;
    close();
    input.focus();
  });
  // A click elsewhere folds the results away (the text stays; focusing the box shows them again).
  document.addEventListener('click', (event) => {
    if (!root.contains(event.target as Node)) panel.hidden = true;
  });
  input.addEventListener('focus', () => {
    if (panel.childElementCount) panel.hidden = false;
  });
}
