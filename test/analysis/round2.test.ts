/**
 * Round-2 rules (phrase families, negation scope) — one executable example per rule, plus the
 * near-misses each rule must not fire on.
 */
import { describe, expect, it } from 'vitest';
import { analyze, compileCatalogue, explainOutage } from '../../analysis/index.js';
import { detectFlags } from '../../analysis/flags.js';
import { normalise } from '../../analysis/normalise.js';

const cat = compileCatalogue({
  products: [
    { id: 'teams', name: 'Microsoft Teams', aliases: ['Teams'], components: [] },
    { id: 'github', name: 'GitHub', aliases: [], components: [] },
    { id: 'slack', name: 'Slack', aliases: [], components: [] },
    { id: 'aws', name: 'Amazon Web Services', aliases: ['AWS', 'S3', 'EC2', 'RDS'], components: [] },
    { id: 'azure', name: 'Microsoft Azure', aliases: ['Azure'], components: [] },
    { id: 'cloudflare', name: 'Cloudflare', aliases: [], components: [] },
  ],
});
const a = (text: string) => analyze({ text }, cat);
const cues = (text: string) => explainOutage(text, cat).cues;

describe('comms complaints (round 2 families)', () => {
  it.each([
    ['vendor silent', 'Their twitter is silent and so is the status page'],
    ['keeps quiet', 'Cloudflare keeps quiet about the 520 errors'],
    ['status shows checkmarks', 'The AWS health dashboard is all checkmarks while EC2 burns'],
    ['status claims operational', 'The status dashboard claims everything is operational'],
    ['says no disruption', 'Workspace status says no disruption. Gmail bouncing.'],
    ['nobody has said a thing', 'nobody from Slack has said a thing'],
    ['tells us nothing', 'Their updates tell us nothing'],
    ['not a word', 'Down two hours and not a word from them'],
    ['waiting on a statement', 'Still waiting on any kind of statement from Google'],
    ['ETA for a fix', 'ETA for a fix?? We have been down since 9am'],
    ['bare ETA?', 'Pipelines failing. ETA? Anyone?'],
    ["where's the ETA", "Where's the ETA, AWS?"],
    ['keep us posted', 'Keep us posted, Microsoft? Hour three of the outage.'],
    ['users told us before', 'Our users told us about the outage before Microsoft did'],
    ['found out from Reddit', 'We had to find out from Reddit that Slack was down'],
    ['copy-paste updates', "Copy-paste 'still investigating' updates every 30 minutes"],
    ['actually told', 'would be nice if GitHub actually told people what is happening'],
    ['support not replied', "Azure support hasn't replied to our ticket in four hours"],
    ['be honest', 'Nothing works. Be honest, Azure.'],
  ])('%s: "%s"', (_n, text) => expect(a(text).commsComplaint).toBe(true));
  it.each([
    'Teams channel is silent today, everyone is on holiday',
    'No updates needed, the migration finished without issues',
  ])('not: "%s"', (text) => expect(a(text).commsComplaint).toBe(false));
  // The phrase rules get this one right; the learned layer (which decides) does not yet — a known
  // error listed in docs/analysis.md, so the rule is tested on its own.
  it('rule, not: "Their status page updates were clear and frequent"', () => {
    expect(detectFlags(` ${normalise('Their status page updates were clear and frequent').words.join(' ')} `).commsComplaint).toBe(false);
  });
});

describe('churn (round 2 families)', () => {
  it.each([
    ['looking at a named alternative', "We're seriously looking at Zoom after another Teams outage"],
    ['getting quotes', 'Cloudflare down again, getting quotes from Fastly'],
    ['replacing a vendor', 'Budget meeting will include replacing GitHub'],
    ['off a vendor', 'Management wants us off AWS by year end'],
    ['drop a vendor', "I'll be recommending we drop Google Workspace"],
    ['proof of concept', 'Started a proof of concept on GCP today'],
    ['renewal not happening', "Our renewal with Slack is in March. After today, it's not happening."],
    ['renewal off the table', 'Contract renewal is off the table.'],
    ['reducing footprint', "We'll be reducing our Azure footprint"],
  ])('%s: "%s"', (_n, text) => expect(a(text).churn).toBe(true));
  it.each([
    'Should we be moving to AWS or staying on Azure? Pros and cons welcome',
    'We are not leaving GitHub, the outage was annoying',
    'Replacing the disk fixed it',
  ])('not: "%s"', (text) => expect(a(text).churn).toBe(false));
});

