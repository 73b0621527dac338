import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNrpInstance } from './nrp-instance';
import { solveNrp } from './solve-nrp';

/** The published instances live beside the repository (../shared/data/nrp). */
const DATA = path.resolve(__dirname, '../../../../../../shared/data/nrp');
/** Each is proven optimal within seconds (column generation, then the full MIP); the limit is
 * generous for a loaded CI machine (a full test run on two cores once took more than 60 s for
 * one), and the solver stops as soon as it has the proof. */
const BEST_KNOWN: [string, number, number][] = [
  ['Instance1', 607, 150],
  ['Instance2', 828, 150],
  ['Instance3', 1001, 150],
];

describe('NRP benchmark instances 1-3', () => {
  it.each(BEST_KNOWN)(
    '%s reaches its best known objective %d with a valid roster',
    async (name, best, seconds) => {
      const instance = parseNrpInstance(readFileSync(path.join(DATA, `${name}.txt`), 'utf8'), name);
      const result = await solveNrp(instance, { timeLimitSeconds: seconds });
      expect(result.violations).toEqual([]);
      expect(result.objective).toBe(best);
      expect(result.lowerBound).toBe(best);
    },
    200_000,
  );
});
