// Trains models off the main thread: a retraining on many cases is seconds of CPU, which would
// otherwise stall the HTTP server of the process running the job. The worker loads the training
// sources through tsx's loader (the server's own bundle does not hold a worker entry point), so
// tsx is a run-time dependency of the server; a retraining pays its start-up, a request never does.
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
