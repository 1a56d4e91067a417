/**
 * Lookup structure for models keyed by sparse text features ("w:word", "n:negated", "m:handle",
 * "b:a b"), indexed so a lookup builds no strings (bigrams are a map of maps). Both learned layers
 * (sentiment, report) use it, and analyze() joins them into one index so each text's features are
 * visited and looked up once.
 */
export type SparseKind = 'w' | 'n' | 'm' | 'b';

export interface SparseIndex<E> {
  w: Map<string, E>;
  n: Map<string, E>;
  m: Map<string, E>;
  b: Map<string, Map<string, E>>;
}

export function emptyIndex<E>(): SparseIndex<E> {
  return { w: new Map(), n: new Map(), m: new Map(), b: new Map() };
}

/** Sets the entry of a feature key; `merge` gets the current entry (if any) and returns the new one. */
export function indexFeature<E>(idx: SparseIndex<E>, key: string, merge: (prev: E | undefined) => E): void {
  const kind = key[0];
  const rest = key.slice(2);
  if (kind === 'b') {
    const sp = rest.indexOf(' ');
    const a = rest.slice(0, sp);
    let inner = idx.b.get(a);
    if (!inner) idx.b.set(a, (inner = new Map()));
    const b = rest.slice(sp + 1);
    inner.set(b, merge(inner.get(b)));
  } else if (kind === 'w' || kind === 'n' || kind === 'm') idx[kind].set(rest, merge(idx[kind].get(rest)));
}

export function lookupFeature<E>(idx: SparseIndex<E>, kind: SparseKind, a: string, b: string): E | undefined {
  return kind === 'b' ? idx.b.get(a)?.get(b) : idx[kind].get(a);
}

/** Every (key, entry) of an index, keys in the "k:…" form. */
export function* indexEntries<E>(idx: SparseIndex<E>): Generator<[string, E]> {
  for (const kind of ['w', 'n', 'm'] as const) for (const [k, e] of idx[kind]) yield [`${kind}:${k}`, e];
  for (const [a, inner] of idx.b) for (const [b, e] of inner) yield [`b:${a} ${b}`, e];
}
