import { createHash } from 'node:crypto';
import type { TImportPreview, TImportRequest, TImportResult, TImportRowError } from '@loopdesk/core';
import { AppError } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import { staffEntryProblems, staffRegistration, type CasesService, type Registration } from '../cases/cases.service';
import type { OrgService } from '../org/org.service';
import { decodeContent, readCsv, readXlsx, type Table } from './imports.files';
import { normaliseRow, resolveMapping, suggestMapping, type RowOutcome } from './imports.mapping';

const SAMPLE_ROWS = 5;

interface Checked {
  preview: TImportPreview;
  outcomes: RowOutcome[];
  unit: { id: string; path: string };
  sha256: string;
}

/**
 * Bulk import of cases from CSV or XLSX. Every row meets the rules of staff entry; a dry run
 * reports each bad row and writes nothing; a commit writes every row in one transaction, or
 * none. Numbers and deadlines are reserved before it, so a failure leaves only numbering gaps.
 */
export class ImportsService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly cases: CasesService,
  ) {}

  /** Reads, maps and checks the file; writes nothing. */
  async preview(ctx: RequestContext, req: TImportRequest): Promise<TImportPreview> {
    return (await this.check(ctx, req)).preview;
  }

  /** Registers every row of the file in one transaction, or refuses the whole file with the dry run's list. */
  async commit(ctx: RequestContext, req: TImportRequest): Promise<TImportResult> {
    const actor = requireActor(ctx);
    const { preview, outcomes, unit, sha256 } = await this.check(ctx, req);
    if (preview.errors.length > 0) {
      const bad = new Set(preview.errors.map((e) => e.row)).size;
      const detail = preview.errors.some((e) => e.field.startsWith('mapping.'))
        ? 'the columns are not mapped to the fields a case needs; nothing was written'
        : `${bad} of ${preview.rows} rows cannot be imported; nothing was written`;
      throw new AppError('unprocessable', detail, preview.errors);
    }
    if (outcomes.length === 0) throw new AppError('unprocessable', 'the file has no data rows', [{ field: 'contentBase64', message: 'no data rows under the header' }]);

    // First-contact responsibility: whoever imports the cases owns them until they are assigned.
    const registrations = outcomes.map((o): Registration => ({
      ...staffRegistration(actor, unit, o.input!, o.input!.receivedAt ? new Date(o.input!.receivedAt) : this.deps.now()),
      customer: o.customer ? { ...o.customer, orgUnitId: unit.id } : undefined,
    }));
    const prepared = await this.cases.prepare(actor.institutionId, registrations);
    const cases = await this.audit.transaction(async (tx) => {
      const rows = await this.cases.registerManyWithin(tx, registrations.map((r, i) => ({ ctx, r, prepared: prepared[i]! })));
      const written: TImportResult['cases'] = rows.map((row, i) => ({ row: outcomes[i]!.row, caseId: row.id, number: row.number }));
      await this.audit.record(tx, ctx, actor.institutionId, {
        action: 'case.import',
        // The content's hash names the import: the same file imported twice shows up under one id.
        objectType: 'case_import',
        objectId: sha256,
        scopePath: unit.path,
        after: {
          fileName: req.fileName,
          format: req.format,
          sha256,
          rows: preview.rows,
          imported: written.length,
          orgUnitId: unit.id,
          mapping: preview.mapping,
          numbers: { first: written[0]!.number, last: written.at(-1)!.number },
        },
      });
      return written;
    });
    return { imported: cases.length, cases };
  }

  private async check(ctx: RequestContext, req: TImportRequest): Promise<Checked> {
    const actor = requireActor(ctx);
    const unit = await this.org.ownedUnit(actor, req.defaults.orgUnitId ?? actor.orgUnitId, 'defaults.orgUnitId');
    const bytes = decodeContent(req.contentBase64);
    const table: Table = req.format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
    const mapping = req.mapping ?? suggestMapping(table.headers);
    const { columns, problems: mappingProblems } = resolveMapping(table, mapping, req.defaults);
    const timeZone = await this.org.timeZone(actor.institutionId);
    const now = this.deps.now();

    const outcomes = table.rows.map((r) => normaliseRow(r, { columns, headers: table.headers, defaults: req.defaults, timeZone }));
    for (const o of outcomes) {
      if (!o.input) continue;
      // The rules of staff entry itself (offline channel, back-dating reason, referral number).
      for (const p of staffEntryProblems(o.input, now)) {
        if (o.problems.some((q) => q.field === p.field)) continue;
        const column = columnHeader(table, columns, p.field);
        o.problems.push({ row: o.row, ...(column ? { column } : {}), field: p.field, message: p.message });
      }
      if (o.problems.length > 0) o.input = null;
    }
    // An unusable mapping would fail every row the same way: report the mapping alone.
    const errors: TImportRowError[] = mappingProblems.length > 0 ? mappingProblems : outcomes.flatMap((o) => o.problems);
    const validRows = mappingProblems.length > 0 ? 0 : outcomes.filter((o) => o.problems.length === 0).length;
    return {
      preview: {
        rows: outcomes.length,
        valid: validRows,
        errors,
        mapping,
        columns: table.headers,
        headerRow: table.headerRow,
        encoding: table.encoding,
        sample: outcomes.slice(0, SAMPLE_ROWS).map((o) => ({ ...o.sample, valid: mappingProblems.length === 0 && o.problems.length === 0 })),
      },
      outcomes,
      unit,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  }
}

function columnHeader(table: Table, columns: Partial<Record<string, number>>, field: string): string | undefined {
  const i = columns[field];
  return i === undefined ? undefined : table.headers[i];
}
