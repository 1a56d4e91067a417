/**
 * Fragments the demo composer draws from. Placeholders: {P} product alias, {place} a place phrase,
 * {time} a time phrase, {dur} how long the provider has been silent, {ack} how long the first update took,
 * {n} a small number, {clock} a local clock time, {task} / {feature} per product.
 * Written for the demo by the Barometer authors (MIT); no external source.
 */

export const openers = {
  social: ['', '', '', '', 'Ugh.', 'Welp.', 'So', 'Hmm,', 'ok so', 'PSA:', 'FYI', 'Heads up:', 'Great.', 'lol', 'Anyone else?', 'Morning!', 'Quick one:', 'Meh.'],
  long: ['', '', '', 'Hi all,', 'Hello,', 'Hey everyone,', 'Hi,', 'Good morning,', 'Afternoon all.', 'Quick question.', 'Long time lurker, first post.', 'Not sure if this is the right place, but', 'OK,', 'Hi team,', 'Hello from the IT desk,', 'Sorry if this was asked before.'],
} as const;

export const signOffs = ['', '', '', '', 'Thanks', 'Thanks!', 'Cheers', 'Any help appreciated.', 'TIA', 'Regards,', 'Thanks in advance.', '-- IT admin, 150 seats', '-- sysadmin at a 40-person firm', 'Cheers, Mike', 'Kind regards, Anna', 'Thx', 'Appreciate any pointers.'] as const;

export const timePhrases = ['since this morning', 'for the last hour', 'since about {clock}', 'all afternoon', 'right now', 'for a while now', 'since lunch', 'for 20 minutes or so', 'since {clock} our time', 'for the past couple of hours', 'this morning', 'today'] as const;

export const emotionsNeg = ['This is ridiculous.', 'Not happy.', 'Seriously??', 'wtf', 'Come on, Microsoft.', ':(', '😡', '🙄', 'Unbelievable.', 'FFS.', 'Great, just great.', 'Absolutely unacceptable.', 'So frustrating.', 'I give up.', '😤', 'Ridiculous!!', 'Not a good look.', 'Sigh.'] as const;
export const emotionsPos = ['🙂', ':)', '👍', 'Nice!', 'Love it.', 'Good stuff.', '🎉', 'Kudos.', 'Well done.', 'Impressed.'] as const;

export const hashtagsExtra = ['#o365', '#fail', '#cloud', '#sysadmin', '#msft', '#Microsoft', '#IT', '#itsupport', '#helpdesk', '#tech'] as const;
export const productHashtags: Readonly<Record<string, readonly string[]>> = {
  'exchange-online': ['#ExchangeOnline', '#Exchange', '#OWA'],
  'lync-online': ['#Lync', '#LyncOnline'],
  'sharepoint-online': ['#SharePoint', '#SPO'],
  onedrive: ['#OneDrive'],
  'office-web-apps': ['#OfficeWebApps'],
  identity: ['#AzureAD', '#ADFS'],
};
export const mentions = ['@Office365', '@MSFTHelps', '@Office365Status'] as const;

/** Everyday background, by category. */
export const chatter = [
  'Anyone going to the SharePoint Conference next year?',
  'Reading through the {P} roadmap, some interesting stuff in there.',
  'Webinar on {P} governance tomorrow, will share notes.',
  'Rolled out {P} {place} this week.',
  'Finally moved the last team onto {P}.',
  'We have a pilot of {P} running with 30 users.',
  'Trying out {feature} in {P}.',
  'Training session on {P} this afternoon for the new hires.',
  'Documenting our {P} setup for the auditors.',
  'Our {P} adoption numbers are up again this month.',
  'Playing with {feature} today, looks promising.',
  'Interesting blog post on {P} retention policies.',
  'New admin here, getting to know {P}.',
  'Just noticed the new {feature} in {P}.',
] as const;

export const howto = [
  'How do I {task} in {P}?',
  'Is there a way to {task} in {P} without PowerShell?',
  'What is the best way to {task} with {P}?',
  'Can someone explain how to {task} in {P}?',
  'Trying to {task} in {P}, the docs are not clear.',
  'Does {P} let you {task}?',
  'Quick q: can you {task} in {P} on the E1 plan?',
  'Anyone have a script to {task} in {P}?',
  'Need to {task} in {P} by Friday, where do I start?',
] as const;

