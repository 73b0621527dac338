/**
 * Dispatcher: call intake driven by the triage protocol, the live queue of her wachtpost with
 * SLA countdowns, the on-duty board, and the case actions. Keyboard first (see SHORTCUTS).
 */
import { get, post } from '../api.js';
import {
  CALLER_RELATIONS,
  CANCEL_REASONS,
  CHANNELS,
  Disposition,
  DISPOSITIONS,
  LANGUAGES,
  Urgency,
  URGENCIES,
} from '../codes.js';
import { announce, field, h, mount } from '../dom.js';
import { errorText, errorView } from '../errors.js';
import { fmtCountdown, fmtTime, pickText, t } from '../i18n.js';
import type { ScreenFactory } from '../screen.js';
import {
  Board,
  CaseView,
  DispatchCase,
  Protocol,
  ProtocolComplaint,
  REASSIGN_REASONS,
  ROUTES,
  TriageBody,
} from '../routes.js';

type QueueRow = CaseView & { dispatch?: DispatchCase };

const SHORTCUTS: Array<[string, string]> = [
  ['Alt+N', 'sc.new'],
  ['Ctrl+Enter', 'sc.submit'],
  ['Alt+Q', 'sc.queue'],
  ['↑ ↓', 'sc.move'],
  ['Alt+T', 'sc.112'],
  ['Alt+R', 'sc.reassign'],
  ['Alt+X', 'sc.cancel'],
  ['Alt+C', 'sc.close'],
];

/** Fraction of the time to target used: amber from 75%, red once past due. */
export function dueState(receivedAt: string, dueAt: string, now: number): 'ok' | 'amber' | 'red' {
  const start = Date.parse(receivedAt);
  const end = Date.parse(dueAt);
  if (now >= end) return 'red';
  return end > start && (now - start) / (end - start) >= 0.75 ? 'amber' : 'ok';
}

/** Applies the protocol to the answers: the first rule whose conditions all hold, else `otherwise`. */
function propose(
  complaint: ProtocolComplaint,
  answers: Record<string, string>,
): { urgency: Urgency; disposition: Disposition; advice: unknown } | null {
  if (complaint.questions.some((q) => !answers[q.id])) return null;
  const rule = complaint.rules.find((r) =>
    Object.entries(r.when).every(([qid, codes]) => codes.includes(answers[qid])),
  );
  return rule ?? complaint.otherwise;
}

/** The disposition an override to `urgency` starts from when the current one does not fit it. */
const DEFAULT_DISPOSITION: Record<Urgency, Disposition> = {
  U1: 'handed_to_112',
  U2: 'home_visit_priority',
  U3: 'consultation',
  U4: 'consultation',
  U5: 'phone_advice',
};

/** GP names from the roster's directory; an id we cannot name shows as its first characters. */
const gpNames = new Map<string, string>();
const short = (id: string | null | undefined) => (id ? (gpNames.get(id) ?? id.slice(0, 8)) : '');

