import { Swap } from './swap.entity';
import { decideSwap } from './swap.rules';

const swap = (status: Swap['status']): Swap =>
  Object.assign(new Swap(), { id: 's', offeredBy: 'anna', status, takenBy: null, counterAssignmentId: null });

describe('swap decisions', () => {
  it('applies a taken offer at once when the kring needs no approval, else waits for the planner', () => {
    expect(
      decideSwap(swap('open'), { kind: 'take', gpId: 'bert', counterAssignmentId: null }, false),
    ).toEqual({
      ok: true,
      status: 'done',
      apply: true,
    });
    expect(decideSwap(swap('open'), { kind: 'take', gpId: 'bert', counterAssignmentId: null }, true)).toEqual(
      {
        ok: true,
        status: 'pending',
        apply: false,
      },
    );
    expect(decideSwap(swap('pending'), { kind: 'approve' }, true)).toEqual({
      ok: true,
      status: 'done',
      apply: true,
    });
  });

  it('needs the offering GP to accept a proposed swap', () => {
    const proposed = decideSwap(
      swap('open'),
      { kind: 'take', gpId: 'bert', counterAssignmentId: 'x' },
      false,
    );
    expect(proposed).toEqual({ ok: true, status: 'proposed', apply: false });
    expect(decideSwap(swap('proposed'), { kind: 'accept', gpId: 'bert' }, false).ok).toBe(false);
    expect(decideSwap(swap('proposed'), { kind: 'accept', gpId: 'anna' }, false)).toEqual({
      ok: true,
      status: 'done',
      apply: true,
    });
  });

  it("refuses taking one's own offer, a closed offer and approving what is not pending", () => {
    expect(
      decideSwap(swap('open'), { kind: 'take', gpId: 'anna', counterAssignmentId: null }, false).ok,
    ).toBe(false);
    expect(
      decideSwap(swap('done'), { kind: 'take', gpId: 'bert', counterAssignmentId: null }, false).ok,
    ).toBe(false);
    expect(decideSwap(swap('open'), { kind: 'approve' }, true).ok).toBe(false);
    expect(decideSwap(swap('open'), { kind: 'withdraw', gpId: 'bert' }, true).ok).toBe(false);
    expect(decideSwap(swap('open'), { kind: 'withdraw', gpId: 'anna' }, true)).toEqual({
      ok: true,
      status: 'withdrawn',
      apply: false,
    });
  });
});
