/**
 * The fixed calendar of the demo: the window, the two incidents modelled on November 2013, and the
 * provider's official updates (Atlassian Statuspage shapes are rendered from these in feeds.ts).
 */
import { defaultProducts } from '../default-catalogue.js';
import type { MacroRegion } from '../../analysis/types.js';

export const demoWindow = { from: Date.UTC(2013, 9, 14, 0, 0), to: Date.UTC(2013, 10, 17, 23, 59, 59) } as const;

export type OfficialStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface IncidentPlan {
  key: 'A' | 'B' | 'minor';
  statusIncidentId: string;
  name: string;
  impact: 'minor' | 'major' | 'critical';
  product: string;
  /** Status-page component names touched. */
  components: string[];
  /** Where the customers who notice are, with weights. */
  regions: readonly (readonly [MacroRegion, number])[];
  /** When the fault really began (never served; evaluation only). */
  faultStartedAt: number;
  /** Outage posts per minute at the plateau, across all sources (0: nobody notices). */
  peakPerMinute: number;
  updates: { status: OfficialStatus; at: number; body: string }[];
}

const at = (d: number, h: number, m: number) => Date.UTC(2013, 10, d, h, m);

export const incidentPlans: readonly IncidentPlan[] = [
  {
    key: 'minor',
    statusIncidentId: 'demo2013sp1023',
    name: 'SharePoint Online: slow page loads for some users in Europe',
    impact: 'minor',
    product: 'sharepoint-online',
    components: ['SharePoint features'],
    regions: [['EMEA', 1]],
    faultStartedAt: Date.UTC(2013, 9, 23, 9, 10),
    peakPerMinute: 0,
    updates: [
      { status: 'investigating', at: Date.UTC(2013, 9, 23, 9, 18), body: 'We are investigating reports of slow page loads on SharePoint Online sites for some customers in Europe.' },
      { status: 'monitoring', at: Date.UTC(2013, 9, 23, 9, 41), body: 'We rebalanced load on the affected web servers. Page load times are returning to normal; we are monitoring.' },
      { status: 'resolved', at: Date.UTC(2013, 9, 23, 10, 5), body: 'Page load times are back to normal. A capacity alert threshold was set too high; it has been corrected.' },
    ],
  },
  {
    key: 'A',
    statusIncidentId: 'demo2013exo1108',
    name: 'Exchange Online: email delivery delays',
    impact: 'major',
    product: 'exchange-online',
    components: ['Mail flow', 'Exchange Online'],
    regions: [['NA', 0.6], ['EMEA', 0.4]],
    faultStartedAt: at(8, 13, 5),
    peakPerMinute: 7.5,
    updates: [
      { status: 'investigating', at: at(8, 14, 38), body: 'We are investigating reports that some customers in North America and Europe are experiencing delays sending and receiving email. More information will be provided as it becomes available.' },
      { status: 'identified', at: at(8, 16, 55), body: 'We have determined that an issue with the anti-malware engine is causing a backlog of messages on our mail transport servers. Engineers are deploying a fix and processing the queued messages. Email is not being lost, but delivery may be delayed by several hours.' },
      { status: 'monitoring', at: at(8, 19, 35), body: 'The fix has been deployed and the backlog is being processed. Delayed messages are being delivered; some customers may still see delays while the queues drain. We are monitoring.' },
      { status: 'resolved', at: at(8, 22, 10), body: 'The message backlog has been fully processed and mail flow has returned to normal. We will publish a post-incident report within five business days.' },
    ],
  },
  {
    key: 'B',
    statusIncidentId: 'demo2013lync1113',
    name: 'Lync Online: sign-in, IM and presence failures',
    impact: 'major',
    product: 'lync-online',
    components: ['Lync Online', 'Instant messaging', 'Presence'],
    regions: [['NA', 0.72], ['EMEA', 0.28]],
    faultStartedAt: at(13, 15, 20),
    peakPerMinute: 5,
    updates: [
      { status: 'investigating', at: at(13, 17, 2), body: 'We are investigating an issue in which some customers may be unable to sign in to Lync Online or may see intermittent instant messaging and presence failures.' },
      { status: 'identified', at: at(13, 18, 48), body: 'During a planned move of load between datacenters, a network element began dropping a portion of traffic without failing over. We are routing traffic away from the affected element.' },
      { status: 'monitoring', at: at(13, 20, 15), body: 'Traffic has been moved off the affected network element and sign-in success rates are recovering. We are monitoring the service.' },
      { status: 'resolved', at: at(13, 21, 40), body: 'Lync Online sign-in, instant messaging and presence have been restored for all customers. We are reviewing why the degraded element was not detected automatically.' },
    ],
  },
];

