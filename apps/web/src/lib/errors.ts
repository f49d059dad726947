import type { FormInstance } from 'antd';
import { i18n } from '@/i18n';
import { isApiError } from './api';

/** The translated message for any error: `errors.<code>`, or a generic one. */
export function errorMessage(error: unknown): string {
  const code = isApiError(error) ? error.code : 'unknown';
  const key = `errors.${code}`;
  return i18n.exists(key) ? i18n.t(key) : i18n.t('errors.unknown');
}

/**
 * Puts the server's field problems onto the form that submitted. Returns true when at least
 * one field was marked, so callers can skip a redundant toast.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error) || error.fields.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const fields = error.fields
    .map((f) => ({ name: f.field.split('.')[0] ?? f.field, problem: f }))
    .filter((f) => known.has(f.name))
    .map(({ name, problem }) => {
      const key = `errors.${problem.code ?? error.code}`;
      return { name, errors: [i18n.exists(key) ? i18n.t(key) : problem.message] };
    });
  form.setFields(fields);
  return fields.length > 0;
}
