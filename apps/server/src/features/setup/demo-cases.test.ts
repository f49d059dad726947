import { CASE_STATUSES, decisionMisfit, isMobileNumber, isValidBankCard, isValidResidentId, isValidUscc, LIFECYCLE, OFFLINE_CHANNELS } from '@loopdesk/core';
import { DEMO_INSTITUTION, type SeedOrgUnit } from '@loopdesk/db';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIX, generateDemoCases, statusAt, type DemoCase } from './demo-cases';
import { DEMO_CASE_COUNT, DEMO_SEED } from './demo-data.service';

const NOW = new Date('2026-11-20T02:00:00Z');
const DAY = 86_400_000;
const demo = generateDemoCases({ seed: DEMO_SEED, count: DEMO_CASE_COUNT, now: NOW });
const big = generateDemoCases({ seed: 7, count: 6000, now: NOW, lifecycle: false });

function share(cases: DemoCase[], pick: (c: DemoCase) => boolean): number {
  return cases.filter(pick).length / cases.length;
}

function unitCodes(u: SeedOrgUnit): string[] {
  return [u.code, ...(u.children ?? []).flatMap(unitCodes)];
}

const CORPORATE = ['project_finance', 'fixed_asset_loan', 'working_capital_loan', 'syndicated_loan', 'trade_finance', 'supply_chain_finance', 'guarantee', 'settlement', 'online_banking'];

