// @loopdesk/triage — text intelligence for Chinese (and English) feedback. Pure: no database,
// no jobs, no file I/O; models are values built, serialised and read back here.
export * from './finance-dictionary';
export * from './segment';
export * from './text';
export * from './features';
export * from './linear';
export * from './prediction';
export * from './classifier';
export * from './rules';
export * from './lexicon';
export * from './sentiment';
export * from './risk';
export * from './pii';
export * from './duplicates';
export * from './gbdt';
export * from './embeddings';
export * from './pairs';
export * from './triage';
export * from './csv';
export * from './random';
export * from './eval/metrics';
export * from './eval/split';
