/**
 * Splits a consultation's questions, pasted as text (usually copied from a PDF or a web
 * page), into numbered questions grouped in sections, numbered as the issuing body
 * numbers them. People paste whatever the document gives them, so this reads the common
 * styles ("1.", "1)", "(1)", "1:", "Q1", "Question 1:", "3a", "3(a)", "2.1", bullets in
 * front) and reports what it could not make sense of in plain words, never by throwing.
 * The result is a preview for the secretariat to check and correct before saving.
 *
 * How lines are read:
 * - A numbered line starts a question; the lines after it, up to the next numbered line
 *   or heading, continue its text (joined with spaces; a blank line keeps a paragraph
 *   break).
 * - A heading starts a section: a line such as "Section B: Housing" or "Part 2", or a
 *   short line after a blank line that does not end like a sentence. When several
 *   headings come together the last one names the section (the nearest is the most
 *   specific) and the others are listed as unused, so nothing disappears unseen.
 * - A lettered line such as "(b)" after question "3(a)" is question "3(b)"; after a
 *   question without a letter it is part of that question's text (a list inside it).
 * - Page numbers ("12", "Page 3 of 10") and text before the first question are unused.
 *
 * Pure: text in, questions and messages out.
 */

export interface PastedQuestion {
  /** As the issuer numbers it, without "Q" or "Question": "1", "3a", "3(a)", "2.1". */
  number: string;
  text: string;
  /** The section heading, or null before the first heading. */
  section: string | null;
  /** 0 for questions before any heading, then 1, 2, 3… for each section in turn. */
  sectionPosition: number;
  /** 1, 2, 3… within its section. */
  position: number;
  /** The line of the pasted text the question starts on, counting from 1. */
  line: number;
}

export interface QuestionListSplit {
  questions: PastedQuestion[];
  /** What must be put right before the questions can be saved. */
  problems: string[];
  /** What is worth checking but does not stop saving, such as a gap in the numbering. */
  warnings: string[];
  /** Lines that were not used as a question or a section, in order. */
  unusedLines: string[];
}

/** More than this many questions is almost certainly a whole document, not a list of questions. */
export const maximumQuestions = 500;

/** A question longer than this has probably swallowed the next one, whose number was missed. */
export const maximumQuestionLength = 5000;

/** Gaps in the numbering are reported up to this many; more would hide the other messages. */
const gapsReported = 5;

// An issuer's number: 3, 3a, 3(a), 3(iv), 2.1, 2.1b. A letter suffix is a single letter
// not followed by another, so "1st" is not "1s".
const issuerNumber = String.raw`\d{1,3}(?:\.\d{1,3})*(?:[a-z](?![a-z])|\([a-z]{1,4}\))?`;
const prefixed = new RegExp(String.raw`^(?:question|q)\s*\.?\s*(${issuerNumber})(.*)$`, 'i');
const bracketed = new RegExp(String.raw`^\((${issuerNumber})\)(.*)$`, 'i');
const bare = new RegExp(String.raw`^(${issuerNumber})(.*)$`, 'i');
const lettered = /^\(?([a-z]|[ivx]{1,4})\)\s*(.*)$/i;
// "Section B: Housing", "Part 2", "Chapter 3 - Planning", "Annex A Questions", but not "Part of the problem".
const explicitHeading =
  /^(?:section|part|chapter|annex|appendix)\s+(?:\d{1,3}[a-z]?|[a-z]|[ivxlc]{1,6})(?:\.\d{1,3})*(.*)$/i;
const pageNumber = /^(?:\d{1,4}|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?)$/i;
const bullet = /^[-•*–—·▪●◦]\s+/;

/** Tidies a pasted line: odd spaces made plain, invisible characters dropped, a bullet taken off. */
function tidy(line: string): string {
  return line
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim()
    .replace(bullet, '');
}

/** The number and the text after it, if the line starts a numbered question. */
export function readNumberedLine(line: string): { number: string; text: string } | null {
  const withPrefix = prefixed.exec(line);
  if (withPrefix) return afterNumber(withPrefix[1] ?? '', withPrefix[2] ?? '', true);
  const inBrackets = bracketed.exec(line);
  if (inBrackets) return afterNumber(inBrackets[1] ?? '', ` ${inBrackets[2] ?? ''}`, true);
  const plain = bare.exec(line);
  if (plain) return afterNumber(plain[1] ?? '', plain[2] ?? '', false);
  return null;
}

/**
 * What follows a number decides whether it numbers a question: "1." or "1)" or "1:" or
 * "1 -" do; "1 April" does not. A number with a point or a letter ("2.1", "3a") is
 * distinctive enough to need only a space; so is anything after "Q" or "Question".
 */
function afterNumber(
  number: string,
  rest: string,
  distinctive: boolean,
): { number: string; text: string } | null {
  const separated = /^\s*(?:[.:)](?!\d)|[-–—](?=\s|$))\s*(.*)$/.exec(rest);
  if (separated) return { number, text: separated[1] ?? '' };
  const spaced = distinctive || /[.(a-z]/i.test(number);
  if (spaced && (rest === '' || /^\s/.test(rest))) return { number, text: rest.trim() };
  return null;
}

/** Whether a line, not numbered, is a section heading. */
function isHeading(line: string, afterBlank: boolean): boolean {
  if (line.length > 120 || /\?$/.test(line)) return false;
  const named = explicitHeading.exec(line);
  if (named && /^(?:$|\s*[:.\-–—]|\s+[A-Z])/.test(named[1] ?? '')) return true;
  // A heading starts with a capital: text going on from a question often does not.
  return afterBlank && line.length <= 100 && /^[A-Z]/.test(line) && !/[.!,;]$/.test(line);
}

