/** Choosing the quotes: typical, short, unlike each other, from several kinds of source, no personal data. */
import { describe, expect, it } from 'vitest';
import { pickQuotes, scrub, shorten, type QuoteInput } from '../../src/digest/quotes.js';

let id = 0;
const q = (text: string, sourceKind = 'mastodon', extra: Partial<QuoteInput> = {}): QuoteInput => ({
  id: ++id, text, publishedAt: 1_000 + id, commsComplaint: false, churn: false, outageScore: 0.9, sourceName: `demo-${sourceKind}`, sourceKind, products: [], ...extra,
});

describe('pickQuotes', () => {
  it('prefers the typical complaint over the odd one, and one per kind of source', () => {
    const posts = [
      q('Exchange Online is down, mail stuck in the queue, no updates on the status page'),
      q('Exchange Online down again, mail stuck, no updates from anyone', 'mastodon'),
      q('Our whole office has had no email for two hours, Exchange Online down and no updates', 'discourse', { commsComplaint: true }),
      q('My cat walked across the keyboard and ordered pizza for everyone', 'rss'),
      q('Exchange Online outage again, mail stuck all morning, we are looking at switching provider', 'rss', { churn: true }),
    ];
    const picked = pickQuotes(posts);
    expect(picked).toHaveLength(3);
    expect(picked.map((p) => p.text).join(' ')).not.toContain('pizza');
    expect(new Set(picked.map((p) => p.source.split(' · ')[0])).size).toBe(3);
  });

  it('never picks the same words twice', () => {
    const same = 'Exchange Online is down for us in London, no email since 10 minutes';
    expect(pickQuotes([q(same), q(same), q(same), q('Lync is down too, cannot join any meeting this morning')])).toHaveLength(2);
  });
});

describe('personal data and length', () => {
  it('removes e-mail addresses, handles and phone numbers', () => {
    expect(scrub('@alice mail me at bob.smith@example.com or +44 20 7946 0958, cc @carol@mastodon.social')).toBe('mail me at … or …, cc @…');
  });

  it('cuts long posts at a word with an ellipsis', () => {
    const s = shorten('word '.repeat(100), 40);
    expect(s.length).toBeLessThanOrEqual(40);
    expect(s.endsWith('word…')).toBe(true);
  });
});
