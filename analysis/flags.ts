/**
 * Detectors for communication complaints, churn intent, revenue impact and credit requests.
 * Each is a list of phrase patterns over the normalised token string (" w1 w2 ? "); a match is
 * ignored when a negator sits within the three words before it ("we are not switching to…"),
 * unless the negation is part of the phrase itself ("no updates"). Phrases: Barometer's own
 * (MIT), written from the way customers complain in public during outages.
 */

type Detector = readonly RegExp[];

/** Vendor and product names customers name when they complain or leave (catalogue-independent). */
const VENDOR = String.raw`(?:aws|amazon|azure|microsoft|ms|msft|google|gcp|google cloud|gmail|workspace|google workspace|g suite|gsuite|github|gitlab|bitbucket|slack|teams|ms teams|zoom|webex|cloudflare|fastly|akamai|office 365|o365|m365|microsoft 365|exchange|outlook|sharepoint|onedrive|dropbox|box|okta|atlassian|jira|oracle|oci|ibm|digitalocean|hetzner|linode|vercel|netlify|heroku|salesforce|fastmail|proton\w*|them|this provider|this vendor|these guys|this platform|this service)`;

const COMMS: Detector = [
  / (?:no|zero|not a single|not one|not any|without any|without an?|still no|yet to see an?|haven't seen an?|havent seen an?|no real) (?:\w+ )?(?:updates?|communication|comms|word|info|information|acknowledge?ment|response|reply|status update|eta|statement|explanation|notice|notification|heads up|heads-up) (?!needed|required|necessary|to report)/,
  / (?:status page|status site|status dashboard|service health|health dashboard|health page|service status|status\.\w+) (?:\w+ ){0,4}(?:green|all good|fine|healthy|operational|no issues|nothing|useless|lying|lies|joke|not updated|hasn't been updated|hasnt been updated|wrong|says everything|shows everything|still) /,
  / (?:communication|comms|transparency) (?:was|is|has been|have been) (?:\w+ )?(?:poor|terrible|awful|bad|lacking|non-?existent|abysmal|shocking|appalling|pathetic|useless|zero) /,
  / (?:nothing|no updates?|no info) (?:on|from|in) (?:the )?(?:[^ ]*status\w*|status page|twitter|x|their (?:status|twitter|blog)) /,
  / (?:shows?|says|lists|reports|showing|saying) (?:no|zero) (?:incidents?|issues|problems|outages?) /,
  / (?:finally|only just) (?:acknowledged|admitted|updated|posted|confirmed) | \d+ (?:minutes|mins|hours|hrs) after (?:it started|the fact|the start|everyone|twitter) /,
  / (?:said|says|saying|posted|heard|told us) nothing | nothing (?:said|posted|heard) /,
  / no known (?:issues|incidents|problems|outages?) | before (?:\w+ ){1,2}(?:says|said|posts|posted|acknowledges|acknowledged|admits|admitted|confirms|confirmed) | hear(?:ing|d)? about (?:it|the \w+ \w+|the \w+) (?:on|from) (?:twitter|reddit|x|hacker news|hn|the news|customers|our customers)/,
  / can (?:someone|anyone|you|somebody)(?: at \w+| from \w+)? (?:please )?(?:explain|tell us|update us|let us know) | (?:that was|last (?:update|post|word|communication|tweet|status update)) (?:\w+ ){0,6}(?:ago|was at|at \d) | (?:found out|learned|learnt|heard|hearing) about (?:it|the \w+|the \w+ \w+) (?:from|on) | (?:posted|published|updated|shared|said) anything /,
  / (?:is there|got|have|no|what's the|whats the|what is the) (?:an? )?eta | on hold with | (?:finally|only now) (?:shows?|showing|lists?|listed|posted|reports?|reported|mentions?) | that's the update /,
  / (?:all green|everything is green|everything's green|still green|shows green|says green|green checkmarks?|green ticks?) /,
  / (?:radio silence|total silence|complete silence|silence from|gone quiet|went quiet|deafening silence|crickets|in the dark|ghosted|ghosting) /,
  / (?:nobody|no one|noone|no-one) (?:is |from \w+ )?(?:telling|saying|communicating|answering|responding|explaining|acknowledging|talking|updating|knows) /,
  / (?:not|isn't|isnt|aren't|arent|hasn't|hasnt|haven't|havent|didn't|didnt|won't|wont|never) (?:even )?(?:\w+ )?(?:acknowledged?|acknowledging|communicat\w*|updat\w+ (?:us|the status|their status|the page)|told us|telling us|tell us|say(?:ing)? anything|said anything|respond\w*|repl(?:y|ied)|explain\w*) /,
  / (?:when will (?:we|you|they) (?:hear|get an update|know)|any (?:update|updates|eta|news|word|info)|where (?:is|are) the (?:update|updates|communication|status update)|can (?:we|you) get an update|how about an update|care to (?:comment|explain|update)|communication is (?:terrible|awful|poor|non-?existent|lacking|bad)|poor communication|terrible communication|lack of (?:communication|updates|transparency|information)|zero transparency|no transparency|hear about it (?:on|from) (?:twitter|reddit|x|hacker news|hn)|found out (?:on|from) (?:twitter|reddit|x)) /,
  / (?:on hold for|been on hold|hold for \d|no one (?:answers|picks up)|nobody answers|can't get through|cant get through|hung up on|waiting (?:for|on) (?:a |an )?(?:response|reply|call ?back|answer|update)) /,
];

// Round 2 (phrase families, written on eval/outage.dev.jsonl rows 209+).
const COMMS2: Detector = [
  // silence / quiet about a vendor, their channels or the status page (not "the channel is silent today")
  new RegExp(String.raw` (?:${VENDOR}|twitter|x|status page|status site|statuspage|dashboard|they|they're|they are|support|account|company|vendor|provider|blog)(?: (?:is|are|has been|have been|remains?|remained|stays?|stayed|keeps?|kept|staying|keeping|went|gone|completely|totally|still|being|so|very|eerily|suspiciously)){0,3} (?:silent|quiet|mute|mum) | (?:silent|quiet|mum) (?:on|about|as) | keep(?:s|ing)? (?:it )?(?:quiet|silent|mum) | silence `),
  // what the status page / health dashboard shows while things are broken
  / (?:status|health|service health|dashboard|status page|status site|statuspage) (?:\w+ ){0,4}(?:checkmarks?|ticks?|empty|blank|claims?|claiming|pretends?|pretending|operational|no disruption|no incident|no issues|no problems|everything is fine|all systems) /,
  / (?:says|shows|claims|claiming|reports|lists|showing|saying) (?:no|zero) (?:\w+ )?(?:disruption|incident|incidents|issues|problems|outage|outages|impact|degradation) /,
  // nobody says / tells anything
  / (?:nobody|no one|noone|no-one|not one person|not a soul) (?:\w+ ){0,4}(?:said|says|told|posted|tweeted|emailed|called|updated|explained|acknowledged|bothered|cares?|has said|has posted) | (?:tells?|told|telling) (?:us|me|people|customers|anyone) (?:absolutely )?nothing | (?:not|without) (?:a|one|a single) (?:word|peep|tweet|email|update|post|sentence|line) /,
  // waiting for / asking for updates or an ETA
  / (?:still )?waiting (?:on|for) (?:\w+ ){0,3}(?:statement|update|updates|word|news|eta|explanation|response|communication|comms|acknowledge?ment|info|information|timeline) | eta (?:for|on) (?:a |the )?(?:fix|resolution|recovery|restore) | eta [?]| where(?:'s| is) (?:the|an|my|our|your) (?:eta|update|timeline|communication|status update|postmortem|explanation) | keep (?:us|customers|people) (?:posted|updated|informed|in the loop) | any (?:eta|timeline) /,
  // they / users told us before the vendor did; vendor only admits it late
  / (?:users|customers|clients|staff|employees|reddit|twitter|hacker news|hn|downdetector) (?:\w+ ){0,2}(?:told|informed|alerted|warned) (?:us|me) (?:\w+ ){0,4}before | before (?:\w+ ){1,2}did | (?:learn|learned|learnt|found out|find out|heard|hear|had to find out|discovered) (?:\w+ ){0,5}(?:from|on|via) (?:reddit|twitter|x|hacker news|hn|downdetector|our (?:users|customers|clients)|customers|users|the news|a customer|linkedin|mastodon|bluesky) /,
  // the wording of updates / honesty
  / (?:still|continuing to|continue to) investigat\w* (?:\w+ ){0,6}(?:every|again|for hours|nothing|useless|meaningless|copy) | copy-?paste (?:\w+ )?(?:update|updates|status|statement) | some (?:customers|users) may | (?:be|being) (?:honest|transparent|upfront) | read the room | (?:actually|ever|bother(?:ed)? to|even) (?:tell|told|update|updated|inform|informed|communicate|acknowledge|acknowledged|admit|admitted) /,
  / (?:support|ticket|case|account (?:rep|manager)|tam) (?:\w+ ){0,4}(?:hasn't|hasnt|haven't|havent|has not|have not|didn't|didnt|not) (?:even )?(?:replied|responded|answered|called|gotten back|got back|acknowledged) | (?:zero|no) (?:response|reply|answer|contact) (?:from|on|to) /,
];

// Round 3 (phrase families from texts written blind to the rules, eval/outage.train-*.jsonl).
const COMMS3: Detector = [
  // the status page / provider wording understates or contradicts what customers see
  / (?:status|status page|dashboard|health (?:page|dashboard)|service health|they|microsoft|ms|aws|google|github|gh|slack|it) (?:page )?(?:\w+ ){0,2}(?:says|said|shows|showed|calls it|called it|marks it|marked it|marked|kept|lists it as|labels it|labelled it|labeled it) (?:\w+ ){0,2}(?:healthy|minor|advisory|available|operational|fine|all good|everything is fine|everything's fine|no impact|limited impact|some users|a subset|a subset of users|some services|degraded performance|yellow|green) /,
  / (?:says|said|marked|marking|calls? it|called it|claims?) (?:it )?(?:as )?resolved (?:but|while|when|yet|even though) | (?:a )?subset of users | limited impact | still (?:going on|broken|down|failing|happening) (?:\w+ ){0,6}(?:marked|said|says|called) (?:it )?resolved | even (?:tho|though) (?:they|it) (?:marked|said|says) /,
  // canned, identical or template updates and replies
  / (?:same|identical|exact same|canned|template|templated|boilerplate|generic|auto-?) (?:\w+ ){0,2}(?:reply|replies|response|responses|update|updates|message|messages|wording|text|statement) | auto-?repl(?:y|ied) | (?:the )?same wording /,
  // the provider or its people do not post, answer or pick up
  / (?:hasn't|hasnt|haven't|havent|has not|have not|didn't|didnt|did not|doesn't|doesnt|never|stopped|not) (?:even )?(?:posted|post|answered|answering|answer|replied|reply|picked up|pick up|called back|call back|acknowledged|responded) | (?:tickets?|cases?|emails?|calls?|sev[- ]?\w+) (?:\w+ ){0,2}(?:unanswered|ignored|went unanswered|sat unanswered) | (?:took|takes|taking|take) (?:them |aws |microsoft |google )?(?:\w+ ){0,2}(?:hours|days) to (?:acknowledge|respond|reply|answer|post|update) | (?:no|zero) (?:replies|answers|acknowledgement|acknowledgment) /,
];

const CHURN: Detector = [
  / (?:switch(?:ing|ed)? (?:to|over to|away|providers|vendors)|mov(?:e|ing) (?:to|over to|away from|off|everything to|our \w+ to)|migrat(?:e|ing) (?:away|off|to)|leav(?:e|ing) (?:for|\w+ for)|jump(?:ing)? ship|time to (?:leave|move|switch|go|look elsewhere|find)|look(?:ing)? (?:at|for|into) (?:alternatives|other (?:providers|vendors|options|airlines|carriers)|competitors)|evaluat(?:e|ing) (?:alternatives|competitors|other)|shopping around|take (?:my|our) business elsewhere|taking (?:my|our) business elsewhere|never (?:again|flying|using|buying|renewing)|\w+ here we come|for the last time|sign(?:ing|ed)? up for (?:an? )?(?:\w+ ){0,3}trial|trial of (?:\w+ ){0,2}(?:google|gmail|zoom|slack|aws|gcp|azure|webex)|(?:looking at|look at|trying|going with|try) (?:\S+ ){1,3}instead|last time (?:i|we) (?:use|fly|buy))\b/,
  / (?:cancel(?:l?ing|l?ed)?|terminat(?:e|ing)|drop(?:ping)?|ditch(?:ing)?|dump(?:ing)?|end(?:ing)?) (?:my |our |the |this )?(?:\w+ )?(?:subscription|subscriptions|contract|account|licen[cs]es?|plan|tenant|membership|service|seats?|renewal)\b/,
  / (?:migration|move|moving|migrate|migrating|migration plan) (?:plan )?(?:away from|off of) | (?:will|we'll|going to|gonna|about to|likely to|might|definitely) churn /,
  / (?:not renewing|won't renew|wont renew|will not renew|won't be renewing|not going to renew|do not renew|don't renew|cancel at renewal|done with|fed up with|had enough of|last straw|final straw|we're out|we are out|i'm out|im out|goodbye|bye bye) /,
  / (?:going|moving|switching|back) to (?:gmail|google workspace|g suite|gsuite|google|aws|azure|gcp|zoom|slack|webex|dropbox|box|fastmail|proton\w*|oracle|digitalocean|hetzner|linode|cloudflare|vercel|netlify|delta|united|southwest|jetblue|american|alaska|virgin)\b/,
];

const CHURN2: Detector = [
  // evaluating or trialling a named alternative because of this
  new RegExp(String.raw` (?:seriously )?(?:looking at|considering|evaluating|trialling|trialing|testing|piloting|talking to|getting quotes from|quotes from|demoing|a demo of|a poc (?:with|on)|proof of concept (?:with|on)|poc (?:with|on)|pilot (?:with|on)) (?:${VENDOR})\b(?! (?:status|support|docs|documentation|api))`),
  // replacing / getting off / dropping a vendor
  new RegExp(String.raw` (?:replac(?:e|ing)|drop(?:ping)?|ditch(?:ing)?|dump(?:ing)?|get rid of|getting rid of|rip(?:ping)? out|phas(?:e|ing) out|off(?:board(?:ing)?)?|leav(?:e|ing)|quit(?:ting)?|abandon(?:ing)?|exit(?:ing)?) (?:of )?(?:our )?(?:${VENDOR})\b`),
  / (?:renewal|contract|subscription|licen[cs]e) (?:\S+ ){0,12}(?:not happening|isn't happening|isnt happening|off the table|is off|in doubt|in question|at risk|on hold|under review|up for debate|being reviewed|not a given|not guaranteed) | (?:reconsider\w*|rethink\w*|re-?evaluat\w*|review\w*) (?:our )?(?:\w+ )?(?:contract|renewal|subscription|relationship|vendor|provider|spend) /,
  / (?:reduc\w+|shrink\w*|cut\w*|lower\w*) (?:our )?(?:\w+ )?(?:footprint|dependence|dependency|reliance|exposure|lock-?in) | multi-?cloud (?:plan|strategy|now|it is) | looking (?:better|more attractive|better and better) (?:every|each|by the) | (?:quotes|proposals|bids) from (?:other|another|alternative) | (?:getting|get|request\w*|asking for) (?:quotes|proposals|bids) /,
];

const CHURN3: Detector = [
  // trials, demos, POCs and bake-offs of an alternative, already booked or running
  / (?:trial|poc|pilot|demo|bake-?off|proof of concept)s? (?:\w+ ){0,4}(?:starts?|started|starting|booked|scheduled|begins?|began|kicked off|running|going well|signed off|approved|is on|are on) | (?:booked|scheduled|started|starting|running|kicked off|signed up for|set up) (?:a |an |the |our |another )?(?:\w+ ){0,2}(?:demo|trial|poc|pilot|bake-?off|proof of concept) (?:with|of|for) /,
  // a migration away that is planned, approved or under way; a move already made
  / migration (?:\w+ ){0,2}(?:kicked off|started|scheduled|underway|under way|is written|approved|begun|planned|booked) | (?:migrat(?:e|ed|ing)|mov(?:e|ed|ing)|switch(?:ed|ing)?|port(?:ed|ing)) (?:\w+ ){0,5}(?:off|away from|from) (?:\w+ ){0,3}(?:to|onto|over to) | (?:we|i)(?:'ve| have)? (?:just |already |finally )?(?:left|moved off|migrated off|switched from|signed with|went with) /,
  // notice given, cancelling at the end of a term, quotes from a rival on the table
  / (?:given|gave|giving|served|sent|handed in) (?:\w+ ){0,2}(?:notice|non-?renewal) | non-?renewal notice | cancel\w* (?:\w+ ){0,4}(?:at the end|end of (?:the )?(?:term|cycle|contract|month|year)|add-?on) | (?:quotes?|proposals?) (?:are|is) on the table | days are numbered | asked (?:procurement|finance|purchasing) to /,
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

const REVENUE2: Detector = [
  / (?:can't|cant|cannot|can not|unable to|couldn't|couldnt|could not|aren't able to|not able to|won't be able to) (?:even )?(?:invoice|bill|charge|quote|sell|ship|book|transact|get paid|take payments?|take orders|process (?:\w+ )?(?:orders?|payments?|refunds?|claims?|payroll)) /,
  / (?:customers|clients|shoppers|patients|students|guests|buyers|members|subscribers|users) (?:can't|cant|cannot|are unable to|couldn't|could not|aren't able to|can not|unable to) (?:\w+ )?(?:complete|finish|make|submit|buy|pay|purchase|order|check ?out|book|renew|subscribe) /,
  / (?:transactions?|purchases?|checkouts?|payments?|orders?|bookings?|reservations?|sales|invoices?|invoicing|billing|payroll) (?:are |is |have |has |been |all |just |keep )*(?:failing|failed|fail|stuck|down|broken|dropping|dropped|dried up|drying up|not going through|not processing|not being processed|timing out|on hold|piling up|backing up|bouncing|declin\w+) /,
  / (?:failing|failed|broken|down|errors?) (?:at|on|during) checkout | cart abandonment | abandoned carts? | (?:no|zero) (?:orders|sales|payments|bookings|transactions|invoices|revenue) (?:\w+ ){0,2}(?:processed|placed|taken|coming in|came in|going out|went out|since|today|all day|for) /,
  / (?:online )?(?:store|shop|storefront|webshop|web shop|e-?commerce (?:site|store|platform)|checkout|booking (?:engine|system|site|platform)|reservation system|payment (?:page|gateway|system|processing)|point of sale|pos|tills?|billing (?:system|app|platform)|invoicing (?:system|app|platform|tool)) (?:\w+ ){0,4}(?:down|dead|offline|broken|failing|unreachable|not working|unavailable|out) /,
  / (?:cancel\w*|miss\w*|lost|lose|losing|blew|blown|postpon\w*|reschedul\w*|botch\w*|ruin\w*|tank\w*) (?:a |the |an |our |my |two |three |\d+ )?(?:\w+ )?(?:sales call|client call|client meeting|customer call|customer meeting|demo|demos|pitch|presentation|deadline|launch|go-live|closing|signing) /,
  / real money | money on the table | (?:lost|losing|cost(?:ing)? us|missed) (?:\w+ ){0,2}(?:sales|revenue|deals?|orders|bookings|business) | (?:revenue|sales|business|money) (?:gone|lost|down the drain|out the window) | refund(?:ed|ing)? (?:\d+|all|our|the|every) (?:\w+ )?(?:orders|bookings|customers|tickets|reservations) | sla (?:penalt\w+|credits?) (?:to|for) our (?:customers|clients) /,
];

const REVENUE3: Detector = [
  // money-bearing things that do not go out or come in
  / (?:invoices?|orders?|payments?|offers?|quotes?|order confirmations?|confirmations?|shipping documents?|rfp responses?) (?:\w+ ){0,3}(?:aren't|are not|not|never|can't|couldn't|didn't|weren't|wasn't) (?:\w+ )?(?:going out|go out|sent|arriv\w+|get out|getting out|delivered) | (?:zero|no) new (?:signups|sign-?ups|orders|customers|sales|bookings|leads) /,
  / (?:conversions?|signups?|sign-?ups?|sales|orders|bookings|revenue|top of (?:the )?funnel|funnel) (?:\w+ ){0,2}(?:down \d|dropped|tanked|fell|plummeted|dead|cratered|collapsed|evaporated) /,
  // lost prospects, clients, deals; chargebacks; refunds to one's own customers; billable work gone
  / (?:lost|losing|lose|cost us) (?:\w+ ){0,3}(?:signups|sign-?ups|enquiries|inquiries|leads|prospects|trials|client|clients|contract|rfp|tender|deal|a big client|our biggest client) | chargebacks? | withholding payment | billable (?:hours|time|work) | (?:refund(?:ed|ing|s)?|reimburs\w+) (?:\w+ ){0,2}(?:to )?(?:our |the |them|it all|those|these|\d+ )(?:\w+ )?(?:customers|clients|orders|users|bookings|subscribers)? | (?:baskets|carts) (?:\w+ ){0,2}abandon\w* | overs[oe]ll?(?:ing|ld)? | (?:customers|clients|prospects|they) (?:\w+ ){0,2}cancell?ed (?:their )?(?:subscriptions?|contracts?|orders?|accounts?) | (?:deadlines?|offers?) (?:\w+ ){0,2}(?:missed|expired) /,
];

const CREDIT: Detector = [
  / (?:service credits?|sla credits?|sla (?:breach|violation|claim|refund|payout)|credits? (?:for|back|owed|request|claim)|request(?:ing)? (?:a |an )?(?:credit|refund|compensation)|claim(?:ing)? (?:a |an |our |the )?(?:credit|refund|compensation|sla)|refund|refunds|refunded|reimburs\w+|compensat\w+|money back|pro-?rated|prorated|credit (?:us|me|our account)|owe (?:us|me)|voucher|goodwill (?:credit|gesture)|free month|partial credit) /,
  / (?:we|i) (?:want|expect|deserve|demand|need) (?:a |an |our |some |full |the )?(?:credit|credits|refund|compensation|discount) /,
  / (?:give|issue|offer|provide|get|pay out|paying out) (?:us |you )?(?:any )?(?:service |sla )?credits? /,
];

const CREDIT3: Detector = [
  // asking, filing, chasing, receiving or being denied a credit or refund from the provider
  / (?:ask|asked|asking|filing|filed|file|chase|chasing|claim|claimed|request\w*|put in|putting in|apply|applied|applying|looking into|look into|take|accept|took|accepted|bother(?:ing)? (?:\w+ ){0,2}) (?:\w+ ){0,2}(?:for |about )?(?:the |a |an |our |some |any |that )?(?:\d+% |sla |service |account )?(?:credits?|refund)\b | (?:credited|refunded|reimbursed|compensated) (?:us|me|our account) | (?:offered|gave|give|paid|pays?) (?:us |me )?(?:a |the |an |our )?(?:\w+ )?(?:credit|refund) | (?:denied|rejected|refused) (?:\w+ ){0,3}(?:credit|claim|refund)s? | (?:credit|claim|refund)s? (?:\w+ ){0,2}(?:denied|rejected|refused|approved|paid|came through) | (?:no word|nothing|no reply|no answer) (?:\w+ ){0,2}(?:on|about) the (?:credits?|claim|refund) /,
];

const CREDIT2: Detector = [
  / claim(?:ing|ed)? (?:\w+ ){0,2}credits? | (?:file|filing|filed|submit\w*|open\w*|raise|raising|raised) (?:an? |the |our )?(?:sla |credit |refund |compensation )(?:claim|request|ticket) | (?:month|week|year) (?:free|for free|on the house) | free (?:month|months|week) | owes? (?:us|me|every|all|each|its|their|customers|users) (?:\w+ ){0,3}(?:money|credit|credits|refund|month|discount|compensation|something|an apology and) /,
  / (?:make (?:this|it|things) right|make good) (?:\w+ ){0,3}(?:credit|refund|compensat\w*|discount|money) | (?:sla|uptime) (?:breach|breached|violated|violation|blown|missed|broken) | (?:breach|breached|violated|blew through|blown through|broke|missed) (?:the |our |their |an? )?(?:[\d.]+ ?%? )?(?:sla|uptime (?:commitment|guarantee)) | (?:should|must|better|will have to|needs? to) (?:be )?(?:reimburse|refund|credit|compensate)\w* /,
  / (?:someone|somebody|they|you) (?:owes?|owe) (?:us|me) / ,
];

/** A negator this close before a match cancels it ("we are not switching to"). */
const NEGATOR_BEFORE = / (?:not|never|no|won't|wont|don't|dont|isn't|isnt|aren't|arent|wouldn't|wouldnt|didn't|didnt|no plans to|no intention of|nobody is|not even|should we|should i|whether to|pros and cons of) (?:\w+ ){0,3}$/;
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

const COMMS_RE = combine([...COMMS, ...COMMS2, ...COMMS3]);
const CHURN_RE = combine([...CHURN, ...CHURN2, ...CHURN3]);
const REVENUE_RE = combine([...REVENUE, ...REVENUE2, ...REVENUE3]);
const CREDIT_RE = combine([...CREDIT, ...CREDIT2, ...CREDIT3]);

const CREDIT_CARD = / credit (?:card|score|union|limit|rating|check) /;
/** Pay and salary, not compensation for downtime. */
const PAY = / compensation (?:for|of) (?:\w+ )?(?:engineers|sres|developers|devs|employees|staff|roles|hires|managers|execs|executives)| compensation (?:package|band|range|plan|data|survey) | total compensation /;

/** Credits and refunds the author gives their own customers are revenue, not a claim on the provider. */
const OWN_CUSTOMERS_CREDIT = / (?:give|gave|giving|issue|issued|issuing|offer|offered|pay|paid|refund|refunded|refunding) (?:to )?(?:our |their |my )(?:own )?(?:users|customers|clients|subscribers)| (?:credits?|refunds?) to (?:our|my) (?:own )?(?:users|customers|clients)| (?:customers|clients|users) (?:\w+ ){0,2}(?:demanding|asking for|want|wanted|requesting) refunds? /;

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
    credit: fires(low, CREDIT_RE) && !(CREDIT_CARD.test(low) && !/ (?:sla|service) credit/.test(low)) && !PAY.test(low) && !OWN_CUSTOMERS_CREDIT.test(low),
  };
}
