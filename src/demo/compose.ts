/**
 * Builds one post's text from independent fragments (opener, core clauses, place, time, emotion,
 * sign-off, hashtags, typos) and records what it truly says, for evaluation.
 */
import type { MacroRegion, SentimentLabel } from '../../analysis/types.js';
import { defaultProducts } from '../default-catalogue.js';
import type { Rng } from './prng.js';
import { cityPhrases, cloudPhrases, countryPhrases, type Zone } from './places.js';
import * as P from './phrases.js';

export type Category =
  | 'chatter' | 'howto' | 'praise' | 'gripe' | 'isolated'
  | 'report' | 'metoo' | 'question' | 'comms' | 'churn' | 'revenue' | 'credit' | 'thanks' | 'recovered';

export interface IncidentMoment {
  key: 'A' | 'B';
  /** Minutes since the provider last spoke (or since the fault began, before the first word). */
  silenceMinutes: number;
  acknowledged: boolean;
  resolved: boolean;
  /** Minutes the first official update took, once known. */
  ackMinutes: number;
}

export interface ComposeInput {
  rng: Rng;
  source: 'blog' | 'forum' | 'social';
  category: Category;
  product: string;
  zone: Zone;
  /** Author's local time in ms (UTC ms + zone offset), for "since 9am". */
  localMs: number;
  incident?: IncidentMoment;
  /** First post of a forum topic: also needs a title. */
  withTitle: boolean;
  /** Reply in a thread: shorter openers, often "same here". */
  reply: boolean;
}

export interface Composed {
  text: string;
  title?: string;
  flags: { outage: boolean; commsComplaint: boolean; churn: boolean; revenue: boolean; credit: boolean };
  products: string[];
  regions: MacroRegion[];
  sentiment: SentimentLabel;
}

const productById = new Map(defaultProducts.map((p) => [p.id, p]));
const aliasPatterns = new Map(
  defaultProducts.map((p) => [p.id, new RegExp(`\\b(${[p.name, ...p.aliases].map(escapeRe).join('|')})\\b`, 'i')]),
);
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Aliases people actually type, weighted, per product (generic words like "mail" fit only some frames). */
function pickAlias(rng: Rng, id: string): string {
  const p = productById.get(id);
  if (!p) return id;
  // Proper names most of the time; generic nouns ("mail", "presence", "team site") now and then.
  const proper = [p.name, ...p.aliases.filter((a) => /^[A-Z]/.test(a))];
  const generic = p.aliases.filter((a) => !/^[A-Z]/.test(a));
  let alias = generic.length && rng.chance(0.12) ? rng.pick(generic) : rng.chance(0.35) ? p.name : rng.pick(proper);
  if (alias.length >= 5 && rng.chance(0.08)) alias = typo(rng, alias);
  return alias;
}

export function typo(rng: Rng, word: string): string {
  const i = rng.int(1, word.length - 2);
  switch (rng.int(0, 3)) {
    case 0: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
    case 1: return word.slice(0, i) + word.slice(i + 1); // drop
    case 2: return word.slice(0, i) + word[i] + word.slice(i); // double
    default: return word.toLowerCase();
  }
}

