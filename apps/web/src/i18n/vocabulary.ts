import type { Widen } from './zh-CN';
import type { vocabularyZhCN } from './vocabulary.zh-CN';
import type { casesZhCN } from './cases.zh-CN';

/** The shape every language's vocabulary and case texts must have (zh-CN's keys, string leaves). */
export type VocabularyMessages = Widen<typeof vocabularyZhCN>;
export type CasesMessages = Widen<typeof casesZhCN>;