export const praise = [
  '{P} has been rock solid for us this year.',
  'Loving {feature} in {P}.',
  'Migrated {n}0 users to {P} over the weekend, smooth as butter.',
  'Have to say {P} just works for our team.',
  '{P} saved us a ton of time this week.',
  'Big fan of the new {feature}.',
  'Our users actually like {P}, which is a first.',
  'Support sorted out our {P} issue in ten minutes. Nice.',
  'Switched everyone {place} to {P}, zero complaints so far.',
  '{feature} in {P} is a game changer for us.',
] as const;

export const gripes = [
  'The {P} admin UI is so clunky.',
  'Licensing for {P} is confusing as hell.',
  'Why does {P} keep moving settings around?',
  'Support ticket about {P} open for 3 days now.',
  'The {P} mobile app needs work.',
  'Search in {P} never finds what I need.',
  'Storage quota in {P} is too small for our design team.',
  'Price went up for {P} and nothing new for us.',
  'Hate the new look of {P}, change for the sake of change.',
  'Why is {feature} still missing from {P}?',
  '{P} PowerShell cmdlets are inconsistent, drives me nuts.',
  'Documentation for {P} is outdated again.',
] as const;

/** Isolated "is it down for me?" posts: single users, no burst. */
/** Complaints that only make sense for one product. */
export const gripesByProduct: Readonly<Record<string, readonly string[]>> = {
  'exchange-online': ['The {P} spam filter put our CEO\'s newsletter in junk again.', 'Migrating to {P} is a pain with our old public folders.', 'Mailbox size limits in {P} are a joke for our sales team.'],
  'lync-online': ['{P} video quality on hotel wifi is awful.', 'Federation with our partner in {P} is a nightmare to set up.'],
  'sharepoint-online': ['{P} permissions are a maze.', 'Our {P} intranet looks like 2007.'],
  onedrive: ['{P} sync conflicts are driving the team mad.', 'The 20,000 file limit in {P} bit us again.'],
  'office-web-apps': ['{P} still mangles our Excel macros.', 'Formatting gets lost when we open files in {P}.'],
  identity: ['Password expiry emails from {P} confuse everyone.', 'Setting up {P} federation took a week.'],
};

export const isolatedReports = [
  'Is {P} down for anyone else?',
  'Is it just me or is {P} not working?',
  '{P} not loading for me, anyone else?',
  'Getting errors in {P} {time}, just me?',
  '{P} giving me a 500 error. Down?',
  'Can\'t get into {P}. Down or is it my network?',
  'Anyone else having issues with {P}? {symptom}',
  '{symptom} Is {P} having problems?',
  'is {P} down?? {symptom}',
  'Having trouble with {P}: {symptom}',
] as const;
export const isolatedTails = ['', '', '', 'Might be our proxy.', 'Probably our VPN again.', 'Rebooting now.', 'nvm, back now.', 'Cleared cache, let\'s see.', 'Other users here are fine.', 'Works on my phone though.'] as const;

export const symptomsByProduct: Readonly<Record<string, readonly string[]>> = {
  'exchange-online': ['OWA won\'t load.', 'can\'t send mail.', 'mail stuck in the outbox.', 'Outlook keeps asking for my password.', 'calendar won\'t sync.'],
  'lync-online': ['can\'t sign in.', 'presence stuck on unknown.', 'IM not going through.', 'calls keep dropping.', 'meeting link won\'t open.'],
  'sharepoint-online': ['team site throws a 503.', '"Sorry, something went wrong".', 'pages load forever.', 'can\'t upload documents.'],
  onedrive: ['sync is stuck.', 'files not syncing.', 'can\'t open my files.', 'upload fails halfway.'],
  'office-web-apps': ['documents won\'t open in the browser.', 'it spins forever.', 'co-authoring just hangs.', 'getting "Sorry, there was a problem".'],
  identity: ['stuck in a login loop.', 'can\'t sign in at all.', 'ADFS throws an error page.', 'password reset page errors out.'],
};

export const tasksByProduct: Readonly<Record<string, readonly string[]>> = {
  'exchange-online': ['set up a shared mailbox', 'add a transport rule', 'recover a deleted mailbox', 'set up an out-of-office for a leaver', 'configure SPF for our domain', 'give a user send-as rights'],
  'lync-online': ['allow external federation', 'record a meeting', 'set up dial-in conferencing', 'change presence timeouts', 'block a contact'],
  'sharepoint-online': ['break permission inheritance', 'create a site collection', 'set up a document library workflow', 'change the site theme', 'share a folder with a partner'],
  onedrive: ['limit external sharing', 'move files between accounts', 'restore a previous version', 'sync a team library'],
  'office-web-apps': ['co-author a spreadsheet', 'embed a document in a page', 'print to PDF', 'track changes'],
  identity: ['set up single sign-on with ADFS', 'force a password reset', 'sync our on-prem AD', 'enable multi-factor auth'],
};