function clock(rng: Rng, localMs: number): string {
  const d = new Date(localMs - rng.int(20, 150) * 60_000);
  const h = d.getUTCHours();
  const m = Math.floor(d.getUTCMinutes() / 15) * 15;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return rng.chance(0.5) ? `${h12}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}` : `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export function duration(rng: Rng, minutes: number): string {
  const m = Math.max(5, Math.round(minutes / 5) * 5);
  if (m < 55) return `${m} minutes`;
  if (m < 85) return rng.pick(['an hour', 'over an hour', `${m} minutes`]);
  if (m < 115) return rng.pick(['an hour and a half', `${m} minutes`, 'almost two hours']);
  const h = Math.floor(m / 60);
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  return rng.pick([`${h} hours`, `over ${words[h] ?? h} hours`, `${m} minutes`, `${words[h] ?? h} hours`]);
}

interface Ctx {
  rng: Rng;
  input: ComposeInput;
  alias: string;
  regions: Set<MacroRegion>;
  neg: boolean;
  pos: boolean;
  usedProduct: boolean;
}

function place(ctx: Ctx): string {
  const { rng, input } = ctx;
  const z = input.zone;
  ctx.regions.add(z.region);
  const kind = rng.weighted([['city', 6], ['country', 3], ['cloud', 1.2]] as const);
  if (kind === 'city') return rng.pick(cityPhrases).replace('{city}', rng.pick(z.cities));
  if (kind === 'country') return rng.pick(countryPhrases).replace('{country}', rng.pick(z.countries));
  return rng.pick(cloudPhrases).replace('{code}', rng.pick(z.cloudRegions));
}

/** A place as its own sentence: "Writing from Dallas.", "Our tenant is in westeurope." */
function standalonePlace(ctx: Ctx): string {
  const { rng, input } = ctx;
  const z = input.zone;
  ctx.regions.add(z.region);
  const kind = rng.weighted([['city', 6], ['country', 3], ['cloud', 1.2]] as const);
  if (kind === 'city') return `${rng.pick(['Writing from', 'We are in', 'Based in', 'This is our office in', 'fwiw we\'re in'])} ${rng.pick(z.cities)}.`;
  if (kind === 'country') return `${rng.pick(['We are in', 'Based in', 'Users are mostly in', 'fwiw we\'re in'])} ${rng.pick(z.countries)}.`;
  return `${rng.pick(['Our tenant is in', 'Tenant region:', 'We\'re hosted in'])} ${rng.pick(z.cloudRegions)}.`;
}

function fill(ctx: Ctx, template: string): string {
  const { rng, input } = ctx;
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    switch (key) {
      case 'P': ctx.usedProduct = true; return ctx.alias;
      case 'place': return place(ctx);
      case 'time': return fill(ctx, rng.pick(P.timePhrases));
      case 'clock': return clock(rng, input.localMs);
      case 'n': return String(rng.int(2, 6));
      case 'dur': return duration(rng, input.incident?.silenceMinutes ?? 60);
      case 'ack': return duration(rng, input.incident?.ackMinutes ?? 90);
      case 'task': return rng.pick(P.tasksByProduct[input.product] ?? ['set this up']);
      case 'feature': return rng.pick(P.featuresByProduct[input.product] ?? ['the new release']);
      case 'symptom': {
        const list = input.incident ? P.incidentSymptoms[input.incident.key] : P.symptomsByProduct[input.product] ?? ['it errors out.'];
        return fill(ctx, rng.pick(list));
      }
      default: return key;
    }
  });
}

function capitalise(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** One core sentence for a category; sets the truth flags it carries. */
function core(ctx: Ctx, category: Category, flags: Composed['flags']): string {
  const { rng, input } = ctx;
  const inc = input.incident;
  switch (category) {
    case 'chatter': return fill(ctx, rng.pick(P.chatter));
    case 'howto': return fill(ctx, rng.pick(P.howto));
    case 'praise': ctx.pos = true; return fill(ctx, rng.pick(P.praise));
    case 'gripe': {
      ctx.neg = true;
      const own = P.gripesByProduct[input.product];
      return fill(ctx, own && rng.chance(0.35) ? rng.pick(own) : rng.pick(P.gripes));
    }
    case 'isolated': {
      ctx.neg = true;
      flags.outage = true;
      const tail = rng.pick(P.isolatedTails);
      return fill(ctx, rng.pick(P.isolatedReports)) + (tail ? ` ${tail}` : '');
    }
    case 'report': ctx.neg = true; flags.outage = true; return capitalise(fill(ctx, rng.pick(P.reportFrames)));
    case 'metoo': ctx.neg = true; flags.outage = true; return fill(ctx, rng.pick(P.meToo));
    case 'comms': {
      ctx.neg = true;
      flags.commsComplaint = true;
      let list: readonly string[] = !inc || !inc.acknowledged ? P.commsBeforeAck : inc.resolved ? P.commsAfterResolve : P.commsAfterAck;
      // Right after an update nobody complains that there has been none for "5 minutes".
      if (inc && inc.silenceMinutes < 30 && !inc.resolved) list = list.filter((s) => !s.includes('{dur}'));
      return fill(ctx, rng.pick(list));
    }
    case 'churn': ctx.neg = true; flags.churn = true; return fill(ctx, rng.pick(P.churn));
    case 'revenue': {
      ctx.neg = true;
      flags.revenue = true;
      return fill(ctx, rng.chance(0.25) ? rng.pick(P.revenue.any) : rng.pick(P.revenue[inc?.key ?? 'A']));
    }
    case 'credit': ctx.neg = true; flags.credit = true; return fill(ctx, rng.pick(P.credit));
    case 'question': return fill(ctx, rng.pick(P.questions));
    case 'thanks': ctx.pos = true; return fill(ctx, rng.pick(P.thanksUpdate));
    case 'recovered': ctx.pos = true; return fill(ctx, rng.pick(P.recovered[inc?.key ?? 'A']));
  }
}

const incidentExtras: readonly Category[] = ['comms', 'churn', 'revenue', 'credit'];

const details = [
  'We\'re on E3 with about {n}00 seats.', 'Tried two browsers, same thing.', 'Already opened a ticket.', 'Rebooted, cleared cache, nothing.',
  'Our helpdesk phones are ringing off the hook.', 'Users are asking me every five minutes.', 'Checked our side, network is fine.',
  'It worked fine yesterday.', 'Happens on desktop and mobile.', 'We have a hybrid setup, on-prem is fine.',
] as const;

export function compose(input: ComposeInput): Composed {
  const { rng } = input;
  const ctx: Ctx = { rng, input, alias: pickAlias(rng, input.product), regions: new Set(), neg: false, pos: false, usedProduct: false };
  const flags = { outage: false, commsComplaint: false, churn: false, revenue: false, credit: false };
  const long = input.source !== 'social';
  const parts: string[] = [];

  const localHour = new Date(input.localMs).getUTCHours();
  let opener: string = rng.pick(long && !input.reply ? P.openers.long : P.openers.social);
  if ((/morning/i.test(opener) && localHour >= 12) || (/afternoon/i.test(opener) && (localHour < 12 || localHour > 17))) opener = '';
  if (opener) parts.push(opener);

  // Complaints, churn, money and credits usually come with a word on what broke.
  if (input.incident && ['comms', 'churn', 'revenue', 'credit'].includes(input.category) && !input.incident.resolved && rng.chance(0.45)) {
    parts.push(core(ctx, rng.chance(0.6) ? 'report' : 'metoo', flags));
  }
  parts.push(core(ctx, input.category, flags));

  if (input.incident && input.category !== 'thanks' && input.category !== 'recovered' && input.category !== 'question') {
    const used = new Set<Category>([input.category]);
    const addExtra = (extra: Category) => {
      if (used.has(extra)) return;
      used.add(extra);
      parts.push(core(ctx, extra, flags));
    };
    if (rng.chance(long ? 0.55 : 0.3)) addExtra(input.incident.silenceMinutes > 25 && rng.chance(0.55) ? 'comms' : rng.pick(incidentExtras));
    if (long && rng.chance(0.3)) addExtra(rng.pick(incidentExtras));
  } else if (input.incident && input.category === 'thanks' && rng.chance(0.25)) {
    ctx.neg = true;
    parts.push(rng.pick(['But it took far too long.', 'Still, we need ETAs.', 'But why so late?']));
    flags.commsComplaint = true;
  }
  if (long && rng.chance(input.incident ? 0.35 : 0.45)) parts.push(fill(ctx, rng.pick(details)));
  if (ctx.regions.size === 0 && rng.chance(input.incident ? 0.22 : 0.12)) {
    parts.push(standalonePlace(ctx));
  }
  if (ctx.neg && rng.chance(input.incident ? 0.4 : 0.2)) parts.push(rng.pick(P.emotionsNeg));
  if (ctx.pos && !ctx.neg && rng.chance(0.3)) parts.push(rng.pick(P.emotionsPos));
  if (long && rng.chance(0.5)) {
    const s = rng.pick(P.signOffs);
    if (s) parts.push(s);
  }

  // After a run-on opener ("So", "ok so", "PSA:") the sentence goes on in lower case, unless it
  // starts with a name or an acronym.
  if (opener && /[a-z,:]$/.test(opener) && parts.length > 1) {
    const next = parts[1]!;
    if (!next.startsWith(ctx.alias) && !/^(?:[A-Z]{2}|I\b|I')/.test(next)) parts[1] = next.charAt(0).toLowerCase() + next.slice(1);
  }
  let text = parts.join(' ');
  if (input.source === 'social') {
    const tag = rng.pick(['#Office365', '#office365', '#Office365', '#OFFICE365']);
    const productTag = P.productHashtags[input.product];
    const extras = rng.chance(0.4) ? ` ${rng.pick(P.hashtagsExtra)}` : productTag && rng.chance(0.2) ? ` ${rng.pick(productTag)}` : '';
    const alarm = input.incident && !input.incident.resolved && ctx.neg && rng.chance(0.25) ? ` ${rng.pick(['#outage', '#down', '#fail', '#o365down'])}` : '';
    const mention = rng.chance(input.incident ? 0.35 : 0.1) ? `${rng.pick(P.mentions)} ` : '';
    text = rng.chance(0.3) ? `${tag} ${mention}${text}${extras}${alarm}` : `${mention}${text} ${tag}${extras}${alarm}`;
  }
  text = noise(rng, text, ctx.neg, input.source === 'social');

  let title: string | undefined;
  if (input.withTitle) {
    const key = input.incident ? 'incident' : input.category === 'isolated' ? 'report' : (['howto', 'chatter', 'praise', 'gripe'] as const).find((c) => c === input.category) ?? 'chatter';
    title = capitalise(fill(ctx, rng.pick(P.titlesByCategory[key])));
    if (input.incident && rng.chance(0.3)) title = `${title} (${input.incident.key === 'A' ? 'Nov 8' : 'Nov 13'})`;
  }

  const products: string[] = [];
  const pattern = aliasPatterns.get(input.product);
  if (ctx.usedProduct || pattern?.test(text) || (title !== undefined && pattern?.test(title))) products.push(input.product);
  const sentiment: SentimentLabel = ctx.neg ? 'neg' : ctx.pos ? 'pos' : 'neu';
  return { text, title, flags, products, regions: [...ctx.regions].sort(), sentiment };
}

/** Everyday keyboard noise: lower-casing, lost apostrophes, shouting, a typo. */
function noise(rng: Rng, text: string, negative: boolean, short: boolean): string {
  let t = text;
  if (rng.chance(0.1)) t = t.replace(/'/g, '');
  if (short && rng.chance(0.12)) t = t.toLowerCase();
  if (negative && rng.chance(0.05)) {
    const sentences = t.split(/(?<=[.!?])\s+/);
    const i = rng.int(0, sentences.length - 1);
    sentences[i] = sentences[i]!.toUpperCase();
    t = sentences.join(' ');
  }
  if (negative && rng.chance(0.12)) t = t.replace(/\.(\s|$)/, rng.pick(['!!', '!!!', '?!', '...']) + '$1');
  if (rng.chance(0.12)) {
    const words = t.split(' ');
    const candidates = words.map((w, i) => (/^[a-z]{6,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length) {
      const i = rng.pick(candidates);
      words[i] = typo(rng, words[i]!);
      t = words.join(' ');
    }
  }
  return t;
}
