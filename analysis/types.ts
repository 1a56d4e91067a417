/**
 * The contract between analysis/ and the rest of Barometer.
 * analysis/ is pure: text (and configuration) in, plain objects out. No I/O, no clock.
 */

export type SentimentLabel = 'neg' | 'neu' | 'pos';

/** Macro regions every specific place is mapped to; 'unknown' is used by rollups, never by analyze(). */
export type MacroRegion = 'NA' | 'LATAM' | 'EMEA' | 'APAC';

export interface AnalyzeInput {
  text: string;
  title?: string;
  /** Connector kind the text came from (rss, reddit, mastodon, …); lets rules weigh e.g. titles. */
  sourceKind?: string;
}

/** One product of the configured catalogue (from barometer.config.json `products`). */
export interface ProductDefinition {
  /** Stable id stored in the database, e.g. "exchange-online". */
  id: string;
  /** Display name, e.g. "Exchange Online". */
  name: string;
  /** Other names customers use: "EXO", "OWA", "Outlook on the web". */
  aliases: string[];
  /** Status-page component names that map to this product. */
  components: string[];
}

export interface CatalogueDefinition {
  products: ProductDefinition[];
  /** Extra region aliases from config: alias → macro region (e.g. "dublin dc" → EMEA). */
  regionAliases?: Record<string, MacroRegion>;
}

export interface Analysis {
  sentiment: { label: SentimentLabel; score: number };
  outage: { flag: boolean; score: number };
  /** Product ids from the catalogue, sorted, unique. */
  products: string[];
  /** Macro regions, sorted, unique. */
  regions: MacroRegion[];
  commsComplaint: boolean;
  churn: boolean;
  revenue: boolean;
  credit: boolean;
  /** Bumped whenever behaviour changes, so stored rows can be re-scored. */
  version: string;
}