export const featuresByProduct: Readonly<Record<string, readonly string[]>> = {
  'exchange-online': ['the new OWA', 'clutter filtering', 'shared calendars', 'the people view', 'litigation hold'],
  'lync-online': ['the new meeting join', 'persistent chat', 'desktop sharing', 'the mobile client'],
  'sharepoint-online': ['the new site templates', 'the bigger storage quota', 'the social feed', 'managed metadata'],
  onedrive: ['the new sync client', '25GB storage', 'external sharing links', 'version history'],
  'office-web-apps': ['real-time co-authoring', 'the Excel Online charts', 'PowerPoint Online presenting', 'comments in Word Online'],
  identity: ['self-service password reset', 'the new sign-in page', 'multi-factor auth', 'DirSync'],
};

export const incidentSymptoms: Readonly<Record<'A' | 'B', readonly string[]>> = {
  A: [
    '{P} is delaying inbound mail by hours',
    'emails are stuck in the queue',
    'external mail isn\'t arriving',
    'messages take {n} hours to show up',
    'outbound mail is just sitting in the outbox',
    'we\'re getting "delivery delayed" NDRs on everything',
    'customers say our replies never arrived',
    'internal mail works but anything from outside is hours late',
    'mail flow has basically stopped',
    'nothing has arrived in {P} since {clock}',
    'emails sent at 9 are showing up now',
    'our {P} inboxes are dead quiet, which never happens',
    'message trace shows everything "pending"',
    'mail from Gmail users is delayed by {n} hours',
  ],
  B: [
    '{P} keeps signing people out',
    '{P} won\'t sign in, just spins',
    'presence shows everyone as unknown in {P}',
    'IMs are not getting delivered',
    '{P} calls drop after a minute',
    'half the office can connect to {P}, the other half can\'t',
    '{P} meetings won\'t start',
    'conference audio keeps cutting out',
    '{P} says "cannot connect to server"',
    'IM works for some people and not others',
    '{P} connects, then drops, then connects again',
    'our {P} meetings are failing for external attendees',
    'everyone shows offline in {P}',
  ],
};

export const reportFrames = [
  '{symptom} {time}.',
  '{symptom} {place}.',
  '{symptom}, {place}.',
  'Looks like {symptom}.',
  'Is anyone else seeing this? {symptom}.',
  '{P} outage? {symptom}.',
  'Ok {symptom} {time}. {P} is down for us.',
  '{P} down {place}: {symptom}.',
  'Anyone else? {symptom} {time}.',
  'So {symptom}. Not great.',
  '{P} is broken {time}, {symptom}.',
] as const;

export const meToo = [
  'Same here.', '+1', 'Us too {place}.', 'Same problem, {P} down for us as well.', 'Confirmed here as well.', 'Yep, seeing it too.',
  'Same {place}.', 'Same issue {time}.', 'Also affected. {P} is dead for us.', 'Can confirm, {P} is down {place}.', 'Glad it\'s not just us.', 'Ditto.',
] as const;

/** Complaints about the provider's communication; variants before and after the first official word. */
export const commsBeforeAck = [
  'The status page still says everything is fine.',
  'Service health dashboard is all green. Sure.',
  'status page still green lol',
  'Nothing on the status page.',
  'Not a word from Microsoft {dur} in.',
  'It\'s been {dur} and still no acknowledgement.',
  'Radio silence from Microsoft.',
  'Nobody is telling us anything.',
  'Why do we have to find out from Twitter?',
  'Our users know more than the status page does.',
  'Support line says they have no information.',
  'Still no official word after {dur}.',
  'Status page: green. Reality: on fire.',
  'How is the health dashboard not showing this?',
] as const;
export const commsAfterAck = [
  'No updates for {dur}.',
  'Last update was {dur} ago.',
  'The "we are investigating" message is {dur} old now.',
  'Radio silence again.',
  'Nobody is telling us anything useful.',
  'Would it kill you to post an update?',
  'Communication has been terrible.',
  'Still nothing new on the status page after {dur}.',
  'Over-communicate, people!',
  'An ETA would be nice. Any ETA.',
  'Zero updates in {dur}. Zero.',
  'Status page says "investigating". For {dur}.',
] as const;
export const commsAfterResolve = [
  'The outage we can accept, the silence we can\'t.',
  'Why did it take {ack} to post the first update?',
  'We want a real root cause analysis, and a better answer on communication.',
  'The silence was worse than the outage.',
  'Nobody told us anything for {ack}. Fix that.',
  'Next time, tell us something, anything, sooner.',
] as const;

