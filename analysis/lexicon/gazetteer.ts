/**
 * Region gazetteer: place names and cloud region codes → macro region (NA, LATAM, EMEA, APAC).
 * Written for Barometer (MIT licence) from public knowledge of country, state and city names
 * (ISO 3166 country list, US/Canadian/Australian subdivisions, large cities) and the region names
 * the providers publish (AWS, Azure, Google Cloud region lists). Cloud codes such as `eu-west-1`
 * or `europe-west4` are also recognised by pattern in analysis/catalogue.ts.
 *
 * Format: one string per macro region, entries separated by "|". An entry starting with "=" only
 * matches when written with a capital letter ("=Turkey" matches "Turkey", not "turkey"); "==" needs
 * ALL CAPS ("==US" matches "US", never the word "us"). Multi-word entries match token sequences.
 */
import type { MacroRegion } from '../types.js';

export const GAZETTEER: Record<MacroRegion, string> = {
  NA: [
    'north america|northamerica|na region|==NA|==NAM|==NORAM|united states|united states of america|usa|u.s|u.s.a|==US|america|==USA',
    'canada|mexico city|georgia',
    // US states (Georgia resolved by context: see AMBIGUOUS)
    'alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|hawaii|idaho|illinois|indiana|iowa|kansas',
    'kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada',
    'new hampshire|=new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island',
    'south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington state|west virginia|wisconsin|wyoming|washington dc|washington d.c|==DC',
    'ontario|quebec|british columbia|alberta|manitoba|saskatchewan|nova scotia|new brunswick|newfoundland',
    // cities
    'new york city|==NYC|nyc|los angeles|==LA|chicago|houston|=Phoenix|philadelphia|san antonio|san diego|dallas|austin|san jose|san francisco|==SF|seattle',
    'denver|boston|atlanta|miami|detroit|minneapolis|portland|las vegas|nashville|baltimore|milwaukee|charlotte|columbus|indianapolis',
    'salt lake city|pittsburgh|cincinnati|cleveland|kansas city|st louis|st. louis|tampa|orlando|raleigh|sacramento|silicon valley|bay area',
    'ashburn|northern virginia|quincy|boydton|des moines|cheyenne|san antonio|jersey city|toronto|montreal|vancouver|calgary|ottawa|edmonton|winnipeg',
    // cloud regions (Azure names; AWS/GCP codes by pattern)
    'eastus|eastus2|westus|westus2|westus3|centralus|northcentralus|southcentralus|westcentralus|canadacentral|canadaeast',
    'east us|east us 2|west us|west us 2|west us 3|central us|north central us|south central us|us east|us west|us central|canada central|canada east',
    'us-gov-virginia|usgovvirginia|usgovarizona|usgovtexas',
  ].join('|'),
  LATAM: [
    'latam|==LATAM|latin america|south america|southamerica|central america|caribbean',
    'mexico|brazil|brasil|argentina|=Chile|colombia|peru|venezuela|ecuador|bolivia|paraguay|uruguay|guatemala|honduras|el salvador',
    'nicaragua|costa rica|panama|cuba|dominican republic|puerto rico|jamaica|haiti|trinidad|bahamas|barbados',
    'sao paulo|são paulo|rio de janeiro|rio|buenos aires|santiago|bogota|bogotá|lima|caracas|quito|montevideo|guadalajara|monterrey',
    'brazilsouth|brazilsoutheast|mexicocentral|chilecentral|brazil south|mexico central|querétaro|queretaro',
  ].join('|'),
  EMEA: [
    '==EMEA|emea|europe|european union|==EU|middle east|africa|eastern europe|western europe|nordics|scandinavia|benelux|dach',
    'united kingdom|==UK|u.k|great britain|britain|england|scotland|wales|northern ireland|ireland|france|germany|deutschland|spain|portugal',
    'italy|netherlands|holland|belgium|luxembourg|switzerland|austria|denmark|norway|sweden|finland|iceland|poland|czechia|czech republic',
    'slovakia|hungary|romania|bulgaria|greece|croatia|serbia|slovenia|bosnia|montenegro|albania|north macedonia|kosovo|moldova|ukraine',
    'belarus|russia|lithuania|latvia|estonia|cyprus|malta|=Turkey|türkiye|turkiye|israel|palestine|lebanon|syria|=Jordan|iraq|iran',
    'saudi arabia|ksa|united arab emirates|==UAE|uae|qatar|kuwait|bahrain|oman|yemen|egypt|morocco|algeria|tunisia|libya|nigeria|ghana',
    'kenya|ethiopia|tanzania|uganda|rwanda|south africa|senegal|ivory coast|cameroon|angola|zimbabwe|zambia|botswana|namibia|mozambique',
    'azerbaijan|armenia|kazakhstan|uzbekistan|=Jersey|guernsey|isle of man|gibraltar|monaco|andorra|liechtenstein|san marino',
    'london|manchester|birmingham|edinburgh|glasgow|cardiff|belfast|leeds|bristol|liverpool|dublin|cork|paris|marseille|lyon',
    'berlin|munich|münchen|frankfurt|hamburg|cologne|köln|düsseldorf|stuttgart|madrid|barcelona|valencia|lisbon|porto|rome|milan',
    'turin|naples|amsterdam|rotterdam|the hague|brussels|antwerp|zurich|zürich|geneva|vienna|copenhagen|oslo|stockholm|helsinki',
    'reykjavik|warsaw|krakow|kraków|prague|budapest|bucharest|sofia|athens|zagreb|belgrade|kyiv|kiev|moscow|st petersburg|vilnius',
    'riga|tallinn|istanbul|ankara|tel aviv|jerusalem|dubai|abu dhabi|doha|riyadh|jeddah|cairo|casablanca|lagos|nairobi|johannesburg',
    'cape town|accra|tbilisi|baku|yerevan|almaty',
    'westeurope|northeurope|uksouth|ukwest|francecentral|francesouth|germanywestcentral|germanynorth|switzerlandnorth|switzerlandwest',
    'norwayeast|norwaywest|swedencentral|polandcentral|italynorth|spaincentral|austriaeast|belgiumcentral|denmarkeast|uaenorth|uaecentral',
    'qatarcentral|israelcentral|southafricanorth|southafricawest|west europe|north europe|uk south|uk west|france central',
    'germany west central|sweden central|switzerland north|norway east|poland central|italy north|spain central|uae north|qatar central',
  ].join('|'),
  APAC: [
    '==APAC|apac|asia pacific|asia-pacific|asia|asiapac|==APJ|oceania|southeast asia|south asia|east asia|anz',
    'china|prc|hong kong|taiwan|japan|south korea|korea|north korea|india|pakistan|bangladesh|sri lanka|nepal|singapore|malaysia',
    'indonesia|thailand|vietnam|viet nam|philippines|cambodia|laos|myanmar|brunei|mongolia|australia|new zealand|fiji|papua new guinea',
    'beijing|shanghai|shenzhen|guangzhou|hangzhou|chengdu|taipei|tokyo|osaka|kyoto|seoul|busan|mumbai|bombay|delhi|new delhi',
    'bangalore|bengaluru|hyderabad|chennai|pune|kolkata|karachi|lahore|dhaka|colombo|kuala lumpur|jakarta|bangkok|hanoi',
    'ho chi minh city|saigon|manila|sydney|melbourne|brisbane|perth|adelaide|canberra|auckland|wellington',
    'new south wales|queensland|tasmania|western australia|south australia',
    'eastasia|southeastasia|japaneast|japanwest|koreacentral|koreasouth|australiaeast|australiasoutheast|australiacentral',
    'australiacentral2|centralindia|southindia|westindia|jioindiawest|jioindiacentral|newzealandnorth|indonesiacentral|malaysiawest',
    'east asia|southeast asia|japan east|japan west|korea central|australia east|australia southeast|central india|south india|west india',
  ].join('|'),
};

/** Words that, anywhere in the same text, decide an ambiguous place name. */
export const AMBIGUOUS: Record<string, { default: MacroRegion; cues: Record<string, MacroRegion> }> = {
  georgia: {
    default: 'NA',
    cues: {
      tbilisi: 'EMEA', batumi: 'EMEA', caucasus: 'EMEA', georgian: 'EMEA', kutaisi: 'EMEA', armenia: 'EMEA',
      azerbaijan: 'EMEA', country: 'EMEA', atlanta: 'NA', savannah: 'NA', augusta: 'NA', state: 'NA',
    },
  },
};

/** Cloud region code patterns: prefix → macro region (AWS `eu-west-1`, GCP `europe-west4`, OCI `uk-london-1`). */
export const CLOUD_CODE_PREFIX: Record<string, MacroRegion> = {
  us: 'NA', ca: 'NA', northamerica: 'NA', usgov: 'NA',
  sa: 'LATAM', southamerica: 'LATAM', mx: 'LATAM',
  eu: 'EMEA', europe: 'EMEA', me: 'EMEA', af: 'EMEA', il: 'EMEA', africa: 'EMEA', uk: 'EMEA',
  ap: 'APAC', asia: 'APAC', australia: 'APAC',
};
