import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNrpInstance } from './nrp-instance';
import { solveNrp } from './solve-nrp';

/** The published instances live beside the repository (../shared/data/nrp). */
const DATA = path.resolve(__dirname, '../../../../../../shared/data/nrp');
/** Instances 1 and 2 are proven optimal in seconds; instance 3 usually reaches 1001 within 60 s but
 * under a loaded CI machine may need longer, so it gets 120 s (the solver stops early once proven). */
const BEST_KNOWN: [string, number, number][] = [
  ['Instance1', 607, 60],
  ['Instance2', 828, 60],
  ['Instance3', 1001, 120],
];

describe('NRP benchmark instances 1-3', () => {
  it.each(BEST_KNOWN)(
    '%s reaches its best known objective %d with a valid roster',
    async (name, best, seconds) => {
      const instance = parseNrpInstance(readFileSync(path.join(DATA, `${name}.txt`), 'utf8'), name);
      const result = await solveNrp(instance, { timeLimitSeconds: seconds });
      expect(result.violations).toEqual([]);
      expect(result.objective).toBe(best);
      // Small models get a full MIP before annealing: 1 and 2 come back proven optimal.
      if (name !== 'Instance3') expect(result.lowerBound).toBe(best);
    },
    200_000,
  );
});
