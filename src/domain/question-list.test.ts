import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  maximumQuestionLength,
  maximumQuestions,
  readNumberedLine,
  splitQuestionList,
  type PastedQuestion,
} from './question-list.ts';
import { odpmQuestionsAnnex } from '../modules/consultations/odpm-questions.ts';

/** Annex A of the ODPM consultation, as seed 004 gives it: the demo loads the same text. */
const odpmAnnex = odpmQuestionsAnnex;

/** Number, section and text of each question, for compact comparisons. */
function summary(questions: PastedQuestion[]) {
  return questions.map((q) => [q.number, q.section, q.text]);
}

describe('numbered lines', () => {
  const styles: [string, string, string][] = [
    ['1. Do you agree?', '1', 'Do you agree?'],
    ['1) Do you agree?', '1', 'Do you agree?'],
    ['(1) Do you agree?', '1', 'Do you agree?'],
    ['1: Do you agree?', '1', 'Do you agree?'],
    ['1 - Do you agree?', '1', 'Do you agree?'],
    ['1 – Do you agree?', '1', 'Do you agree?'],
    ['1.Do you agree?', '1', 'Do you agree?'],
    ['Q1 Do you agree?', '1', 'Do you agree?'],
    ['Q1. Do you agree?', '1', 'Do you agree?'],
    ['Q1: Do you agree?', '1', 'Do you agree?'],
    ['Q.1 Do you agree?', '1', 'Do you agree?'],
    ['q 12) Do you agree?', '12', 'Do you agree?'],
    ['Question 1: Do you agree?', '1', 'Do you agree?'],
    ['QUESTION 1 - Do you agree?', '1', 'Do you agree?'],
    ['Question 7 Do you agree?', '7', 'Do you agree?'],
    ['3a Do you agree?', '3a', 'Do you agree?'],
    ['3A. Do you agree?', '3A', 'Do you agree?'],
    ['3(a) Do you agree?', '3(a)', 'Do you agree?'],
    ['3(a): Do you agree?', '3(a)', 'Do you agree?'],
    ['Q3(iv) Do you agree?', '3(iv)', 'Do you agree?'],
    ['2.1 Do you agree?', '2.1', 'Do you agree?'],
    ['2.1. Do you agree?', '2.1', 'Do you agree?'],
    ['2.1.3 Do you agree?', '2.1.3', 'Do you agree?'],
    ['Q2.1b Do you agree?', '2.1b', 'Do you agree?'],
    ['1.', '1', ''],
    ['Q1', '1', ''],
    ['Question 14', '14', ''],
    ['2.1', '2.1', ''],
  ];
  for (const [line, number, text] of styles) {
    it(`reads "${line}" as question ${number}`, () => {
      assert.deepEqual(readNumberedLine(line), { number, text });
    });
  }

  const notNumbered = [
    '1 April is when the new duties begin.',
    '1st April is when the new duties begin.',
    '2006. The year the LSP was reviewed',
    'Questions 1 to 5 are about governance.',
    'Quality of life matters.',
    '12',
    'a) the executive',
    'Do you agree?',
    '',
  ];
  for (const line of notNumbered) {
    it(`does not read "${line}" as a question number`, () => {
      assert.equal(readNumberedLine(line), null);
    });
  }
});

