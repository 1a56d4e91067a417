import { describe, expect, it } from 'vitest';
import { cleanText, F_CAPS, F_ELONG, F_EMOJI, F_HASHTAG, F_MENTION, MAX_TEXT_CHARS, normalise, splitCompound, toWellFormed } from '../../analysis/normalise.js';

describe('normalise', () => {
  it('splits camelCase hashtags into words', () => {
    const t = normalise('#ExchangeDown again');
    expect(t.words.slice(0, 2)).toEqual(['exchange', 'down']);
    expect(t.flags[0]! & F_HASHTAG).toBeTruthy();
  });
  it('splits handles and keeps them marked as mentions', () => {
    const t = normalise('@AzureSupport help');
    expect(t.words.slice(0, 2)).toEqual(['azure', 'support']);
    expect(t.flags[0]! & F_MENTION).toBeTruthy();
  });
  it('replaces links with a single url token', () => {
    expect(normalise('see https://x.example/a?b=c now').words).toEqual(['see', 'url', 'now']);
  });
  it('reduces elongations to two letters and marks them', () => {
    const t = normalise('sooooo slowwww');
    expect(t.words).toEqual(['soo', 'sloww']);
    expect(t.flags[0]! & F_ELONG).toBeTruthy();
  });
  it('marks ALL CAPS words', () => {
    const t = normalise('this is DOWN');
    expect(t.flags[2]! & F_CAPS).toBeTruthy();
    expect(t.flags[0]! & F_CAPS).toBeFalsy();
  });
  it('keeps emoji and emoticons as tokens', () => {
    const t = normalise('great 😡 :( xD');
    expect(t.words).toEqual(['great', '😡', ':(', 'xD']);
    expect(t.flags.slice(1).every((f) => f & F_EMOJI)).toBe(true);
  });
  it('does not read emoticons inside words or links', () => {
    expect(normalise('xPath and http://a:p').words).toEqual(['xpath', 'and', 'url']);
  });
  it('splits words glued by a full stop', () => {
    expect(normalise('down.Still nothing').words).toEqual(['down', '.', 'still', 'nothing']);
  });
  it('keeps cloud region codes and contractions whole', () => {
    expect(normalise("eu-west-1 isn't up").words).toEqual(['eu-west-1', "isn't", 'up']);
  });
  it('splits compounds', () => {
    expect(splitCompound('AWSOutage')).toEqual(['aws', 'outage']);
    expect(splitCompound('office_365')).toEqual(['office', '365']);
  });
  it('replaces lone surrogates', () => {
    expect(toWellFormed('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(toWellFormed('😀')).toBe('😀');
  });
  it('truncates to MAX_TEXT_CHARS', () => {
    expect(cleanText('x'.repeat(MAX_TEXT_CHARS + 10)).length).toBe(MAX_TEXT_CHARS);
  });
  it('turns HTML bodies into text and decodes entities in plain text', () => {
    expect(cleanText('<p>Teams <b>down</b></p>')).toBe('Teams down');
    expect(cleanText('AT&amp;T')).toBe('AT&T');
  });
});
