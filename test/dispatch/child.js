// Runs the dispatch service as a real process straight from the TypeScript sources (transpiled
// on the fly, as ts-jest does), so the crash test does not depend on a full build of the repo.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '../..');
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  });
  module._compile(out.outputText, filename);
};
require('tsconfig-paths').register({
  baseUrl: root,
  paths: { '@permanentie/*': ['libs/*/src'] },
});
require('reflect-metadata');
const { startDispatch } = require(path.join(root, 'apps/dispatch/src/main.ts'));
const { closeOnSignals } = require(path.join(root, 'libs/platform/src'));
startDispatch()
  .then((app) => closeOnSignals([app]))
  .catch((e) => {
    console.error(`dispatch child failed: ${e.message}`);
    process.exit(1);
  });
