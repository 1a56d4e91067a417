/**
 * The learned report layer (analysis/report.ts): it decides outage and the four flags from the
 * rules' outputs plus the words; the shipped weights are reproducible from eval/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, compileCatalogue, explainOutage, ruleParts } from '../../analysis/index.js';
import { REPORT_BIAS } from '../../analysis/lexicon/report-model.js';
import { decideReport, predictReport, REPORT_DENSE_FEATURES, REPORT_TARGETS, reportSparse, toReportModel } from '../../analysis/report.js';
import { multiLabelToModule, trainMultiLabel, type MultiLabelRow } from '../../analysis/train.js';
import { normalise } from '../../analysis/normalise.js';
import { ruleScore } from '../../analysis/sentiment.js';

const root = join(import.meta.dirname, '..', '..');
const cat = compileCatalogue(JSON.parse(readFileSync(join(root, 'eval', 'catalogue.json'), 'utf8')));

describe('the shipped report model', () => {
  it('is trained (one bias per target) and decides analyze()', () => {
    expect(REPORT_BIAS).toHaveLength(REPORT_TARGETS.length);
    const text = 'azure devops pipelines sat in the queue all morning';
    const parts = ruleParts({ text }, cat);
    const probs = predictReport(parts.reportDense, parts.tokens, parts.rules);
    const out = analyze({ text }, cat);
    expect(out.outage.score).toBe(Math.round(probs[0]! * 1000) / 1000);
    expect(out.outage.flag).toBe(probs[0]! >= 0.5);
  });

  it('catches phrasings no rule was written for', () => {
    // The rule score alone says no; the words carry it.
    const queued = 'azure devops pipelines sat in the queue all morning';
    expect(explainOutage(queued, cat).score).toBeLessThan(0.5);
    expect(analyze({ text: queued }, cat).outage.flag).toBe(true);
    const leaving = 'we signed the contract with google yesterday, exchange goes away in march';
    expect(ruleParts({ text: leaving }, cat).flags.churn).toBe(false);
    expect(analyze({ text: leaving }, cat).churn).toBe(true);
  });

  it('keeps plain non-reports negative', () => {
    for (const text of ['Loving the new Teams design, so much cleaner', 'what a week, the market is down and so am I']) {
      const a = analyze({ text }, cat);
      expect([a.outage.flag, a.commsComplaint, a.churn, a.revenue, a.credit]).toEqual([false, false, false, false, false]);
    }
  });

  it('falls back to the rules when no model is given', () => {
    const parts = ruleParts({ text: 'Slack is down and nobody is telling us anything' }, cat);
    expect(decideReport(parts, [])).toEqual({ outage: { flag: parts.outage.flag, score: parts.outage.score }, ...parts.flags });
  });

  it('has one dense feature per value reportDense produces', () => {
    expect(ruleParts({ text: 'x' }, cat).reportDense).toHaveLength(REPORT_DENSE_FEATURES.length);
  });
});

describe('trainMultiLabel', () => {
  const row = (text: string, y: boolean[]): MultiLabelRow => {
    const t = normalise(text);
    const r = ruleScore(t);
    return { dense: [1], ...reportSparse(t, r), y };
  };
  const rows = [
    ...Array.from({ length: 20 }, (_, i) => row(`zzbroken service number ${i}`, [true, false, false, false, false])),
    ...Array.from({ length: 20 }, (_, i) => row(`lovely weather number ${i}`, [false, false, false, false, false])),
    ...Array.from({ length: 10 }, (_, i) => row(`zzleaving for a rival ${i}`, [false, true, false, false, false])),
  ];

  it('learns word evidence per target and is deterministic', () => {
    const m1 = trainMultiLabel(rows, { seed: 3 });
    const m2 = trainMultiLabel(rows, { seed: 3 });
    expect(multiLabelToModule(m1, '')).toBe(multiLabelToModule(m2, ''));
    const model = toReportModel(m1);
    const p = (text: string) => {
      const t = normalise(text);
      return predictReport([1], t, ruleScore(t), model);
    };
    expect(p('zzbroken again')[0]).toBeGreaterThan(0.5);
    expect(p('lovely again')[0]).toBeLessThan(0.5);
    expect(p('zzleaving now')[1]).toBeGreaterThan(0.5);
    expect(p('zzbroken again')[1]).toBeLessThan(0.5);
  });
});

describe('analysis/lexicon/report-model.ts', () => {
  it('is exactly what scripts/train-report.ts trains from eval/ now', async () => {
    const { reportModelModule, REPORT_MODEL_FILE } = await import('../../scripts/train-report.js');
    expect(reportModelModule().text === readFileSync(REPORT_MODEL_FILE, 'utf8')).toBe(true);
  }, 60_000);
});

describe('analyze() joins both learned layers in one pass', () => {
  it('gives exactly what predictTokens and predictReport give separately', async () => {
    const { predictTokens, toFastModel } = await import('../../analysis/sentiment.js');
    const { MODEL_BIAS, MODEL_DENSE, MODEL_WORDS_TSV } = await import('../../analysis/lexicon/model.js');
    const words = new Map<string, readonly [number, number, number]>();
    for (const line of MODEL_WORDS_TSV.split('\n')) {
      const p = line.split('\t');
      if (p.length === 4) words.set(p[0]!, [Number(p[1]), Number(p[2]), Number(p[3])]);
    }
    const sentimentModel = toFastModel({ bias: MODEL_BIAS, dense: MODEL_DENSE, words });
    const texts = readFileSync(join(root, 'eval', 'outage.dev.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
    texts.push('@AzureSupport still down?? @AzureSupport', '', '🙂🙂', 'not bad at all, not bad');
    for (const text of texts) {
      const parts = ruleParts({ text }, cat);
      const a = analyze({ text }, cat);
      const d = decideReport(parts, predictReport(parts.reportDense, parts.tokens, parts.rules));
      expect({ outage: a.outage, comms: a.commsComplaint, churn: a.churn, revenue: a.revenue, credit: a.credit }).toEqual({ outage: d.outage, comms: d.commsComplaint, churn: d.churn, revenue: d.revenue, credit: d.credit });
      if (parts.tokens.words.length > 0) expect(a.sentiment).toEqual(predictTokens(sentimentModel, parts.tokens, parts.rules));
    }
  });
});
