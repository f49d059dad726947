// Bundles the server's TypeScript sources (apps/server/src and the @loopdesk packages) into one
// ES module with esbuild, so a start loads one file instead of transpiling hundreds through a
// loader. Dependencies stay external and load from node_modules as usual. The bundle is rebuilt
// whenever a source is newer than it (about 0.3 s), so there is still no separate build step.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const entry = path.join(root, 'apps/server/src/cli.ts');
const outfile = path.join(root, 'apps/server/dist/loopdesk.mjs');
const sources = [
  'apps/server/src',
  'packages/core/src',
  'packages/db/src',
  'packages/triage/src',
  'apps/server/bin/bundle.mjs',
].map((p) => path.join(root, p));

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newest(path.join(p, name))));
}

function builtAt() {
  try {
    return statSync(outfile).mtimeMs;
  } catch {
    return -1;
  }
}

/** The bundle's path, rebuilt first when it is missing or older than a source. */
export async function ensureBundle() {
  if (builtAt() >= Math.max(...sources.map(newest))) return outfile;
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'loopdesk-sources',
        setup(b) {
          // Only the workspace's own packages (TypeScript) are bundled; JSON data is inlined.
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@loopdesk/') || args.path.endsWith('.json') ? undefined : { external: true }));
          // import.meta.url keeps meaning the source file, as it does when the sources run directly.
          b.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  mkdirSync(path.dirname(outfile), { recursive: true });
  // Written beside and renamed: processes starting together never load a half-written file.
  for (const file of [...result.outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1))) {
    const partial = `${file.path}.${process.pid}.partial`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
  return outfile;
}
