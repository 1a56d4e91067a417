/**
 * Product and region extraction: the configured product aliases and the bundled gazetteer are
 * compiled once into one token trie; matching walks the tokens once (longest match wins), so
 * the cost per text does not grow with the number of aliases.
 */
import { AMBIGUOUS, CLOUD_CODE_PREFIX, GAZETTEER } from './lexicon/gazetteer.js';
import { F_CAPITAL, F_CAPS, F_HASHTAG, F_MENTION, F_PUNCT, splitCompound, tokenize, cleanText, type Tokens } from './normalise.js';
import type { CatalogueDefinition, MacroRegion } from './types.js';

/** How a single-word alias must be written to count. */
const enum Case {
  Any = 0,
  Capital = 1,
  AllCaps = 2,
}

interface Entry {
  kind: 'product' | 'region';
  /** product id, or macro region */
  value: string;
  /** case requirement on the first token */
  caseRule: Case;
  /** name of an ambiguous place (e.g. georgia) resolved by context */
  ambiguous?: string;
  /** true for generated misspelling variants (kept to words the user wrote, never common words) */
  variant?: boolean;
}

interface Node {
  next?: Map<string, Node>;
  entries?: Entry[];
}

export interface Catalogue {
  readonly root: Node;
  readonly productIds: readonly string[];
  /** product id → display name */
  readonly names: ReadonlyMap<string, string>;
}

/**
 * Everyday English words that are also product names. As single-word aliases they only count when
 * written with a capital ("Teams is down" vs "our teams are frustrated").
 */
export const COMMON_WORDS = new Set(
  (
    'teams|team|outlook|exchange|office|word|access|project|forms|planner|stream|bookings|sway|lists|delve|' +
    'compute|storage|functions|pages|workers|drive|mail|calendar|chat|meet|keep|sites|search|files|spaces|' +
    'cloud|route|glacier|lambda|queue|queues|tables|table|blob|monitor|sentinel|defender|purview|fabric|copilot|' +
    'edge|bing|live|hotmail|skype|one|notes|tasks|photos|maps|translate|play|home|store|shop|registry|' +
    'identity|directory|connect|gateway|front|door|firewall|load|balancer|backup|vault|key|events|pipelines|' +
    'repos|boards|artifacts|actions|packages|pulse|viva|loop|clipchamp|todo|whiteboard|shifts|places|' +
    'amazon|apple|windows|power|automate|apps|pages|dynamics|intune'
  ).split('|'),
);

function addPath(root: Node, words: string[], entry: Entry): void {
  let node = root;
  for (const w of words) {
    node.next ??= new Map();
    let child = node.next.get(w);
    if (!child) {
      child = {};
      node.next.set(w, child);
    }
    node = child;
  }
  node.entries ??= [];
  if (!node.entries.some((e) => e.kind === entry.kind && e.value === entry.value)) node.entries.push(entry);
}

/** Tokenises an alias the same way texts are tokenised (lower-cased, split on spaces/punctuation). */
function aliasWords(alias: string): string[] {
  const t = tokenize(cleanText(alias));
  return t.words.filter((_, i) => !(t.flags[i]! & F_PUNCT));
}

/** One-edit variants (deletion, adjacent transposition) of a word, for light misspellings. */
function typoVariants(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  for (let i = 0; i < w.length - 1; i++) out.push(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
  return out;
}

function addAlias(root: Node, alias: string, entry: Omit<Entry, 'caseRule'>, common: Set<string>): void {
  const words = aliasWords(alias);
  if (words.length === 0) return;
  const single = words.length === 1;
  // A common word counts only capitalised ("Teams is down", not "our teams") unless the catalogue
  // itself spells the alias in lower case ("mail"): then the owner asked for every spelling.
  const caseRule = single && common.has(words[0]!) && alias !== alias.toLowerCase() ? Case.Capital : Case.Any;
  addPath(root, words, { ...entry, caseRule });
  // "office 365" ↔ "office365", "share point" ↔ "sharepoint"
  if (!single) addPath(root, [words.join('')], { ...entry, caseRule: Case.Any, variant: true });
  // Plural of a one-word alias the user chose that is not an everyday word: "email" → "emails".
  if (single && !common.has(words[0]!) && /^[a-z]{4,}$/.test(words[0]!) && !words[0]!.endsWith('s')) {
    addPath(root, [words[0]! + 's'], { ...entry, caseRule, variant: true });
  }
  const split = words.flatMap((w) => splitCompound(w.replace(/([a-z])(\d)/g, '$1 $2')));
  if (split.length !== words.length) addPath(root, split, { ...entry, caseRule: Case.Any, variant: true });
  // Light misspellings of long, distinctive words: "sharepiont", "exchnage online", "outlok".
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w.length < 6 || (single && common.has(w)) || /\d/.test(w)) continue;
    for (const v of typoVariants(w)) {
      if (common.has(v)) continue;
      const ws = words.slice();
      ws[k] = v;
      addPath(root, ws, { ...entry, caseRule: single ? Case.Any : caseRule, variant: true });
    }
  }
}

