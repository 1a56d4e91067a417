/**
 * Detectors for communication complaints, churn intent, revenue impact and credit requests.
 * Each is a list of phrase patterns over the normalised token string (" w1 w2 ? "); a match is
 * ignored when a negator sits within the three words before it ("we are not switching to…"),
 * unless the negation is part of the phrase itself ("no updates"). Phrases: Barometer's own
 * (MIT), written from the way customers complain in public during outages.
 */

type Detector = readonly RegExp[];

const COMMS: Detector = [
  / (?:no|zero|not a single|not one|not any|without any|without an?|still no|yet to see an?|haven't seen an?|havent seen an?|no real) (?:\w+ )?(?:updates?|communication|comms|word|info|information|acknowledge?ment|response|reply|status update|eta|statement|explanation|notice|notification|heads up|heads-up) /,
  / (?:status page|status site|status dashboard|service health|health dashboard|health page|service status|status\.\w+) (?:\w+ ){0,4}(?:green|all good|fine|healthy|operational|no issues|nothing|useless|lying|lies|joke|not updated|hasn't been updated|hasnt been updated|wrong|says everything|shows everything|still) /,
  / (?:communication|comms|transparency) (?:was|is|has been|have been) (?:\w+ )?(?:poor|terrible|awful|bad|lacking|non-?existent|abysmal|shocking|appalling|pathetic|useless|zero) /,
  / (?:nothing|no updates?|no info) (?:on|from|in) (?:the )?(?:[^ ]*status\w*|status page|twitter|x|their (?:status|twitter|blog)) /,
  / (?:shows?|says|lists|reports|showing|saying) (?:no|zero) (?:incidents?|issues|problems|outages?) /,
  / (?:finally|only just) (?:acknowledged|admitted|updated|posted|confirmed) | \d+ (?:minutes|mins|hours|hrs) after (?:it started|the fact|the start|everyone|twitter) /,
  / (?:said|says|saying|posted|heard|told us) nothing | nothing (?:said|posted|heard) /,
  / no known (?:issues|incidents|problems|outages?) | (?:silence|silent) | before (?:\w+ ){1,2}(?:says|said|posts|posted|acknowledges|acknowledged|admits|admitted|confirms|confirmed) | hear(?:ing|d)? about (?:it|the \w+ \w+|the \w+) (?:on|from) (?:twitter|reddit|x|hacker news|hn|the news|customers|our customers)/,
  / can (?:someone|anyone|you|somebody)(?: at \w+| from \w+)? (?:please )?(?:explain|tell us|update us|let us know) | (?:that was|last (?:update|post|word|communication|tweet|status update)) (?:\w+ ){0,6}(?:ago|was at|at \d) | (?:found out|learned|learnt|heard|hearing) about (?:it|the \w+|the \w+ \w+) (?:from|on) | (?:posted|published|updated|shared|said) anything /,
  / (?:is there|got|have|no|what's the|whats the|what is the) (?:an? )?eta | on hold with | (?:finally|only now) (?:shows?|showing|lists?|listed|posted|reports?|reported|mentions?) | that's the update /,
  / (?:all green|everything is green|everything's green|still green|shows green|says green|green checkmarks?|green ticks?) /,
  / (?:radio silence|total silence|complete silence|silence from|silent|gone quiet|went quiet|deafening silence|crickets|in the dark|ghosted|ghosting) /,
  / (?:nobody|no one|noone|no-one) (?:is |from \w+ )?(?:telling|saying|communicating|answering|responding|explaining|acknowledging|talking|updating|knows) /,
  / (?:not|isn't|isnt|aren't|arent|hasn't|hasnt|haven't|havent|didn't|didnt|won't|wont|never) (?:even )?(?:\w+ )?(?:acknowledged?|acknowledging|communicat\w*|updat\w+ (?:us|the status|their status|the page)|told us|telling us|tell us|say(?:ing)? anything|said anything|respond\w*|repl(?:y|ied)|explain\w*) /,
  / (?:when will (?:we|you|they) (?:hear|get an update|know)|any (?:update|updates|eta|news|word|info)|where (?:is|are) the (?:update|updates|communication|status update)|can (?:we|you) get an update|how about an update|care to (?:comment|explain|update)|communication is (?:terrible|awful|poor|non-?existent|lacking|bad)|poor communication|terrible communication|lack of (?:communication|updates|transparency|information)|zero transparency|no transparency|hear about it (?:on|from) (?:twitter|reddit|x|hacker news|hn)|found out (?:on|from) (?:twitter|reddit|x)) /,
  / (?:on hold for|been on hold|hold for \d|no one (?:answers|picks up)|nobody answers|can't get through|cant get through|hung up on|waiting (?:for|on) (?:a |an )?(?:response|reply|call ?back|answer|update)) /,
];

const CHURN: Detector = [
  / (?:switch(?:ing|ed)? (?:to|over to|away|providers|vendors)|mov(?:e|ing) (?:to|over to|away from|off|everything to|our \w+ to)|migrat(?:e|ing) (?:away|off|to)|leav(?:e|ing) (?:for|\w+ for)|jump(?:ing)? ship|time to (?:leave|move|switch|go|look elsewhere|find)|look(?:ing)? (?:at|for|into) (?:alternatives|other (?:providers|vendors|options|airlines|carriers)|competitors)|evaluat(?:e|ing) (?:alternatives|competitors|other)|shopping around|take (?:my|our) business elsewhere|taking (?:my|our) business elsewhere|never (?:again|flying|using|buying|renewing)|\w+ here we come|for the last time|sign(?:ing|ed)? up for (?:an? )?(?:\w+ ){0,3}trial|trial of (?:\w+ ){0,2}(?:google|gmail|zoom|slack|aws|gcp|azure|webex)|(?:looking at|look at|trying|going with|try) (?:\S+ ){1,3}instead|last time (?:i|we) (?:use|fly|buy))\b/,
  / (?:cancel(?:l?ing|l?ed)?|terminat(?:e|ing)|drop(?:ping)?|ditch(?:ing)?|dump(?:ing)?|end(?:ing)?) (?:my |our |the |this )?(?:\w+ )?(?:subscription|subscriptions|contract|account|licen[cs]es?|plan|tenant|membership|service|seats?|renewal)\b/,
  / (?:migration|move|moving|migrate|migrating|migration plan) (?:plan )?(?:away from|off of) | (?:will|we'll|going to|gonna|about to|likely to|might|definitely) churn /,
  / (?:not renewing|won't renew|wont renew|will not renew|won't be renewing|not going to renew|do not renew|don't renew|cancel at renewal|done with|fed up with|had enough of|last straw|final straw|we're out|we are out|i'm out|im out|goodbye|bye bye) /,
  / (?:going|moving|switching|back) to (?:gmail|google workspace|g suite|gsuite|google|aws|azure|gcp|zoom|slack|webex|dropbox|box|fastmail|proton\w*|oracle|digitalocean|hetzner|linode|cloudflare|vercel|netlify|delta|united|southwest|jetblue|american|alaska|virgin)\b/,
];

const REVENUE: Detector = [
  / (?:lost|losing|lose|loss of|cost(?:ing|s)? us|cost(?:ing)? me|burning|bleeding) (?:\w+ ){0,3}(?:sales|revenue|money|business|orders|customers|clients|deals|income|bookings|transactions|\$|£|€|dollars|thousands|millions|productivity|billable) /,
  / (?:our|my) (?:customers|clients|users|shoppers|patients|students) (?:can't|cant|cannot|are unable to|couldn't|could not|aren't able to|can not) /,
  / (?:can't|cant|cannot|unable to|couldn't|could not) (?:take|process|accept|fulfil|fulfill|ship|invoice|bill|sell|complete|place|receive) (?:\w+ )?(?:orders|payments|payment|sales|transactions|invoices|checkouts?|bookings|reservations) /,
  / (?:[$£€] ?\d[\d,.]*k?|\d[\d,.]*k? (?:dollars|usd|eur|euros|pounds|gbp)) (?:\w+ ){0,3}(?:lost|an hour|per hour|a minute|per minute|a day|per day|down the drain|in sales|in revenue|in orders) /,
  / (?:lost|losing|missed) (?:a |the |an |our |my )?(?:deal|contract|sale|client|customer|deadline|launch|account|pitch|order|booking)s? /,
  / costs? (?:us |our (?:\w+ ){0,2})?(?:thousands|millions|hundreds|a fortune|money) | (?:customers|clients|users) (?:are )?(?:cancell?ing|canceling|leaving|churning|asking for refunds) | (?:sales|support|ops|warehouse|call center) (?:team |staff )?(?:is |are )?(?:idle|sitting idle|twiddling) | busiest (?:hour|day|time|week|season) | burning (?:through )?(?:budget|cash|ad spend|money) /,
  / (?:can't|cant|cannot|unable to|couldn't|could not) (?:take|process|accept|fulfil|fulfill|ship|invoice|bill|sell|complete|place|receive) (?:\w+ ){0,2}(?:orders?|payments?|sales|transactions?|invoices?|checkouts?|bookings?|reservations?) /,
  / money (?:out the door|down the drain|lost|going out) | (?:invoices|orders|payments|shipments|deliveries|quotes) (?:can't|cannot|won't|aren't|couldn't) (?:go out|be sent|be processed|ship|be placed) /,
  / (?:customers|clients|shoppers|patients|students|guests|buyers|members|subscribers) (?:can't|cant|cannot|are unable to|couldn't|could not|aren't able to|can not) (?:book|buy|pay|order|check ?out|purchase|log ?in|sign in|access|use|reach|place) /,
  / (?:revenue impact|business impact|impacting (?:our )?(?:revenue|business|sales)|hurting (?:our )?(?:business|sales|revenue)|checkout (?:is )?(?:down|broken|failing)|payments? (?:are |is )?(?:failing|down|broken)|orders? (?:are |is )?(?:failing|stuck)) /,
];

const CREDIT: Detector = [
  / (?:service credits?|sla credits?|sla (?:breach|violation|claim|refund|payout)|credits? (?:for|back|owed|request|claim)|request(?:ing)? (?:a |an )?(?:credit|refund|compensation)|claim(?:ing)? (?:a |an |our |the )?(?:credit|refund|compensation|sla)|refund|refunds|refunded|reimburs\w+|compensat\w+|money back|pro-?rated|prorated|credit (?:us|me|our account)|owe (?:us|me)|voucher|goodwill (?:credit|gesture)|free month|partial credit) /,
  / (?:we|i) (?:want|expect|deserve|demand|need) (?:a |an |our |some |full )?(?:credit|credits|refund|compensation|discount) /,
  / (?:give|issue|offer|provide|get|pay out|paying out) (?:us |you )?(?:any )?(?:service |sla )?credits? /,
];

/** A negator this close before a match cancels it ("we are not switching to"). */
const NEGATOR_BEFORE = / (?:not|never|no|won't|wont|don't|dont|isn't|isnt|aren't|arent|wouldn't|wouldnt|didn't|didnt|no plans to|no intention of|nobody is|not even) (?:\w+ ){0,3}$/;
/** Phrases that carry their own negation and must not be cancelled. */
const SELF_NEGATED = /^ (?:no|not|never|nobody|no one|noone|zero|without|still no|won't|wont|will not|don't|do not|can't|cant|cannot|couldn't|could not|isn't|isnt|aren't|arent|hasn't|hasnt|haven't|havent|didn't|didnt) /;

/** Each detector's patterns joined into one global regex, compiled once: one scan per detector. */
function combine(det: Detector): RegExp {
  return new RegExp(det.map((r) => `(?:${r.source})`).join('|'), 'g');
}

function fires(low: string, re: RegExp): boolean {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(low)) !== null) {
    if (SELF_NEGATED.test(m[0])) return true;
    const before = low.slice(Math.max(0, m.index - 40), m.index + 1);
    if (!NEGATOR_BEFORE.test(before)) return true;
    re.lastIndex = m.index + 1; // a negated match: look for another one further on
  }
  return false;
}

const COMMS_RE = combine(COMMS);
const CHURN_RE = combine(CHURN);
const REVENUE_RE = combine(REVENUE);
const CREDIT_RE = combine(CREDIT);

const CREDIT_CARD = / credit (?:card|score|union|limit|rating|check) /;

export interface Flags {
  commsComplaint: boolean;
  churn: boolean;
  revenue: boolean;
  credit: boolean;
}

export function detectFlags(low: string): Flags {
  return {
    commsComplaint: fires(low, COMMS_RE),
    churn: fires(low, CHURN_RE),
    revenue: fires(low, REVENUE_RE),
    credit: fires(low, CREDIT_RE) && !(CREDIT_CARD.test(low) && !/ (?:sla|service) credit/.test(low)),
  };
}
