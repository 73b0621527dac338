import { DateTime } from 'luxon';
import { ZONE } from '@permanentie/domain';
import { DEFAULT_TARGETS, DueRules } from '../settings/due-times';

const RULES: DueRules = { ...DEFAULT_TARGETS, communityHolidays: [] };
import {
  CaseState,
  decideAccepted,
  decideCancel,
  decideClose,
  decideEscalate,
  decideOffered,
  decideOfferEnded,
  decideOverride,
  decideSlaBreached,
  decideStarted,
  decideTriage,
  Refused,
} from './case.decide';

const now = DateTime.fromISO('2026-11-25T21:00:00', { zone: ZONE });
const received = (over: Partial<CaseState> = {}): CaseState => ({
  status: 'received',
  receivedAt: now.minus({ minutes: 4 }).toJSDate(),
  urgency: null,
  disposition: null,
  revision: 0,
  assignedGpId: null,
  offeredGpId: null,
  slaBreachedAt: null,
  ...over,
});
const waiting = (over: Partial<CaseState> = {}) =>
  received({ status: 'waiting_for_gp', urgency: 'U3', disposition: 'consultation', revision: 1, ...over });
const isoOf = (d: unknown) =>
  DateTime.fromJSDate(d as Date)
    .setZone(ZONE)
    .toISO({ suppressMilliseconds: true });