export interface StatusComponent {
  id: string;
  name: string;
  product: string;
  position: number;
}

/** One status-page component per catalogue component name, with stable ids. */
export const statusComponents: readonly StatusComponent[] = defaultProducts.flatMap((p, pi) =>
  p.components.map((name, ci) => ({
    id: `demo${String(pi).padStart(2, '0')}${String(ci).padStart(2, '0')}${name.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 12)}`,
    name,
    product: p.id,
    position: pi * 10 + ci + 1,
  })),
);

export interface BlogPlan {
  slug: string;
  title: string;
  publishedAt: number;
  product: string;
  paragraphs: string[];
  /** Post-incident report for this incident. */
  postmortemFor?: 'A' | 'B';
}

const oct = (d: number, h: number) => Date.UTC(2013, 9, d, h, 0);
const nov = (d: number, h: number) => Date.UTC(2013, 10, d, h, 0);

export const blogPlans: readonly BlogPlan[] = [
  { slug: 'whats-new-october-2013', title: 'What\'s new in Office 365 for October', publishedAt: oct(10, 16), product: 'exchange-online', paragraphs: ['A round-up of the features that reached tenants this month.', 'Highlights include larger mailboxes and a refreshed Outlook Web App.'] },
  { slug: 'sharepoint-online-storage-increase', title: 'SharePoint Online storage increases', publishedAt: oct(15, 16), product: 'sharepoint-online', paragraphs: ['Every tenant now gets more storage per user.', 'Here is how the new quotas apply to existing site collections.'] },
  { slug: 'lync-online-better-meetings', title: 'Lync Online: tips for better meetings', publishedAt: oct(18, 15), product: 'lync-online', paragraphs: ['Five habits that make online meetings run smoothly.', 'From audio checks to sharing just one window.'] },
  { slug: 'onedrive-business-sync-update', title: 'OneDrive for Business sync client update', publishedAt: oct(22, 16), product: 'onedrive', paragraphs: ['A new sync client build is rolling out.', 'It fixes several issues with large libraries.'] },
  { slug: 'how-we-filter-spam', title: 'Exchange Online Protection: how we filter spam', publishedAt: oct(25, 15), product: 'exchange-online', paragraphs: ['A look inside the filtering pipeline every message goes through.', 'Including the anti-malware engines that scan attachments.'] },
  { slug: 'planning-your-move', title: 'Planning your move to Office 365', publishedAt: oct(29, 16), product: 'exchange-online', paragraphs: ['A checklist for migrations of every size.', 'Start with identity, then mail, then sites.'] },
  { slug: 'office-web-apps-coauthoring', title: 'Office Web Apps co-authoring now available', publishedAt: nov(1, 16), product: 'office-web-apps', paragraphs: ['Several people can now edit the same document in the browser.', 'Changes appear for everyone within seconds.'] },
  { slug: 'security-and-compliance', title: 'Security and compliance in Office 365', publishedAt: nov(5, 16), product: 'identity', paragraphs: ['How we protect your data at rest and in transit.', 'And what the new compliance certifications mean for you.'] },
  { slug: 'single-sign-on-adfs', title: 'Identity: single sign-on with ADFS 2.0', publishedAt: nov(7, 15), product: 'identity', paragraphs: ['Step-by-step federation with your on-premises directory.', 'Plus the common pitfalls we see in support.'] },
  { slug: 'recent-email-delivery-delays', title: 'Recent email delivery delays: what happened and what\'s next', publishedAt: nov(11, 17), product: 'exchange-online', postmortemFor: 'A', paragraphs: ['On November 8 some customers in North America and Europe saw email delayed by several hours.', 'An anti-malware engine update caused a backlog on transport servers. No email was lost.', 'We also heard you clearly: we were too slow to tell you what was happening. We are changing how quickly we post to the Service Health Dashboard.'] },
  { slug: 'yammer-and-sharepoint', title: 'Yammer and SharePoint: better together', publishedAt: nov(12, 16), product: 'sharepoint-online', paragraphs: ['How enterprise social fits next to your team sites.'] },
  { slug: 'service-interruptions-this-week', title: 'Service interruptions this week: an update from the team', publishedAt: nov(15, 16), product: 'lync-online', postmortemFor: 'B', paragraphs: ['On November 13 Lync Online sign-in and presence failed for some customers during a datacenter load move.', 'A network element dropped traffic without failing over, a gray failure our monitoring did not catch.', 'Two incidents in one week is not acceptable. We are committing to a first update within 30 minutes of any customer-impacting incident.'] },
];
