/** Small building blocks shared by the pages. */
import type { Child } from 'hono/jsx';
import type { PostHit } from '../../db/queries/search.js';
import { PERIODS, pct, signed, when, type Period } from './period.js';

/** A KPI with its change vs the previous period; `better` says which direction is good. */
export function Kpi(props: { label: string; value: string; now: number | null; prev: number | null; better: 'up' | 'down' | 'none'; fmt?: (d: number) => string; id?: string }) {
  const { now, prev } = props;
  let delta = <span class="delta">no previous data</span>;
  if (now !== null && prev !== null) {
    const d = now - prev;
    const dir = d > 0 ? 'up' : d < 0 ? 'down' : 'flat';
    const good = props.better === 'none' || dir === 'flat' ? '' : (dir === props.better ? '-good' : '-bad');
    const text = props.fmt ? props.fmt(d) : prev !== 0 ? `${d >= 0 ? '+' : ''}${((d / Math.abs(prev)) * 100).toFixed(0)}%` : d === 0 ? '±0' : 'new';
    delta = (
      <span class={`delta ${dir}${good}`}>
        {dir === 'up' ? '▲ ' : dir === 'down' ? '▼ ' : ''}
        {text} vs previous period
      </span>
    );
  }
  return (
    <div class="kpi" data-kpi={props.id}>
      <div class="label">{props.label}</div>
      <div class="value">{props.value}</div>
      {delta}
    </div>
  );
}

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  scale?: string;
  bars?: boolean;
}

export interface ChartSpec {
  x: number[];
  series: ChartSeries[];
  time?: boolean;
  categories?: string[];
  markers?: { t: number; label: string }[];
  shades?: { from: number; to: number }[];
  links?: string[];
  height?: number;
}

/**
 * A chart drawn by the client script from a JSON data attribute (escaped like any attribute, so
 * labels people wrote cannot break out). `summary` is the text alternative for screen readers.
 */
export function Chart(props: { spec: ChartSpec; label: string; children?: Child }) {
  return (
    <figure class="card">
      <figcaption class="muted">{props.label}</figcaption>
      <div class="chart" role="img" aria-label={props.label} data-chart={JSON.stringify(props.spec)}>
        {props.children}
      </div>
    </figure>
  );
}

export function PeriodFilter(props: { period: Period; extra?: Child; action: string }) {
  return (
    <form class="filters" method="get" action={props.action} aria-label="Filters">
      <label>
        Period
        <select name="period" data-autosubmit>
          {Object.keys(PERIODS).map((k) => (
            <option value={k} selected={k === props.period.key}>
              last {k.replace('d', ' days').replace(/^1 days$/, '1 day')}
            </option>
          ))}
        </select>
      </label>
      <label>
        Ending
        <input type="text" name="to" inputmode="numeric" pattern="\d{4}-\d{2}-\d{2}" placeholder="latest data" title="YYYY-MM-DD; empty = the latest day with data" value={props.period.toParam ?? ''} size={14} />
      </label>
      {props.extra}
      <button type="submit">Apply</button>
    </form>
  );
}

const flagTags: [keyof PostHit, string, string][] = [
  ['outage', 'outage', 'bad'],
  ['commsComplaint', 'comms complaint', 'warn'],
  ['churn', 'churn intent', 'bad'],
  ['revenue', 'revenue impact', 'bad'],
  ['credit', 'credit request', 'warn'],
];

/** One post; every field people wrote is rendered as text (hono/jsx escapes it). */
export function PostItem(props: { post: PostHit }) {
  const p = props.post;
  return (
    <article class="post" data-post-id={p.id}>
      <div class="meta">
        {when(p.publishedAt)} · <span class={`tag ${p.sentimentLabel}`}>{p.sentimentLabel} {signed(p.sentimentScore)}</span>
        {flagTags.filter(([k]) => p[k]).map(([, label, cls]) => <span class={`tag ${cls}`}>{label}</span>)}
        {p.products.map((x) => <span class="tag">{x}</span>)}
        {p.regions.map((x) => <span class="tag">{x}</span>)}
        {p.demo && <span class="tag warn">demo</span>}
      </div>
      {p.title && <strong class="title">{p.title}</strong>}
      <p class="text">{p.text.length > 600 ? p.text.slice(0, 600) + '…' : p.text}</p>
      {p.url && /^https?:\/\//i.test(p.url) && (
        <a href={p.url} rel="noopener noreferrer nofollow" target="_blank">
          source ↗
        </a>
      )}
    </article>
  );
}

export const share = (part: number, whole: number) => (whole ? part / whole : null);
export { pct };