export const churn = [
  'We\'re evaluating Google Apps.',
  'Seriously looking at Gmail for business now.',
  'This is the last straw, we\'re moving to Google Apps at renewal.',
  'My boss just asked me to price out Google Apps.',
  'If this happens again we\'re out.',
  'We\'re cancelling our E3 subscription.',
  'Going back to on-prem Exchange, at least then it\'s our fault.',
  'Zimbra is looking pretty good right now.',
  'Switching to Google, done with this.',
  'Management wants a plan B, we\'re talking to Google.',
  'Renewal is in January. Not renewing.',
  'Time to look at alternatives.',
] as const;

export const revenue = {
  any: [
    'Every hour of this costs us money.',
    'Our customers can\'t reach support.',
    'Our clients think we\'re ignoring them.',
    'This is costing us real money.',
  ],
  A: [
    'Our sales team can\'t email customers, we\'re losing deals.',
    'We missed a tender deadline because the bid email is stuck.',
    'Customers can\'t reach us, orders are piling up.',
    'Invoices aren\'t going out, cash flow is going to hurt.',
    'Lost at least two orders this morning, the confirmations never went out.',
    'Quotes are stuck in the outbox and clients are going elsewhere.',
  ],
  B: [
    'We run our call center on this, nobody can take calls.',
    'Lost a client call because of this.',
    'Our sales demos keep dropping mid-meeting, we\'re losing deals.',
    'Customers can\'t reach our support line.',
    'Missed a board meeting because nobody could join.',
  ],
} as const;

export const credit = [
  'We expect SLA credits for this.',
  'How do we claim the service credit?',
  '99.9% SLA? I want our credits.',
  'Expecting a credit on next month\'s invoice.',
  'We\'ll be filing for SLA credits.',
  'Credits won\'t cover what we lost, but we\'ll be asking for them.',
  'Where is the form for the SLA credit?',
  'Is Microsoft going to issue service credits for this?',
] as const;

/** Neutral questions while it is broken: people asking, not yet angry. */
export const questions = [
  'Anyone know what\'s going on with {P}?',
  'Is there an ETA on the {P} issue?',
  'Where do I check the status of {P}?',
  'Is this affecting everyone or just some tenants?',
  'Any word from Microsoft yet?',
  'Does anyone have a workaround in the meantime?',
  'Is there a ticket number we can reference?',
] as const;

export const thanksUpdate = [
  'Thanks for the update.',
  'Good to finally hear something.',
  'Appreciate the update, please keep them coming.',
  'At least we know what\'s going on now.',
  'OK, they\'ve found it. That\'s progress.',
  'Update is out, engineers are on it.',
  'Thank you, that helps us tell our users something.',
  'Good, an actual explanation.',
  'Fair enough, thanks for the detail.',
] as const;

export const recovered = {
  A: ['Mail is flowing again here.', 'Backlog clearing, emails from this morning just landed.', '{P} back to normal for us.', 'Queue is draining, mail arriving again.', 'All good now {place}.', 'Delayed mail finally showing up.'],
  B: ['{P} is back for us.', 'Presence working again.', 'IM working again {place}.', '{P} sign-in fine now.', 'Calls stable again.', 'All good now {place}.'],
} as const;

export const titlesByCategory = {
  howto: ['How to {task} in {P}?', '{P}: {task}', 'Help: {task}', 'Question about {P}', '{task} - best practice?'],
  chatter: ['{P} rollout notes', 'Thoughts on {feature}', '{P} roadmap discussion', 'Tips for {P} adoption'],
  praise: ['{P} is great', 'Kudos to the {P} team', 'Smooth {P} migration'],
  gripe: ['{P} annoyances', 'Frustrated with {P}', '{P} licensing confusion', 'Is it just me or has {P} got worse?'],
  report: ['{P} down?', 'Issues with {P}', '{P} not working', 'Problem with {P} today'],
  incident: ['{P} outage?', '{P} down right now', 'Major {P} issues', '{P} problems - anyone else?'],
} as const;
