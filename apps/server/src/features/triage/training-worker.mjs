// Trains models off the main thread: a retraining on many cases is seconds of CPU, which would
// otherwise stall the HTTP server of the process running the job. TypeScript runs through tsx's
// loader, as in bin/loopdesk.mjs.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { trainModels } = await import('./training.ts');
const { defaultSegmenter } = await import('@loopdesk/triage');

parentPort.once('message', ({ cases, modelVersion, words }) => {
  try {
    if (words.length > 0) defaultSegmenter().addWords(words);
    parentPort.postMessage({ ok: true, trained: trainModels(cases, modelVersion) });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
