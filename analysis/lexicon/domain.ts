/**
 * Barometer's own sentiment word lists: domain valences for outage chatter, emoji valences,
 * boosters, dampeners and negators. Written for Barometer (MIT licence, same as the project);
 * the booster/negator lists follow the categories of VADER (Hutto & Gilbert 2014, MIT) but the
 * entries and values here are ours. Valences use VADER's −4…+4 scale. Overrides win over VADER.
 */

/** Domain words whose meaning in outage chatter differs from (or is missing in) VADER. */
export const DOMAIN_VALENCE: Record<string, number> = {
  outage: -2.2, outages: -2.2, down: -1.2, downtime: -2, degraded: -1.8, degradation: -1.6,
  unreachable: -1.8, unusable: -2.4, unresponsive: -1.8, offline: -1.2, broken: -2.2, borked: -2,
  crashing: -2, crashed: -1.8, timeout: -1.4, timeouts: -1.6, 'timing': 0, outaged: -2,
  glitch: -1.4, glitches: -1.5, glitchy: -1.6, laggy: -1.6, lag: -1.2, latency: -0.8,
  stuck: -1.6, delayed: -1.6, delay: -1.5, delays: -1.6, cancelled: -1.8, canceled: -1.8,
  cancellation: -1.4, waiting: -0.9, wait: -0.7, hold: -0.6, rebooked: -0.6, lost: -1.6,
  missed: -1.2, misconnect: -1.6, unacceptable: -2.6, ridiculous: -2.2, worst: -3.1, useless: -2.4,
  incompetent: -2.6, nightmare: -2.6, frustrated: -2.2, frustrating: -2.2, disappointed: -2.2,
  disappointing: -2.2, fiasco: -2.6, joke: -0.8, again: -0.3, still: -0.2, hours: -0.4,
  hrs: -0.4, nobody: -0.6, unanswered: -1.6, rude: -2.2, dm: 0, dmed: 0, refund: -0.4,
  resolved: 1.6, restored: 1.8, fixed: 1.6, recovered: 1.4, mitigated: 1.0, operational: 0.6,
  thanks: 1.9, thank: 1.6, thx: 1.6, ty: 1.4, appreciate: 2.0, appreciated: 2.0, kudos: 2.2,
  helpful: 2.0, awesome: 3.1, amazing: 2.8, great: 3.1, smooth: 1.4, quick: 0.8, fast: 0.8,
  'on-time': 1.2, ontime: 1.2, upgrade: 0.8, upgraded: 1.2, crew: 0, flight: 0, service: 0,
  customer: 0, united: 0, virgin: 0, jetblue: 0, southwest: 0, american: 0, delta: 0, usairways: 0,
  love: 3.2, loved: 2.9, best: 3.2, wonderful: 2.7, excellent: 2.7, fantastic: 2.6,
};

/** Multi-word domain phrases (matched on lower-cased tokens) with their valence. */
export const DOMAIN_PHRASES: Array<[string, number]> = [
  ['back up', 2.0], ['back online', 2.0], ['working again', 2.0], ['up again', 1.6],
  ['thanks for the update', 2.4], ['thank you for the update', 2.4], ['still broken', -2.6],
  ['still down', -2.6], ['not working', -2.2], ['no updates', -1.8], ['no update', -1.6],
  ['radio silence', -2.0], ['on hold', -1.4], ['customer service', 0], ['no response', -1.6],
  ['no answer', -1.6], ['no one', -0.8], ['status page', 0], ['all green', 0],
];