describe('case decisions', () => {
  it('triage U1 goes to 112 at once with the U1 due time and never to a GP', () => {
    const d = decideTriage(received(), { urgency: 'U1', disposition: 'handed_to_112' }, now, RULES);
    expect(d.patch).toMatchObject({ status: 'handed_to_112', urgency: 'U1', escalatedAt: now.toJSDate() });
    expect(isoOf(d.patch.dueAt)).toBe('2026-11-25T20:59:00+01:00'); // received 20:56 + 3 min
    expect(d.publish).toEqual(['escalated']);
  });

  it('triage with a consultation or home visit waits for a GP and raises the revision', () => {
    const d = decideTriage(received(), { urgency: 'U2', disposition: 'home_visit_priority' }, now, RULES);
    expect(d.patch).toMatchObject({ status: 'waiting_for_gp', revision: 1 });
    expect(isoOf(d.patch.dueAt)).toBe('2026-11-25T21:56:00+01:00');
    expect(d.publish).toEqual(['triaged']);
  });

  it('triage with advice, own GP or emergency department is advice given: nothing for dispatch, the screens are told', () => {
    for (const disposition of ['phone_advice', 'referral_own_gp', 'referral_emergency_department'] as const) {
      const d = decideTriage(received(), { urgency: 'U4', disposition }, now, RULES);
      expect(d.patch.status).toBe('advice_given');
      expect(d.publish).toEqual(['advice']);
    }
  });

  it('triage with an override in the same request routes once, by the override, and records both', () => {
    const down = decideTriage(received(), { urgency: 'U1', disposition: 'handed_to_112' }, now, RULES, {
      urgency: 'U2',
      disposition: 'home_visit_priority',
    });
    expect(down.patch).toMatchObject({ status: 'waiting_for_gp', urgency: 'U2', revision: 1 });
    expect(down.patch).not.toHaveProperty('escalatedAt');
    expect(down.publish).toEqual(['triaged']);
    expect(down.history).toEqual({ kind: 'triaged', data: { urgency: 'U1', disposition: 'handed_to_112' } });
    expect(down.moreHistory).toEqual([
      {
        kind: 'overridden',
        data: {
          from: { urgency: 'U1', disposition: 'handed_to_112' },
          to: { urgency: 'U2', disposition: 'home_visit_priority' },
        },
      },
    ]);
    // Nothing is sought yet, so a GP case may become advice at once.
    const advice = decideTriage(received(), { urgency: 'U3', disposition: 'consultation' }, now, RULES, {
      urgency: 'U5',
      disposition: 'phone_advice',
    });
    expect(advice.patch).toMatchObject({ status: 'advice_given' });
    expect(advice.patch).not.toHaveProperty('revision');
    expect(advice.publish).toEqual(['advice']);
    const up = decideTriage(received(), { urgency: 'U3', disposition: 'consultation' }, now, RULES, {
      urgency: 'U1',
      disposition: 'handed_to_112',
    });
    expect(up.publish).toEqual(['escalated']);
    expect(() =>
      decideTriage(received(), { urgency: 'U3', disposition: 'consultation' }, now, RULES, {
        urgency: 'U1',
        disposition: 'consultation',
      }),
    ).toThrow(Refused);
  });

  it('refuses a second triage and an inconsistent U1/112 pair', () => {
    expect(() => decideTriage(waiting(), { urgency: 'U3', disposition: 'consultation' }, now, RULES)).toThrow(
      Refused,
    );
    expect(() =>
      decideTriage(received(), { urgency: 'U2', disposition: 'handed_to_112' }, now, RULES),
    ).toThrow(Refused);
    expect(() =>
      decideTriage(received(), { urgency: 'U1', disposition: 'consultation' }, now, RULES),
    ).toThrow(Refused);
  });

  it('override re-triages until a GP accepted; advice can become a GP case, not the other way round', () => {
    const up = decideOverride(
      waiting({ status: 'offered', offeredGpId: 'gp-1' }),
      { urgency: 'U2', disposition: 'consultation' },
      now,
      RULES,
    );
    expect(up.patch).toMatchObject({ status: 'waiting_for_gp', revision: 2, offeredGpId: null });
    expect(up.publish).toEqual(['triaged']);
    const advice = received({ status: 'advice_given', urgency: 'U5', disposition: 'phone_advice' });
    expect(
      decideOverride(advice, { urgency: 'U3', disposition: 'home_visit_planned' }, now, RULES).publish,
    ).toEqual(['triaged']);
    expect(() =>
      decideOverride(waiting(), { urgency: 'U5', disposition: 'phone_advice' }, now, RULES),
    ).toThrow(Refused);
    expect(() =>
      decideOverride(
        waiting({ status: 'accepted' }),
        { urgency: 'U2', disposition: 'consultation' },
        now,
        RULES,
      ),
    ).toThrow(Refused);
    expect(
      decideOverride(waiting(), { urgency: 'U1', disposition: 'handed_to_112' }, now, RULES).publish,
    ).toEqual(['escalated']);
  });

  it('escalation to 112 from any open state but 112 itself', () => {
    for (const status of [
      'received',
      'waiting_for_gp',
      'offered',
      'accepted',
      'in_progress',
      'advice_given',
    ] as const)
      expect(decideEscalate(waiting({ status }), now, RULES).publish).toEqual(['escalated']);
    for (const status of ['handed_to_112', 'closed', 'cancelled'] as const)
      expect(() => decideEscalate(waiting({ status }), now, RULES)).toThrow(Refused);
  });

  it('cancel from any open state with a reason code; never twice', () => {
    expect(decideCancel(received(), 'duplicate', now)).toMatchObject({
      patch: { status: 'cancelled', cancelReasonCode: 'duplicate' },
      publish: ['cancelled'],
    });
    expect(() => decideCancel(received({ status: 'cancelled' }), 'duplicate', now)).toThrow(Refused);
    expect(() => decideCancel(received({ status: 'closed' }), 'duplicate', now)).toThrow(Refused);
  });

  it('close needs a triaged open case; a 112 case closes as handed_to_112; a GP closing is recorded as the GP', () => {
    expect(() => decideClose(received(), 'phone_advice', now, { kind: 'dispatcher', id: 'd' })).toThrow(
      Refused,
    );
    expect(() =>
      decideClose(waiting({ status: 'handed_to_112' }), 'consultation', now, { kind: 'dispatcher', id: 'd' }),
    ).toThrow(Refused);
    const byGp = decideClose(waiting({ status: 'in_progress' }), 'home_visit_planned', now, {
      kind: 'gp',
      id: 'gp-7',
    });
    expect(byGp.patch).toMatchObject({
      status: 'closed',
      disposition: 'home_visit_planned',
      assignedGpId: 'gp-7',
    });
    expect(byGp.publish).toEqual(['closed']);
  });

  it('an ended offer takes the GP off the case, unless a newer offer already went out', () => {
    expect(
      decideOfferEnded(waiting({ status: 'offered', offeredGpId: 'gp-1' }), 'gp-1', 'declined').patch,
    ).toEqual({
      status: 'waiting_for_gp',
      offeredGpId: null,
      offerExpiresAt: null,
    });
    expect(() =>
      decideOfferEnded(waiting({ status: 'offered', offeredGpId: 'gp-2' }), 'gp-1', 'expired'),
    ).toThrow(Refused);
    expect(() =>
      decideOfferEnded(waiting({ status: 'accepted', assignedGpId: 'gp-1' }), 'gp-1', 'withdrawn'),
    ).toThrow(Refused);
  });

  it('dispatch events walk the case forward and are refused once it is over', () => {
    const exp = now.plus({ minutes: 2 }).toJSDate();
    expect(decideOffered(waiting(), 'gp-1', exp).patch).toMatchObject({
      status: 'offered',
      offeredGpId: 'gp-1',
    });
    expect(decideAccepted(waiting({ status: 'offered' }), 'gp-1').patch).toMatchObject({
      status: 'accepted',
      assignedGpId: 'gp-1',
    });
    expect(decideStarted(waiting({ status: 'accepted' }), 'gp-1', 'en_route').patch.status).toBe(
      'in_progress',
    );
    expect(() => decideOffered(waiting({ status: 'cancelled' }), 'gp-1', exp)).toThrow(Refused);
    expect(() => decideAccepted(waiting({ status: 'closed' }), 'gp-1')).toThrow(Refused);
    expect(() => decideOffered(received({ status: 'handed_to_112' }), 'gp-1', exp)).toThrow(Refused);
  });

  it('an SLA breach is recorded once', () => {
    expect(decideSlaBreached(waiting(), now, 'x').patch).toEqual({ slaBreachedAt: now.toJSDate() });
    expect(decideSlaBreached(waiting({ slaBreachedAt: now.toJSDate() }), now, 'x').patch).toEqual({});
  });
});
