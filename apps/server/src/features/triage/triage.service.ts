import type { Priority, RiskFlag as CaseRiskFlag } from '@loopdesk/core';
import { triageText, type RiskFlagType } from '@loopdesk/triage';
import { z } from 'zod';
import type { JobDefinition } from '../../platform/jobs';
import type { CasesService } from '../cases/cases.service';

/** Which of the detector's flags the case records under which name. */
const CASE_FLAG: Partial<Record<RiskFlagType, CaseRiskFlag>> = {
  regulator: 'regulator_threat',
  media: 'media_threat',
  legal: 'lawsuit_threat',
  collective: 'group_complaint',
  large_amount: 'large_amount',
};

export const TRIAGE_CASE_JOB = 'triage-case';

/** What triage concluded about a case, with the words behind each conclusion. */
export interface TriageOutcome {
  riskFlags: CaseRiskFlag[];
  priority: Priority;
  sentimentLabel: string;
  negativeIntensity: number;
  explanation: {
    flags: { type: string; terms: string[] }[];
    priorityReasons: string[];
    sentimentTerms: string[];
  };
}

/**
 * Reads a new case's words (the masked copy: threats and sentiment need no personal data) and
 * writes risk flags, a priority and the sentiment back to the case, each with its reasons.
 * Runs as a job right after the intake commits; the intake never waits for it.
 */
export class TriageService {
  constructor(private readonly cases: CasesService) {}

  /** The pure analysis of a text. */
  analyse(text: string): TriageOutcome {
    const result = triageText(text);
    const riskFlags = [...new Set(result.riskFlags.map((f) => CASE_FLAG[f.type]).filter((f): f is CaseRiskFlag => f !== undefined))];
    return {
      riskFlags,
      priority: result.priority.priority,
      sentimentLabel: result.sentiment.label,
      negativeIntensity: Math.round(result.sentiment.negativeIntensity * 100),
      explanation: {
        flags: result.riskFlags.map((f) => ({ type: f.type, terms: f.terms })),
        priorityReasons: result.priority.reasons,
        sentimentTerms: result.sentiment.terms.map((t) => t.term),
      },
    };
  }

  /** Triage one case (idempotent: a case already triaged is left as it is). */
  async triageCase(caseId: string): Promise<void> {
    const pending = await this.cases.awaitingTriage(caseId);
    if (!pending) return;
    await this.cases.applyTriage(caseId, this.analyse(pending.text));
  }

  job(): JobDefinition<z.ZodObject<{ caseId: z.ZodUUID }>> {
    return { name: TRIAGE_CASE_JOB, payload: z.object({ caseId: z.uuid() }), handle: ({ caseId }) => this.triageCase(caseId) };
  }
}