/** The next number in the same lettered run: "3(a)" then "(b)" is "3(b)"; "3a" then "b)" is "3b". */
function nextLettered(current: string, letter: string): string | null {
  const inBrackets = /^(.*\d)\([a-z]{1,4}\)$/i.exec(current);
  if (inBrackets) return `${inBrackets[1]}(${letter})`;
  const suffixed = /^(.*\d)[a-z]$/i.exec(current);
  if (suffixed && letter.length === 1) return `${suffixed[1]}${letter}`;
  return null;
}

interface Draft {
  number: string;
  paragraphs: string[][];
  section: string | null;
  sectionPosition: number;
  line: number;
}

/** Splits pasted text into numbered questions in sections, with any problems in plain words. */
export function splitQuestionList(pasted: string): QuestionListSplit {
  const lines = pasted.split(/\r\n|\r|\n/).map(tidy);
  if (lines.every((line) => line === '')) {
    return { questions: [], problems: ['Paste the consultation’s questions'], warnings: [], unusedLines: [] };
  }
  const drafts: Draft[] = [];
  const unusedLines: string[] = [];
  let headings: string[] = [];
  let section: string | null = null;
  let sectionPosition = 0;
  let current: Draft | null = null;
  let afterBlank = true;

  const startQuestion = (number: string, text: string, line: number) => {
    if (headings.length > 0) {
      unusedLines.push(...headings.slice(0, -1));
      section = headings.at(-1) ?? null;
      sectionPosition++;
      headings = [];
    }
    current = { number, paragraphs: [text ? [text] : []], section, sectionPosition, line };
    drafts.push(current);
  };

  lines.forEach((line, index) => {
    const blank = line === '';
    const wasAfterBlank = afterBlank;
    afterBlank = blank;
    if (blank) {
      if (current && headings.length === 0) current.paragraphs.push([]);
      return;
    }
    if (pageNumber.test(line)) {
      unusedLines.push(line);
      afterBlank = wasAfterBlank;
      return;
    }
    const numbered = readNumberedLine(line);
    if (numbered) return startQuestion(numbered.number, numbered.text, index + 1);
    const letter = lettered.exec(line);
    const open = current as Draft | null;
    if (letter && open && headings.length === 0) {
      const number = nextLettered(open.number, (letter[1] ?? '').toLowerCase());
      if (number) return startQuestion(number, letter[2] ?? '', index + 1);
      open.paragraphs.at(-1)?.push(line);
      return;
    }
    if (isHeading(line, wasAfterBlank)) {
      headings.push(line.replace(/\s*[:\-–—]$/, ''));
      return;
    }
    if (open && headings.length === 0) open.paragraphs.at(-1)?.push(line);
    else unusedLines.push(line);
  });
  unusedLines.push(...headings);

  const questions = positioned(drafts);
  return { questions, ...checked(questions), unusedLines };
}

function positioned(drafts: readonly Draft[]): PastedQuestion[] {
  const counts = new Map<number, number>();
  return drafts.map((draft) => {
    const position = (counts.get(draft.sectionPosition) ?? 0) + 1;
    counts.set(draft.sectionPosition, position);
    const text = draft.paragraphs
      .filter((lines) => lines.length > 0)
      .map((lines) => lines.join(' '))
      .join('\n\n');
    const { number, section, sectionPosition, line } = draft;
    return { number, text, section, sectionPosition, position, line };
  });
}

function checked(questions: readonly PastedQuestion[]): { problems: string[]; warnings: string[] } {
  if (questions.length === 0) {
    return { problems: ['No numbered questions found: number each question, like 1. or Q1'], warnings: [] };
  }
  const problems: string[] = [];
  if (questions.length > maximumQuestions) {
    problems.push(
      `The list has ${questions.length} questions, more than ${maximumQuestions}. Paste it in parts of up to ${maximumQuestions} questions`,
    );
  }
  for (const q of questions) {
    if (q.text === '') problems.push(`Question ${q.number} has no text: put the question after its number`);
    else if (q.text.length > maximumQuestionLength) {
      problems.push(
        `Question ${q.number} is longer than ${maximumQuestionLength.toLocaleString('en-GB')} characters: check that the question after it has a number`,
      );
    }
  }
  problems.push(...repeatedNumbers(questions));
  return { problems, warnings: numberingGaps(questions) };
}

/** The same number twice in one section is a slip; numbering that restarts in each section is not. */
function repeatedNumbers(questions: readonly PastedQuestion[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const q of questions) {
    const key = `${q.sectionPosition}:${q.number.toLowerCase()}`;
    if (seen.has(key)) repeated.add(q.number);
    seen.add(key);
  }
  return [...repeated].map((number) => `Question ${number} appears more than once: check the numbering`);
}

/**
 * Whole-number questions that seem to be missing: "4" followed by "6". Only forward
 * jumps count, so numbering that restarts in each section is not a gap.
 */
function numberingGaps(questions: readonly PastedQuestion[]): string[] {
  const gaps: string[] = [];
  let previous: number | null = null;
  for (const q of questions) {
    const whole = /^\d+/.exec(q.number);
    if (!whole) continue;
    const n = Number(whole[0]);
    if (previous !== null && n > previous + 1) {
      const missing =
        n === previous + 2 ? `Question ${previous + 1} seems` : `Questions ${previous + 1} to ${n - 1} seem`;
      gaps.push(`${missing} to be missing: the list goes from ${previous} to ${n}`);
    }
    previous = n;
  }
  if (gaps.length <= gapsReported) return gaps;
  return [...gaps.slice(0, gapsReported), `and ${gaps.length - gapsReported} more gaps in the numbering`];
}