function addRegion(root: Node, raw: string, region: MacroRegion): void {
  let caseRule = Case.Any;
  let name = raw;
  if (name.startsWith('==')) {
    caseRule = Case.AllCaps;
    name = name.slice(2);
  } else if (name.startsWith('=')) {
    caseRule = Case.Capital;
    name = name.slice(1);
  }
  const words = aliasWords(name);
  if (words.length === 0) return;
  const amb = AMBIGUOUS[words.join(' ')] ? words.join(' ') : undefined;
  addPath(root, words, { kind: 'region', value: region, caseRule, ...(amb ? { ambiguous: amb } : {}) });
}

/** Compiles the configured products and the bundled gazetteer into one matcher. Call once. */
export function compileCatalogue(def: CatalogueDefinition): Catalogue {
  const root: Node = {};
  const common = COMMON_WORDS;
  for (const [region, list] of Object.entries(GAZETTEER) as Array<[MacroRegion, string]>) {
    for (const name of list.split('|')) if (name) addRegion(root, name, region);
  }
  for (const [alias, region] of Object.entries(def.regionAliases ?? {})) addRegion(root, alias, region);
  const names = new Map<string, string>();
  for (const p of def.products ?? []) {
    names.set(p.id, p.name);
    const aliases = new Set([p.name, ...(p.aliases ?? []), ...(p.components ?? [])]);
    for (const a of aliases) if (a && a.trim()) addAlias(root, a, { kind: 'product', value: p.id }, common);
  }
  return { root, productIds: [...names.keys()].sort(), names };
}

const CLOUD_CODE = /^([a-z]+)-(?:gov-|isob?-)?(?:north|south|east|west|central|northeast|southeast|southwest|northwest|[a-z]+)-?\d{1,2}[a-z]?$/;

function caseOk(rule: Case, flag: number): boolean {
  if (rule === Case.Any || flag & (F_HASHTAG | F_MENTION)) return true;
  if (rule === Case.AllCaps) return (flag & F_CAPS) !== 0;
  return (flag & (F_CAPITAL | F_CAPS)) !== 0;
}

/** Products and macro regions named in already-tokenised text. */
export function extractEntities(t: Tokens, cat: Catalogue): { products: string[]; regions: MacroRegion[] } {
  const { words, flags } = t;
  const n = words.length;
  let products: string[] | undefined;
  let regions: MacroRegion[] | undefined;
  let ambiguous: string[] | undefined;
  const root = cat.root.next;
  if (!root) return { products: [], regions: [] };
  for (let i = 0; i < n; i++) {
    if (flags[i]! & F_PUNCT) continue;
    let w = words[i]!;
    let node: Node | undefined = root.get(w);
    if (!node && w.endsWith("'s")) {
      w = w.slice(0, -2);
      node = root.get(w);
    }
    if (!node && w.indexOf('-') > 0) {
      // "Azure-hosted", "Teams-based": the first part may be a product or place.
      const head = w.slice(0, w.indexOf('-'));
      const hn = root.get(head);
      if (hn?.entries && !CLOUD_CODE.test(w)) {
        for (const e of hn.entries) {
          if (!caseOk(e.caseRule, flags[i]!)) continue;
          if (e.kind === 'product') (products ??= []).push(e.value);
          else if (!e.ambiguous) (regions ??= []).push(e.value as MacroRegion);
        }
        continue;
      }
    }
    if (!node) {
      // cloud region codes: eu-west-1, us-east-2, europe-west4, ap-southeast-2
      if (w.indexOf('-') > 0 && CLOUD_CODE.test(w)) {
        const prefix = w.slice(0, w.indexOf('-'));
        const r = CLOUD_CODE_PREFIX[prefix];
        if (r) (regions ??= []).push(r);
      }
      continue;
    }
    let best: Entry[] | undefined;
    let bestEnd = i;
    let j = i;
    for (;;) {
      if (!node) break;
      if (node.entries) {
        best = node.entries;
        bestEnd = j;
      }
      const nx: Node | undefined = j + 1 < n ? node.next?.get(words[j + 1]!) : undefined;
      if (!nx) break;
      node = nx;
      j++;
    }
    if (!best) continue;
    let used = false;
    for (const e of best) {
      if (!caseOk(e.caseRule, flags[i]!)) continue;
      used = true;
      if (e.kind === 'product') (products ??= []).push(e.value);
      else if (e.ambiguous) (ambiguous ??= []).push(e.ambiguous);
      else (regions ??= []).push(e.value as MacroRegion);
    }
    if (used) i = bestEnd;
  }
  if (ambiguous) {
    for (const name of ambiguous) {
      const a = AMBIGUOUS[name]!;
      let r = a.default;
      for (let i = 0; i < n; i++) {
        const cue = a.cues[words[i]!];
        if (cue) {
          r = cue;
          if (cue !== a.default) break;
        }
      }
      (regions ??= []).push(r);
    }
  }
  return { products: uniqSorted(products), regions: uniqSorted(regions) };
}

function uniqSorted<T extends string>(xs: T[] | undefined): T[] {
  if (!xs || xs.length === 0) return [];
  if (xs.length === 1) return xs;
  return [...new Set(xs)].sort();
}
