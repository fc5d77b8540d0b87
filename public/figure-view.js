/* Figure pages only, run before first paint: `?embed` shows the figure alone, with no flash of the site's
   header. A file, not an inline script: the CSP allows scripts from this origin and one hashed inline script. */
if (new URLSearchParams(location.search).has('embed')) document.documentElement.classList.add('ld-embed');
