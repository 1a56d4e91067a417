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
const DOWN_NOT = String.raw`(?!\s(?:the (?:road|street|line|hall|block|stairs|river|list)|to (?:the|earth|the wire|business|me|you|us|him|her|them|\d)|payment|votes?|side|syndrome|jacket|under|south|below|there|here|in flames|for the count|with (?:the flu|a cold|covid|that|this)|bad|low|pat|load|sized?|time)\b)`;

const POSITIVE: Cue[] = [
  // "is it down?", "Outlook is down again", "everything went down", "still down", "is Outlook down"
  ['down_state', new RegExp(String.raw` (?:is|are|was|were|been|being|be|goes|going|go|went|gone|still|seems|seem|looks|look|completely|totally|fully|all|everything|again|apparently|currently|now|'s|'re) (?:(?:it|they|everything|completely|totally|still|fully|all|just|literally|now|partially|hard|back|so) )?down\b${DOWN_NOT}| (?:is|are) (?:[^ ]+ ){1,2}down\b${DOWN_NOT}`), 2.6],
  // "#ExchangeDown", "Azure down?", "teams down for anyone else"
  ['down_end', new RegExp(String.raw` down (?:[?!.]|again|for (?:everyone|anyone|me|us|all|hours|\d|the)|right now|since|atm|rn|$)`), 1.6],
  ['outage', / (?:outage|outages|outaged|downtime|service disruption|service interruption|disruption|degradation|degraded|meltdown) /, 2.2],
  ['incident', / (?:incident|fiasco|mess|mitigation|mitigating|investigating|rolling back|rollback|root cause|without (?:email|mail|e-mail|internet|access|service|teams|phones)|no (?:email|mail) since) /, 1.3],
  ['problem', / (?:problem|problems|issue|issues|failed us|let us down) /, 1.0],
  ['credit_claim', / (?:sla breach|service credits? for|credits for (?:this|the outage|the downtime|today)) /, 1.2],
  ['not_working', / (?:not|isn't|isnt|aren't|arent|stopped|doesn't|doesnt|don't|dont|won't|wont|ain't) (?:\w+ )?(?:working|work|load|loading|connecting|connect|responding|syncing|sync|sending|delivering|opening|launching|starting|triggering|firing|running|arriving|rendering|updating|showing up) /, 2.4],
  ['cant_do', / (?:can't|cant|cannot|can not|unable to|couldn't|couldnt|could not|failed to|fails to|failing to) (?:even )?(?:log ?in|login|sign in|signin|log on|connect|access|reach|send|receive|load|open|join|get (?:in|into|to)|authenticate|upload|download|sync|deploy|start|launch|use|make calls|call|chat|create|provision|resolve|read|save) /, 2.2],
  ['errors', / (?:50[0234]|40[8]|429|error (?:50\d|code)|bad gateway|service unavailable|gateway time ?out|internal server error|timing out|timed out|times out|timeouts?|time out|errors?|throwing|exception|failing|failures?|crash(?:ed|es|ing)?|drop(?:ping|ped|s)|cutting out|cuts out|choppy|disconnect\w*|freez\w*|frozen|broken|borked|dead|unreachable|unavailable|unresponsive|offline|not responding|inaccessible|spinning|blank (?:page|screen)|login loop|toast|unusable|went wrong|erroring|errored|snail(?:'s)?|crawling|garbled|unicorns?|nothing works|nothing is working|takes? forever|taking forever|froze|backing up|acting up|playing up|having a moment|hosed|fubar|kaput|ndrs?|hanging|hangs|stuck|queued|delayed|delays|bouncing|bounced|latency|lag(?:gy|ging)?|packet loss|throttl\w*|intermittent\w*|flaky|sluggish|slow) /, 1.6],
  ['mail_flow', / (?:emails?|mails?|messages?) (?:are |is )?(?:not |n't )?(?:arriving|coming through|being delivered|going out|sending|delivered|stuck|delayed|queued|bouncing) /, 1.8],
  ['asking', / (?:anyone else|any one else|anybody else|is it just me|just me or|down for everyone|downdetector|down detector|having (?:issues|problems|trouble)|issues with|problems with|trouble with|what's going on with|whats going on with|what is going on with) /, 1.8],
  ['status', / (?:status page|service health|health dashboard|status dashboard) /, 0.8],
  ['present', / (?:right now|rn|atm|currently|at the moment|this morning|today|tonight|since|for (?:the (?:last|past) )?(?:\d+|an?|two|three|several) (?:hours?|hrs?|minutes?|mins?)|again|still|keeps|keep) /, 0.6],
  ['hashtag_fail', / (?:fail|epic fail|outage|down|is down|fml|wtf|sigh|ugh) (?:[.!?]|$)/, 0.4],
];

const NEGATIVE: Cue[] = [
  ['negated', new RegExp(String.raw` (?:${NEG}|no) (?:\w+ )?(?:down|an outage|outage|outages|broken|any issues|issues|problems|affected)\b`), -3.2],
  ['recovered', / (?:back up|back online|back to normal|working (?:again|fine|normally|now|for me|here|perfectly|ok|okay)|works (?:fine|for me|here|again)|all good|seems fine|looks fine|is fine|resolved|restored|recovered|fixed now|up and running|no issues|no problems) /, -2.4],
  ['history', / (?:last (?:year|month|week|summer|winter|spring|fall|autumn|time)(?:'s)?|outages happen|outages are inevitable|years? ago|months ago|back in|in (?:19|20)\d\d|remember (?:when|the)|anniversary|post-?mortem|retrospective|case study|lessons? (?:learned|learnt|from)|infamous|famous|history|historic|historical|since (?:19|20)\d\d|(?:one|an?|two|three|a few|few|\d+) outages? in (?:the (?:last|past) )?(?:\w+ )?(?:years?|months|decades?)) /, -2.6],
  ['year', / (?:19|20)\d\d (?!(?:utc|gmt|cet|est|pst|z)\b)/, -1.6],
  ['hypothetical', / (?:if (?:[^ ]+ ){0,2}(?:ever )?(?:goes|go|went|were|is) down|in case of (?:an? )?(?:outage|failure)|when (?:[^ ]+ )?goes down|what happens (?:if|when)|how to (?:prepare|survive|handle)|prepare for|planning for|plan for|resilien\w*|redundan\w*|multi-region|failover plan|disaster recovery|dr plan|chaos engineering|insurance|would (?:be|go)|could go down|might go down|sla of|uptime of|\d+(?:\.\d+)? ?% uptime|99\.9\d*|nines) /, -3.0],
  ['metric_down', / (?:usage|traffic|prices?|costs?|numbers|sales|revenue|stock|shares|rates?|volume|demand|spend(?:ing)?|temperatures?|churn|outages|incidents|tickets|errors|latency) (?:\w+ )?(?:went|go|goes|are|is|were|was|have gone|has gone|have been|has been) down | down (?:\d+(?:\.\d+)? ?%|by \d|year over year|yoy) /, -4],
  ['power', / (?:power outage|power cut|blackout|electricity|storm|hurricane) /, -1.0],
  ['maintenance', / (?:planned|scheduled|upcoming) (?:maintenance|downtime|outage|work) /, -1.8],
  ['nonservice_down', / (?:calm|sit|slow|settle|lie|lay|step|write|wrote|written|shut up and|let (?:me|us|you|them|him|her)|letting (?:me|us)|turn(?:ed|ing)?|narrow(?:ed|ing)?|break(?:ing)? it|broke it|pin(?:ned)?|boil(?:ed|s)?|wind(?:ing)?|count(?:ing)?|thumbs|upside|hands|ups and|back|walk(?:ed|ing)?|cut|cutting|paid|pay|put|putting|water(?:ed)?|dumb(?:ed)?|tone(?:d)?) (?:it |this |that |them |things )?down /, -2.4],
];

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
  // `related`: other detectors that imply an incident (a comms complaint, a credit claim) add weight.
  let s = BIAS + related;
  let positives = 0;
  let present = false;
  const cues: string[] = [];
  for (const [name, re, w] of POSITIVE) {
    if (re.test(low)) {
      s += w;
      if (name === 'present') present = true;
      if (w >= 1.2) positives++;
      if (withCues) cues.push(name);
    }
  }
  if (related >= 1.2) positives++;
  if (positives === 0) {
    // no problem words at all: nothing to weigh against
    return { flag: false, score: round(sigmoid(s)), cues };
  }
  for (const [name, re, w] of NEGATIVE) {
    if (re.test(low)) {
      // "down again, just like last year": a present-tense marker keeps the report current.
      s += name === 'history' && present ? w * 0.4 : w;
      if (withCues) cues.push(name);
    }
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
