import { annealingShare } from './solve-core';

describe('annealingShare (how long annealing runs, from the first full MIP bound)', () => {
  // NRP 6 and 7: the bound is within a few per cent of the annealed roster.
  const tight = [
    [2200, 1939],
    [1100, 1046],
  ];
  // NRP 5, 8, 9: the LP bound is far below every known roster.
  const weak = [
    [1300, 779],
    [1800, 1258],
    [550, 193],
  ];

  it('is the same for every tight bound, and longer for every weak one', () => {
    const short = annealingShare(tight[0][0], tight[0][1]);
    for (const [incumbent, bound] of tight) expect(annealingShare(incumbent, bound)).toBe(short);
    for (const [incumbent, bound] of weak) expect(annealingShare(incumbent, bound)).toBeGreaterThan(short);
  });

  it('is long when there is no positive bound yet (NRP 10 after its first full MIP run)', () => {
    const long = annealingShare(weak[0][0], weak[0][1]);
    expect(annealingShare(5000, null)).toBe(long);
    expect(annealingShare(5000, 0)).toBe(long);
  });

  it('never exceeds the time limit', () => {
    for (const [incumbent, bound] of [...tight, ...weak]) {
      expect(annealingShare(incumbent, bound)).toBeGreaterThan(0);
      expect(annealingShare(incumbent, bound)).toBeLessThan(1);
    }
  });
});