describe('demo case generator', () => {
  it('gives the same cases for the same seed, and others for another', () => {
    const again = generateDemoCases({ seed: DEMO_SEED, count: DEMO_CASE_COUNT, now: NOW });
    expect(again).toEqual(demo);
    const other = generateDemoCases({ seed: DEMO_SEED + 1, count: DEMO_CASE_COUNT, now: NOW });
    expect(other.map((c) => c.text)).not.toEqual(demo.map((c) => c.text));
  });

  it('follows the configured mix of business lines, kinds and causes, roughly', () => {
    const total = DEFAULT_MIX.lines.reduce((s, [, w]) => s + w, 0);
    for (const [line, weight] of DEFAULT_MIX.lines) {
      expect(share(big, (c) => c.businessLine === line), line).toBeCloseTo(weight / total, 1);
    }
    expect(share(big, (c) => CORPORATE.includes(c.businessLine))).toBeGreaterThan(0.4);
    const personal = big.filter((c) => !CORPORATE.includes(c.businessLine));
    expect(share(personal, (c) => c.kind === 'complaint')).toBeCloseTo(0.6, 1);
    const complaints = big.filter((c) => c.kind === 'complaint');
    // 管理制度、业务规则与流程 leads by far, as in the banks' disclosures.
    expect(share(complaints, (c) => c.jrCause === 'rules_processes')).toBeGreaterThan(0.3);
    expect(share(complaints, (c) => c.jrCause === 'rules_processes')).toBeGreaterThan(2 * share(complaints, (c) => c.jrCause === 'pricing_fees'));
    expect(big.every((c) => (c.kind === 'complaint') === (c.jrCause !== null))).toBe(true);
    // Every channel occurs; only complaints come as regulator referrals.
    expect(new Set(big.map((c) => c.channel)).size).toBe(11);
    expect(big.filter((c) => c.channel === 'regulator_referral').every((c) => c.kind === 'complaint' && c.regulatorRef && c.regulatorDeadline)).toBe(true);
  });

  it('writes Chinese texts of 40 to 400 characters, some with personal data and escalation threats', () => {
    for (const c of big) {
      expect([...c.text].length, c.text).toBeGreaterThanOrEqual(40);
      expect([...c.text].length, c.text).toBeLessThanOrEqual(400);
      expect(c.text).toMatch(/[\u4e00-\u9fff]{10}/);
    }
    const complaints = big.filter((c) => c.kind === 'complaint');
    expect(share(complaints, (c) => c.pii.phones.length > 0)).toBeCloseTo(DEFAULT_MIX.piiShare, 1);
    expect(share(complaints, (c) => /12378|媒体曝光|起诉/.test(c.text))).toBeCloseTo(DEFAULT_MIX.threatShare, 1);
    expect(big.filter((c) => c.text.includes('12378')).every((c) => c.riskFlags.includes('regulator_threat'))).toBe(true);
  });

  it('makes personal data and customer codes with valid check digits', () => {
    const phones = big.flatMap((c) => c.pii.phones);
    const ids = big.flatMap((c) => c.pii.idNumbers);
    const cards = big.flatMap((c) => c.pii.cards);
    expect(ids.length).toBeGreaterThan(50);
    expect(cards.length).toBeGreaterThan(50);
    expect(phones.every(isMobileNumber)).toBe(true);
    expect(ids.every((id) => isValidResidentId(id, NOW))).toBe(true);
    expect(cards.every(isValidBankCard)).toBe(true);
    for (const c of big) {
      for (const value of [...c.pii.phones, ...c.pii.idNumbers, ...c.pii.cards]) expect(c.text).toContain(value);
      if (c.customer?.type === 'enterprise') expect(isValidUscc(c.customer.uscc), c.customer.uscc).toBe(true);
      if (c.customer?.type === 'individual' && c.customer.idNumber) expect(isValidResidentId(c.customer.idNumber, NOW)).toBe(true);
    }
  });

  it('spreads cases over the demo units and the last 90 days; back-dated ones carry a reason', () => {
    const codes = new Set(unitCodes(DEMO_INSTITUTION.root));
    expect(big.every((c) => codes.has(c.orgCode))).toBe(true);
    expect(new Set(big.map((c) => c.orgCode)).size).toBeGreaterThan(15);
    for (const c of big) {
      expect(c.receivedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(c.receivedAt.getTime()).toBeGreaterThan(NOW.getTime() - 92 * DAY);
      expect(c.registeredAt.getTime()).toBeGreaterThanOrEqual(c.receivedAt.getTime());
      if (c.registeredAt.getTime() - c.receivedAt.getTime() > 3_600_000) expect(c.backDateReason, c.channel).toBeTruthy();
    }
    expect(share(big, (c) => c.receivedAt.getTime() > NOW.getTime() - 30 * DAY)).toBeGreaterThan(0.4);
  });

  it('plans every state of the lifecycle, each plan a legal path taken before now', () => {
    expect(new Set(demo.map((c) => c.status))).toEqual(new Set(CASE_STATUSES));
    for (const c of demo) {
      let status: string = 'new';
      let last = c.registeredAt.getTime();
      for (const step of c.steps) {
        expect(step.at.getTime()).toBeGreaterThan(last);
        expect(step.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
        last = step.at.getTime();
        if (step.kind !== 'transition') continue;
        expect(LIFECYCLE[step.action].from, `${c.index} ${status} → ${step.action}`).toContain(status);
        if (step.action === 'answer') {
          // A complaint gets a verdict and its rights; any other kind a reply without either.
          if (c.kind === 'complaint') expect(step.decision!.letter).toMatch(/30日内.*申请核查.*调解.*仲裁.*诉讼/);
          expect(decisionMisfit(c.kind, step.decision!), `${c.index} ${c.kind}`).toBeUndefined();
        }
        status = statusAt(c, step.at);
      }
      expect(status).toBe(c.status);
      expect(statusAt(c, NOW)).toBe(c.status);
    }
    expect(demo.some((c) => c.steps.some((s) => s.kind === 'task'))).toBe(true);
  });

  it('merges a repeat complaint into an earlier case of the same customer that is open at the time', () => {
    const merged = demo.filter((c) => c.status === 'merged');
    expect(merged.length).toBeGreaterThan(0);
    for (const c of merged) {
      const step = c.steps[0]!;
      if (step.kind !== 'transition') throw new Error('a merge is a transition');
      const target = demo[step.mergeInto!]!;
      expect(target.customer).toEqual(c.customer);
      expect(target.orgCode).toBe(c.orgCode);
      expect(['new', 'accepted', 'assigned', 'in_progress', 'awaiting_customer', 'awaiting_third_party', 'reopened']).toContain(statusAt(target, step.at));
      expect(c.riskFlags).toContain('repeat_complaint');
    }
  });

  it('leaves every case new without lifecycles, and offline channels only where staff register them', () => {
    expect(big.every((c) => c.status === 'new' && c.steps.length === 0)).toBe(true);
    const online = big.filter((c) => !OFFLINE_CHANNELS.includes(c.channel));
    expect(online.length).toBeGreaterThan(0);
  });
});
