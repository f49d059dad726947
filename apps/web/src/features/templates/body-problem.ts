import type { TFunction } from 'i18next';
import { variableToken } from './insert-variable';

/** An element a decision letter must tell the complainant, as the server names a missing one. */
export type LetterElement = { element: 'review'; days: number } | { element: 'mediation' | 'arbitration' | 'litigation' } | { element: 'other'; text: string };

/** Why the server refused a template's body: variables it cannot fill, or a decision letter's missing elements. */
export type BodyProblem = { kind: 'unknownVariables'; names: string[] } | { kind: 'missingElements'; elements: LetterElement[] };

// The server's words (templates.service checkBody): "unknown variables: a, b" and
// "missing: review within 30 days (核查, 30日); mediation (调解)".
const UNKNOWN = /^unknown variables: (.+)$/;
const MISSING = /^missing: (.+)$/;
const REVIEW = /^review within (\d+) days/;
const NAMED = /^(mediation|arbitration|litigation)\b/;

function letterElement(text: string): LetterElement {
  const review = REVIEW.exec(text);
  if (review) return { element: 'review', days: Number(review[1]) };
  const named = NAMED.exec(text);
  return named ? { element: named[1] as 'mediation' | 'arbitration' | 'litigation' } : { element: 'other', text };
}

/** The server's message about a body, read back into what it says; undefined for any other message. */
export function parseBodyProblem(message: string): BodyProblem | undefined {
  const unknown = UNKNOWN.exec(message);
  if (unknown) return { kind: 'unknownVariables', names: unknown[1]!.split(',').map((s) => s.trim()) };
  const missing = MISSING.exec(message);
  if (missing) return { kind: 'missingElements', elements: missing[1]!.split(';').map((s) => letterElement(s.trim())) };
  return undefined;
}

/** The server's message about a body in the console's language; its own words when it said something else. */
export function bodyProblemText(message: string, t: TFunction): string {
  const problem = parseBodyProblem(message);
  if (!problem) return message;
  if (problem.kind === 'unknownVariables') return t('templateAdmin.problem.unknownVariables', { list: problem.names.map(variableToken).join('、') });
  const list = problem.elements.map((e) => (e.element === 'other' ? e.text : t(`templateAdmin.problem.element.${e.element}`, e.element === 'review' ? { days: e.days } : {})));
  return t('templateAdmin.problem.missingElements', { list: list.join('、') });
}