export const dispatcherScreen: ScreenFactory = (root, user) => {
  const wachtpostId = user.wachtpostId ?? '';
  let protocol: Protocol | null = null;
  let cases: QueueRow[] = [];
  let board: Board | null = null;
  let selected: string | null = null;
  let disposed = false;

  // ---- intake -------------------------------------------------------------------------------
  const channel = h(
    'select',
    { name: 'channel' },
    CHANNELS.map((c) => h('option', { value: c, selected: c === 'wachtpost_phone' }, t(`channel.${c}`))),
  );
  const callerName = h('input', { name: 'callerName', autocomplete: 'off' });
  const callerPhone = h('input', { name: 'callerPhone', type: 'tel', autocomplete: 'off' });
  const relation = h(
    'select',
    { name: 'relation' },
    CALLER_RELATIONS.map((r) => h('option', { value: r }, t(`relation.${r}`))),
  );
  const patientName = h('input', { name: 'patientName', autocomplete: 'off', required: true });
  const birthDate = h('input', { name: 'birthDate', type: 'date', required: true });
  const insz = h('input', { name: 'insz', inputmode: 'numeric', autocomplete: 'off' });
  const street = h('input', { name: 'street', autocomplete: 'off' });
  const postcode = h('input', {
    name: 'postcode',
    inputmode: 'numeric',
    pattern: '\\d{4}',
    maxlength: 4,
    required: true,
  });
  const city = h('input', { name: 'city', autocomplete: 'off' });
  const language = h(
    'select',
    { name: 'language' },
    LANGUAGES.map((l) => h('option', { value: l }, t(`lang.${l}`))),
  );
  const complaint = h('select', { name: 'complaint', required: true });
  const questionsBox = h('div', { id: 'questions', 'aria-live': 'polite' });
  const proposalBox = h('div', { id: 'proposal', 'aria-live': 'polite' });
  const overrideUrgency = h(
    'select',
    { name: 'overrideUrgency' },
    h('option', { value: '' }, t('none')),
    URGENCIES.map((u) => h('option', { value: u }, t(`urgency.${u}`))),
  );
  const overrideDisposition = h(
    'select',
    { name: 'overrideDisposition' },
    DISPOSITIONS.map((d) => h('option', { value: d }, t(`disposition.${d}`))),
  );
  const overrideReason = h('input', { name: 'overrideReason', autocomplete: 'off' });
  const overrideBox = h('details', { id: 'override' });
  const formError = h('div', { id: 'intake-error' });
  const submit = h(
    'button',
    { class: 'primary', type: 'submit', id: 'triage-submit' },
    t('triage'),
    ' ',
    h('kbd', {}, 'Ctrl+Enter'),
  );
  let answers: Record<string, string> = {};
  /** One key per call: a retried submit replays the same case instead of making a second. */
  let idempotencyKey = crypto.randomUUID();

  const currentComplaint = () => protocol?.definition.complaints.find((c) => c.code === complaint.value);

  function renderQuestions(): void {
    const c = currentComplaint();
    answers = {};
    mount(
      questionsBox,
      c
        ? c.questions.map((q) =>
            h(
              'fieldset',
              { 'data-question': q.id },
              h('legend', {}, pickText(q.text)),
              q.options.map((o) =>
                h(
                  'label',
                  { class: 'inline' },
                  h('input', {
                    type: 'radio',
                    name: `q-${q.id}`,
                    value: o.code,
                    required: true,
                    onchange: () => {
                      answers[q.id] = o.code;
                      renderProposal();
                    },
                  }),
                  pickText(o.label),
                ),
              ),
            ),
          )
        : null,
    );
    renderProposal();
  }

  /** The override the dispatcher set, if any: sent with the triage, so only its result acts. */
  function override(): TriageBody['override'] {
    if (!overrideUrgency.value) return undefined;
    return {
      urgency: overrideUrgency.value as Urgency,
      disposition: overrideDisposition.value as Disposition,
      reason: overrideReason.value.trim(),
    };
  }

  function renderProposal(): void {
    const c = currentComplaint();
    const p = c ? propose(c, answers) : null;
    if (!p) {
      mount(proposalBox);
      return;
    }
    // Without an override of her own, the override fields start from the proposal.
    if (!overrideUrgency.value) overrideDisposition.value = p.disposition;
    const o = override();
    mount(
      proposalBox,
      h(
        'div',
        { class: 'proposal' },
        h('strong', {}, t('proposal'), ': '),
        h('span', { class: `badge ${p.urgency}`, id: 'proposed-urgency' }, p.urgency),
        ' ',
        t(`urgency.${p.urgency}`),
        h(
          'div',
          {},
          t('proposedDisposition'),
          ': ',
          h('strong', { id: 'proposed-disposition' }, t(`disposition.${p.disposition}`)),
        ),
        h('div', { class: 'muted' }, pickText(p.advice)),
        o
          ? h(
              'div',
              { class: 'final', id: 'final-outcome' },
              h('strong', {}, t('willSend'), ': '),
              h('span', { class: `badge ${o.urgency}`, id: 'final-urgency' }, o.urgency),
              ` ${t(`disposition.${o.disposition}`)} (${t('overridden')})`,
            )
          : null,
      ),
    );
  }

  complaint.addEventListener('change', renderQuestions);
  overrideUrgency.addEventListener('change', () => {
    const u = overrideUrgency.value as Urgency | '';
    // U1 always goes to 112 and only U1 does: the disposition follows the urgency.
    if (u === 'U1') overrideDisposition.value = 'handed_to_112';
    else if (u && overrideDisposition.value === 'handed_to_112')
      overrideDisposition.value = DEFAULT_DISPOSITION[u];
    renderProposal();
  });
  overrideDisposition.addEventListener('change', renderProposal);

  function resetForm(): void {
    form.reset();
    overrideBox.open = false;
    idempotencyKey = crypto.randomUUID();
    renderQuestions();
    mount(formError);
  }

  function refuse(message: string, focus: HTMLElement): void {
    mount(formError, h('p', { class: 'error', role: 'alert' }, message));
    overrideBox.open = true;
    focus.focus();
  }

  async function submitCall(): Promise<void> {
    mount(formError);
    if (!form.reportValidity()) return;
    const o = override();
    if (o && o.reason.length < 3) return refuse(t('overrideReasonNeeded'), overrideReason);
    if (o && (o.urgency === 'U1') !== (o.disposition === 'handed_to_112'))
      return refuse(t('overrideU1Only'), overrideDisposition);
    submit.disabled = true;
    try {
      const created = await post<CaseView>(
        ROUTES.createCase,
        {
          channel: channel.value,
          caller: {
            name: callerName.value.trim() || undefined,
            phone: callerPhone.value.trim() || undefined,
            relation: relation.value,
          },
          patient: {
            name: patientName.value.trim(),
            birthDate: birthDate.value,
            insz: insz.value.replace(/\D/g, '') || undefined,
            address: {
              street: street.value.trim() || undefined,
              postcode: postcode.value.trim(),
              city: city.value.trim() || undefined,
            },
            language: language.value,
          },
        },
        { 'idempotency-key': idempotencyKey },
      );
      // One request: a proposed U1 downgraded here never reaches 112, and a U2 is offered to a
      // GP only as what the override makes it.
      const body: TriageBody = { version: created.version, complaintCode: complaint.value, answers };
      if (o) body.override = o;
      const result = await post<CaseView>(ROUTES.triageCase(created.id), body);
      announce(t('triaged', { urgency: result.urgency ?? '' }));
      resetForm();
      selected = created.id;
      await loadQueue();
      patientName.focus();
    } catch (e) {
      mount(formError, errorView(e));
    } finally {
      submit.disabled = false;
    }
  }

  const form = h(
    'form',
    {
      id: 'intake',
      novalidate: true,
      'aria-labelledby': 'intake-title',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void submitCall();
      },
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submitCall();
        }
      },
    },
    h('h2', { id: 'intake-title' }, t('intake'), ' ', h('kbd', {}, 'Alt+N')),
    field(t('channel'), channel),
    h('div', { class: 'row' }, field(t('callerName'), callerName), field(t('callerPhone'), callerPhone)),
    h('div', { class: 'row' }, field(t('relation'), relation), field(t('patientLanguage'), language)),
    h('div', { class: 'row' }, field(t('patientName'), patientName), field(t('patientBirthDate'), birthDate)),
    field(t('insz'), insz, t('inszHint')),
    h(
      'div',
      { class: 'row' },
      h('div', { class: 'narrow' }, field(t('postcode'), postcode)),
      field(t('city'), city),
    ),
    field(t('street'), street),
    field(t('complaint'), complaint),
    questionsBox,
    proposalBox,
    overrideBox,
    formError,
    submit,
  );

  // ---- queue --------------------------------------------------------------------------------
  const alarmBox = h('div', { id: 'alarms', 'aria-live': 'assertive' });
  const actionBox = h('div', { id: 'case-action' });
  const queueBody = h('tbody');
  mount(
    overrideBox,
    h('summary', {}, t('override')),
    field(t('urgency'), overrideUrgency),
    field(t('disposition'), overrideDisposition),
    field(t('overrideReason'), overrideReason),
  );

  const queueTable = h(
    'table',
    { id: 'queue', 'aria-labelledby': 'queue-title', tabindex: 0 },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['U', t('received'), t('due'), t('postcode'), t('complaint'), t('status'), t('gp')].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    queueBody,
  );
  queueTable.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = cases.findIndex((c) => c.id === selected);
    const next = cases[Math.min(Math.max(i + (e.key === 'ArrowDown' ? 1 : -1), 0), cases.length - 1)];
    if (next) select(next.id);
  });

  function select(id: string): void {
    selected = id;
    for (const row of queueBody.querySelectorAll('tr')) {
      row.setAttribute('aria-selected', String(row.dataset.caseId === id));
    }
    renderActions(null);
  }

  function complaintLabel(code: string | null | undefined): string {
    const c = protocol?.definition.complaints.find((x) => x.code === code);
    return c ? pickText(c.label) : (code ?? '');
  }

  function renderQueue(): void {
    const now = Date.now();
    const alarms = cases.filter((c) => c.dispatch?.alarmCode);
    mount(
      alarmBox,
      alarms.map((c) =>
        h(
          'div',
          { class: 'alarm', role: 'alert' },
          `${t('alarm')} ${c.urgency ?? ''} ${c.postcode}: ${t(`alarm.${c.dispatch?.alarmCode}`)}`,
        ),
      ),
    );
    if (cases.length === 0) {
      mount(queueBody, h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('queueEmpty'))));
      renderActions(null);
      return;
    }
    mount(
      queueBody,
      cases.map((c) => {
        const state = c.dueAt ? dueState(c.receivedAt, c.dueAt, now) : 'ok';
        const status = c.dispatch?.status ?? c.status;
        return h(
          'tr',
          {
            'data-case-id': c.id,
            'data-status': status,
            'aria-selected': String(c.id === selected),
            onclick: () => select(c.id),
          },
          h(
            'td',
            {},
            c.urgency
              ? h('span', { class: `badge ${c.urgency}`, title: t(`urgency.${c.urgency}`) }, c.urgency)
              : '—',
          ),
          h('td', {}, fmtTime(c.receivedAt)),
          h(
            'td',
            {},
            c.dueAt
              ? h(
                  'span',
                  {
                    class: `due ${state === 'ok' ? '' : state}`,
                    'data-due': c.dueAt,
                    'data-received': c.receivedAt,
                  },
                  fmtCountdown(Date.parse(c.dueAt) - now),
                )
              : '',
          ),
          h('td', {}, c.postcode),
          h('td', {}, complaintLabel(c.complaintCode)),
          h(
            'td',
            {},
            h('span', { class: `status ${c.dispatch?.alarmCode ? 'alarm' : status}` }, t(`status.${status}`)),
          ),
          h('td', {}, short(c.dispatch?.gpId ?? c.assignedGpId ?? c.offeredGpId)),
        );
      }),
    );
    renderActions(null);
  }

  /** Ticks the countdowns without rebuilding the table. */
  function tick(): void {
    const now = Date.now();
    for (const el of queueBody.querySelectorAll<HTMLElement>('.due')) {
      const due = el.dataset.due ?? '';
      el.textContent = fmtCountdown(Date.parse(due) - now);
      const state = dueState(el.dataset.received ?? '', due, now);
      el.className = `due ${state === 'ok' ? '' : state}`;
    }
  }

  type Action = '112' | 'reassign' | 'cancel' | 'close';

  /** The action bar of the selected case; `open` shows the form of one action. */
  function renderActions(open: Action | null): void {
    const c = cases.find((x) => x.id === selected);
    if (!c) {
      mount(actionBox);
      return;
    }
    const buttons = h(
      'div',
      { class: 'actions', role: 'toolbar', 'aria-label': t('actions') },
      h(
        'button',
        { class: 'danger', id: 'act-112', onclick: () => renderActions('112') },
        t('handTo112'),
        ' ',
        h('kbd', {}, 'Alt+T'),
      ),
      h(
        'button',
        { id: 'act-reassign', onclick: () => renderActions('reassign') },
        t('reassign'),
        ' ',
        h('kbd', {}, 'Alt+R'),
      ),
      h(
        'button',
        { id: 'act-cancel', onclick: () => renderActions('cancel') },
        t('cancelCase'),
        ' ',
        h('kbd', {}, 'Alt+X'),
      ),
      h(
        'button',
        { id: 'act-close', onclick: () => renderActions('close') },
        t('closeCase'),
        ' ',
        h('kbd', {}, 'Alt+C'),
      ),
    );
    let panel: HTMLElement | null = null;
    let first: HTMLElement | null = null;
    if (open === '112') {
      first = h(
        'button',
        {
          class: 'danger',
          onclick: () => void run(() => post(ROUTES.handTo112(c.id), { version: c.version })),
        },
        t('confirm112'),
      );
      panel = h('div', { class: 'row' }, first);
    } else if (open === 'reassign') {
      const gps = (board?.zones ?? []).flatMap((z) => z.onDuty.map((d) => ({ ...d, zoneId: z.zoneId })));
      const gp = h(
        'select',
        {},
        gps.map((d) =>
          h(
            'option',
            { value: d.gpId },
            `${short(d.gpId)} · ${d.zoneId} · ${t(`role.${d.role}`)} (${d.openCases})`,
          ),
        ),
      );
      const reason = h(
        'select',
        {},
        REASSIGN_REASONS.map((r) => h('option', { value: r }, t(`reassign.${r}`))),
      );
      first = gp;
      panel = h(
        'div',
        { class: 'row' },
        field(t('gp'), gp),
        field(t('reason'), reason),
        h(
          'button',
          {
            class: 'primary',
            onclick: () =>
              void run(() => post(ROUTES.reassign(c.id), { gpId: gp.value, reasonCode: reason.value })),
          },
          t('reassign'),
        ),
      );
    } else if (open === 'cancel') {
      const reason = h(
        'select',
        {},
        CANCEL_REASONS.map((r) => h('option', { value: r }, t(`cancel.${r}`))),
      );
      first = reason;
      panel = h(
        'div',
        { class: 'row' },
        field(t('reason'), reason),
        h(
          'button',
          {
            class: 'primary',
            onclick: () =>
              void run(() =>
                post(ROUTES.cancelCase(c.id), {
                  version: c.version,
                  reasonCode: reason.value,
                  reason: reason.value === 'other' ? 'other' : undefined,
                }),
              ),
          },
          t('cancelCase'),
        ),
      );
    } else if (open === 'close') {
      const disposition = h(
        'select',
        {},
        DISPOSITIONS.map((d) =>
          h('option', { value: d, selected: d === c.disposition }, t(`disposition.${d}`)),
        ),
      );
      first = disposition;
      panel = h(
        'div',
        { class: 'row' },
        field(t('disposition'), disposition),
        h(
          'button',
          {
            class: 'primary',
            onclick: () =>
              void run(() =>
                post(ROUTES.closeCase(c.id), { version: c.version, disposition: disposition.value }),
              ),
          },
          t('closeCase'),
        ),
      );
    }
    mount(
      actionBox,
      h(
        'div',
        { class: 'card', 'aria-label': `${c.urgency ?? ''} ${c.postcode}` },
        h('strong', {}, `${c.urgency ?? ''} · ${c.postcode} · ${complaintLabel(c.complaintCode)}`),
        buttons,
        panel,
      ),
    );
    first?.focus();
  }

  async function run(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      await loadQueue();
    } catch (e) {
      announce(errorText(e));
      mount(actionBox, errorView(e));
    }
  }

  async function loadQueue(): Promise<void> {
    const [triageCases, dispatchCases] = await Promise.all([
      get<CaseView[]>(ROUTES.queue(wachtpostId)),
      get<DispatchCase[]>(ROUTES.dispatchQueue(wachtpostId)),
    ]);
    if (disposed) return;
    const byId = new Map(dispatchCases.map((d) => [d.caseId, d]));
    cases = triageCases.map((c) => ({ ...c, dispatch: byId.get(c.id) }));
    renderQueue();
  }

  // ---- on duty ------------------------------------------------------------------------------
  const dutyBox = h('div', { id: 'on-duty' });
  async function loadBoard(): Promise<void> {
    board = await get<Board>(ROUTES.board(wachtpostId));
    if (disposed) return;
    mount(
      dutyBox,
      board.zones.map((z) =>
        h(
          'div',
          { 'data-zone-id': z.zoneId },
          h('h3', {}, z.zoneId),
          z.onDuty.length === 0
            ? h('p', { class: 'muted' }, t('nobodyOnDuty'))
            : h(
                'ul',
                {},
                z.onDuty.map((d) =>
                  h(
                    'li',
                    { 'data-gp-id': d.gpId },
                    h('strong', {}, short(d.gpId)),
                    ` · ${t(`role.${d.role}`)} · ${t(`duty.${d.dutyKind}`)} · ${fmtTime(d.from)}–${fmtTime(d.to)} · `,
                    t('openCases', { n: d.openCases }),
                  ),
                ),
              ),
        ),
      ),
    );
  }

  // ---- layout, keys, timers -----------------------------------------------------------------
  mount(
    root,
    h(
      'div',
      { class: 'grid3' },
      h('section', { class: 'card' }, form),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'queue-title' },
        h('h2', { id: 'queue-title' }, t('queue'), ' ', h('kbd', {}, 'Alt+Q')),
        alarmBox,
        h('div', { class: 'table-wrap' }, queueTable),
        actionBox,
      ),
      h(
        'section',
        {},
        h(
          'div',
          { class: 'card', 'aria-labelledby': 'duty-title' },
          h('h2', { id: 'duty-title' }, t('onDuty')),
          dutyBox,
        ),
        h(
          'div',
          { class: 'card shortcuts' },
          h('h2', {}, t('shortcuts')),
          h(
            'ul',
            {},
            SHORTCUTS.map(([k, label]) => h('li', {}, h('kbd', {}, k), ' ', t(label))),
          ),
        ),
      ),
    ),
  );

  const onKey = (e: KeyboardEvent) => {
    if (!e.altKey) return;
    const keys: Record<string, () => void> = {
      n: () => {
        resetForm();
        patientName.focus();
      },
      q: () => queueTable.focus(),
      t: () => renderActions('112'),
      r: () => renderActions('reassign'),
      x: () => renderActions('cancel'),
      c: () => renderActions('close'),
    };
    const action = keys[e.key.toLowerCase()];
    if (action) {
      e.preventDefault();
      action();
    }
  };
  document.addEventListener('keydown', onKey);
  const timer = window.setInterval(tick, 1000);

  const showError = (e: unknown) => mount(formError, errorView(e));
  void (async () => {
    protocol = await get<Protocol>(ROUTES.protocol(wachtpostId));
    mount(
      complaint,
      h('option', { value: '' }, t('chooseComplaint')),
      protocol.definition.complaints.map((c) => h('option', { value: c.code }, pickText(c.label))),
    );
    const directory = await get<{ id: string; name: string }[]>('/api/roster/gp-directory');
    for (const gp of directory) gpNames.set(gp.id, gp.name);
    await Promise.all([loadQueue(), loadBoard()]);
  })().catch(showError);
  patientName.focus();

  let reloadPending = false;
  const reload = () => {
    if (reloadPending) return;
    reloadPending = true;
    window.setTimeout(() => {
      reloadPending = false;
      void Promise.all([loadQueue(), loadBoard()]).catch(showError);
    }, 150);
  };

  return {
    push(p, ack) {
      ack?.();
      if (p.name === 'alarm') announce(`${t('alarm')}: ${t(`alarm.${p.payload.reasonCode}`)}`);
      else if (p.name === 'sla') announce(t(p.payload.level === 'breached' ? 'slaBreached' : 'slaWarning'));
      if (p.name === 'case.changed' || p.name === 'alarm' || p.name === 'sla' || p.name === 'roster.changed')
        reload();
    },
    reconnected: reload,
    dispose() {
      disposed = true;
      document.removeEventListener('keydown', onKey);
      window.clearInterval(timer);
    },
  };
};
