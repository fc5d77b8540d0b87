/**
 * The last few results of a deterministic computation, by key, the least recently used dropped first: for work a
 * rerun with other settings would repeat exactly (a dataset and its decomposition, initial weights). The values are
 * shared between runs: callers must not change what a run has read (saxe-mode-delay only appends networks to its
 * kept list and takes a copy of the prefix it needs).
 */
export function keepRecent<T>(size: number): (key: string, compute: () => T) => T {
  const kept = new Map<string, T>();
  return (key, compute) => {
    let hit = kept.get(key);
    if (hit !== undefined) kept.delete(key);
    else hit = compute();
    kept.set(key, hit);
    while (kept.size > size) kept.delete(kept.keys().next().value as string);
    return hit;
  };
}
