import type { z } from 'zod';
import { ZProblem } from '@loopdesk/core';

/** A field the server blamed, from problem+json `errors[]`. */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string | undefined;
}

/** Any failed API call: the HTTP status, the stable error code and the fields at fault. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields: FieldProblem[] = [],
    readonly detail?: string,
    readonly requestId?: string,
  ) {
    super(detail ?? code);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** 401 with a code other than invalid_credentials means the session is gone. */
export function isSessionLost(error: unknown): boolean {
  return isApiError(error) && error.status === 401 && error.code !== 'invalid_credentials';
}

type Listener = () => void;
let onSessionLost: Listener | undefined;

/** The app registers where a lost session leads (the login page). */
export function setSessionLostHandler(listener: Listener | undefined): void {
  onSessionLost = listener;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: QueryParams | undefined;
  body?: unknown;
  /** The caller handles 401 itself (the "who am I" probe). */
  allowAnonymous?: boolean;
}

const CSRF_COOKIE = 'ld_csrf';
const CSRF_HEADER = 'x-csrf-token';

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const problem = ZProblem.safeParse(body);
  if (problem.success) {
    const p = problem.data;
    return new ApiError(p.status || res.status, p.code, p.errors ?? [], p.detail, p.requestId);
  }
  const fallback = res.status >= 500 ? 'internal' : res.status === 401 ? 'unauthenticated' : 'unknown';
  return new ApiError(res.status, fallback);
}

async function request<S extends z.ZodType>(
  method: string,
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network');
  }

  if (!res.ok) {
    const error = await toApiError(res);
    if (!options.allowAnonymous && isSessionLost(error)) onSessionLost?.();
    throw error;
  }

  const data: unknown = res.status === 204 ? {} : await res.json().catch(() => undefined);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error);
    throw new ApiError(res.status, 'invalid_response');
  }
  return parsed.data;
}

/** The one API client: same-origin cookies, CSRF header on writes, responses checked by zod. */
export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, query?: QueryParams, opts?: { allowAnonymous?: boolean }) =>
    request('GET', path, schema, { query, ...opts }),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown) =>
    request('POST', path, schema, { body: body ?? {} }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown) => request('PATCH', path, schema, { body }),
  put: <S extends z.ZodType>(path: string, schema: S, body: unknown) => request('PUT', path, schema, { body }),
  delete: <S extends z.ZodType>(path: string, schema: S) => request('DELETE', path, schema),
};
