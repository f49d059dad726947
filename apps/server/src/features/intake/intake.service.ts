import { randomBytes, randomUUID } from 'node:crypto';
import type { Channel, TChannelIntakeRequest, TCreateIntegrationRequest, TIntakeAck, TIntegration } from '@loopdesk/core';
import { intakeRequests } from '@loopdesk/db';
import { AppError, uniqueViolation } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import { registrationRow, type CasesService } from '../cases/cases.service';
import type { OrgService } from '../org/org.service';
import { bodyHash, checkSignature, INTAKE_HEADERS, REPLAY_WINDOW_SECONDS } from './intake.signature';
import { intakeRepo, type IntakeRequestRow, type IntegrationRow } from './intake.repo';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;
const REQUEST_KEY_CONSTRAINT = 'intake_requests_integration_id_idempotency_key_pk';

/**
 * The integration that signed a request, read together with what the request needs next: its
 * receiving unit and the answer recorded earlier under the request's Idempotency-Key.
 */
export interface SignedIntegration extends IntegrationRow {
  receivingUnit: { id: string; path: string } | null;
  /** The request recorded under this Idempotency-Key when the integration was read (a retry). */
  earlierRequest: IntakeRequestRow | null;
}

export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
}

/**
 * Feedback that channel systems post: each integration signs with its own key, and each
 * request carries an Idempotency-Key held by a unique constraint, so a retry — even twenty
 * racing on separate connections — returns the first case and never makes a second.
 */
