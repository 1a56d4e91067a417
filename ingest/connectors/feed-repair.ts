/**
 * What real feeds get wrong, and how the RSS connector copes:
 *  - XML that a strict parser refuses: HTML entities (&nbsp;), bare ampersands (AT&T), control
 *    characters, junk before the prolog → repairXml() (used only after a strict parse failed);
 *  - dates outside RFC 822/ISO: time-zone abbreviations (CET, BST…), weekday names in other
 *    languages → feedDate();
 *  - JSON Feed (jsonfeed.org 1.x) served instead of XML → jsonFeedItems().
 */
import { NAMED_ENTITIES } from '../../analysis/html.js';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

export function repairXml(xml: string): string {
  let s = xml.replace(/^\uFEFF/, '');
  // rss-parser throws on an Atom date the platform cannot parse; rewrite those (or drop them).
  s = s.replace(/<(published|updated|issued|modified|created)>([^<]*)<\/\1>/g, (m, tag: string, v: string) => {
    if (!Number.isNaN(Date.parse(v.trim()))) return m;
    const t = feedDate(v);
    return t === null ? '' : `<${tag}>${new Date(t).toISOString()}</${tag}>`;
  });
  const start = s.search(/<(\?xml|rss|feed|rdf:RDF|RDF)\b/);
  if (start > 0) s = s.slice(start);
  // Control characters are not allowed in XML 1.0.
  s = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
  // Entities: keep the five XML ones and numeric references; HTML names → numeric; the rest escaped.
  return s.replace(/&(#\d{1,7};|#x[0-9a-fA-F]{1,6};|([A-Za-z][A-Za-z0-9]{0,31});)?/g, (m, ref: string | undefined, name: string | undefined) => {
    if (!ref) return '&amp;';
    if (!name || XML_ENTITIES.has(name)) return m;
    const ch = NAMED_ENTITIES[name];
    return ch === undefined ? `&amp;${name};` : ch === '' ? '' : `&#${ch.codePointAt(0)};`;
  });
}

const TZ: Record<string, string> = {
  CET: '+0100', MET: '+0100', MEZ: '+0100', CEST: '+0200', MEST: '+0200', MESZ: '+0200', BST: '+0100', IST: '+0530',
  EET: '+0200', EEST: '+0300', WET: '+0000', WEST: '+0100', MSK: '+0300', JST: '+0900', KST: '+0900', HKT: '+0800',
  SGT: '+0800', AWST: '+0800', ACST: '+0930', AEST: '+1000', AEDT: '+1100', NZST: '+1200', NZDT: '+1300',
  AKST: '-0900', AKDT: '-0800', HST: '-1000', AST: '-0400', ADT: '-0300', NST: '-0330', NDT: '-0230', Z: '+0000',
};

const MONTHS: Record<string, string> = {
  jan: 'Jan', janv: 'Jan', januar: 'Jan', ene: 'Jan', gen: 'Jan', feb: 'Feb', fev: 'Feb', 'fév': 'Feb', mar: 'Mar', mrz: 'Mar',
  'mär': 'Mar', apr: 'Apr', avr: 'Apr', abr: 'Apr', may: 'May', mai: 'May', mag: 'May', jun: 'Jun', juin: 'Jun', giu: 'Jun',
  jul: 'Jul', juil: 'Jul', lug: 'Jul', aug: 'Aug', ago: 'Aug', 'aoû': 'Aug', sep: 'Sep', set: 'Sep', oct: 'Oct', okt: 'Oct',
  ott: 'Oct', nov: 'Nov', dec: 'Dec', dez: 'Dec', dic: 'Dec', 'déc': 'Dec',
};

/** Epoch ms of a feed date, or null. Tries the platform parser first, then repairs common deviations. */
export function feedDate(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (!s) return null;
  let t = Date.parse(s);
  if (!Number.isNaN(t)) return t;
  let x = s.replace(/^[^\d,]{1,16},\s*/, ''); // weekday in any language
  x = x.replace(/\b([A-Za-zéûä]{3,6})\.?(?=\s+\d{2,4}\b)/, (m, mon: string) => MONTHS[mon.toLowerCase()] ?? m);
  x = x.replace(/\b([A-Z]{1,5})$/, (m, tz: string) => TZ[tz] ?? m);
  t = Date.parse(x);
  if (!Number.isNaN(t)) return t;
  // Drop an unknown trailing zone name and read the rest as UTC.
  t = Date.parse(`${x.replace(/\s+[A-Za-z]{2,5}$/, '')} GMT`);
  return Number.isNaN(t) ? null : t;
}

export interface JsonFeedItem {
  id?: string;
  url?: string;
  title?: string;
  html?: string;
  author?: string;
  date?: string;
  language?: string;
}

/** Items of a JSON Feed document, or null when `text` is not one. */
export function jsonFeedItems(text: string): { title?: string; language?: string; items: JsonFeedItem[] } | null {
  if (!text.trimStart().startsWith('{')) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const d = doc as Record<string, unknown>;
  if (typeof d['version'] !== 'string' || !d['version'].includes('jsonfeed.org') || !Array.isArray(d['items'])) return null;
  const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  const items = (d['items'] as unknown[]).filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null).map((i) => {
    const authors = Array.isArray(i['authors']) ? (i['authors'] as Array<Record<string, unknown>>) : [];
    const author = s((i['author'] as Record<string, unknown> | undefined)?.['name']) ?? s(authors[0]?.['name']);
    const text = s(i['content_text']);
    const html = s(i['content_html']) ?? (text === undefined ? s(i['summary']) : text.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    const out: JsonFeedItem = {};
    const put = <K extends keyof JsonFeedItem>(k: K, v: JsonFeedItem[K] | undefined) => {
      if (v !== undefined) out[k] = v;
    };
    put('id', s(i['id']));
    put('url', s(i['url']));
    put('title', s(i['title']));
    put('html', html);
    put('author', author);
    put('date', s(i['date_published']) ?? s(i['date_modified']));
    put('language', s(i['language']));
    return out;
  });
  const feed: { title?: string; language?: string; items: JsonFeedItem[] } = { items };
  if (typeof d['title'] === 'string') feed.title = d['title'];
  if (typeof d['language'] === 'string') feed.language = d['language'];
  return feed;
}

/**
 * Atom `type="xhtml"` content is markup inside the XML; the XML parser would split its text from
 * its child elements and lose their order. Wrap it in CDATA as `type="html"` before parsing.
 */
export function xhtmlToCdata(xml: string): string {
  if (!xml.includes('xhtml')) return xml;
  return xml.replace(
    /<(content|summary|title|subtitle|rights)(\s[^>]*?)\btype\s*=\s*["']xhtml["']([^>]*)>([\s\S]*?)<\/\1>/g,
    (_m, tag: string, pre: string, post: string, inner: string) =>
      `<${tag}${pre}type="html"${post}><![CDATA[${inner.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${tag}>`,
  );
}
