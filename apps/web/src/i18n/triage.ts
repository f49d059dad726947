import type { Widen } from './zh-CN';
import type { triageZhCN } from './triage.zh-CN';

/** The shape every language's triage texts must have (zh-CN's keys, string leaves). */
export type TriageMessages = Widen<typeof triageZhCN>;
