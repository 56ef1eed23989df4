/**
 * Equality monitoring: the optional questions asked of people who have their say or answer
 * a survey, with answers in the style of the ONS harmonised standards (each with "Prefer not
 * to say"), and the broader groups answers are reported in. Answers are only ever counted
 * in these groups, never shown one person at a time.
 *
 * Pure: vocabularies and the mapping from an answer to its reporting group.
 */

export const equalityDimensions = ['age', 'sex', 'ethnicity', 'disability'] as const;
export type EqualityDimension = (typeof equalityDimensions)[number];

export const preferNotToSay = 'prefer_not_to_say';
/** A person who left the question blank: counted, but not the same as choosing not to say. */
export const notAnswered = 'not_answered';

interface Option {
  code: string;
  label: string;
}

interface ReportingGroup {
  code: string;
  /** The group in a table heading: "65 and over". */
  label: string;
  /** The group as the subject of a sentence: "People aged 65 and over". */
  who: string;
  /** The answers counted in it. */
  answers: string[];
}

interface EqualityQuestion {
  /** The form's legend. */
  question: string;
  hint?: string;
  /** What people "told us" in answering it, in a sentence: "their age", "whether they are disabled". */
  noun: string;
  /** The heading of the dimension in reports. */
  heading: string;
  options: Option[];
  groups: ReportingGroup[];
}

const declined: Option = { code: preferNotToSay, label: 'Prefer not to say' };

export const equalityQuestions: Record<EqualityDimension, EqualityQuestion> = {
  age: {
    question: 'What is your age?',
    noun: 'their age',
    heading: 'Age',
    options: [
      { code: 'under_16', label: 'Under 16' },
      { code: '16_to_24', label: '16 to 24' },
      { code: '25_to_34', label: '25 to 34' },
      { code: '35_to_44', label: '35 to 44' },
      { code: '45_to_54', label: '45 to 54' },
      { code: '55_to_64', label: '55 to 64' },
      { code: '65_to_74', label: '65 to 74' },
      { code: '75_and_over', label: '75 and over' },
      declined,
    ],
    groups: [
      { code: 'under_16', label: 'Under 16', who: 'Children under 16', answers: ['under_16'] },
      { code: '16_to_24', label: '16 to 24', who: 'People aged 16 to 24', answers: ['16_to_24'] },
      {
        code: '25_to_44',
        label: '25 to 44',
        who: 'People aged 25 to 44',
        answers: ['25_to_34', '35_to_44'],
      },
      {
        code: '45_to_64',
        label: '45 to 64',
        who: 'People aged 45 to 64',
        answers: ['45_to_54', '55_to_64'],
      },
      {
        code: '65_and_over',
        label: '65 and over',
        who: 'People aged 65 and over',
        answers: ['65_to_74', '75_and_over'],
      },
    ],
  },
  sex: {
    question: 'What is your sex?',
    noun: 'their sex',
    heading: 'Sex',
    options: [{ code: 'female', label: 'Female' }, { code: 'male', label: 'Male' }, declined],
    groups: [
      { code: 'female', label: 'Female', who: 'Females', answers: ['female'] },
      { code: 'male', label: 'Male', who: 'Males', answers: ['male'] },
    ],
  },
  ethnicity: {
    question: 'What is your ethnic group?',
    noun: 'their ethnic group',
    heading: 'Ethnic group',
    options: [
      { code: 'asian', label: 'Asian, Asian British or Asian Welsh' },
      { code: 'black', label: 'Black, Black British, Black Welsh, Caribbean or African' },
      { code: 'mixed', label: 'Mixed or multiple ethnic groups' },
      { code: 'white', label: 'White' },
      { code: 'other', label: 'Other ethnic group' },
      declined,
    ],
    groups: [
      {
        code: 'asian',
        label: 'Asian, Asian British or Asian Welsh',
        who: 'People in the Asian, Asian British or Asian Welsh group',
        answers: ['asian'],
      },
      {
        code: 'black',
        label: 'Black, Black British, Black Welsh, Caribbean or African',
        who: 'People in the Black, Black British, Black Welsh, Caribbean or African group',
        answers: ['black'],
      },
      {
        code: 'mixed',
        label: 'Mixed or multiple ethnic groups',
        who: 'People in the mixed or multiple ethnic groups',
        answers: ['mixed'],
      },
      { code: 'white', label: 'White', who: 'White people', answers: ['white'] },
      {
        code: 'other',
        label: 'Other ethnic group',
        who: 'People in another ethnic group',
        answers: ['other'],
      },
    ],
  },
  disability: {
    question:
      'Are your day-to-day activities limited because of a health problem or disability which has lasted, or is expected to last, at least 12 months?',
    hint: 'Include problems related to old age.',
    noun: 'whether they are disabled',
    heading: 'Disability',
    options: [
      { code: 'limited_a_lot', label: 'Yes, limited a lot' },
      { code: 'limited_a_little', label: 'Yes, limited a little' },
      { code: 'no', label: 'No' },
      declined,
    ],
    groups: [
      {
        code: 'disabled',
        label: 'Disabled (activities limited a lot or a little)',
        who: 'Disabled people',
        answers: ['limited_a_lot', 'limited_a_little'],
      },
      { code: 'not_disabled', label: 'Not disabled', who: 'People who are not disabled', answers: ['no'] },
    ],
  },
};

/** Every answer code a dimension accepts (its options, "prefer not to say" among them). */
export function answerCodes(dimension: EqualityDimension): [string, ...string[]] {
  const codes = equalityQuestions[dimension].options.map((o) => o.code);
  return codes as [string, ...string[]];
}

/**
 * The reporting group an answer is counted in: a group's code, "prefer not to say", or
 * "not answered" for a blank (or a code no longer in the list).
 */
export function reportingGroupOf(dimension: EqualityDimension, answer: string | null | undefined): string {
  if (answer === preferNotToSay) return preferNotToSay;
  const group = equalityQuestions[dimension].groups.find((g) => g.answers.includes(answer ?? ''));
  return group?.code ?? notAnswered;
}

/** The label of a reporting group, "prefer not to say" or "not answered" included. */
export function reportingGroupLabel(dimension: EqualityDimension, code: string): string {
  if (code === preferNotToSay) return 'Preferred not to say';
  if (code === notAnswered) return 'Did not answer';
  return equalityQuestions[dimension].groups.find((g) => g.code === code)?.label ?? code;
}
