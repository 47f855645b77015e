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
    add book browse buy calculate chat check choose collect compare connect create delete discover download edit
    export find follow generate get import invite join learn list log manage message monitor order organise
    organize pay plan post print publish rate read receive record register remind report request reserve review
    schedule search see sell send set share sign store submit subscribe sync track update upload view vote watch write
  `),
);

export const moneyCues = wordList(
  "price pricing pay paid subscription free budget cost costs revenue sell fee",
);

export const timeCues = wordList("deadline launch release month months week weeks date quarter mvp");

export const integrationCues = wordList("integrate integration import export api sync existing");
