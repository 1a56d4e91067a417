import { describe, expect, it } from 'vitest';
import { analyze, analyzeBatch, ANALYZER_VERSION, compileCatalogue, MAX_TEXT_CHARS } from '../../analysis/index.js';

const cat = compileCatalogue({ products: [{ id: 'teams', name: 'Microsoft Teams', aliases: ['Teams'], components: [] }] });

describe('bad input never throws and gives a sensible result', () => {
  it('empty text is neutral, no outage, nothing extracted', () => {
    const a = analyze({ text: '' }, cat);
    expect(a).toMatchObject({ sentiment: { label: 'neu', score: 0 }, outage: { flag: false }, products: [], regions: [] });
    expect(a.version).toBe(ANALYZER_VERSION);
  });
  it('non-string text and missing fields do not throw', () => {
    expect(analyze({ text: undefined as unknown as string }, cat).sentiment.label).toBe('neu');
    expect(analyze({ text: 42 as unknown as string, title: null as unknown as string }, cat).products).toEqual([]);
  });
  it(`1 MB of text is cut to ${MAX_TEXT_CHARS} characters and finishes fast`, () => {
    const big = 'Teams is down again and nobody says anything. '.repeat(23_000);
    expect(big.length).toBeGreaterThan(1_000_000);
    const t0 = performance.now();
    const a = analyze({ text: big }, cat);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(a.outage.flag).toBe(true);
    expect(a.products).toEqual(['teams']);
  });
  it('1 MB without spaces or with only punctuation finishes fast', () => {
    for (const big of ['a'.repeat(1_000_000), '!?'.repeat(500_000), '<'.repeat(1_000_000), '&#'.repeat(500_000)]) {
      const t0 = performance.now();
      analyze({ text: big }, cat);
      expect(performance.now() - t0).toBeLessThan(1000);
    }
  });
  it('invalid UTF-8 (decoded to U+FFFD) and lone surrogates', () => {
    const decoded = new TextDecoder().decode(new Uint8Array([0x54, 0x65, 0x61, 0x6d, 0x73, 0x20, 0xff, 0xfe, 0xc3, 0x20, 0x64, 0x6f, 0x77, 0x6e]));
    expect(() => analyze({ text: decoded }, cat)).not.toThrow();
    const a = analyze({ text: 'Teams \ud800 is down \udfff' }, cat);
    expect(a.outage.flag).toBe(true);
    expect(JSON.stringify(a)).not.toMatch(/\\ud[89a-f]/i);
  });
  it('only emoji still gets a sentiment', () => {
    expect(analyze({ text: '😡😡😡' }, cat).sentiment.label).toBe('neg');
    expect(analyze({ text: '🎉👍' }, cat).sentiment.label).toBe('pos');
  });
  it('mixed languages and scripts do not throw and still find English cues', () => {
    const a = analyze({ text: 'Teams ist down 😤 — 团队无法登录, Teams не работает, تيمز لا يعمل' }, cat);
    expect(a.products).toEqual(['teams']);
    expect(typeof a.sentiment.score).toBe('number');
  });
  it('uses the title as part of the text', () => {
    expect(analyze({ title: 'Teams outage', text: 'see inside' }, cat).outage.flag).toBe(true);
  });
  it('analyzeBatch returns one result per input, in order', () => {
    const out = analyzeBatch([{ text: 'Teams is down' }, { text: '' }, { text: 'lovely day' }], cat);
    expect(out.map((x) => x.outage.flag)).toEqual([true, false, false]);
  });
  it('is deterministic', () => {
    const t = { text: 'Teams down again?! no updates. Switching to Zoom.' };
    expect(analyze(t, cat)).toEqual(analyze(t, cat));
  });
});