/** Emoji valence (our own scale, by common reading of each symbol). */
export const EMOJI_VALENCE: Record<string, number> = {
  '😀': 2.2, '😃': 2.2, '😄': 2.2, '😁': 2.0, '😆': 1.8, '😅': 0.6, '🤣': 1.6, '😂': 1.0, '🙂': 1.4,
  '😊': 2.2, '😇': 1.8, '🥰': 2.8, '😍': 2.8, '🤩': 2.6, '😘': 2.2, '😎': 1.6, '🤗': 2.0, '👍': 2.0,
  '👏': 2.0, '🙌': 2.2, '💪': 1.6, '🎉': 2.2, '🥳': 2.4, '❤': 2.6, '💕': 2.6, '💖': 2.6, '💯': 1.6,
  '✅': 1.2, '🙏': 1.2, '✨': 1.2, '🔥': 0.4, '😉': 1.2, '😋': 1.6, '☺': 1.8, '💙': 2.4, '💜': 2.4,
  '😐': -0.4, '😑': -0.8, '🙄': -1.8, '😒': -1.8, '😞': -2.0, '😔': -1.8, '😟': -1.8, '😕': -1.4,
  '🙁': -1.6, '☹': -1.8, '😣': -1.8, '😖': -2.0, '😫': -2.2, '😩': -2.2, '😢': -2.2, '😭': -2.0,
  '😤': -2.0, '😠': -2.6, '😡': -2.8, '🤬': -3.0, '🤯': -1.2, '😱': -1.6, '😨': -1.8, '😰': -1.8,
  '😓': -1.6, '🤦': -2.0, '🤷': -0.6, '👎': -2.2, '💩': -2.2, '🔴': -0.6, '🚨': -1.0, '⚠': -0.8,
  xD: 2.0, XD: 2.0, xDD: 2.2, ':c': -2.1, ':C': -2.1, ':S': -1.2, ':s': -1.2, ':$': -1.0, '-_-': -1.4, 'T_T': -2.0, 't_t': -2.0, '^_^': 2.0, '^^': 1.6, '<3': 2.6, '</3': -2.4,
  '❌': -1.2, '💔': -2.4, '😬': -1.0, '🥺': -1.2, '😪': -1.2, '😴': -0.6, '🐢': -0.8, '🤡': -1.6,
};

/** Words that intensify the next sentiment word (VADER's B_INCR category). */
export const BOOSTERS: Record<string, number> = {
  absolutely: 0.293, amazingly: 0.293, awfully: 0.293, completely: 0.293, considerably: 0.293,
  deeply: 0.293, effing: 0.293, enormously: 0.293, entirely: 0.293, especially: 0.293,
  exceptionally: 0.293, extremely: 0.293, fabulously: 0.293, fully: 0.293, greatly: 0.293,
  hella: 0.293, highly: 0.293, hugely: 0.293, incredibly: 0.293, intensely: 0.293, majorly: 0.293,
  more: 0.293, most: 0.293, particularly: 0.293, purely: 0.293, quite: 0.293, really: 0.293,
  remarkably: 0.293, so: 0.293, substantially: 0.293, super: 0.293, thoroughly: 0.293, totally: 0.293,
  tremendously: 0.293, truly: 0.293, uber: 0.293, unbelievably: 0.293, unusually: 0.293,
  utterly: 0.293, very: 0.293, way: 0.293, freaking: 0.293, fucking: 0.293, frigging: 0.293,
  such: 0.2, too: 0.2,
  // dampeners (VADER's B_DECR category)
  almost: -0.293, barely: -0.293, hardly: -0.293, kinda: -0.293, less: -0.293, little: -0.293,
  marginally: -0.293, occasionally: -0.293, partly: -0.293, scarcely: -0.293, slightly: -0.293,
  somewhat: -0.293, sorta: -0.293,
};

/** Negators: flip (and shrink) the valence of sentiment words within the next three tokens. */
export const NEGATORS: readonly string[] = [
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'nowhere', 'cannot', 'without',
  "ain't", 'aint', "can't", 'cant', "don't", 'dont', "won't", 'wont', "isn't", 'isnt', "aren't", 'arent',
  "wasn't", 'wasnt', "weren't", 'werent', "hasn't", 'hasnt', "haven't", 'havent', "hadn't", 'hadnt',
  "doesn't", 'doesnt', "didn't", 'didnt', "shouldn't", 'shouldnt', "wouldn't", 'wouldnt', "couldn't",
  'couldnt', "mustn't", "needn't", 'rarely', 'seldom', 'nope', 'despite',
];
