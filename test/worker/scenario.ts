/**
 * One scenario, two runtimes: a WordPress-style RSS feed with a quiet background and a burst of
 * Exchange Online outage complaints in one 5-minute bucket. test/worker/worker.test.ts ingests it on
 * Node (libSQL) and on workerd (wrangler dev + local D1 + Queue), then reads both back through the
 * same API calls and expects the same answers.
 */
export const ADMIN_TOKEN = 'worker-acceptance-admin-token-0123456789';
const MIN = 60_000;
const HOUR = 60 * MIN;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const outageLines = [
  'Exchange Online is down for us in Europe, OWA will not load at all.',
  'Outlook on the web not working since 10 minutes, mail is down in our London office. Any updates?',
  'Is Exchange Online down? Our users in Germany cannot send email.',
  'EXO outage again, mail stuck in the queue, no status page update yet.',
  'Exchange Online down in the UK, Outlook keeps disconnecting. Radio silence from Microsoft.',
  'Email outage here in Paris, OWA times out and Exchange is unreachable.',
  'Mail flow is broken, Exchange Online not delivering anything in Europe.',
  'Our whole company has no email, Exchange Online is down, status page still green.',
  'OWA outage in the Netherlands, cannot log in to Outlook on the web.',
  'Exchange Online down, customers cannot reach our support mailbox. This is costing us.',
  'Still no mail in Dublin, Exchange Online outage continues and nobody says anything.',
  'Exchange down for everyone in our EMEA tenants, Outlook cannot connect.',
];

const backgroundLines = [
  'Nice write-up on the new SharePoint Online document library views.',
  'Thanks for the tips on Teams meeting policies, very helpful.',
  'Has anyone tried the new OneDrive sync client on macOS?',
  'Good article, we rolled out the same retention policy last month.',
];

export interface Scenario {
  /** The feed body (RSS 2.0). */
  feed: string;
  /** Start of the 5-minute bucket holding the burst. */
  burstBucket: number;
  outagePosts: number;
  /** Query window that covers every post. */
  from: number;
  to: number;
}

export function buildScenario(now: number): Scenario {
  const bucket = 5 * MIN;
  const burstBucket = Math.floor(now / bucket) * bucket - bucket; // the last complete bucket
  const items: { id: string; title: string; text: string; at: number }[] = [];
  for (let h = 12; h >= 1; h--) {
    items.push({ id: `bg-${h}`, title: 'Comment', text: backgroundLines[h % backgroundLines.length]!, at: now - h * HOUR });
  }
  outageLines.forEach((text, i) => items.push({ id: `out-${i}`, title: 'Comment', text, at: burstBucket + 20_000 * (i + 1) }));
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel><title>Comments on: Office 365 service notes</title><link>http://blog.example/notes</link><description>Comments</description>',
    ...items.map(
      (it) =>
        `<item><title>${escapeXml(it.title)}</title><link>http://blog.example/notes#${it.id}</link>` +
        `<guid isPermaLink="false">${it.id}</guid><dc:creator>user-${it.id}</dc:creator>` +
        `<pubDate>${new Date(it.at).toUTCString()}</pubDate><description>${escapeXml(it.text)}</description></item>`,
    ),
    '</channel></rss>',
  ].join('\n');
  return { feed: xml, burstBucket, outagePosts: outageLines.length, from: Math.floor((now - 13 * HOUR) / HOUR) * HOUR, to: Math.ceil((now + HOUR) / HOUR) * HOUR };
}

/** barometer.config.json for both runtimes: one RSS source at the fixture server. */
export function scenarioConfig(feedUrl: string) {
  return {
    provider: 'Worker acceptance',
    sources: [{ name: 'fixture-comments', kind: 'rss', url: feedUrl, pollIntervalSeconds: 300, options: { discoverComments: false } }],
    spikes: { bucketMinutes: 5, threshold: 3, minCount: 5, silenceAlertMinutes: 30 },
  };
}

export type Api = (path: string) => Promise<Response>;

export interface Observed {
  trends: unknown;
  exchangeOutagePosts: number;
  alerts: Array<Record<string, unknown>>;
}

/** Reads what a user would: the hourly outage trend for Exchange Online and the alerts, stripped of ids and wall-clock times. */
export async function observe(api: Api, s: Scenario): Promise<Observed> {
  const q = new URLSearchParams({ product: 'exchange-online', bucket: '1h', metric: 'outage_posts', from: new Date(s.from).toISOString(), to: new Date(s.to).toISOString() });
  const tr = await api(`/api/v1/trends?${q}`);
  if (tr.status !== 200) throw new Error(`trends answered ${tr.status}: ${await tr.text()}`);
  const trends = (await tr.json()) as { points: { outagePosts: number }[] };
  const al = await api(`/api/v1/alerts?${new URLSearchParams({ from: new Date(s.from).toISOString() })}`);
  if (al.status !== 200) throw new Error(`alerts answered ${al.status}: ${await al.text()}`);
  const alerts = ((await al.json()) as { alerts: Array<Record<string, unknown>> }).alerts.map((a) => {
    const { id: _id, firedAt: _f, incidentId: _i, topPostIds: _t, ...rest } = a;
    return rest;
  });
  return { trends, exchangeOutagePosts: trends.points.reduce((n, p) => n + p.outagePosts, 0), alerts };
}