describe('the ODPM consultation of seed 004', () => {
  const split = splitQuestionList(odpmAnnex);

  it('finds all 35 questions, in order, with nothing to put right', () => {
    assert.equal(split.questions.length, 35);
    assert.deepEqual(
      split.questions.map((q) => q.number),
      Array.from({ length: 35 }, (_, i) => String(i + 1)),
    );
    assert.deepEqual(split.problems, []);
    assert.deepEqual(split.warnings, []);
  });

  it('takes off the bullets and keeps each question’s whole text', () => {
    assert.deepEqual(split.questions[3], {
      number: '4',
      text: 'Are the proposed steps in the development of a Sustainable Community Strategy correct? (See box on page 18)',
      section: 'Sustainable Community Strategies',
      sectionPosition: 4,
      position: 1,
      line: 22,
    });
    assert.equal(
      split.questions[34]?.text,
      'What learning or development do you feel is required by LSPs in order to deliver sustainable communities that embody the principles of sustainable development at the local level?',
    );
  });

  it('names each section by the nearest heading and lists the headings above it as unused', () => {
    assert.deepEqual(
      split.questions.filter((q) => q.position === 1).map((q) => [q.number, q.sectionPosition, q.section]),
      [
        ['1', 1, 'LSPs, Sustainable Community Strategies and LAAs'],
        ['2', 2, 'Regional/sub-regional engagement'],
        ['3', 3, 'Links to local plans'],
        ['4', 4, 'Sustainable Community Strategies'],
        ['6', 5, 'Neighbourhood Engagement'],
        ['8', 6, 'Links with Local Development Framework'],
        ['10', 7, 'Two-tier areas'],
        ['12', 8, 'LSP as the partnership of partnerships'],
        ['16', 9, 'Ensuring wide representation'],
        ['18', 10, 'Providing a legislative foundation'],
        ['22', 11, 'Accountability between partners'],
        ['24', 12, 'Involvement of local councillors'],
        ['27', 13, 'Involvement of Members of Parliament'],
        ['28', 14, 'Involvement of Communities Served'],
        ['31', 15, 'Capacity Issues'],
      ],
    );
    assert.deepEqual(split.unusedLines, [
      'Annex A',
      'SUMMARY OF CONSULTATION QUESTIONS',
      'The role of Local Strategic Partnerships and Sustainable Community Strategies',
      'Governance',
      'Accountability',
    ]);
  });

  it('numbers questions within each section', () => {
    assert.deepEqual(
      split.questions.filter((q) => q.sectionPosition === 8).map((q) => [q.number, q.position]),
      [
        ['12', 1],
        ['13', 2],
        ['14', 3],
        ['15', 4],
      ],
    );
  });

  it('keeps lettered parts written inside a question in its text', () => {
    assert.equal(
      split.questions[15]?.text,
      'How can the neighbourhood and parish, tiers be involved most effectively on the LSP on a) the executive and b) individual thematic partnerships?',
    );
  });
});

describe('text copied from a PDF', () => {
  const pdf = [
    'Consultation on the Future of Housing Support',
    'Department for Communities',
    '',
    'This annex lists the questions asked in this document. Please answer as many as you wish.',
    '',
    'Question 1: Do you agree that housing support should be commissioned',
    'jointly by the local authority and the primary care trust?',
    '',
    'Question 2: What barriers, if any, prevent providers from working across',
    'local authority boundaries?',
    '',
    'Please give examples from your area.',
    '14',
    'Question 3',
    'How should',
    'outcomes be measured?',
    'Page 7 of 12',
    'Question 4 – Should the grant conditions be removed?',
  ].join('\r\n');

  const split = splitQuestionList(pdf);

  it('joins broken lines and keeps a question’s own paragraphs, under the heading at the top', () => {
    assert.deepEqual(summary(split.questions), [
      [
        '1',
        'Consultation on the Future of Housing Support',
        'Do you agree that housing support should be commissioned jointly by the local authority and the primary care trust?',
      ],
      [
        '2',
        'Consultation on the Future of Housing Support',
        'What barriers, if any, prevent providers from working across local authority boundaries?\n\nPlease give examples from your area.',
      ],
      ['3', 'Consultation on the Future of Housing Support', 'How should outcomes be measured?'],
      ['4', 'Consultation on the Future of Housing Support', 'Should the grant conditions be removed?'],
    ]);
    assert.deepEqual(split.problems, []);
  });

  it('sets aside page numbers and the introduction', () => {
    assert.deepEqual(split.unusedLines, [
      'Department for Communities',
      'This annex lists the questions asked in this document. Please answer as many as you wish.',
      '14',
      'Page 7 of 12',
    ]);
  });

  it('records the line each question starts on', () => {
    assert.deepEqual(
      split.questions.map((q) => q.line),
      [6, 9, 14, 18],
    );
  });
});