export class IntakeService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly cases: CasesService,
  ) {}

  async createIntegration(ctx: RequestContext, input: TCreateIntegrationRequest): Promise<{ integration: TIntegration; secret: string }> {
    const actor = requireActor(ctx);
    const unit = await this.org.ownedUnit(actor, input.orgUnitId);
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    return this.audit.transaction(async (tx) => {
      const row = await intakeRepo.insertIntegration(tx, {
        id,
        institutionId: actor.institutionId,
        name: input.name,
        keyId: `ld_${randomBytes(12).toString('hex')}`,
        secretSealed: this.deps.cipher.seal(secret, `integrations.secret:${id}`),
        channel: input.channel,
        orgUnitId: unit.id,
        createdBy: actor.userId,
        createdAt: this.deps.now(),
      });
      const integration = toIntegration(row);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'integration.create', objectType: 'integration', objectId: id, scopePath: unit.path, after: integration });
      return { integration, secret };
    });
  }

  async listIntegrations(ctx: RequestContext): Promise<TIntegration[]> {
    return (await intakeRepo.integrations(this.deps.db, requireActor(ctx).institutionId)).map(toIntegration);
  }

  async revokeIntegration(ctx: RequestContext, id: string): Promise<TIntegration> {
    const actor = requireActor(ctx);
    const existing = await intakeRepo.integrationById(this.deps.db, actor.institutionId, id);
    if (!existing) throw new AppError('not_found', 'no such integration');
    return this.audit.transaction(async (tx) => {
      const row = await intakeRepo.revokeIntegration(tx, id, this.deps.now());
      if (!row) throw new AppError('conflict', 'the integration is already revoked');
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'integration.revoke', objectType: 'integration', objectId: id, before: toIntegration(existing), after: toIntegration(row) });
      return toIntegration(row);
    });
  }

  /** The integration that signed this request, or 401 saying what is wrong. */
  async authenticate(req: SignedRequest): Promise<SignedIntegration> {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const keyId = header(INTAKE_HEADERS.key);
    if (!keyId) throw new AppError('unauthenticated', `sign the request: ${INTAKE_HEADERS.key}, ${INTAKE_HEADERS.timestamp} and ${INTAKE_HEADERS.signature} headers`);
    const found = await intakeRepo.signedRequest(this.deps.db, keyId, header(INTAKE_HEADERS.idempotency) ?? '');
    if (!found) throw new AppError('unauthenticated', 'unknown or revoked integration key');
    const integration: SignedIntegration = { ...found.integration, receivingUnit: found.unit, earlierRequest: found.earlier };
    const secret = this.deps.cipher.open(integration.secretSealed, `integrations.secret:${integration.id}`);
    const problem = checkSignature(
      secret,
      { method: req.method, path: req.url, timestamp: header(INTAKE_HEADERS.timestamp), signature: header(INTAKE_HEADERS.signature), rawBody: req.rawBody },
      this.deps.now(),
    );
    if (problem === 'missing') throw new AppError('unauthenticated', `missing ${INTAKE_HEADERS.timestamp} or ${INTAKE_HEADERS.signature}`);
    if (problem === 'stale') throw new AppError('unauthenticated', `the timestamp is more than ${REPLAY_WINDOW_SECONDS} seconds from the server's clock`);
    if (problem === 'mismatch') throw new AppError('unauthenticated', 'the signature does not match the request');
    return integration;
  }

  /** Registers the posted feedback once per Idempotency-Key; a retry gets the same answer. */
  async intake(
    ctx: RequestContext,
    integration: SignedIntegration,
    idempotencyKey: string | undefined,
    rawBody: string,
    body: TChannelIntakeRequest,
  ): Promise<{ ack: TIntakeAck; created: boolean }> {
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new AppError('validation_failed', 'send an Idempotency-Key header of 8 to 128 visible characters', [{ field: 'Idempotency-Key', message: 'required' }]);
    }
    const hash = bodyHash(rawBody);
    // The key was looked up with the integration (authenticate): a retry of a committed request.
    const recorded = integration.earlierRequest?.idempotencyKey === idempotencyKey ? integration.earlierRequest : null;
    const earlier = recorded && (await this.answerOf(integration, recorded, hash));
    if (earlier) return { ack: earlier, created: false };

    const input = body;
    const unit = integration.receivingUnit;
    if (!unit) throw new AppError('internal', 'the integration’s receiving unit is gone');
    const receivedAt = this.cases.checkReceivedAt(input.receivedAt, input.backDateReason);
    const viaCtx: RequestContext = { ...ctx, actor: null, via: `integration:${integration.name}` };
    try {
      const ack = await this.cases.register(
        viaCtx,
        {
          institutionId: integration.institutionId,
          orgUnitId: unit.id,
          orgPath: unit.path,
          channel: integration.channel as Channel,
          kind: input.kind,
          text: input.text,
          title: input.title,
          fields: input,
          receivedAt,
          backDateReason: input.backDateReason,
          customer: input.customer && { ...input.customer, orgUnitId: unit.id },
          ownerId: null,
          staffComplainedAbout: [],
          intakeIntegrationId: integration.id,
        },
        // The request is recorded with its case; its key's unique constraint settles a race.
        registrationRow(intakeRequests, (row) => ({
          integrationId: integration.id,
          idempotencyKey,
          institutionId: integration.institutionId,
          bodyHash: hash,
          caseId: row.id,
          createdAt: this.deps.now(),
        })),
      );
      return { ack, created: true };
    } catch (e) {
      // A concurrent retry committed first: its case stands, this transaction rolled back.
      if (uniqueViolation(e) === REQUEST_KEY_CONSTRAINT) {
        const answer = await this.earlierAnswer(integration, idempotencyKey, hash);
        if (answer) return { ack: answer, created: false };
      }
      throw e;
    }
  }

  private async earlierAnswer(integration: IntegrationRow, key: string, hash: string): Promise<TIntakeAck | undefined> {
    const earlier = await intakeRepo.request(this.deps.db, integration.id, key);
    return earlier && this.answerOf(integration, earlier, hash);
  }

  /** The case an earlier request with this key made; refused if that request had another body. */
  private async answerOf(integration: IntegrationRow, earlier: IntakeRequestRow, hash: string): Promise<TIntakeAck> {
    if (earlier.bodyHash !== hash) {
      throw new AppError('unprocessable', 'this Idempotency-Key was used with a different body', [{ field: 'Idempotency-Key', message: 'reused with a different body' }]);
    }
    return this.cases.ackFor(integration.institutionId, earlier.caseId);
  }
}

function toIntegration(r: IntegrationRow): TIntegration {
  return {
    id: r.id,
    name: r.name,
    keyId: r.keyId,
    channel: r.channel as TIntegration['channel'],
    orgUnitId: r.orgUnitId,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}
