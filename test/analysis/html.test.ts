import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../analysis/html.js';

describe('htmlToText', () => {
  it('keeps link text and drops the markup', () => {
    expect(htmlToText('<p>See <a href="https://status.example.com">the status page</a> now</p>')).toBe('See the status page now');
  });
  it('drops script, style and comments with their content', () => {
    expect(htmlToText('<style>p{color:red}</style><p>Outlook down</p><script>alert("x")</script><!-- hidden -->')).toBe('Outlook down');
  });
  it('decodes named, decimal and hex entities, and cp1252 numeric references', () => {
    expect(htmlToText('AT&amp;T &lt;3 &#8220;down&#x201D; it&#146;s &eacute;t&eacute;')).toBe('AT&T <3 “down” it’s été');
  });
  it('turns block tags into line breaks', () => {
    expect(htmlToText('<div>one</div><div>two</div>line<br>break').split(/\n+/)).toEqual(['one', 'two', 'line', 'break']);
    expect(htmlToText('<p>a</p>\n\n\n<p>b</p>')).toBe('a\n\nb');
  });
  it('keeps image alt text', () => {
    expect(htmlToText('<img src="x.png" alt="angry face"> ugh')).toBe('angry face ugh');
  });
  it('keeps a stray < that is not a tag', () => {
    expect(htmlToText('latency < 5ms & fine')).toBe('latency < 5ms & fine');
  });
  it('leaves unknown entities as written', () => {
    expect(decodeEntities('&bogus; &amp')).toBe('&bogus; &');
  });
  it('finishes quickly on hostile markup (unclosed tags, endless scripts, entity floods)', () => {
    const hostile = '<script>'.repeat(50_000) + '<a title="'.repeat(50_000) + '&#'.repeat(100_000) + '<'.repeat(200_000);
    const t0 = performance.now();
    const out = htmlToText(hostile);
    expect(typeof out).toBe('string');
    expect(performance.now() - t0).toBeLessThan(2000);
  });
  it('returns an empty string for empty or non-string input', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText(undefined as unknown as string)).toBe('');
  });
});