describe('sections', () => {
  it('starts a section at a "Section", "Part" or "Chapter" heading, even without a blank line', () => {
    const split = splitQuestionList(
      [
        'Section A: General',
        '1. Do you support the vision?',
        'Section B: Housing',
        '2. Should new homes be built on brownfield land first?',
        'Part 3 - Transport',
        '3. Is the bus network adequate?',
        'Chapter 4',
        '4. Any other comments?',
      ].join('\n'),
    );
    assert.deepEqual(
      split.questions.map((q) => [q.number, q.section, q.sectionPosition, q.position]),
      [
        ['1', 'Section A: General', 1, 1],
        ['2', 'Section B: Housing', 2, 1],
        ['3', 'Part 3 - Transport', 3, 1],
        ['4', 'Chapter 4', 4, 1],
      ],
    );
  });

  it('takes a short line after a blank line as a heading, and drops a trailing colon', () => {
    const split = splitQuestionList(
      'Housing:\n\n1. Are more homes needed?\n\nTransport\n2. Are buses frequent enough?',
    );
    assert.deepEqual(
      split.questions.map((q) => q.section),
      ['Housing', 'Transport'],
    );
  });

  it('does not take text that goes on from a question as a heading', () => {
    const split = splitQuestionList(
      [
        '1. Should the duty apply to:',
        '',
        'the police authority',
        '',
        '(as set out in figures 1 & 2)',
        'Part of the problem is funding, which the LSP',
        'Section 106 agreements could help with.',
        '',
        'Please explain your answer.',
      ].join('\n'),
    );
    assert.deepEqual(summary(split.questions), [
      [
        '1',
        null,
        'Should the duty apply to:\n\nthe police authority\n\n(as set out in figures 1 & 2) Part of the problem is funding, which the LSP Section 106 agreements could help with.\n\nPlease explain your answer.',
      ],
    ]);
    assert.deepEqual(split.unusedLines, []);
  });

  it('leaves questions before the first heading outside any section', () => {
    const split = splitQuestionList('1. First?\n2. Second?\n\nGovernance\n\n3. Third?');
    assert.deepEqual(
      split.questions.map((q) => [q.number, q.section, q.sectionPosition, q.position]),
      [
        ['1', null, 0, 1],
        ['2', null, 0, 2],
        ['3', 'Governance', 1, 1],
      ],
    );
  });

  it('sets aside text between a heading and the next question, and a heading with no questions after it', () => {
    const split = splitQuestionList(
      '1. First?\n\nGovernance\nThe paper proposes a new board.\n\n2. Second?\n\nAnnex B\n\nGlossary',
    );
    assert.deepEqual(summary(split.questions), [
      ['1', null, 'First?'],
      ['2', 'Governance', 'Second?'],
    ]);
    assert.deepEqual(split.unusedLines, ['The paper proposes a new board.', 'Annex B', 'Glossary']);
  });

  it('allows numbering that starts again in each section', () => {
    const split = splitQuestionList(
      'Section A: Vision\n1. Agree?\n2. Why?\n\nSection B: Delivery\n1. Agree?\n2. Why?',
    );
    assert.deepEqual(
      split.questions.map((q) => [q.number, q.sectionPosition, q.position]),
      [
        ['1', 1, 1],
        ['2', 1, 2],
        ['1', 2, 1],
        ['2', 2, 2],
      ],
    );
    assert.deepEqual(split.problems, []);
    assert.deepEqual(split.warnings, []);
  });
});

describe('lettered and dotted numbering', () => {
  it('reads "(b)" after "3(a)" as question 3(b), and "b)" after "3a" as question 3b', () => {
    const split = splitQuestionList(
      [
        '3(a) Do you agree with the proposed boundary?',
        '(b) If not, what boundary would you prefer?',
        '4a Should the board meet in public?',
        'b) How often should it meet?',
        '5(i) Is the timetable realistic?',
        '(ii) What would help?',
      ].join('\n'),
    );
    assert.deepEqual(
      split.questions.map((q) => [q.number, q.text]),
      [
        ['3(a)', 'Do you agree with the proposed boundary?'],
        ['3(b)', 'If not, what boundary would you prefer?'],
        ['4a', 'Should the board meet in public?'],
        ['4b', 'How often should it meet?'],
        ['5(i)', 'Is the timetable realistic?'],
        ['5(ii)', 'What would help?'],
      ],
    );
    assert.deepEqual(split.problems, []);
  });

  it('keeps a lettered list inside a question without letters as part of its text', () => {
    const split = splitQuestionList(
      '17. How can the private sector be involved on:\n\na) the executive\nb) individual thematic partnerships?',
    );
    assert.deepEqual(summary(split.questions), [
      [
        '17',
        null,
        'How can the private sector be involved on:\n\na) the executive b) individual thematic partnerships?',
      ],
    ]);
  });

  it('reads paragraph-numbered questions such as 2.1 and 2.2', () => {
    const split = splitQuestionList(
      '2.1 Do you agree with the proposed outcomes framework?\n2.2 Which indicators should be dropped?\n3.1 Any other comments?',
    );
    assert.deepEqual(
      split.questions.map((q) => q.number),
      ['2.1', '2.2', '3.1'],
    );
    assert.deepEqual(split.warnings, []);
  });
});

