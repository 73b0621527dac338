/**
 * GP on duty, phone first: an offer takes the whole screen with sound and vibration, accept or
 * decline in one tap; her open cases with the patient details; start and complete; her
 * upcoming duties and the swap board.
 */
import { get, post, qs } from '../api.js';
import { Disposition, DISPOSITIONS } from '../codes.js';
import { announce, field, h, mount } from '../dom.js';
import { brusselsDate, fmtCountdown, fmtDateTime, fmtTime, t } from '../i18n.js';
import { CaseDetails, GpCase, GpShift, MyWork, Offer, ROUTES, SwapView } from '../routes.js';
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
    const start = audio.currentTime;
    [0, 0.25, 0.5].forEach((offset, i) => {
      const osc = audio!.createOscillator();
      const gain = audio!.createGain();
      osc.frequency.value = 660 + i * 220;
      gain.gain.setValueAtTime(0.25, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.2);
      osc.connect(gain).connect(audio!.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.22);
    });
  }
  if ('vibrate' in navigator) navigator.vibrate([300, 150, 300, 150, 600]);
}

export const gpScreen: ScreenFactory = (root, user) => {
  const gpId = user.gpId ?? '';
  let disposed = false;
  const offers = new Map<string, Offer>();
  const overlay = h('div', { id: 'offer-overlay' });
  const casesBox = h('div', { id: 'my-cases' });
  const shiftsBox = h('div', { id: 'my-shifts' });
  const swapsBox = h('div', { id: 'swaps' });
  const soundButton = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        unlockAudio();
        soundButton.textContent = t('soundOn');
      },
    },
    t('enableSound'),
  );
  document.addEventListener('pointerdown', unlockAudio, { once: true });

  // ---- offers -------------------------------------------------------------------------------
  function renderOffer(): void {
    const offer = [...offers.values()][0];
    if (!offer) {
      mount(overlay);
      return;
    }
    const left = offer.expiresAt ? Date.parse(offer.expiresAt) - Date.now() : 0;
    const accept = h(
      'button',
      { class: 'big accept', id: 'offer-accept', onclick: () => void answer(offer, true) },
      t('accept'),
    );
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
        accept,
        h(
          'button',
          { class: 'big decline', id: 'offer-decline', onclick: () => void answer(offer, false) },
          t('decline'),
        ),
      ),
    );
    accept.focus();
  }

  function showOffer(offer: Offer, ack?: () => void): void {
    const isNew = !offers.has(offer.offerId);
    offers.set(offer.offerId, offer);
    renderOffer();
    ack?.();
    if (isNew) {
      ring();
      announce(`${t('incomingOffer')}: ${offer.urgency}`);
    }
  }

  async function answer(offer: Offer, yes: boolean): Promise<void> {
    offers.delete(offer.offerId);
    renderOffer();
    try {
      if (yes) await post(ROUTES.acceptOffer(offer.offerId), {});
      else await post(ROUTES.declineOffer(offer.offerId), { reasonCode: 'busy_with_patient' });
    } catch (e) {
      announce(t('error', { msg: (e as Error).message }));
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
        row(t('address'), address),
        row(t('patientBirthDate'), p?.birthDate),
        row(t('patientLanguage'), p ? t(`lang.${p.language}`) : null),
        row(t('phone'), phone ? h('a', { href: `tel:${phone}` }, phone) : null),
        row(t('complaint'), d?.complaintCode ?? null),
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
    try {
      await post(path, body);
    } catch (e) {
      announce(t('error', { msg: (e as Error).message }));
    }
    await loadWork();
  }

  // ---- shifts and swaps ---------------------------------------------------------------------
  async function loadShifts(): Promise<void> {
    const shifts = await get<GpShift[]>(ROUTES.gpShifts(gpId, qs({ from: brusselsDate() }))).catch(
      () => [] as GpShift[],
    );
    if (disposed) return;
    mount(
      shiftsBox,
      shifts.length === 0
        ? h('p', { class: 'muted' }, t('noShifts'))
        : h(
            'ul',
            {},
            shifts
              .slice(0, 12)
              .map((s) =>
                h(
                  'li',
                  {},
                  `${fmtDateTime(s.startsAt)} – ${fmtTime(s.endsAt)} · ${t(`duty.${s.kind}`)} · ${t(`role.${s.role}`)} `,
                  h('button', { onclick: () => void offerSwap(s) }, t('offerSwap')),
                ),
              ),
          ),
    );
  }

  async function offerSwap(s: GpShift): Promise<void> {
    try {
      await post(ROUTES.offerSwap, { assignmentId: s.assignmentId });
    } catch (e) {
      announce(t('error', { msg: (e as Error).message }));
    }
    await loadSwaps();
  }

  async function loadSwaps(): Promise<void> {
    if (!user.kringId) return;
    const swaps = await get<SwapView[]>(ROUTES.swaps).catch(() => [] as SwapView[]);
    if (disposed) return;
    const others = swaps.filter((s) => s.status === 'open' && s.offeredBy !== gpId);
    mount(
      swapsBox,
      others.length === 0
        ? h('p', { class: 'muted' }, t('noSwaps'))
        : h(
            'ul',
            {},
            others.map((s) =>
              h(
                'li',
                {},
                `${fmtDateTime(s.startsAt)} · ${t(`duty.${s.kind ?? 'wachtpost'}`)} · ${t('swapOffered', { name: s.offeredByName ?? '' })} `,
                h(
                  'button',
                  {
                    onclick: () =>
                      void post(ROUTES.takeSwap(s.id), {})
                        .catch((e: Error) => announce(t('error', { msg: e.message })))
                        .then(() => Promise.all([loadSwaps(), loadShifts()])),
                  },
                  t('takeSwap'),
                ),
              ),
            ),
          ),
    );
  }

  mount(
    root,
    h(
      'div',
      { class: 'gp' },
      overlay,
      h('p', {}, soundButton),
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

  void Promise.all([loadWork(), loadShifts(), loadSwaps()]).catch((e: Error) =>
    announce(t('error', { msg: e.message })),
  );

  return {
    push(p, ack) {
      if (p.name === 'offer.new') {
        if (p.payload.gpId === gpId) showOffer(p.payload, ack);
        else ack?.();
        return;
      }
      ack?.();
      if (p.name === 'offer.ended') {
        offers.delete(p.payload.offerId);
        renderOffer();
      }
      if (p.name === 'case.changed' || p.name === 'offer.ended') void loadWork();
      if (p.name === 'roster.changed') {
        void loadShifts();
        void loadSwaps();
      }
    },
    dispose() {
      disposed = true;
      window.clearInterval(timer);
    },
  };
};
