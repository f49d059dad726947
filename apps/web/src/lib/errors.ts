import type { FormInstance } from 'antd';
import { i18n } from '@/i18n';
import { isApiError, type FieldProblem } from './api';

/** The translated message for any error: `errors.<code>`, or a generic one. */
export function errorMessage(error: unknown): string {
  const code = isApiError(error) ? error.code : 'unknown';
  const key = `errors.${code}`;
  return i18n.exists(key) ? i18n.t(key) : i18n.t('errors.unknown');
}

/** How a form reads the server's field problems. */
export interface FieldMapping {
  /**
   * Server field path → form field name, e.g. `'decision.letter' → 'letter'`; a path also
   * matches the paths below it (`'decision.remedies'` takes `'decision.remedies.0.amount'`).
   */
  rename?: Readonly<Record<string, string>>;
  /** A message for one problem when the translated defaults say too little (or undefined to use them). */
  message?: (problem: FieldProblem, errorCode: string) => string | undefined;
}

/**
 * The message for one field problem: `fieldErrors.<field>_<code>`, then `fieldErrors.<field>`
 * (dots in the path become underscores), then `errors.<problem code>`, then the server's text.
 */
export function fieldProblemMessage(problem: FieldProblem, errorCode: string): string {
  const field = problem.field.replaceAll('.', '_');
  for (const key of [`fieldErrors.${field}_${errorCode}`, `fieldErrors.${field}`, `errors.${problem.code ?? errorCode}`]) {
    if (i18n.exists(key)) return i18n.t(key);
  }
  return problem.message;
}

/**
 * Puts the server's field problems onto the form that submitted, renaming paths as told.
 * Returns the messages of problems that fit no field on the form (e.g. `tasks`), for an alert.
 */
export function placeFieldErrors(form: FormInstance, error: unknown, mapping: FieldMapping = {}): { placed: number; unplaced: string[] } {
  if (!isApiError(error) || error.fields.length === 0) return { placed: 0, unplaced: [] };
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const placed: { name: string; errors: string[] }[] = [];
  const unplaced: string[] = [];
  for (const problem of error.fields) {
    const name = renamed(problem.field, mapping.rename) ?? problem.field.split('.')[0] ?? problem.field;
    const text = mapping.message?.(problem, error.code) ?? fieldProblemMessage(problem, error.code);
    if (known.has(name)) placed.push({ name, errors: [text] });
    else unplaced.push(text);
  }
  form.setFields(placed);
  return { placed: placed.length, unplaced };
}

function renamed(field: string, rename: FieldMapping['rename']): string | undefined {
  if (!rename) return undefined;
  const from = Object.keys(rename)
    .filter((path) => field === path || field.startsWith(`${path}.`))
    .sort((a, b) => b.length - a.length)[0];
  return from === undefined ? undefined : rename[from];
}

/**
 * Puts the server's field problems onto the form that submitted. Returns true when at least
 * one field was marked, so callers can skip a redundant toast.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  return placeFieldErrors(form, error).placed > 0;
}
