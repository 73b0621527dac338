/**
 * GP on duty, phone first: an offer takes the whole screen and rings until she answers (or mutes
 * it), with vibration and a system notification where permitted; accept in one tap, decline with
 * a reason; her open cases with the patient details; start and complete; her upcoming duties and
 * the swap board (take over, propose a duty in return, accept a proposal, withdraw).
 */
import { get, post, qs } from '../api.js';
import { DECLINE_REASONS, DeclineReason, Disposition, DISPOSITIONS } from '../codes.js';
import { announce, field, h, mount } from '../dom.js';
import { errorText, errorView } from '../errors.js';
import { fmtCountdown, fmtDate, fmtSpan, fmtTime, hasText, t } from '../i18n.js';
import { describeRules } from '../rules.js';
import {
  CaseDetails,
  GpCase,
  GpShift,
  MyWork,
  Offer,
  ROUTES,
  SwapShift,
  SwapView,
  toSwap,
} from '../routes.js';
import type { ScreenFactory } from '../screen.js';

let audio: AudioContext | null = null;

/** Browsers allow sound only after a tap: the first tap anywhere unlocks it. */
function unlockAudio(): void {
  if (!audio) {
    const Ctx =
      window.AudioContext ??
      (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    audio = new Ctx();
  }
  void audio.resume();
}

/** Three rising beeps and a vibration pattern, where the browser allows. */
function ring(): void {
  if (audio && audio.state === 'running') {
    const ctx = audio;
    const start = ctx.currentTime;
    [0, 0.25, 0.5].forEach((offset, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 660 + i * 220;
      gain.gain.setValueAtTime(0.25, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.22);
    });
  }
  if ('vibrate' in navigator) navigator.vibrate([300, 150, 300, 150, 600]);
}

/** How often an unanswered offer rings again. */
const RING_EVERY_MS = 4000;

const notifications = () => ('Notification' in window ? Notification : null);

/** The complaint in the screen's language: the GP cannot read the protocol, so from i18n. */
export function complaintTitle(code: string | null | undefined): string | null {
  if (!code) return null;
  if (hasText(`complaint.${code}`)) return t(`complaint.${code}`);
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const dutyLine = (s: { start: string; end: string; kind: string; zoneId: string; role: string }) =>
  `${fmtSpan(s.start, s.end)} · ${t(`duty.${s.kind}`)} · ${s.zoneId} · ${t(`role.${s.role}`)}`;

export const gpScreen: ScreenFactory = (root, user) => {
  const gpId = user.gpId ?? '';
  let disposed = false;
  const offers = new Map<string, Offer>();
  /** Offers she muted: they stay on screen, silent. */
  const muted = new Set<string>();
  const shown = new Map<string, Notification>();
  let declining: string | null = null;
  let ringTimer: number | null = null;
  let myShifts: GpShift[] = [];
  let swaps: SwapView[] = [];

  const overlay = h('div', { id: 'offer-overlay' });
  const errorBox = h('div', { id: 'gp-error' });
  const casesBox = h('div', { id: 'my-cases' });
  const shiftsBox = h('div', { id: 'my-shifts' });
  const swapsBox = h('div', { id: 'swaps' });
  const soundButton = h('button', { type: 'button', id: 'sound-on' });

  const soundLabel = () => {
    const n = notifications();
    const on = audio?.state === 'running';
    soundButton.textContent = on
      ? `${t('soundOn')}${n?.permission === 'granted' ? ` · ${t('notificationsOn')}` : ''}`
      : t('enableSound');
  };
  soundButton.addEventListener('click', () => {
    unlockAudio();
    const n = notifications();
    if (n && n.permission === 'default') void n.requestPermission().then(soundLabel, soundLabel);
    window.setTimeout(soundLabel, 50);
  });
  soundLabel();
  document.addEventListener('pointerdown', unlockAudio, { once: true });

  const names = {
    gp: (id: string) =>
      id === gpId
        ? user.displayName
        : (swaps.flatMap((s) => [s.offeredBy, s.takenBy]).find((g) => g?.gpId === id)?.name ?? null),
    shift: (id: string) => {
      const own = myShifts.find((s) => s.shiftId === id);
      if (own) return dutyLine({ start: own.startsAt, end: own.endsAt, ...own });
      const swapped = swaps.map((s) => s.shift).find((s) => s?.id === id);
      return swapped ? dutyLine(swapped) : null;
    },
  };

  function showError(e: unknown): void {
    announce(errorText(e, { describe: describeRules(names) }));
    mount(errorBox, errorView(e, { describe: describeRules(names) }));
  }

  // ---- offers: screen, sound until answered, notification ----------------------------------
  const current = () => [...offers.values()][0];

  function stopRinging(): void {
    if (ringTimer !== null) window.clearInterval(ringTimer);
    ringTimer = null;
    if ('vibrate' in navigator) navigator.vibrate(0);
  }

  /** Rings now and every few seconds while an offer is unanswered and not muted. */
  function keepRinging(): void {
    const offer = current();
    if (!offer || muted.has(offer.offerId)) return stopRinging();
    ring();
    ringTimer ??= window.setInterval(() => {
      const top = current();
      if (!top || muted.has(top.offerId)) stopRinging();
      else ring();
    }, RING_EVERY_MS);
  }

  /** A system notification, when she allowed them and the screen is not in front of her. */
  function notify(offer: Offer): void {
    const n = notifications();
    if (!n || n.permission !== 'granted' || shown.has(offer.offerId)) return;
    if (document.visibilityState === 'visible' && document.hasFocus()) return;
    try {
      const note = new n(t('incomingOffer'), {
        body: `${offer.urgency} · ${t(`urgency.${offer.urgency}`)}`,
        tag: `offer-${offer.offerId}`,
        requireInteraction: true,
      });
      note.onclick = () => {
        window.focus();
        note.close();
      };
      shown.set(offer.offerId, note);
    } catch {
      // Mobile browsers allow notifications only from a service worker: the screen still rings.
    }
  }

  function forget(offerId: string): void {
    offers.delete(offerId);
    muted.delete(offerId);
    shown.get(offerId)?.close();
    shown.delete(offerId);
    if (declining === offerId) declining = null;
    if (!current()) stopRinging();
  }

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') for (const o of offers.values()) notify(o);
  };
  document.addEventListener('visibilitychange', onVisibility);

  function renderOffer(): void {
    const offer = current();
    if (!offer) {
      mount(overlay);
      return;
    }
    const left = offer.expiresAt ? Date.parse(offer.expiresAt) - Date.now() : 0;
    const isMuted = muted.has(offer.offerId);
    let first: HTMLElement;
    let actions: HTMLElement[];
    if (declining === offer.offerId) {
      const reasons = DECLINE_REASONS.map((r) =>
        h(
          'button',
          { class: 'big decline', 'data-reason': r, onclick: () => void answer(offer, r) },
          t(`decline.${r}`),
        ),
      );
      first = reasons[0];
      actions = [
        h('h3', { id: 'decline-title' }, t('declineWhy')),
        h('div', { class: 'reasons', role: 'group', 'aria-labelledby': 'decline-title' }, reasons),
        h(
          'button',
          {
            class: 'back',
            onclick: () => {
              declining = null;
              renderOffer();
            },
          },
          t('back'),
        ),
      ];
    } else {
      first = h(
        'button',
        { class: 'big accept', id: 'offer-accept', onclick: () => void answer(offer, null) },
        t('accept'),
      );
      actions = [
        first,
        h(
          'button',
          {
            class: 'big decline',
            id: 'offer-decline',
            onclick: () => {
              declining = offer.offerId;
              renderOffer();
            },
          },
          t('decline'),
        ),
      ];
    }
    mount(
      overlay,
      h(
        'div',
        {
          class: 'offer',
          role: 'alertdialog',
          'aria-modal': 'true',
          'aria-labelledby': 'offer-title',
          'data-offer-id': offer.offerId,
        },
        h('h2', { id: 'offer-title' }, t('incomingOffer')),
        h(
          'p',
          {},
          h('span', { class: `badge ${offer.urgency}` }, offer.urgency),
          ' ',
          t(`urgency.${offer.urgency}`),
        ),
        offer.expiresAt
          ? h(
              'p',
              { id: 'offer-expiry', 'data-expires': offer.expiresAt },
              t('expiresIn', { t: fmtCountdown(left) }),
            )
          : null,
        actions,
        h(
          'button',
          {
            class: 'mute',
            id: 'offer-mute',
            'aria-pressed': String(isMuted),
            disabled: isMuted,
            onclick: () => {
              muted.add(offer.offerId);
              stopRinging();
              renderOffer();
            },
          },
          isMuted ? t('muted') : t('mute'),
        ),
      ),
    );
    first.focus();
  }

  function showOffer(offer: Offer, ack?: () => void): void {
    const isNew = !offers.has(offer.offerId);
    offers.set(offer.offerId, offer);
    renderOffer();
    ack?.();
    if (isNew) {
      keepRinging();
      notify(offer);
      announce(`${t('incomingOffer')}: ${offer.urgency}`);
    }
  }

  /** Accept (reason null) or decline with her reason. */
  async function answer(offer: Offer, reason: DeclineReason | null): Promise<void> {
    forget(offer.offerId);
    renderOffer();
    mount(errorBox);
    try {
      if (reason === null) await post(ROUTES.acceptOffer(offer.offerId), {});
      else await post(ROUTES.declineOffer(offer.offerId), { reasonCode: reason });
    } catch (e) {
      showError(e);
    }
    await loadWork();
  }

  // ---- cases --------------------------------------------------------------------------------
  /** Pending offers and held cases (what a reconnecting screen restores), with patient details. */
  async function loadWork(): Promise<void> {
    const work = await get<MyWork>(ROUTES.myWork);
    if (disposed) return;
    for (const o of work.offers) if (!offers.has(o.offerId)) showOffer(o);
    const list = work.cases;
    const details = await Promise.all(
      list.map((c) => get<CaseDetails>(ROUTES.caseDetail(c.caseId, 'care')).catch(() => null)),
    );
    if (disposed) return;
    if (list.length === 0) {
      mount(casesBox, h('p', { class: 'muted' }, t('noCases')));
      return;
    }
    mount(
      casesBox,
      list.map((c, i) => caseCard(c, details[i])),
    );
  }

  function caseCard(c: GpCase, d: CaseDetails | null): HTMLElement {
    const disposition = h(
      'select',
      { name: 'disposition' },
      DISPOSITIONS.filter((x) => x !== 'handed_to_112').map((x) =>
        h('option', { value: x, selected: x === (d?.disposition ?? c.disposition) }, t(`disposition.${x}`)),
      ),
    );
    const started = c.status === 'started';
    const p = d?.patient;
    const address = p
      ? [p.address.street, `${p.address.postcode} ${p.address.city ?? ''}`.trim()].filter(Boolean).join(', ')
      : c.postcode;
    const phone = p?.phone ?? d?.caller.phone;
    const row = (label: string, value: Node | string | null | undefined) =>
      value ? [h('dt', {}, label), h('dd', {}, value)] : null;
    return h(
      'article',
      { class: `card case ${c.urgency}`, 'data-case-id': c.caseId, 'data-status': c.status },
      h(
        'h3',
        {},
        h('span', { class: `badge ${c.urgency}` }, c.urgency),
        ' ',
        p?.name ?? t('patient'),
        ' ',
        h('span', { class: 'status' }, t(`status.${c.status}`)),
      ),
      h(
        'dl',
        {},
        row(t('complaint'), complaintTitle(d?.complaintCode)),
        row(t('address'), address),
        row(t('patientBirthDate'), p ? fmtDate(p.birthDate) : null),
        row(t('patientLanguage'), p ? t(`lang.${p.language}`) : null),
        row(
          t('phone'),
          phone ? h('a', { href: `tel:${phone.replace(/\s/g, '')}`, class: 'tel' }, phone) : null,
        ),
        row(t('disposition'), c.disposition ? t(`disposition.${c.disposition}`) : null),
        row(t('due'), c.dueAt ? fmtTime(c.dueAt) : null),
      ),
      h(
        'div',
        { class: 'actions' },
        started
          ? [
              field(t('disposition'), disposition),
              h(
                'button',
                {
                  class: 'primary',
                  onclick: () =>
                    void act(ROUTES.completeCase(c.caseId), {
                      disposition: disposition.value as Disposition,
                    }),
                },
                t('complete'),
              ),
            ]
          : [
              h(
                'button',
                {
                  class: 'primary',
                  onclick: () => void act(ROUTES.startCase(c.caseId), { mode: 'consultation' }),
                },
                t('startConsult'),
              ),
              h(
                'button',
                { onclick: () => void act(ROUTES.startCase(c.caseId), { mode: 'en_route' }) },
                t('startEnRoute'),
              ),
            ],
      ),
    );
  }

  async function act(path: string, body: unknown): Promise<void> {
    mount(errorBox);
    try {
      await post(path, body);
    } catch (e) {
      showError(e);
    }
    await loadWork();
  }

  // ---- shifts and swaps ---------------------------------------------------------------------
  async function loadShifts(): Promise<void> {
    myShifts = await get<GpShift[]>(ROUTES.gpShifts(gpId, qs({ from: new Date().toISOString() }))).catch(
      () => [] as GpShift[],
    );
    if (disposed) return;
    renderShifts();
  }

  /** Her duties in a swap still in play (offered, proposed, waiting for the planner). */
  const offeredByMe = () =>
    new Set(
      swaps
        .filter((s) => s.offeredBy.gpId === gpId || s.takenBy?.gpId === gpId)
        .flatMap((s) => [s.assignmentId, s.counterAssignmentId ?? '']),
    );

  function renderShifts(): void {
    const offered = offeredByMe();
    mount(
      shiftsBox,
      myShifts.length === 0
        ? h('p', { class: 'muted' }, t('noShifts'))
        : h(
            'ul',
            { class: 'duties' },
            myShifts
              .slice(0, 12)
              .map((s) =>
                h(
                  'li',
                  { 'data-assignment-id': s.assignmentId },
                  h('span', {}, dutyLine({ start: s.startsAt, end: s.endsAt, ...s })),
                  offered.has(s.assignmentId)
                    ? h('span', { class: 'status' }, t('offered'))
                    : h(
                        'button',
                        { onclick: () => void swapStep(ROUTES.offerSwap, { assignmentId: s.assignmentId }) },
                        t('offerSwap'),
                      ),
                ),
              ),
          ),
    );
  }

  async function swapStep(path: string, body: unknown = {}): Promise<void> {
    mount(errorBox);
    try {
      await post(path, body);
      announce(t('swapDone'));
    } catch (e) {
      showError(e);
    }
    await loadShifts();
    await loadSwaps();
  }

  const shiftText = (s: SwapShift | null) => (s ? dutyLine(s) : '');

  async function loadSwaps(): Promise<void> {
    if (!user.kringId) return;
    swaps = (await get<unknown[]>(ROUTES.swaps).catch(() => [] as unknown[])).map(toSwap);
    if (disposed) return;
    renderShifts();
    const others = swaps.filter((s) => s.status === 'open' && s.offeredBy.gpId !== gpId);
    const mine = swaps.filter((s) => s.offeredBy.gpId === gpId || s.takenBy?.gpId === gpId);
    const offered = offeredByMe();
    const tradeable = myShifts.filter((s) => !offered.has(s.assignmentId));
    mount(
      swapsBox,
      h('h3', {}, t('swapsOffered')),
      others.length === 0
        ? h('p', { class: 'muted' }, t('noSwaps'))
        : h(
            'ul',
            { class: 'duties' },
            others.map((s) => {
              const counter = h(
                'select',
                { 'aria-label': t('myShiftInReturn') },
                tradeable.map((m) =>
                  h(
                    'option',
                    { value: m.assignmentId },
                    dutyLine({ start: m.startsAt, end: m.endsAt, ...m }),
                  ),
                ),
              );
              return h(
                'li',
                { 'data-swap-id': s.id },
                h('span', {}, shiftText(s.shift)),
                h('span', { class: 'muted' }, t('swapOffered', { name: s.offeredBy.name })),
                h(
                  'div',
                  { class: 'actions' },
                  h(
                    'button',
                    { class: 'primary', onclick: () => void swapStep(ROUTES.takeSwap(s.id)) },
                    t('takeSwap'),
                  ),
                ),
                tradeable.length
                  ? h(
                      'details',
                      {},
                      h('summary', {}, t('proposeSwap')),
                      field(t('myShiftInReturn'), counter),
                      h(
                        'button',
                        {
                          onclick: () =>
                            void swapStep(ROUTES.takeSwap(s.id), { counterAssignmentId: counter.value }),
                        },
                        t('proposeSwap'),
                      ),
                    )
                  : null,
              );
            }),
          ),
      mine.length
        ? [
            h('h3', {}, t('swapsMine')),
            h(
              'ul',
              { class: 'duties' },
              mine.map((s) => {
                const offeredByMe = s.offeredBy.gpId === gpId;
                const own = myShifts.find((m) => m.assignmentId === s.counterAssignmentId);
                const inReturn = s.counterShift
                  ? t('inReturnFor', { shift: dutyLine(s.counterShift) })
                  : own
                    ? t('inReturnFor', { shift: dutyLine({ start: own.startsAt, end: own.endsAt, ...own }) })
                    : s.counterAssignmentId
                      ? t('inReturnUnknown')
                      : null;
                let state: string;
                if (!offeredByMe)
                  state = t(s.status === 'pending' ? 'swap.pendingMine' : 'swap.proposedByMe', {
                    name: s.offeredBy.name,
                  });
                else if (s.status === 'proposed') state = t('swap.proposed', { name: s.takenBy?.name ?? '' });
                else state = t(`swap.${s.status}`);
                return h(
                  'li',
                  { 'data-swap-id': s.id, 'data-status': s.status },
                  h('span', {}, shiftText(s.shift)),
                  h('span', { class: 'muted' }, state),
                  inReturn ? h('span', { class: 'muted' }, inReturn) : null,
                  offeredByMe && (s.status === 'open' || s.status === 'proposed')
                    ? h(
                        'div',
                        { class: 'actions' },
                        s.status === 'proposed'
                          ? h(
                              'button',
                              { class: 'primary', onclick: () => void swapStep(ROUTES.acceptSwap(s.id)) },
                              t('acceptSwap'),
                            )
                          : null,
                        h(
                          'button',
                          { onclick: () => void swapStep(ROUTES.withdrawSwap(s.id)) },
                          t('withdraw'),
                        ),
                      )
                    : null,
                );
              }),
            ),
          ]
        : null,
    );
  }

  mount(
    root,
    h(
      'div',
      { class: 'gp' },
      overlay,
      h('p', {}, soundButton),
      errorBox,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'cases-title' },
        h('h2', { id: 'cases-title' }, t('myCases')),
        casesBox,
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'shifts-title' },
        h('h2', { id: 'shifts-title' }, t('myShifts')),
        shiftsBox,
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'swaps-title' },
        h('h2', { id: 'swaps-title' }, t('swaps')),
        swapsBox,
      ),
    ),
  );

  const timer = window.setInterval(() => {
    const el = document.getElementById('offer-expiry');
    if (el)
      el.textContent = t('expiresIn', { t: fmtCountdown(Date.parse(el.dataset.expires ?? '') - Date.now()) });
  }, 1000);

  void Promise.all([loadWork(), loadShifts().then(loadSwaps)]).catch(showError);

  return {
    push(p, ack) {
      if (p.name === 'offer.new') {
        if (p.payload.gpId === gpId) showOffer(p.payload, ack);
        else ack?.();
        return;
      }
      ack?.();
      if (p.name === 'offer.ended') {
        forget(p.payload.offerId);
        renderOffer();
      }
      if (p.name === 'case.changed' || p.name === 'offer.ended') void loadWork();
      if (p.name === 'roster.changed') void loadShifts().then(loadSwaps);
    },
    reconnected() {
      // Open offers come from dispatch, the source of truth, not only from the gateway's resend.
      void Promise.all([loadWork(), loadShifts().then(loadSwaps)]).catch(showError);
    },
    dispose() {
      disposed = true;
      stopRinging();
      for (const n of shown.values()) n.close();
      document.removeEventListener('visibilitychange', onVisibility);
      window.clearInterval(timer);
    },
  };
};
