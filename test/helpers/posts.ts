/** Post and status-update builders shared by the test worlds (API, signals engine). */
import type { OfficialUpdate, RawPost } from '../../ingest/types.js';

const MIN = 60_000;

/** Builders over the given texts; external ids are unique within one factory. */
export function postFactory(outageTexts: readonly string[], chatterTexts: readonly string[]) {
  let seq = 0;
  return {
    /** `n` outage posts spread over the 5-minute bucket starting at `at`. */
    outagePosts(at: number, n: number): RawPost[] {
      return Array.from({ length: n }, (_, i) => ({
        externalId: `o${++seq}`,
        text: outageTexts[i % outageTexts.length] as string,
        publishedAt: at + Math.floor((i * 4.5 * MIN) / Math.max(n, 1)),
      }));
    },
    /** Ordinary chatter: one post every `everyMin` minutes in [from, to). */
    chatter(from: number, to: number, everyMin = 20): RawPost[] {
      const out: RawPost[] = [];
      for (let t = from, i = 0; t < to; t += everyMin * MIN, i++) {
        out.push({ externalId: `c${++seq}`, text: chatterTexts[i % chatterTexts.length] as string, publishedAt: t });
      }
      return out;
    },
  };
}

/** An official Statuspage-style update for Exchange Online's mail flow. */
export function update(id: string, status: string, postedAt: number, incident = 'INC1'): OfficialUpdate {
  return { incidentId: incident, updateId: id, status, components: ['Mail flow'], body: `Exchange Online: ${status}`, postedAt };
}
