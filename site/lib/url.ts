/**
 * Links that respect the deployment base path (GitHub Pages serves the site under /<repo>/).
 * Every internal link on the site goes through `withBase`.
 */

/** Joins a base ("/", "/learning-dynamics", "/learning-dynamics/") and a site path ("/modes/", "modes/", "/#chapters"). */
export function joinBase(base: string, path = '/'): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return path;
  if (path.startsWith('#') || path.startsWith('?')) return path;
  const b = base.replace(/\/+$/, '');
  const p = path.startsWith('/') ? path : `/${path}`;
  return `${b}${p}` || '/';
}

/** A site path with the configured base in front: withBase('/modes/') -> '/learning-dynamics/modes/'. */
export function withBase(path = '/'): string {
  return joinBase(import.meta.env.BASE_URL ?? '/', path);
}

/** The page URL of a chapter. */
export function chapterHref(slug: string): string {
  return withBase(`/${slug}/`);
}
