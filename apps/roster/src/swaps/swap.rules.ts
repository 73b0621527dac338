import { Swap, SwapStatus } from './swap.entity';

export type SwapAction =
  | { kind: 'take'; gpId: string; counterAssignmentId: string | null }
  | { kind: 'accept'; gpId: string }
  | { kind: 'withdraw'; gpId: string }
  | { kind: 'approve' }
  | { kind: 'reject' };

export type SwapDecision = { ok: true; status: SwapStatus; apply: boolean } | { ok: false; reason: string };

/**
 * The swap state machine. An offer is open to the colleagues of the kring: taking it plainly
 * moves the shift, proposing a counter shift needs the offering GP's consent; then the planner
 * approves when the kring says so. Applying (apply = true) is when assignments change.
 */
export function decideSwap(swap: Swap, action: SwapAction, needsApproval: boolean): SwapDecision {
  const settle = (): SwapDecision => ({
    ok: true,
    status: needsApproval ? 'pending' : 'done',
    apply: !needsApproval,
  });
  switch (action.kind) {
    case 'take':
      if (swap.status !== 'open') return { ok: false, reason: 'niet meer open' };
      if (action.gpId === swap.offeredBy) return { ok: false, reason: 'eigen aanbod' };
      return action.counterAssignmentId ? { ok: true, status: 'proposed', apply: false } : settle();
    case 'accept':
      if (swap.status !== 'proposed') return { ok: false, reason: 'geen voorstel om te aanvaarden' };
      if (action.gpId !== swap.offeredBy) return { ok: false, reason: 'alleen de aanbieder aanvaardt' };
      return settle();
    case 'withdraw':
      if (action.gpId !== swap.offeredBy) return { ok: false, reason: 'alleen de aanbieder trekt in' };
      if (swap.status !== 'open' && swap.status !== 'proposed')
        return { ok: false, reason: 'niet meer open' };
      return { ok: true, status: 'withdrawn', apply: false };
    case 'approve':
      if (swap.status !== 'pending') return { ok: false, reason: 'wacht niet op goedkeuring' };
      return { ok: true, status: 'done', apply: true };
    case 'reject':
      if (swap.status !== 'pending' && swap.status !== 'proposed')
        return { ok: false, reason: 'niet te weigeren' };
      return { ok: true, status: 'rejected', apply: false };
  }
}
