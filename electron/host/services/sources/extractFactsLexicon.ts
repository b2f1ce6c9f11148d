/** The word lists of the fact extractor (extractFacts.ts), all in lower case. */

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Words before a name that say what the person is ("President Trump", "Mr. Kim"); "." already removed. */
export const TITLES = words(`
  president vice chairman chairwoman chair premier prime minister secretary chancellor governor mayor senator sen
  representative rep congressman congresswoman ambassador envoy general gen admiral adm colonel col captain capt
  lieutenant lt commander sergeant sgt marshal king queen prince princess emperor empress pope sheikh sultan emir
  mr mrs ms miss mx dr prof professor sir dame lord lady judge justice rev reverend bishop cardinal supreme leader
  deputy chief speaker comrade spokesman spokeswoman spokesperson
`);

/** Last words that make a name an organization ("United Nations", "State Department"). */
export const ORGANIZATION_HEADS = words(`
  nations council ministry department agency party committee commission organization organisation association union
  university college institute academy company corporation corp inc ltd llc plc group bank fund foundation army navy
  corps court parliament assembly congress senate cabinet bureau service authority federation alliance league
  coalition network church club command
`);

/** Last words that make a name a place ("Yongbyon Nuclear Scientific Research Facility", "Korean peninsula"). */
export const PLACE_HEADS = words(`
  facility site reactor plant complex base island islands peninsula sea ocean lake river mountain mountains valley
  strait gulf bay coast province prefecture county district region city town village street avenue square airport
  harbor harbour zone border palace
`);

/** Heads that take "of" inside a name: "Republic of Korea", "Bank of England". */
export const OF_NAME_HEADS = words(`
  republic kingdom bank university ministry department council court union federation gulf bay sea strait isle cape
  institute academy commonwealth states church emirate principality league organization organisation association
  college school museum
`);

/** Prepositions after which an unknown name is most likely a place ("in Abuja"). */
export const PLACE_PREPOSITIONS = words('in at near into across outside inside');

/** Capitalised at the start of a sentence, never a name on their own. */
export const STOP_WORDS = words(`
  the a an this that these those he she it they we i you him her his hers its their them our us me my your there here
  who what when where why how and or but if however meanwhile yes no
`);

/** Verbs that report speech: "…," X said / X told reporters: "…". */
export const SPEECH_VERBS = words(`
  say says said saying tell tells told add adds added ask asks asked reply replies replied write writes wrote
  declare declares declared insist insists insisted warn warns warned explain explains explained note notes noted
  state states stated tweet tweets tweeted continue continues continued recall recalls recalled argue argues argued
  claim claims claimed announce announces announced shout shouts shouted exclaim exclaims exclaimed remark remarks
  remarked respond responds responded answer answers answered admit admits admitted stress stresses stressed
  acknowledge acknowledges acknowledged conclude concludes concluded
`);

/** Verbs whose subject, not their object, is the author of the quotation that follows: X called him "…". */
export const CALLING_VERBS = words(`
  call calls called calling dub dubs dubbed label labels labelled labeled brand brands branded nickname nicknames
  nicknamed describe describes described threaten threatens threatened promise promises promised vow vows vowed
  pledge pledges pledged demand demands demanded urge urges urged
`);

/** "he said" and "she said" name the last person mentioned before; "they" and "we" name no one in particular. */
export const SPEAKING_PRONOUNS = words('he she');

/** Words compromise-dates keeps at the start of a date phrase that are not part of the date: "in June 2018". */
export const DATE_LEADING_WORDS = words('in on at during of');

/** Words that put a date after the publication day on purpose: "next June", "the coming week". */
export const FORWARD_DATE_WORDS = words('next coming upcoming following tomorrow later');
