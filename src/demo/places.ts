/**
 * Where demo authors write from: macro region, time-zone offsets (with the 2013 DST switch dates),
 * and the ways people name their place ("our Dallas office", "folks in Germany", "westeurope tenant").
 */
import type { MacroRegion } from '../../analysis/types.js';

const H = 3_600_000;
const usDstEnd = Date.UTC(2013, 10, 3, 7); // 2013-11-03 02:00 local
const euDstEnd = Date.UTC(2013, 9, 27, 1); // 2013-10-27 01:00 UTC
const brDstStart = Date.UTC(2013, 9, 20, 3); // 2013-10-20 00:00 local

export interface Zone {
  id: string;
  region: MacroRegion;
  /** Share of this zone in its region's chatter. */
  share: number;
  offsetMs(t: number): number;
  cities: readonly string[];
  countries: readonly string[];
  cloudRegions: readonly string[];
}

export const zones: readonly Zone[] = [
  { id: 'us-east', region: 'NA', share: 0.45, offsetMs: (t) => (t < usDstEnd ? -4 : -5) * H,
    cities: ['New York', 'Boston', 'Atlanta', 'Toronto', 'Philadelphia', 'Miami', 'Charlotte'], countries: ['the US', 'Canada', 'New England'], cloudRegions: ['eastus', 'us-east-1', 'eastus2', 'canadacentral'] },
  { id: 'us-central', region: 'NA', share: 0.3, offsetMs: (t) => (t < usDstEnd ? -5 : -6) * H,
    cities: ['Dallas', 'Chicago', 'Houston', 'Minneapolis', 'Austin', 'Kansas City'], countries: ['the US', 'Texas', 'the Midwest'], cloudRegions: ['centralus', 'southcentralus', 'us-east-2'] },
  { id: 'us-west', region: 'NA', share: 0.25, offsetMs: (t) => (t < usDstEnd ? -7 : -8) * H,
    cities: ['Seattle', 'San Francisco', 'Los Angeles', 'Portland', 'Vancouver', 'San Diego'], countries: ['Washington State', 'California', 'the US'], cloudRegions: ['westus', 'us-west-2', 'westus2'] },
  { id: 'uk', region: 'EMEA', share: 0.3, offsetMs: (t) => (t < euDstEnd ? 1 : 0) * H,
    cities: ['London', 'Manchester', 'Dublin', 'Edinburgh', 'Leeds'], countries: ['the UK', 'Ireland', 'Scotland'], cloudRegions: ['northeurope', 'eu-west-1', 'uksouth'] },
  { id: 'cet', region: 'EMEA', share: 0.6, offsetMs: (t) => (t < euDstEnd ? 2 : 1) * H,
    cities: ['Frankfurt', 'Amsterdam', 'Paris', 'Munich', 'Stockholm', 'Madrid', 'Milan', 'Zurich', 'Copenhagen', 'Warsaw'], countries: ['Germany', 'the Netherlands', 'France', 'Spain', 'Sweden', 'Italy', 'Europe'], cloudRegions: ['westeurope', 'eu-central-1', 'francecentral'] },
  { id: 'me-af', region: 'EMEA', share: 0.1, offsetMs: () => 3 * H,
    cities: ['Dubai', 'Johannesburg', 'Nairobi', 'Tel Aviv'], countries: ['South Africa', 'the UAE', 'Kenya'], cloudRegions: ['southafricanorth', 'uaenorth'] },
  { id: 'apac-sg', region: 'APAC', share: 0.45, offsetMs: () => 8 * H,
    cities: ['Singapore', 'Hong Kong', 'Kuala Lumpur', 'Manila', 'Perth'], countries: ['Singapore', 'Malaysia', 'the Philippines'], cloudRegions: ['southeastasia', 'ap-southeast-1', 'eastasia'] },
  { id: 'apac-syd', region: 'APAC', share: 0.35, offsetMs: () => 11 * H,
    cities: ['Sydney', 'Melbourne', 'Brisbane', 'Auckland'], countries: ['Australia', 'New Zealand'], cloudRegions: ['australiaeast', 'ap-southeast-2'] },
  { id: 'apac-in', region: 'APAC', share: 0.2, offsetMs: () => 5.5 * H,
    cities: ['Mumbai', 'Bangalore', 'Pune', 'Chennai'], countries: ['India'], cloudRegions: ['centralindia', 'ap-south-1'] },
  { id: 'latam', region: 'LATAM', share: 1, offsetMs: (t) => (t < brDstStart ? -3 : -2) * H,
    cities: ['São Paulo', 'Sao Paulo', 'Buenos Aires', 'Santiago', 'Bogotá', 'Mexico City', 'Lima'], countries: ['Brazil', 'Argentina', 'Chile', 'Mexico', 'Colombia'], cloudRegions: ['brazilsouth', 'sa-east-1'] },
];

/** Share of all background chatter per macro region. */
export const regionShare: Readonly<Record<MacroRegion, number>> = { NA: 0.46, EMEA: 0.34, APAC: 0.14, LATAM: 0.06 };

/** Adverbial place phrases, so they slot after a clause: "mail is stuck {place}." */
export const cityPhrases = [
  'in our {city} office', 'here in {city}', 'for the {city} team', 'for our guys in {city}', 'in {city}',
  'at our {city} branch', 'at the {city} site', 'at {city} HQ', 'for everyone in {city}', 'over in {city}',
] as const;
export const countryPhrases = ['for folks in {country}', 'for users in {country}', 'here in {country}', 'across our offices in {country}', 'for our people in {country}'] as const;
export const cloudPhrases = ['on our {code} tenant', 'in {code}', 'in the {code} region', 'for our tenant in {code}'] as const;