describe('revenue impact (round 2 families)', () => {
  it.each([
    ["can't invoice", "Can't invoice anyone today"],
    ["can't quote", "Our agents can't quote while Gmail is down"],
    ['customers cannot complete purchases', "Customers can't complete purchases"],
    ['transactions failing', 'Transactions failing since the AWS issue started'],
    ['failing at checkout', 'Payments failing at checkout'],
    ['orders stuck', 'Orders stuck in pending'],
    ['no orders processed', 'No orders processed since the outage began'],
    ['store down', 'Our online store has been dead for an hour'],
    ['cancelled a sales call', 'Had to cancel a sales call because Teams would not connect'],
    ['lost a demo', 'Lost a client demo this morning'],
    ['missed a deadline', 'We missed a client deadline'],
    ['real money', 'This is real money.'],
    ['bookings dried up', 'Bookings dried up completely'],
  ])('%s: "%s"', (_n, text) => expect(a(text).revenue).toBe(true));
  it.each([
    'We did not lose any revenue during the outage thanks to our failover',
    'Checkout conversion went up after the move',
  ])('not: "%s"', (text) => expect(a(text).revenue).toBe(false));
});

describe('credit requests (round 2 families)', () => {
  it.each([
    ['claiming credits', "we'll be claiming our credits"],
    ['file an SLA claim', 'How do we file an SLA claim for this?'],
    ['month free', 'Google owes every customer a month free'],
    ['owes us money', 'Someone owes us money for this'],
    ['SLA breached', 'That is an SLA breach'],
    ['blew through the SLA', 'That outage blew through the 99.9% SLA'],
    ['should compensate', 'Microsoft should compensate every tenant'],
  ])('%s: "%s"', (_n, text) => expect(a(text).credit).toBe(true));
  it.each(['Compensation for SREs in Seattle is wild', 'Total compensation data for engineers'])('not: "%s"', (text) =>
    expect(a(text).credit).toBe(false));
});

describe('outage (round 2 cues)', () => {
  // The rule score; the learned layer (which decides) still reads this one as a report — a known
  // error listed in docs/analysis.md.
  it('rule, not: how-to question "How do I fix Teams not showing up in Outlook?"', () => {
    expect(explainOutage('How do I fix Teams not showing up in Outlook?', cat).score).toBeLessThan(0.5);
  });

  it.each([
    ['stalls', 'Uploads stall and then fail, Azure please'],
    ['refused to connect', 'Teams refused to connect'],
    ["wouldn't open", "SharePoint wouldn't open the files"],
    ["won't merge", "GitHub PRs won't merge"],
    ['nobody can log in', 'MFA prompts never arrive, nobody can log in this morning'],
    ['no connection to', 'RDS failover done and still no connection to the primary'],
    ["can't push", "Can't push to GitHub"],
    ['drops after', 'Slack huddles drop after 30 seconds every time'],
    ['bad day', 'github is having a bad day'],
    ['logged out every hour', "Has anyone else's Teams been logging them out every hour since the update?"],
    ['login loops back', 'AWS console login loops back to the sign-in page'],
  ])('%s: "%s"', (_n, text) => expect(a(text).outage.flag).toBe(true));
  it.each([
    ['metric from → to', 'Page load times dropped from 3s to 800ms with Cloudflare'],
    ['post-incident review', 'The post-incident review of the Slack outage was honest'],
    ['handled well', 'Kudos to Azure, the incident was handled fast'],
    ['drills', 'We run chaos drills where we pretend GitHub is unavailable'],
    ['not theirs', 'Connection dropped on my home wifi, nothing to do with Slack'],
    ['personal crash', 'I crashed my bike on the way in, Teams standup from the ER'],
    ['markets', 'The market went down hard today, my portfolio is toast'],
    ['outage plan template', 'Anyone have a template for an outage communication plan?'],
    ['alerting tool', 'Our team wrote a tool that alerts us when Azure reports an incident'],
    ['zero downtime', 'Happy to report zero downtime on Azure for us this quarter'],
    ['dated write-up', "The 2019 Cloudflare outage write-up is still the best incident report I've read"],
  ])('%s: "%s" is not a report', (_n, text) => expect(a(text).outage.flag).toBe(false));
  it('a credit claim keeps "99.9% SLA" from reading as a hypothetical (rule score)', () => {
    // The rule layer's own score; the learned layer then weighs the past tense ("blew") as well.
    expect(explainOutage('That outage blew through the 99.9% SLA, claiming credits', cat).score).toBeGreaterThanOrEqual(0.5);
  });
  it('names the new cues', () => {
    expect(cues('Uploads stall and then fail')).toContain('stalls');
    expect(cues('Slack is down, nothing to do with us though')).toContain('not_theirs');
  });
});
