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
    'Still no ETA on a fix?!',
    'Communication has been terrible',
    'Nothing on their status page',
    'The health dashboard shows no incidents',
    'They finally acknowledged it 90 minutes after it started',
    'Microsoft has said nothing for an hour',
    'The status page still says no known issues',
    'Radio silence. Silence from everyone.',
    'We heard about it from Reddit before they said a word',
    'Is there an ETA?',
    'On hold with support for 2 hours',
    'Can someone at Microsoft please explain what is going on?',
    'Their last update was at 09:12',
    "It's been three hours and they still haven't posted anything",
  ])('flags "%s"', (text) => expect(a(text).commsComplaint).toBe(true));
  it('a bare peer question for an ETA is not a complaint (the labelled files agree), pressing for one is', () => {
    expect(a('Any ETA on a fix?').commsComplaint).toBe(false);
    expect(a("@Office365 any ETA?? it's been 3 hours").commsComplaint).toBe(true);
  });
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
    'Webex here we come',
    'Signing up for a Google Workspace trial, just in case',
    'Our CTO wants a migration plan away from Azure',
    "Pretty sure we'll churn after this",
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
    'We lost the account after the demo crashed',
    'Every minute is money out the door',
    "Invoices can't go out",
    "Patients can't book appointments",
    'Every hour costs our firm thousands',
    "Can't ship a single order",
    'Our customers are cancelling',
    'Sales team idle all morning',
    "That's our busiest hour gone",
  ])('flags "%s"', (text) => expect(a(text).revenue).toBe(true));
  it('is negation-aware', () => {
    expect(a("We didn't lose any sales, luckily").revenue).toBe(false);
  });
});

describe('credit requests', () => {
  it.each(['We want SLA credits for this', 'Requesting a refund', 'Microsoft owes us service credits', 'We expect compensation', 'Will AWS give credits for this?'])(
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
