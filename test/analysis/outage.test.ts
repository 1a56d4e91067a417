import { describe, expect, it } from 'vitest';
import { analyze, compileCatalogue, explainOutage } from '../../analysis/index.js';

const cat = compileCatalogue({
  products: [
    { id: 'exchange-online', name: 'Exchange Online', aliases: ['Exchange', 'EXO', 'OWA', 'Outlook'], components: [] },
    { id: 'teams', name: 'Microsoft Teams', aliases: ['Teams'], components: [] },
    { id: 'aws', name: 'Amazon Web Services', aliases: ['AWS', 'S3', 'EC2'], components: [] },
  ],
});
const flag = (text: string) => analyze({ text }, cat).outage.flag;
const cues = (text: string) => explainOutage(text, cat).cues;

describe('outage classifier: reports of a problem now', () => {
  it('"is it down?" questions count', () => {
    expect(flag('Is Outlook down?')).toBe(true);
    expect(cues('Is Outlook down?')).toContain('down_state');
  });
  it('"down here" and "down there" say where it is down', () => {
    expect(cues('Outlook is down here in Canada too')).toContain('down_state');
    expect(cues('Is it down there as well?')).toContain('down_state');
    expect(cues('the office is down the road')).not.toContain('down_state');
  });
  it('"X down" at the end of a post or hashtag counts', () => {
    expect(flag('#ExchangeDown')).toBe(true);
    expect(cues('Teams down for everyone')).toContain('down_end');
  });
  it('outage words count', () => {
    expect(cues('Another AWS outage')).toContain('outage');
    expect(flag('Another AWS outage')).toBe(true);
  });
  it('"not working" and "can\'t log in" count', () => {
    expect(flag('Teams not working at all')).toBe(true);
    expect(flag("can't log in to OWA")).toBe(true);
  });
  it('error words count when a product is named', () => {
    expect(flag('S3 returning 503 errors')).toBe(true);
    expect(cues('S3 returning 503 errors')).toContain('errors');
  });
  it('mail-flow problems count', () => {
    expect(cues('emails not arriving since 9')).toContain('mail_flow');
    expect(flag('emails not arriving since 9')).toBe(true);
  });
  it('"anyone else" questions count', () => {
    expect(flag('Anyone else having issues with Teams?')).toBe(true);
  });
  it('informal breakage words count: toast, erroring, garbled, snail\'s pace, nothing works', () => {
    expect(flag('Our Exchange tenant is toast')).toBe(true);
    expect(flag('S3 erroring since 10')).toBe(true);
    expect(flag('Teams audio is garbled')).toBe(true);
    expect(flag("Outlook loading at a snail's pace")).toBe(true);
  });
  it('a comms complaint or a credit claim implies an incident', () => {
    expect(flag('No updates from Microsoft in two hours')).toBe(true);
    expect(flag('We got a service credit last year')).toBe(false);
    expect(flag('Will AWS give credits for this mess?')).toBe(true);
  });
  it('incident language and "without email" count', () => {
    expect(flag('6 hours without email, Exchange is a mess')).toBe(true);
  });
});

describe('outage classifier: not a report of a problem now', () => {
  it('praise is not an outage', () => {
    expect(flag('I love this service, Teams is great')).toBe(false);
  });
  it('history is not an outage', () => {
    expect(flag('Remember when S3 went down back in 2017?')).toBe(false);
    expect(cues('Remember when S3 went down back in 2017?')).toContain('history');
  });
  it('a present-tense marker keeps a report current despite a history mention', () => {
    expect(flag('S3 is down again right now, just like last year')).toBe(true);
  });
  it('negation: "not down", "no issues"', () => {
    expect(flag('Teams is not down, check your proxy')).toBe(false);
    expect(flag('There is no outage, Teams works fine')).toBe(false);
    expect(cues('There is no outage, Teams works fine')).toContain('negated');
  });
  it('recovery: "back up", "working again"', () => {
    expect(flag('Exchange is back up, working again')).toBe(false);
  });
  it('hypotheticals and insurance: "if AWS goes down", "outage insurance"', () => {
    expect(flag('What happens if AWS goes down for a day?')).toBe(false);
    expect(flag('Is outage insurance worth it?')).toBe(false);
  });
  it('non-service uses of "down"', () => {
    expect(flag('Calm down, it is fine')).toBe(false);
    expect(flag('Down payment on the house went through')).toBe(false);
    expect(flag('Went down to the data center to swap a disk')).toBe(false);
    expect(flag('You let me down')).toBe(false);
  });
  it('metrics going down and generic remarks are not outages', () => {
    expect(flag('Azure costs went down 30% after rightsizing')).toBe(false);
    expect(flag('Cloud outages are down 20% year over year')).toBe(false);
    expect(flag("AWS outages happen everywhere, we're staying")).toBe(false);
    expect(flag("The Cloudflare post on last month's incident is a great read")).toBe(false);
  });
  it('planned maintenance announcements', () => {
    expect(flag('Scheduled maintenance downtime next Sunday for Exchange')).toBe(false);
  });
  it('a bare year in an outage post reads as history', () => {
    expect(flag('The 2013 Exchange outage taught us a lot')).toBe(false);
  });
  it('gives a score in 0…1', () => {
    const a = analyze({ text: 'Outlook is down again!!' }, cat);
    expect(a.outage.score).toBeGreaterThan(0.5);
    expect(a.outage.score).toBeLessThanOrEqual(1);
  });
});
