import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNrpInstance } from './nrp-instance';
import { solveNrp } from './solve-nrp';

/** The published instances live beside the repository (../shared/data/nrp). */
const DATA = path.resolve(__dirname, '../../../../../../shared/data/nrp');
const BEST_KNOWN: [string, number][] = [
  ['Instance1', 607],
  ['Instance2', 828],
  ['Instance3', 1001],
];

describe('NRP benchmark instances 1-3', () => {
  it.each(BEST_KNOWN)(
    '%s reaches its best known objective %d with a valid roster',
    async (name, best) => {
      const instance = parseNrpInstance(readFileSync(path.join(DATA, `${name}.txt`), 'utf8'), name);
      const result = await solveNrp(instance, { timeLimitSeconds: 60 });
      expect(result.violations).toEqual([]);
      expect(result.objective).toBe(best);
    },
    150_000,
  );
});
