import { describe, expect, it } from 'vitest';
import { analyze, compileCatalogue } from '../../analysis/index.js';
import { normalise } from '../../analysis/normalise.js';
import { DENSE_FEATURES, denseFeatures, ruleScore } from '../../analysis/sentiment.js';

const c = (text: string) => ruleScore(normalise(text)).compound;
const cat = compileCatalogue({ products: [] });
const label = (text: string) => analyze({ text }, cat).sentiment.label;

// Each rule: the sentence with the rule's trigger scores differently from the same sentence without it.
describe('sentiment rules (lexicon scorer)', () => {
  it('negation flips a sentiment word within three words', () => {
    expect(c('that was helpful')).toBeGreaterThan(0);
    expect(c('that was not helpful')).toBeLessThan(0);
    expect(c("that wasn't very helpful")).toBeLessThan(0);
  });
  it('negation stops at punctuation', () => {
    expect(c('not again. the fix was great')).toBeGreaterThan(0);
  });
  it('boosters intensify and dampeners soften', () => {
    expect(c('the update was extremely good')).toBeGreaterThan(c('the update was good'));
    expect(c('the update was slightly good')).toBeLessThan(c('the update was good'));
  });
  it('"but" weighs the clause after it more', () => {
    expect(c('the status page is nice but the outage is terrible')).toBeLessThan(0);
  });
  it('ALL CAPS emphasis strengthens a word when the rest is not shouted', () => {
    expect(c('this is TERRIBLE')).toBeLessThan(c('this is terrible'));
  });
  it('elongated words count as emphasis', () => {
    expect(c('sooo goooood')).toBeGreaterThan(0);
    expect(c('this is baaaad')).toBeLessThan(c('this is bad'));
  });
  it('exclamation marks amplify', () => {
    expect(c('this is bad!!!')).toBeLessThan(c('this is bad'));
  });
  it('emoji and emoticons carry sentiment', () => {
    expect(c('Outlook 😡')).toBeLessThan(0);
    expect(c('fixed now 👍')).toBeGreaterThan(c('fixed now'));
    expect(c('ok :(')).toBeLessThan(c('ok'));
    expect(c('ok xD')).toBeGreaterThan(c('ok'));
  });
  it('domain words: down, outage, degraded and still broken are negative', () => {
    expect(c('the service is down')).toBeLessThan(0);
    expect(c('another outage')).toBeLessThan(0);
    expect(c('performance degraded')).toBeLessThan(0);
    expect(c('it is still broken')).toBeLessThan(c('it is broken'));
  });
  it('domain phrases: back up, resolved, thanks for the update are positive', () => {
    expect(c('mail is back up')).toBeGreaterThan(0);
    expect(c('incident resolved')).toBeGreaterThan(0);
    expect(c('thanks for the update')).toBeGreaterThan(c('thanks'));
  });
  it('"no updates" is a complaint, not a negated neutral word', () => {
    expect(c('no updates')).toBeLessThan(0);
  });
  it('sarcasm: "thanks for ruining" and "love how … broken" turn the praise negative', () => {
    expect(c('thanks for ruining my morning')).toBeLessThan(c('ruining my morning'));
    expect(c('love how it is broken again')).toBeLessThan(0);
  });
  it('"never so good" intensifies instead of flipping', () => {
    expect(c('never so good')).toBeGreaterThan(0);
  });
  it('"kind of" softens the word after it', () => {
    expect(Math.abs(c('kind of bad'))).toBeLessThan(Math.abs(c('bad')));
  });
  it('"no" carries its own mild negative valence', () => {
    expect(c('oh no!')).toBeLessThan(0);
    expect(c('no idea how far it would go')).toBeLessThan(0);
  });
  it('a negation does not flip an emoji or emoticon', () => {
    expect(c('still no cheque :(')).toBeLessThan(0);
  });
  it('"kind of" is not kindness', () => {
    expect(c('the whole thing kind of frightens me')).toBeLessThan(0);
  });
  it('"lacks" in a title does not negate the praise after it', () => {
    expect(c('"The Immortal Life of Henrietta Lacks" :D Yay!')).toBeGreaterThan(0);
  });
});

describe('dense features for the learned layer', () => {
  const feature = (text: string, name: (typeof DENSE_FEATURES)[number]) => {
    const t = normalise(text);
    return denseFeatures(t, ruleScore(t))[DENSE_FEATURES.indexOf(name)]!;
  };
  it('AFINN sums words the VADER lexicon lacks, flipped inside a negation', () => {
    // "bankruptcy" and "blackmail" are AFINN words with no VADER valence.
    expect(c('bankruptcy filing after blackmail')).toBe(0);
    expect(feature('bankruptcy filing after blackmail', 'afinn')).toBeLessThan(0);
    expect(feature('that was helpful', 'afinn')).toBeGreaterThan(0);
    expect(feature('that was not helpful', 'afinn')).toBeLessThan(0);
  });
  it('headline register: share of capitalised words and whether digits appear', () => {
    expect(feature('Stocks Slide On Europe Woes', 'capital_share')).toBe(1);
    expect(feature('stocks slide on europe woes', 'capital_share')).toBe(0);
    expect(feature('Top 10 outages of 2024', 'digits')).toBe(1);
    expect(feature('top outages of the year', 'digits')).toBe(0);
  });
  it('a link, @mention, #hashtag or emoji marks a social post with its own compound bins', () => {
    expect(feature('Outage again, great.', 'social')).toBe(0);
    for (const text of ['@acme outage again', 'outage again #fail', 'outage again 😡', 'outage again https://x.example/a']) {
      expect(feature(text, 'social')).toBe(1);
    }
    const t = normalise('@acme outage again');
    const bins = DENSE_FEATURES.flatMap((name, j) => (name.startsWith('s_') && denseFeatures(t, ruleScore(t))[j] === 1 ? [name] : []));
    expect(bins).toEqual(['s_neg']);
  });
});

describe('sentiment label (rules + learned layer)', () => {
  it('labels clear complaints, praise and plain statements', () => {
    expect(label('@united my flight is delayed 4 hours and nobody at the gate knows anything. worst airline')).toBe('neg');
    expect(label('Thanks for the quick fix, great support team!')).toBe('pos');
    expect(label('The meeting is at 3pm in room 4.')).toBe('neu');
  });
  it('gives a score in -1…1 with the sign of the label', () => {
    const a = analyze({ text: 'Exchange has been down for hours, this is unacceptable' }, cat);
    expect(a.sentiment.label).toBe('neg');
    expect(a.sentiment.score).toBeLessThan(0);
    expect(a.sentiment.score).toBeGreaterThanOrEqual(-1);
  });
});

describe('shipped model', () => {
  it('has one weight triple per dense feature (retrain after adding a feature)', async () => {
    const { MODEL_DENSE } = await import('../../analysis/lexicon/model.js');
    const { DENSE_FEATURES } = await import('../../analysis/sentiment.js');
    expect(MODEL_DENSE.length).toBe(DENSE_FEATURES.length * 3);
  });
});
