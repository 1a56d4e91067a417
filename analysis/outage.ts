/**
 * Outage classifier: does the text report (or ask about) a service problem happening now?
 * Weighted cue patterns over the normalised token string, combined into a logistic score.
 * Tense and negation aware: "is it down?" counts, "it was down last year" and "not down for me"
 * do not; non-outage uses of "down" (calm down, down payment, let me down) are not cues.
 * Every pattern has an example in test/analysis/outage.test.ts.
 */

/** [name, pattern, weight]. Patterns run on " word word ? " (lower-case, single spaces). */
type Cue = readonly [string, RegExp, number];

const NEG = String.raw`(?:not|isn't|isnt|aren't|arent|wasn't|wasnt|never|no longer|hardly)`;
const DOWN_NOT = String.raw`(?!\s(?:the (?:road|street|line|hall|block|stairs|river|list)|to (?:the|earth|the wire|business|me|you|us|him|her|them|\d)|payment|votes?|side|syndrome|jacket|under|south|below|in flames|for the count|with (?:the flu|a cold|covid|that|this)|bad|low|pat|load|sized?|time)\b)`;

const POSITIVE: Cue[] = [
  // "is it down?", "Outlook is down again", "everything went down", "still down", "is Outlook down"
  ['down_state', new RegExp(String.raw` (?:is|are|was|were|been|being|be|goes|going|go|went|gone|still|seems|seem|looks|look|completely|totally|fully|all|everything|again|apparently|currently|now|'s|'re) (?:(?:it|they|everything|completely|totally|still|fully|all|just|literally|now|partially|hard|back|so) )?down\b${DOWN_NOT}| (?:is|are) (?:[^ ]+ ){1,2}down\b${DOWN_NOT}`), 2.6],
  // "#ExchangeDown", "Azure down?", "teams down for anyone else"
  ['down_end', new RegExp(String.raw` down (?:[?!.]|again|for (?:everyone|anyone|me|us|all|hours|\d|the)|right now|since|atm|rn|$)`), 1.6],
  ['outage', / (?:outage|outages|outaged|downtime|service disruption|service interruption|disruption|degradation|degraded|meltdown) /, 2.2],
  ['incident', / (?:incident|fiasco|mess|mitigation|mitigating|investigating|rolling back|rollback|root cause|without (?:email|mail|e-mail|internet|access|service|teams|phones)|no (?:email|mail) since) /, 1.3],
  ['problem', / (?:problem|problems|issue|issues|failed us|let us down) /, 1.0],
  ['credit_claim', / (?:sla breach|service credits? for|credits for (?:this|the outage|the downtime|today)) /, 1.2],
  ['not_working', / (?:not|isn't|isnt|aren't|arent|stopped|doesn't|doesnt|don't|dont|won't|wont|ain't|wouldn't|wouldnt|couldn't|couldnt|didn't|didnt|refus(?:e|es|ed|ing) to|refuses|fail(?:s|ed|ing)? to) (?:\w+ )?(?:working|work|load|loading|connecting|connect|responding|respond|syncing|sync|sending|send|delivering|opening|open|launching|launch|starting|start|triggering|firing|running|arriving|rendering|updating|showing up|merge|merging|publish|publishing|list|listing|complete|completing|refresh|refreshing|save|saving|upload|uploading|process|processing|finish|finishing|boot|booting|resolve|resolving|authenticate|deploy|deploying|build|building|render|play|playing) /, 2.4],
  // round 2: generic breakage words not covered above
  ['stalls', / (?:nothing (?:completes|loads|works|happens|goes through|gets through|sends|syncs|saves)|(?:logging|logs|logged|kicking|kicks|kicked|signing|signs|signed) (?:\w+ )?out (?:every|constantly|randomly|again|all)|return(?:s|ing|ed)? (?:no|zero|empty|wrong|blank|garbage) |loops? back|looping|redirect loop|(?:nobody|no one|noone|none of us) can (?:log|sign|get|access|connect|send|open|use|join|work|reach|load)|never (?:arrives?|arrived|delivers?|delivered|loads?|loaded|shows? up|comes? through|syncs?|sends?|sent|completes?|finish(?:es)?|connects?)|no (?:connection|connectivity|network|route|response) (?:to|from|with)|(?:lost|losing|refused|reset) connection|connection (?:refused|lost|reset|errors?)|stall(?:s|ed|ing)?|(?:then|and) fails?|drops? (?:after|every|out|off|constantly|randomly)|just spins|keeps spinning|spins forever|hangs? (?:forever|in|on|at)|hang|(?:\d+|ten|five|twenty|thirty) (?:minutes|mins|hours|seconds) late|having a (?:bad|rough) (?:day|morning|time)|falls? over|fell over|fallen over|falling over|on fire|in flames|melting|melted down|dying|died) /, 1.6],
  ['cant_do', / (?:can't|cant|cannot|can not|unable to|couldn't|couldnt|could not|failed to|fails to|failing to) (?:even )?(?:log ?in|login|sign in|signin|log on|connect|access|reach|send|receive|load|open|join|get (?:in|into|to)|authenticate|upload|download|sync|deploy|start|launch|use|make calls|call|chat|create|provision|resolve|read|save|push|pull|clone|fetch|commit|merge|publish|print|share|edit|attach|scale|restart|stop|delete|run) /, 2.2],
  ['errors', / (?:50[0234]|40[8]|429|error (?:50\d|code)|bad gateway|service unavailable|gateway time ?out|internal server error|timing out|timed out|times out|timeouts?|time out|errors?|throwing|exception|failing|failures?|crash(?:ed|es|ing)?|drop(?:ping|ped|s)|cutting out|cuts out|choppy|disconnect\w*|freez\w*|frozen|broken|borked|dead|unreachable|unavailable|unresponsive|offline|not responding|inaccessible|spinning|blank (?:page|screen)|login loop|toast|unusable|went wrong|erroring|errored|snail(?:'s)?|crawling|garbled|unicorns?|nothing works|nothing is working|takes? forever|taking forever|froze|backing up|acting up|playing up|having a moment|hosed|fubar|kaput|ndrs?|hanging|hangs|stuck|queued|delayed|delays|bouncing|bounced|latency|lag(?:gy|ging)?|packet loss|throttl\w*|intermittent\w*|flaky|sluggish|slow) /, 1.6],
  ['mail_flow', / (?:emails?|mails?|messages?) (?:are |is )?(?:not |n't )?(?:arriving|coming through|being delivered|going out|sending|delivered|stuck|delayed|queued|bouncing) /, 1.8],
  ['asking', / (?:anyone else|any one else|anybody else|is it just me|just me or|down for everyone|downdetector|down detector|having (?:issues|problems|trouble)|issues with|problems with|trouble with|what's going on with|whats going on with|what is going on with) /, 1.8],
  ['status', / (?:status page|service health|health dashboard|status dashboard) /, 0.8],
  ['present', / (?:right now|rn|atm|for this(?: one)?|this one|currently|at the moment|this morning|today|tonight|since|after (?:this|today|today's|another|the latest|this week's|this morning's|yesterday's)|for (?:the (?:last|past) )?(?:\d+|an?|two|three|several) (?:hours?|hrs?|minutes?|mins?)|again|still|keeps|keep) /, 0.6],
  // round 3: symptoms as people report them (codes, loops, blank pages, lateness, "won't let me")
  ['symptoms', / (?:[45]xx|[45]\d\d(?:s|ing)|servfail|nxdomain|rate (?:exceeded|limited|limiting)|blank (?:white )?(?:page|screen)|white screen|spinner|spinning wheel|sync (?:conflicts?|errors?|issues)|impaired|cooked|unable to (?:retrieve|load|connect|reach)|eating (?:messages|emails|mail|my \w+)|(?:challenge|redirect|login|auth|sign-?in) (?:page )?loop|(?:no|zero) (?:results|audio|video|sound|messages|mail|emails)|stopped (?:working|syncing|sending|loading|responding)|\d+ ?(?:min|mins|minutes|hours|hrs|h) late|late by \d|showing up late|(?:doesn't|doesnt|won't|wont) let (?:me|us|anyone|people|you)) /, 1.4],
  ['hashtag_fail', / (?:fail|epic fail|outage|down|is down|fml|wtf|sigh|ugh) (?:[.!?]|$)/, 0.4],
];

const NEGATIVE: Cue[] = [
  // "nothing to do with Slack", "not GitHub's fault", "crashed my bike"
  ['not_theirs', / (?:nothing to do with|not (?:\S+'s|their|the cloud's|the provider's|a \w+) (?:fault|problem|issue)|(?:my|our) (?:own )?(?:fault|mistake|bad|typo)|(?:crashed|broke|dropped|smashed) (?:my|his|her|our) (?:bike|car|phone|wrist|arm|leg|ankle|laptop|glasses)) /, -2.4],
  ['negated', new RegExp(String.raw` (?:${NEG}|no|zero|without|0) (?:\w+ )?(?:down|an outage|outage|outages|downtime|broken|any issues|issues|problems|affected)\b`), -3.2],
  ['recovered', / (?:back up|back online|back to normal|handled (?:it |the \w+ )?(?:fast|well|quickly|great|professionally|brilliantly)|working (?:again|fine|normally|now|for me|here|perfectly|ok|okay)|works (?:fine|for me|here|again)|all good|seems fine|looks fine|is fine|resolved|restored|recovered|fixed now|up and running|no issues|no problems) /, -2.4],
  ['history', / (?:post-?incident|incident (?:review|report|write-?up)|rca (?:is|was) (?:already )?(?:up|out|published|posted)|write-?up|last (?:year|month|week|summer|winter|spring|fall|autumn|time)(?:'s)?|outages happen|outages are inevitable|years? ago|months ago|back in|in (?:19|20)\d\d|remember (?:when|the)|anniversary|post-?mortem|retrospective|case study|lessons? (?:learned|learnt|from)|infamous|famous|history|historic|historical|since (?:19|20)\d\d|(?:one|an?|two|three|a few|few|\d+) outages? in (?:the (?:last|past) )?(?:\w+ )?(?:years?|months|decades?)) /, -2.6],
  // round 3: a dated reference ("yesterday's outage", "last thursday", "3 weeks ago", "it's back")
  ['past_ref', / (?:(?<!since )yesterday(?:'s)?|(?<!since )last (?:night|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|quarter)(?:'s)?|\d+ (?:days|weeks) (?:ago|since|after)|(?:weeks|days) (?:ago|later)|(?:is|are|was|it's|its|we're|were) back(?: up| online| now)? [.!,]|for the record|retro) /, -1.2],
  ['year', / (?:19|20)\d\d (?!(?:utc|gmt|cet|est|pst|z)\b)/, -1.6],
  ['hypothetical', / (?:if (?:[^ ]+ ){0,2}(?:ever )?(?:goes|go|went|were|is) down|in case of (?:an? )?(?:outage|failure)|when (?:[^ ]+ )?goes down|what happens (?:if|when)|how to (?:prepare|survive|handle)|prepare for|planning for|plan for|resilien\w*|redundan\w*|multi-region|failover plan|disaster recovery|dr plan|chaos engineering|chaos (?:drills?|tests?|days?)|(?:outage|incident|downtime) (?:communication |comms |response )?(?:plans?|runbooks?|templates?|playbooks?|process|procedures?)|templates? for|alerts? (?:us|me|you|the team) (?:when|if|whenever)|when (?:\w+ ){0,2}(?:reports?|posts?|declares?) (?:an? )?(?:incident|outage)|drills?|game ?days?|pretend(?:s|ing)?|simulat\w+|tabletop|insurance|would (?:be|go)(?! (?:nice|great|good|helpful|lovely|appreciated|useful))|could go down|might go down|sla of|uptime of|\d+(?:\.\d+)? ?% uptime|99\.9\d*|nines) /, -3.0],
  ['metric_down', / (?:dropped|fell|went down|down|decreased|reduced|cut|came down) from (?:\S+ ){1,2}to \d| (?:usage|traffic|prices?|costs?|numbers|sales|revenue|stock|shares|market|markets|portfolio|index|nasdaq|dow|bitcoin|crypto|rates?|volume|demand|spend(?:ing)?|temperatures?|churn|outages|incidents|tickets|errors|latency) (?:\w+ )?(?:went|go|goes|are|is|were|was|have gone|has gone|have been|has been) down | down (?:\d+(?:\.\d+)? ?%|by \d|year over year|yoy) /, -4],
  ['power', / (?:power outage|power cut|blackout|electricity|storm|hurricane) /, -1.0],
  ['maintenance', / (?:planned|scheduled|upcoming) (?:maintenance|downtime|outage|work) /, -1.8],
  ['nonservice_down', / (?:calm|sit|slow|settle|lie|lay|step|write|wrote|written|shut up and|let (?:me|us|you|them|him|her)|letting (?:me|us)|turn(?:ed|ing)?|narrow(?:ed|ing)?|break(?:ing)? it|broke it|pin(?:ned)?|boil(?:ed|s)?|wind(?:ing)?|count(?:ing)?|thumbs|upside|hands|ups and|back|walk(?:ed|ing)?|cut|cutting|paid|pay|put|putting|water(?:ed)?|dumb(?:ed)?|tone(?:d)?) (?:it |this |that |them |things )?down /, -2.4],
];

/** How-to and advice questions ("how do I export…") are not reports. */
const HOWTO: Cue = ['howto', / (?:how (?:do|can|to|does|should|would) (?:i|we|you|one|it)?|any (?:tips|advice|recommendations)|best way to|what's the best|whats the best|is there a way to) /, -1.5];


const BIAS = -2.0;

export interface OutageResult {
  flag: boolean;
  score: number;
  /** Names of the cues that fired (for debugging and the docs). */
  cues: string[];
}

/**
 * Scores a space-joined, lower-cased token string (" w1 w2 ? "). `hasProduct` raises the score a
 * little when a catalogue product is named (a problem report usually says what broke).
 */
export function scoreOutage(low: string, hasProduct: boolean, withCues = false, related = 0): OutageResult {
  return scoreOutageHits(outageCueHits(low, related), hasProduct, withCues, related);
}

const N_POS = POSITIVE.length;
const N_NEG = NEGATIVE.length;
const YEAR_AT = N_POS + NEGATIVE.findIndex((c) => c[0] === 'year');

/** scoreOutage over precomputed cue hits (outageCueHits order), so the cues are tested once per text. */
export function scoreOutageHits(hits: readonly number[], hasProduct: boolean, withCues = false, related = 0): OutageResult {
  // `related`: other detectors that imply an incident (a comms complaint, a credit claim) add weight.
  let s = BIAS + related;
  let positives = 0;
  let present = false;
  const cues: string[] = [];
  for (let i = 0; i < N_POS; i++) {
    if (!hits[i]) continue;
    const [name, , w] = POSITIVE[i]!;
    s += w;
    if (name === 'present') present = true;
    if (w >= 1.2) positives++;
    if (withCues) cues.push(name);
  }
  if (related >= 1.2) positives++;
  if (positives === 0) {
    // no problem words at all: nothing to weigh against
    return { flag: false, score: round(sigmoid(s)), cues };
  }
  for (let i = 0; i < N_NEG; i++) {
    if (!hits[N_POS + i]) continue;
    const [name, , w] = NEGATIVE[i]!;
    // "down again, just like last year": a present-tense marker keeps the report current;
    // "blew through the 99.9% SLA" next to a credit claim or comms complaint is not hypothetical.
    s += (name === 'history' && present && !hits[YEAR_AT]) || (name === 'hypothetical' && related >= 1.4) ? w * 0.4 : w;
    if (withCues) cues.push(name);
  }
  if (hits[N_POS + N_NEG] && related < 1.4) {
    s += HOWTO[2];
    if (withCues) cues.push(HOWTO[0]);
  }
  if (hasProduct) s += 0.7;
  const p = sigmoid(s);
  return { flag: p >= 0.5, score: round(p), cues };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Cue names in the order outageCueHits reports them (features for the learned layer). */
export const OUTAGE_CUE_NAMES: readonly string[] = [...POSITIVE.map((c) => c[0]), ...NEGATIVE.map((c) => c[0]), HOWTO[0]];

/** Which cues match the token string (OUTAGE_CUE_NAMES order). */
export function outageCueHits(low: string, related = 0): number[] {
  const hits: number[] = [];
  let positives = 0;
  for (const [, re, w] of POSITIVE) {
    const hit = re.test(low);
    hits.push(hit ? 1 : 0);
    if (hit && w >= 1.2) positives++;
  }
  // With no problem cue at all the score ignores the negative cues (scoreOutageHits), so they are
  // not tested: most posts name no problem, and this halves their regex work. They read as 0.
  const weigh = positives > 0 || related >= 1.2;
  for (const [, re] of NEGATIVE) hits.push(weigh && re.test(low) ? 1 : 0);
  hits.push(weigh && HOWTO[1].test(low) ? 1 : 0);
  return hits;
}
