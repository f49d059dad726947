import { z } from 'zod';
import { ZId } from './common';
import { ZCaseKind, ZChannel, ZPriority } from './cases';

/** Bulk import of cases from a spreadsheet: the file formats read. */
export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;

/** The largest file accepted, decoded; larger files are split (a commit is one transaction). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The most data rows in one file. The commit writes them all in one transaction, which holds
 * the institution's audit-chain head until it ends: about 8 ms a row on PostgreSQL and 15 ms
 * on PGlite (measured), so 1,000 rows keep it to seconds.
 */
export const IMPORT_MAX_ROWS = 1000;

/** The case fields a column may be mapped to: staff entry's fields, and the customer named in the row. */
export const IMPORT_FIELDS = [
  'text',
  'title',
  'channel',
  'kind',
  'priority',
  'timing',
  'receivedAt',
  'backDateReason',
  'businessLine',
  'product',
  'customerRequest',
  'amountInvolved',
  'jrChannel',
  'jrBusinessCategory',
  'jrCause',
  'riskFlags',
  'regulatorRef',
  'regulatorDeadline',
  'customerType',
  'customerName',
  'uscc',
  'idNumber',
  'phone',
  'email',
  'legalRepresentative',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which column (by its header text) feeds which case field. */
export const ZImportMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().trim().min(1).max(200));
export type TImportMapping = z.infer<typeof ZImportMapping>;

export const ZImportDefaults = z.object({
  channel: ZChannel.optional().describe('for rows whose channel cell is empty or unmapped'),
  kind: ZCaseKind.optional(),
  priority: ZPriority.optional(),
  orgUnitId: ZId.optional().describe('the unit every imported case belongs to; defaults to the importing staff member’s unit'),
});

export const ZImportRequest = z.object({
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z.string().min(1).describe(`the file, base64; at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB decoded`),
  format: z.enum(IMPORT_FORMATS),
  mapping: ZImportMapping.optional().describe('case field → column header; suggested from the headers when absent'),
  defaults: ZImportDefaults.default({}),
  dryRun: z.boolean().describe('true: validate and report, write nothing; false: import every row or none'),
});
export type TImportRequest = z.infer<typeof ZImportRequest>;

/** One problem of one row; `row` is the spreadsheet's row number (the header row for mapping problems). */
export const ZImportRowError = z.object({
  row: z.number().int(),
  column: z.string().optional().describe('the header of the column at fault'),
  field: z.string(),
  message: z.string(),
});
export type TImportRowError = z.infer<typeof ZImportRowError>;

/** A row as it would be registered (values after mapping and label translation). */
export const ZImportSampleRow = z.object({
  row: z.number().int(),
  valid: z.boolean(),
  channel: z.string().nullable(),
  kind: z.string().nullable(),
  priority: z.string().nullable(),
  title: z.string().nullable(),
  text: z.string().nullable().describe('at most 200 characters shown'),
  receivedAt: z.string().nullable(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).describe('the other mapped fields'),
  customer: z.object({ type: z.enum(['enterprise', 'individual']), name: z.string().nullable() }).nullable(),
});
export type TImportSampleRow = z.infer<typeof ZImportSampleRow>;

export const ZImportPreview = z.object({
  rows: z.number().int().describe('data rows (blank rows are skipped)'),
  valid: z.number().int(),
  errors: z.array(ZImportRowError),
  mapping: ZImportMapping,
  columns: z.array(z.string()).describe('the headers found, in file order'),
  headerRow: z.number().int(),
  encoding: z.enum(['utf-8', 'utf-16', 'gb18030']).nullable().describe('how a CSV file was read'),
  sample: z.array(ZImportSampleRow).describe('the first 5 rows'),
});
export type TImportPreview = z.infer<typeof ZImportPreview>;

export const ZImportResult = z.object({
  imported: z.number().int(),
  cases: z.array(z.object({ row: z.number().int(), caseId: ZId, number: z.string() })),
});
export type TImportResult = z.infer<typeof ZImportResult>;
