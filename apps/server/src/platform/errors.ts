import { ERROR_CODES, type ErrorCode, type TProblem } from '@loopdesk/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
}

/** The one error type services throw; the error handler turns it into problem+json. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(detail ?? code);
    this.status = ERROR_CODES[code];
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string | undefined,
  requestId: string,
  fields?: FieldProblem[],
): TProblem {
  return {
    type: `https://loopdesk.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    requestId,
    ...(fields && fields.length > 0 ? { errors: fields } : {}),
  };
}

/**
 * Maps every error to RFC 9457 problem+json. 5xx details stay in the log, never in the reply.
 * With `spaIndex`, unknown GETs outside /api get the web console's index (client-side routes).
 */
export function registerErrorHandling(app: FastifyInstance, spaIndex = false): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, code: string, detail?: string, fields?: FieldProblem[]) =>
      reply
        .status(status)
        .type('application/problem+json')
        .send(problem(status, code, detail, request.id, fields));

    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'service error');
      return send(error.status, error.code, error.message === error.code ? undefined : error.message, error.fields);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const fields = error.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || where,
        message: v.message ?? 'invalid',
        code: String(v.params?.issue && typeof v.params.issue === 'object' && 'code' in v.params.issue ? v.params.issue.code : v.keyword),
      }));
      return send(400, 'validation_failed', `invalid ${where}`, fields);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response failed its contract');
      return send(500, 'internal');
    }
    const constraint = uniqueViolation(error);
    if (constraint !== undefined) {
      const field = UNIQUE_FIELDS[constraint];
      return send(409, 'duplicate', 'a record with the same key exists', field ? [{ field, message: 'already taken' }] : []);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'payload_too_large', 'the request body is too large', [{ field: 'body', message: 'too large' }]);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'bad_request', 'unsupported content type: send application/json');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(400, 'bad_request', 'the body is not valid JSON');
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(status, status === 429 ? 'rate_limited' : 'bad_request', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'internal');
  });

  app.setNotFoundHandler((request, reply) => {
    // A missing file (a script of an older build) is a 404, not the page: a script that is HTML breaks the console silently.
    const isFile = /\.[a-z0-9]+$/i.test(request.url.split('?')[0]!);
    if (spaIndex && request.method === 'GET' && !request.url.startsWith('/api/') && !isFile) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .type('application/problem+json')
      .send(problem(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`, request.id));
  });
}

/** Which request field a unique constraint guards, so a 409 can name it. */
const UNIQUE_FIELDS: Record<string, string> = {
  org_units_institution_code_uq: 'code',
  users_username_uq: 'username',
  categories_code_uq: 'code',
  reply_templates_code_uq: 'code',
};

/** The constraint name of a unique violation anywhere in the cause chain ('' if unnamed). */
export function uniqueViolation(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const rec = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (rec.code === '23505') return typeof rec.constraint === 'string' ? rec.constraint : '';
    e = rec.cause;
  }
  return undefined;
}
