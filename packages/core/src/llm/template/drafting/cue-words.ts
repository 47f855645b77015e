/**
 * Words that tell the about draft what a sentence of the idea is doing: naming a problem, a goal,
 * an exclusion, or touching money, time or other systems. Single words are written as one
 * space-separated list each; phrases are listed separately.
 */

const wordList = (text: string): string[] => text.split(/\s+/).filter(Boolean);

export const problemCues = wordList(`
  problem problems struggle struggles hard difficult pain cannot can't waste wastes manual manually slow
  lack lacks missing expensive error-prone spreadsheet spreadsheets paper currently today lose forget too
`);

/** Phrases that take a sentence out of the first release. */
export const exclusionCues = [
  "out of scope",
  "not in scope",
  "not included",
  "not needed",
  "not required",
  "no need",
  "won't",
  "will not",
  "later",
  "v2",
  "phase 2",
  "future version",
  "excluding",
];

export const goalCues = [
  ...wordList("want wants should must will can help helps let lets allow allows enable enables goal aim"),
  "need to",
  "needs to",
  "would like",
  "so that",
  "able to",
];

/** Verbs that start a capability ("record deliveries", "get reminders"), for splitting clause lists. */
export const capabilityVerbs = new Set(
  wordList(`
    add approve assign attach book browse buy calculate cancel chat check choose claim collect comment compare
    connect create delete discover download earn edit
    export filter find follow generate get import invite join learn list log manage message monitor order organise
    organize pay plan post print publish rate read receive record redeem register remind rent report request reserve
    review save scan schedule search see sell send set share sign split store submit subscribe swap sync tag track
    translate update upload view vote watch write
  `),
);

export const moneyCues = wordList(
  "price pricing pay paid subscription free budget cost costs revenue sell fee",
);

export const timeCues = wordList("deadline launch release month months week weeks date quarter mvp");

export const integrationCues = wordList("integrate integration import export api sync existing");

/**
 * Words of a hard constraint ("must comply with GDPR", "launch within three months"): such a
 * sentence is a fact the architecture must respect, not a capability to build.
 */
export const hardConstraintCues = wordList(`
  gdpr hipaa pci compliance comply complies compliant regulation regulations regulatory legal law deadline budget launch
`);

/** Words after "for" that name a time, a release or a reason, not the people served. */
export const notAudienceWords = new Set(
  wordList(
    "release version v1 v2 v3 now later example instance free sale today years months weeks days hours",
  ),
);

/** Verbs whose "for" names what is sought or paid, not whom: "paid for groceries", "look for a flat". */
export const verbsTakingFor = new Set(
  wordList(
    "pay pays paid paying look looks looking search searches searching ask asks asked wait waits waiting",
  ),
);

/** Subjects that name people without ending in a plural s: "staff can …", "people want …". */
export const peopleNouns = new Set(wordList("people staff children everyone everybody team family"));

/** Words that make a fact a constraint of the architecture ("must run offline", "within 200 ms"). */
export const constraintCues = [
  "must",
  "only",
  "budget",
  "deadline",
  "compliance",
  "gdpr",
  "hipaa",
  "offline",
  "privacy",
  "latency",
  "within",
  "at least",
  "at most",
  "regulation",
  "secure",
];
