import { z } from 'zod';

export const ZId = z.uuid();

/** A problem+json body (RFC 9457) as every LoopDesk error is sent. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string().describe('stable error code, see ERROR_CODES'),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z
    .array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() }))
    .optional()
    .describe('the fields at fault'),
});
export type TProblem = z.infer<typeof ZProblem>;

export const ZIdParams = z.object({ id: ZId });

/** Offset paging for small administrative lists. */
export const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/** An optimistic-concurrency version: writes carry the version the client saw. */
export const ZVersion = z.number().int().min(1);

export const ZOk = z.object({ ok: z.literal(true) });
