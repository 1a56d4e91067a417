import { describe, expect, it } from 'vitest';
import { analyze, compileCatalogue } from '../../analysis/index.js';

const cat = compileCatalogue({ products: [] });
const a = (text: string) => analyze({ text }, cat);

describe('communication complaints', () => {
  it.each([
    'No updates for two hours',
    'The status page still says all green',
    'Radio silence from the vendor',
    'Nobody is telling us anything',
    "They haven't even acknowledged it",
    'Any ETA on a fix?',
    'Communication has been terrible',
    'Nothing on their status page',
    'The health dashboard shows no incidents',
    'They finally acknowledged it 90 minutes after it started',
    'Microsoft has said nothing for an hour',
  ])('flags "%s"', (text) => expect(a(text).commsComplaint).toBe(true));
  it('does not flag praise for updates', () => {
    expect(a('Thanks for the regular updates, very clear').commsComplaint).toBe(false);
  });
});

describe('churn intent', () => {
  it.each([
    'We are switching to Google Workspace',
    'Cancelling our subscription today',
    'Not renewing the contract',
    "We're looking at alternatives",
    'Moving to Slack, done with this',
    "We're trying Zoom instead",
  ])('flags "%s"', (text) => expect(a(text).churn).toBe(true));
  it('is negation-aware', () => {
    expect(a('We are not switching providers over one bad day').churn).toBe(false);
    expect(a('No plans to cancel our subscription').churn).toBe(false);
  });
});

describe('revenue impact', () => {
  it.each([
    'We lost sales all morning',
    "Our customers can't check out",
    "Can't process payments",
    'Lost about $4k in orders',
    'This is costing us $10,000 an hour',
    'Our shop lost a morning of sales',
  ])('flags "%s"', (text) => expect(a(text).revenue).toBe(true));
  it('is negation-aware', () => {
    expect(a("We didn't lose any sales, luckily").revenue).toBe(false);
  });
});

describe('credit requests', () => {
  it.each(['We want SLA credits for this', 'Requesting a refund', 'Microsoft owes us service credits', 'We expect compensation'])(
    'flags "%s"',
    (text) => expect(a(text).credit).toBe(true),
  );
  it('is negation-aware', () => {
    expect(a('Not asking for a refund, just answers').credit).toBe(false);
  });
  it('ignores credit cards', () => {
    expect(a('my credit card was declined').credit).toBe(false);
  });
});
