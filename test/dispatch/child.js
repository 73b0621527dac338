// The dispatch service as a real process, straight from the TypeScript sources.
require('./ts-register');
require('reflect-metadata');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const { startDispatch } = require(path.join(root, 'apps/dispatch/src/main.ts'));
const { closeOnSignals } = require(path.join(root, 'libs/platform/src'));
startDispatch()
  .then((app) => closeOnSignals([app]))
  .catch((e) => {
    console.error(`dispatch child failed: ${e.message}`);
    process.exit(1);
  });
