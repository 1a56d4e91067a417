/**
 * Round-3 rules (phrase families found on texts written blind to the rules) — one executable
 * example per family, plus near-misses each must not fire on. Texts are written for this test.
 */
import { describe, expect, it } from 'vitest';
import { analyze, compileCatalogue, explainOutage } from '../../analysis/index.js';
import { detectFlags } from '../../analysis/flags.js';
import { normalise } from '../../analysis/normalise.js';

const cat = compileCatalogue({
  products: [
    { id: 'teams', name: 'Microsoft Teams', aliases: ['Teams'], components: [] },
    { id: 'github', name: 'GitHub', aliases: ['GH'], components: [] },
    { id: 'slack', name: 'Slack', aliases: [], components: [] },
    { id: 'aws', name: 'Amazon Web Services', aliases: ['AWS', 'S3', 'Lambda'], components: [] },
    { id: 'cloudflare', name: 'Cloudflare', aliases: [], components: [] },
  ],
});
const cues = (text: string) => explainOutage(text, cat).cues;
/** The phrase rules alone (the learned layer is tested through analyze elsewhere). */
const rule = (text: string) => detectFlags(` ${normalise(text).words.join(' ')} `);

describe('outage cues (round 3)', () => {
  it.each([
    ['5xx family', 'cloudflare throwing 5xx on half our zones'],
    ['code + s', 'getting 502s from the api gateway'],
    ['code + ing', 'the webhook endpoint is 500ing'],
    ['dns failure', 'resolver answers SERVFAIL for everything'],
    ['rate limited', 'Lambda keeps saying rate exceeded at tiny load'],
    ['blank page', 'the portal is a blank white page'],
    ['spinner', 'just a spinner where the inbox should be'],
    ['sync conflicts', 'sync conflicts on every file since lunch'],
    ['login loop', 'stuck in a sign-in loop on teams'],
    ['no audio', 'calls connect but no audio for anyone'],
    ['late', 'chat messages arrive 20 min late'],
    ["won't let me", "slack won't let me upload anything"],
  ])('%s: %s', (_name, text) => {
    expect(cues(text)).toContain('symptoms');
  });

  it.each([
    ['yesterday', "yesterday's teams outage cost us the morning"],
    ['weekday', 'the slack incident last thursday was rough'],
    ['weeks ago', 'we asked about it 3 weeks ago'],
    ['is back', 'github is back .'],
    ['for the record', 'for the record the status page was green'],
  ])('past reference (%s): %s', (_name, text) => {
    expect(cues(text + ' outage')).toContain('past_ref');
  });

  it('"since yesterday" is still now, not a past reference', () => {
    expect(cues('teams broken since yesterday')).not.toContain('past_ref');
  });
});

describe('comms complaints (round 3)', () => {
  it.each([
    ['status calls it minor', "the status page calls it 'minor'. everything is broken"],
    ['subset of users', "MS says 'a subset of users'. it is all of us"],
    ['marked resolved but', 'they marked it resolved but our jobs still fail'],
    ['canned reply', 'support keeps sending the same canned reply'],
    ['auto-reply', 'the ticket auto-reply says three to five business days'],
    ['has not posted', 'their status account has not posted in two hours'],
    ['tickets unanswered', 'tickets unanswered for five hours'],
    ['hours to acknowledge', 'it took them three hours to acknowledge a sev-1'],
  ])('%s', (_name, text) => {
    expect(rule(text).commsComplaint).toBe(true);
  });

  it.each([
    ['status fine after recovery', 'all fixed, status page says resolved and it is'],
    ['own manager', 'our new intern is great'],
  ])('not: %s', (_name, text) => {
    expect(rule(text).commsComplaint).toBe(false);
  });
});

describe('churn (round 3)', () => {
  it.each([
    ['demo booked', 'booked a demo with another chat vendor for friday'],
    ['trial starts', 'our zoom trial starts monday, ceo signed off'],
    ['poc running', 'POC with a rival CDN starts tomorrow'],
    ['migration kicked off', 'moving DNS away, migration already kicked off'],
    ['moved from to', 'we moved our clusters from aks to gke in spring'],
    ['notice given', 'we gave our 90-day non-renewal notice today'],
    ['cancel at end of term', 'cancelling the phone add-on at the end of the term'],
    ['days are numbered', 'our S3 days are numbered'],
  ])('%s', (_name, text) => {
    expect(rule(text).churn).toBe(true);
  });

  it.each([
    ['not leaving', 'we are not leaving slack over this'],
    ['should we', 'should we be moving off aws? no idea'],
  ])('not: %s', (_name, text) => {
    expect(rule(text).churn).toBe(false);
  });
});

describe('revenue (round 3)', () => {
  it.each([
    ['invoices not going out', "our invoices aren't going out"],
    ['zero new signups', 'zero new signups since ten'],
    ['conversions dropped', 'conversions dropped by half today'],
    ['lost prospects', 'we lost two prospects in late-stage talks'],
    ['chargebacks', 'fifty chargebacks after the outage'],
    ['refunds to customers', 'had to refund 40 orders'],
    ['carts abandoned', 'carts are being abandoned at the payment step'],
    ['customers cancelled', 'two customers cancelled their subscriptions over it'],
  ])('%s', (_name, text) => {
    expect(rule(text).revenue).toBe(true);
  });

  it('not: no revenue impact', () => {
    expect(rule('no revenue impact thankfully').revenue).toBe(false);
  });
});

describe('credit (round 3)', () => {
  it.each([
    ['filing for credits', "we'll be filing for credits though"],
    ['want the credits', 'we want the credits, case opened'],
    ['credited us', 'cloudflare credited us for the outage'],
    ['denied', 'got denied on the credit, downtime below threshold'],
    ['offered a credit', 'the account rep offered a credit before we asked'],
    ['no word on the credits', 'still no word on the credits we requested'],
  ])('%s', (_name, text) => {
    expect(rule(text).credit).toBe(true);
  });

  it.each([
    ['credits to our own customers', 'we issued service credits to our own customers'],
    ['customers want refunds from us', 'customers demanding refunds from us'],
    ['credit card', 'my credit card expired'],
  ])('not: %s', (_name, text) => {
    expect(rule(text).credit).toBe(false);
  });
});
