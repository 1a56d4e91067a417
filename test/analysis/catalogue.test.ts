import { describe, expect, it } from 'vitest';
import { analyze, compileCatalogue } from '../../analysis/index.js';

const cat = compileCatalogue({
  products: [
    { id: 'exchange-online', name: 'Exchange Online', aliases: ['EXO', 'OWA', 'Outlook on the web', 'Outlook'], components: ['Exchange Online'] },
    { id: 'teams', name: 'Microsoft Teams', aliases: ['Teams', 'MS Teams'], components: [] },
    { id: 'sharepoint', name: 'SharePoint Online', aliases: ['SharePoint', 'SPO'], components: [] },
    { id: 'office365', name: 'Office 365', aliases: ['O365'], components: [] },
    { id: 'azure', name: 'Azure', aliases: [], components: [] },
    { id: 'aws', name: 'AWS', aliases: ['Amazon Web Services'], components: [] },
  ],
  regionAliases: { 'dublin dc': 'EMEA' },
});
const p = (text: string) => analyze({ text }, cat).products;
const r = (text: string) => analyze({ text }, cat).regions;

describe('products', () => {
  it('matches names, aliases and abbreviations', () => {
    expect(p('EXO and OWA are slow')).toEqual(['exchange-online']);
    expect(p('Outlook on the web is blank')).toEqual(['exchange-online']);
    expect(p('SPO search broken, O365 too')).toEqual(['office365', 'sharepoint']);
  });
  it('matches joined and split spellings', () => {
    expect(p('office365 down')).toEqual(['office365']);
    expect(p('Share Point? no, SharePoint')).toEqual(['sharepoint']);
  });
  it('matches light misspellings of long names', () => {
    expect(p('sharepiont is down')).toEqual(['sharepoint']);
    expect(p('exchnage online is bouncing mail')).toEqual(['exchange-online']);
  });
  it('matches the plural of a one-word alias that is not an everyday word', () => {
    const mail = compileCatalogue({ products: [{ id: 'exchange-online', name: 'Exchange Online', aliases: ['email', 'Outlook'], components: [] }] });
    expect(analyze({ text: 'emails stuck in the queue' }, mail).products).toEqual(['exchange-online']);
    // "Outlook" is an everyday word: its plural is not an alias.
    expect(analyze({ text: 'market outlooks are grim' }, mail).products).toEqual([]);
  });
  it('"Teams" the product vs teams the word', () => {
    expect(p('Teams is down again')).toEqual(['teams']);
    expect(p('our teams are frustrated')).toEqual([]);
    expect(p('ms teams crashed')).toEqual(['teams']);
  });
  it('a common word the catalogue spells in lower case matches in any case', () => {
    const mail = compileCatalogue({ products: [{ id: 'exchange-online', name: 'Exchange Online', aliases: ['mail', 'Outlook'], components: [] }] });
    expect(analyze({ text: 'external mail is not arriving' }, mail).products).toEqual(['exchange-online']);
    expect(analyze({ text: 'the outlook is grim' }, mail).products).toEqual([]);
  });
  it('"Outlook" the product vs the outlook', () => {
    expect(p('the outlook for Q3 is grim')).toEqual([]);
    expect(p('Outlook keeps crashing')).toEqual(['exchange-online']);
  });
  it('matches products in hashtags, handles, possessives and hyphenated words', () => {
    expect(p('#TeamsDown')).toEqual(['teams']);
    expect(p('@Azure help')).toEqual(['azure']);
    expect(p("Azure's portal")).toEqual(['azure']);
    expect(p('our Azure-hosted store')).toEqual(['azure']);
  });
  it('Amazon the company is a product only if the catalogue says so; never a region', () => {
    expect(p('Amazon Web Services is slow')).toEqual(['aws']);
    expect(r('Amazon is slow today')).toEqual([]);
  });
});

describe('regions', () => {
  it('maps countries and cities to macro regions', () => {
    expect(r('users in Germany and Tokyo')).toEqual(['APAC', 'EMEA']);
    expect(r('São Paulo office')).toEqual(['LATAM']);
    expect(r('Toronto and Chicago')).toEqual(['NA']);
  });
  it('maps macro region names', () => {
    expect(r('EMEA and APAC tenants')).toEqual(['APAC', 'EMEA']);
    expect(r('all of LATAM')).toEqual(['LATAM']);
  });
  it('maps cloud region codes', () => {
    expect(r('eu-west-1 is slow')).toEqual(['EMEA']);
    expect(r('us-east-1 again')).toEqual(['NA']);
    expect(r('VMs in westeurope and southeastasia')).toEqual(['APAC', 'EMEA']);
    expect(r('europe-west4 and asia-southeast1')).toEqual(['APAC', 'EMEA']);
    expect(r('sa-east-1 errors')).toEqual(['LATAM']);
  });
  it('Georgia: the US state by default, the country with Caucasus context', () => {
    expect(r('Atlanta, Georgia office')).toEqual(['NA']);
    expect(r('our office in Georgia')).toEqual(['NA']);
    expect(r('Tbilisi, Georgia office')).toEqual(['EMEA']);
  });
  it('Jersey: New Jersey is NA, Jersey the island is EMEA, a jersey is nothing', () => {
    expect(r('New Jersey users')).toEqual(['NA']);
    expect(r('Jersey users')).toEqual(['EMEA']);
    expect(r('my new jersey for the game')).toEqual([]);
  });
  it('Turkey the country vs turkey the bird', () => {
    expect(r('users in Turkey')).toEqual(['EMEA']);
    expect(r('roasting a turkey')).toEqual([]);
  });
  it('"US" in capitals is the country, "us" is a pronoun', () => {
    expect(r('US customers')).toEqual(['NA']);
    expect(r('tell us more')).toEqual([]);
  });
  it('uses region aliases from config', () => {
    expect(r('the dublin dc is dark')).toEqual(['EMEA']);
  });
});