describe('tidying pasted text', () => {
  it('copes with Windows and old Mac line endings, tabs, non-breaking and zero-width spaces, and bullets', () => {
    const split = splitQuestionList(
      '•\t1.\u00A0Do you agree?\r\n* 2)  Why\u200B not?\r- 3: Anything\tmore?\n\u2013 4. Last?',
    );
    assert.deepEqual(
      split.questions.map((q) => [q.number, q.text]),
      [
        ['1', 'Do you agree?'],
        ['2', 'Why not?'],
        ['3', 'Anything more?'],
        ['4', 'Last?'],
      ],
    );
  });

  it('takes text on the lines after a number alone as the question', () => {
    const split = splitQuestionList('Q1\nDo you agree with the vision\nfor the area?\n\nQ2\nWhy?');
    assert.deepEqual(summary(split.questions), [
      ['1', null, 'Do you agree with the vision for the area?'],
      ['2', null, 'Why?'],
    ]);
  });
});

describe('problems, in plain words', () => {
  it('asks for the questions when nothing is pasted', () => {
    for (const pasted of ['', '   \n\n\t ']) {
      assert.deepEqual(splitQuestionList(pasted), {
        questions: [],
        problems: ['Paste the consultation’s questions'],
        warnings: [],
        unusedLines: [],
      });
    }
  });

  it('explains how to number questions when none is numbered', () => {
    const split = splitQuestionList('Do you agree?\nWhy not?');
    assert.deepEqual(split.questions, []);
    assert.deepEqual(split.problems, ['No numbered questions found: number each question, like 1. or Q1']);
    assert.deepEqual(split.unusedLines, ['Do you agree?', 'Why not?']);
  });

  it('says which question has no text', () => {
    const split = splitQuestionList('1. Do you agree?\n2.\n\nHousing\n\n3. Why?');
    assert.deepEqual(split.problems, ['Question 2 has no text: put the question after its number']);
  });

  it('says which number appears twice in a section', () => {
    const split = splitQuestionList('1. First?\n2. Second?\n2. Third?\n3(a) A?\n3(a) B?');
    assert.deepEqual(split.problems, [
      'Question 2 appears more than once: check the numbering',
      'Question 3(a) appears more than once: check the numbering',
    ]);
  });

  it('says when a question is so long it has probably swallowed the next', () => {
    const long = 'word '.repeat(maximumQuestionLength / 4);
    const split = splitQuestionList(`1. ${long}\n2. Short?`);
    assert.deepEqual(split.problems, [
      'Question 1 is longer than 5,000 characters: check that the question after it has a number',
    ]);
  });

  it('says when there are too many questions to be a list of questions', () => {
    const many = Array.from({ length: maximumQuestions + 1 }, (_, i) => `${i + 1}. Question ${i + 1}?`).join(
      '\n',
    );
    const split = splitQuestionList(many);
    assert.equal(split.questions.length, 501);
    assert.deepEqual(split.problems, [
      'The list has 501 questions, more than 500. Paste it in parts of up to 500 questions',
    ]);
  });
});

describe('warnings', () => {
  it('points out a question that seems to be missing', () => {
    const split = splitQuestionList('1. First?\n2. Second?\n4. Fourth?\n8. Eighth?');
    assert.deepEqual(split.problems, []);
    assert.deepEqual(split.warnings, [
      'Question 3 seems to be missing: the list goes from 2 to 4',
      'Questions 5 to 7 seem to be missing: the list goes from 4 to 8',
    ]);
  });

  it('does not count lettered and dotted parts as gaps', () => {
    const split = splitQuestionList('1. A?\n2(a) B?\n(b) C?\n3.1 D?\n3.2 E?\n4 - F?');
    assert.deepEqual(split.warnings, []);
  });

  it('lists at most five gaps', () => {
    const split = splitQuestionList(
      ['1', '3', '5', '7', '9', '11', '13', '15'].map((n) => `${n}. Q?`).join('\n'),
    );
    assert.equal(split.warnings.length, 6);
    assert.equal(split.warnings[5], 'and 2 more gaps in the numbering');
  });
});

describe('large pastes', () => {
  it('splits a megabyte of text quickly and loses nothing', () => {
    const question = (n: number) =>
      `Question ${n}: ${'Should the partnership consider this matter further? '.repeat(40)}`;
    const pasted = Array.from({ length: 480 }, (_, i) => question(i + 1)).join('\n\n');
    assert.ok(pasted.length > 1_000_000);
    const started = performance.now();
    const split = splitQuestionList(pasted);
    assert.ok(performance.now() - started < 2000);
    assert.equal(split.questions.length, 480);
    assert.deepEqual(split.problems, []);
  });

  it('is the same every time for the same text', () => {
    assert.deepEqual(splitQuestionList(odpmAnnex), splitQuestionList(odpmAnnex));
  });
});
