import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ZTransitionRequest } from '@loopdesk/core';
import { needsReason, toTransitionBody } from './transition';

describe('toTransitionBody', () => {
  it('builds an answer with its decision, dropping amounts from remedies that have none', () => {
    const body = toTransitionBody('answer', {
      outcome: 'partly_upheld',
      letter: ' 经核实，审批延误部分属实。如有异议可在30日内申请核查。 ',
      remedies: [{ kind: 'apology', amount: 5 }, { kind: 'fee_refund', amount: 300 }],
      decisionReceivedAt: dayjs('2026-11-20T10:30:00+08:00'),
    });
    expect(body).toMatchObject({
      action: 'answer',
      reason: null,
      decision: { outcome: 'partly_upheld', remedies: [{ kind: 'apology', amount: null }, { kind: 'fee_refund', amount: 300 }] },
      decisionReceivedAt: '2026-11-20T02:30:00.000Z',
    });
    expect(ZTransitionRequest.safeParse({ ...body, version: 3 }).success).toBe(true);
  });

  it('answers without a verdict when none was chosen (an inquiry, suggestion or praise)', () => {
    const body = toTransitionBody('answer', { letter: '您好，提前还款需提前30个工作日书面申请。' });
    expect(body.decision).toEqual({ outcome: null, letter: '您好，提前还款需提前30个工作日书面申请。', remedies: [] });
    expect(ZTransitionRequest.safeParse({ ...body, version: 3 }).success).toBe(true);
  });

  it('carries only what each action needs', () => {
    expect(toTransitionBody('assign', { assigneeId: 'u1', reason: '  ' })).toEqual({ action: 'assign', reason: null, assigneeId: 'u1' });
    expect(toTransitionBody('reopen', { reopenKind: 'new_facts', reason: '客户补充材料' })).toEqual({ action: 'reopen', reason: '客户补充材料', reopenKind: 'new_facts' });
    expect(toTransitionBody('start', { targetCaseId: 'x' })).toEqual({ action: 'start', reason: null });
  });

  it('asks for a reason where the lifecycle wants one, and for a reassignment', () => {
    expect(needsReason('reject', { assigneeId: null })).toBe(true);
    expect(needsReason('assign', { assigneeId: null })).toBe(false);
    expect(needsReason('assign', { assigneeId: 'u1' })).toBe(true);
    expect(needsReason('accept', { assigneeId: null })).toBe(false);
  });
});
