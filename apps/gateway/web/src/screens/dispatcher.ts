/**
 * Dispatcher: call intake driven by the triage protocol, the live queue of her wachtpost with
 * SLA countdowns, the on-duty board, and the case actions. Keyboard first (see SHORTCUTS).
 */
import { get, post } from '../api.js';
import { CHANNELS, Disposition, LANGUAGES, Urgency, URGENCIES } from '../codes.js';
import { announce, field, h, mount } from '../dom.js';
import { fmtCountdown, fmtTime, pickText, t } from '../i18n.js';
import type { ScreenFactory } from '../screen.js';
import { CaseView, DispatchCase, OnDutyEntry, Protocol, ProtocolComplaint, ROUTES } from '../routes.js';

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

export const dispatcherScreen: ScreenFactory = (root, user) => {
  const wachtpostId = user.wachtpostId ?? '';
  let protocol: Protocol | null = null;
  let cases: CaseView[] = [];
  let selected: string | null = null;
  const alarms = new Map<string, string>();
  let disposed = false;

  // ---- intake -------------------------------------------------------------------------------
  const channel = h(
    'select',
    { name: 'channel' },
    CHANNELS.map((c) => h('option', { value: c, selected: c === 'wachtpost_phone' }, t(`channel.${c}`))),
  );
  const callerName = h('input', { name: 'callerName', autocomplete: 'off' });
  const callerPhone = h('input', { name: 'callerPhone', type: 'tel', autocomplete: 'off' });
  const patientName = h('input', { name: 'patientName', autocomplete: 'off' });
  const birthDate = h('input', { name: 'birthDate', type: 'date' });
  const insz = h('input', { name: 'insz', inputmode: 'numeric', autocomplete: 'off' });
  const postcode = h('input', {
    name: 'postcode',
    inputmode: 'numeric',
    pattern: '\\d{4}',
    maxlength: 4,
    required: true,
  });
  const address = h('input', { name: 'address', autocomplete: 'off' });
  const language = h(
    'select',
    { name: 'language' },
    LANGUAGES.map((l) => h('option', { value: l }, t(`lang.${l}`))),
  );
  const complaint = h('select', { name: 'complaint', required: true });
  const questionsBox = h('div', { id: 'questions', 'aria-live': 'polite' });
  const proposalBox = h('div', { id: 'proposal', 'aria-live': 'polite' });
  const override = h(
    'select',
    { name: 'override' },
    h('option', { value: '' }, t('none')),
    URGENCIES.map((u) => h('option', { value: u }, t(`urgency.${u}`))),
  );
  const overrideReason = h('input', { name: 'overrideReason', autocomplete: 'off' });
  const notes = h('textarea', { name: 'notes', rows: 2 });
  const formError = h('p', { class: 'error', role: 'alert' });
  const submit = h(
    'button',
    { class: 'primary', type: 'submit', id: 'triage-submit' },
    t('triage'),
    ' ',
    h('kbd', {}, 'Ctrl+Enter'),
  );
  let answers: Record<string, string> = {};

  const currentComplaint = () => protocol?.definition.complaints.find((c) => c.code === complaint.value);

  function renderQuestions(): void {
    const c = currentComplaint();
    answers = {};
    if (!c) {
      mount(questionsBox);
      renderProposal();
      return;
    }
    mount(
      questionsBox,
      h(
        'div',
        {},
        c.questions.map((q) =>
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
                  onchange: () => {
                    answers[q.id] = o.code;
                    renderProposal();
                  },
                }),
                pickText(o.label),
              ),
            ),
          ),
        ),
      ),
    );
    renderProposal();
  }

  function renderProposal(): void {
    const c = currentComplaint();
    const p = c ? propose(c, answers) : null;
    if (!p) {
      mount(proposalBox);
      return;
    }
    mount(
      proposalBox,
      h(
        'div',
        { class: 'proposal' },
        h('strong', {}, t('proposal'), ': '),
        h('span', { class: `badge ${p.urgency}`, id: 'proposed-urgency' }, p.urgency),
        ' ',
        t(`urgency.${p.urgency}`),
        h('div', {}, t('proposedDisposition'), ': ', h('strong', {}, t(`disposition.${p.disposition}`))),
        h('div', { class: 'muted' }, pickText(p.advice)),
      ),
    );
  }

  complaint.addEventListener('change', renderQuestions);

  function resetForm(): void {
    form.reset();
    answers = {};
    renderQuestions();
    formError.textContent = '';
  }

  async function submitCall(): Promise<void> {
    formError.textContent = '';
    if (override.value && !overrideReason.value.trim()) {
      formError.textContent = t('overrideReasonNeeded');
      overrideReason.focus();
      return;
    }
    submit.disabled = true;
    try {
      const created = await post<{ id: string; urgency: Urgency }>(ROUTES.createCase, {
        wachtpostId,
        channel: channel.value,
        caller: { name: callerName.value.trim() || undefined, phone: callerPhone.value.trim() || undefined },
        patient: {
          name: patientName.value.trim() || undefined,
          birthDate: birthDate.value || undefined,
          insz: insz.value.replace(/\D/g, '') || undefined,
          postcode: postcode.value.trim(),
          address: address.value.trim() || undefined,
          language: language.value,
        },
        complaintCode: complaint.value,
        answers,
        override: override.value
          ? { urgency: override.value, reason: overrideReason.value.trim() }
          : undefined,
        notes: notes.value.trim() || undefined,
      });
      announce(t('triaged', { urgency: created.urgency }));
      resetForm();
      selected = created.id;
      await loadQueue();
      callerName.focus();
    } catch (e) {
      formError.textContent = t('error', { msg: (e as Error).message });
    } finally {
      submit.disabled = false;
    }
  }

  const form = h(
    'form',
    {
      id: 'intake',
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
    h('div', { class: 'row' }, field(t('patientName'), patientName), field(t('patientBirthDate'), birthDate)),
    field(t('insz'), insz, t('inszHint')),
    h('div', { class: 'row' }, field(t('postcode'), postcode), field(t('patientLanguage'), language)),
    field(t('address'), address),
    field(t('complaint'), complaint),
    questionsBox,
    proposalBox,
    h('div', { class: 'row' }, field(t('override'), override), field(t('overrideReason'), overrideReason)),
    field(t('notes'), notes),
    formError,
    submit,
  );

  // ---- queue --------------------------------------------------------------------------------
  const alarmBox = h('div', { id: 'alarms', 'aria-live': 'assertive' });
  const queueBody = h('tbody');
  const queueTable = h(
    'table',
    { id: 'queue', 'aria-labelledby': 'queue-title', tabindex: 0 },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['U', t('received'), t('due'), t('postcode'), t('complaint'), t('status'), t('gp'), t('actions')].map(
          (c) => h('th', { scope: 'col' }, c),
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
  }

  function complaintLabel(code: string | null | undefined): string {
    const c = protocol?.definition.complaints.find((x) => x.code === code);
    return c ? pickText(c.label) : (code ?? '');
  }

  function renderQueue(): void {
    const now = Date.now();
    if (cases.length === 0) {
      mount(queueBody, h('tr', {}, h('td', { colspan: 8, class: 'muted' }, t('queueEmpty'))));
      return;
    }
    mount(
      queueBody,
      cases.map((c) => {
        const state = c.dueAt ? dueState(c.receivedAt, c.dueAt, now) : 'ok';
        return h(
          'tr',
          {
            'data-case-id': c.id,
            'data-status': c.status,
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
          h('td', {}, c.postcode ?? ''),
          h('td', {}, complaintLabel(c.complaintCode)),
          h(
            'td',
            {},
            h('span', { class: `status ${alarms.has(c.id) ? 'alarm' : c.status}` }, c.status),
            alarms.has(c.id) ? h('div', { class: 'error' }, alarms.get(c.id)) : null,
          ),
          h('td', {}, c.gpName ?? ''),
          h(
            'td',
            {},
            h('div', { class: 'actions' }, [
              h('button', { class: 'danger', onclick: () => void act('112', c.id) }, t('handTo112')),
              h('button', { onclick: () => void act('reassign', c.id) }, t('reassign')),
              h('button', { onclick: () => void act('cancel', c.id) }, t('cancelCase')),
              h('button', { onclick: () => void act('close', c.id) }, t('closeCase')),
            ]),
          ),
        );
      }),
    );
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

  async function act(action: '112' | 'reassign' | 'cancel' | 'close', caseId: string): Promise<void> {
    select(caseId);
    try {
      if (action === '112') {
        if (!window.confirm(t('confirm112'))) return;
        await post(ROUTES.handTo112(caseId), {});
      } else if (action === 'reassign') {
        await post(ROUTES.reassign(caseId), {});
      } else if (action === 'cancel') {
        const reason = window.prompt(t('reason'), 'caller_cancelled');
        if (reason === null) return;
        await post(ROUTES.cancelCase(caseId), { reasonCode: reason || 'caller_cancelled' });
      } else {
        const c = cases.find((x) => x.id === caseId);
        await post(ROUTES.closeCase(caseId), { disposition: c?.disposition ?? 'phone_advice' });
      }
      await loadQueue();
    } catch (e) {
      announce(t('error', { msg: (e as Error).message }));
      window.alert(t('error', { msg: (e as Error).message }));
    }
  }

  async function loadQueue(): Promise<void> {
    const [triageCases, dispatchCases] = await Promise.all([
      get<CaseView[]>(ROUTES.queue(wachtpostId)),
      get<DispatchCase[]>(ROUTES.dispatchCases(wachtpostId)).catch(() => [] as DispatchCase[]),
    ]);
    if (disposed) return;
    const byId = new Map(dispatchCases.map((d) => [d.caseId, d]));
    cases = triageCases.map((c) => {
      const d = byId.get(c.id);
      return { ...c, gpName: d?.gpName ?? c.gpName, status: c.status };
    });
    renderQueue();
  }

  // ---- on duty ------------------------------------------------------------------------------
  const dutyBox = h('div', { id: 'on-duty' });
  async function loadOnDuty(): Promise<void> {
    const rows = await get<OnDutyEntry[]>(ROUTES.onDuty(wachtpostId)).catch(() => [] as OnDutyEntry[]);
    if (disposed) return;
    if (rows.length === 0) {
      mount(dutyBox, h('p', { class: 'muted' }, t('nobodyOnDuty')));
      return;
    }
    const zones = [...new Set(rows.map((r) => r.zoneName ?? r.zoneId))];
    mount(
      dutyBox,
      zones.map((z) =>
        h(
          'div',
          {},
          h('h3', {}, z),
          h(
            'ul',
            {},
            rows
              .filter((r) => (r.zoneName ?? r.zoneId) === z)
              .map((r) =>
                h(
                  'li',
                  { 'data-gp-id': r.gpId },
                  h('strong', {}, r.gpName ?? r.gpId.slice(0, 8)),
                  ` · ${t(`role.${r.role}`)} · ${t(`duty.${r.dutyKind}`)} · ${fmtTime(r.startsAt)}–${fmtTime(r.endsAt)} · `,
                  t('openCases', { n: r.openCases ?? 0 }),
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
        queueTable,
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
    const key = e.key.toLowerCase();
    const actions: Record<string, () => void> = {
      n: () => {
        resetForm();
        callerName.focus();
      },
      q: () => queueTable.focus(),
      t: () => selected && void act('112', selected),
      r: () => selected && void act('reassign', selected),
      x: () => selected && void act('cancel', selected),
      c: () => selected && void act('close', selected),
    };
    const run = actions[key];
    if (run) {
      e.preventDefault();
      run();
    }
  };
  document.addEventListener('keydown', onKey);
  const timer = window.setInterval(tick, 1000);

  void (async () => {
    try {
      protocol = await get<Protocol>(ROUTES.protocol(wachtpostId));
      mount(
        complaint,
        h('option', { value: '' }, t('chooseComplaint')),
        protocol.definition.complaints.map((c) => h('option', { value: c.code }, pickText(c.label))),
      );
    } catch (e) {
      formError.textContent = t('error', { msg: (e as Error).message });
    }
    await Promise.all([loadQueue(), loadOnDuty()]).catch((e: Error) =>
      announce(t('error', { msg: e.message })),
    );
  })();
  callerName.focus();

  let reloadPending = false;
  const reload = () => {
    if (reloadPending) return;
    reloadPending = true;
    window.setTimeout(() => {
      reloadPending = false;
      void loadQueue();
      void loadOnDuty();
    }, 150);
  };

  return {
    event(name, payload) {
      const caseId = typeof payload.caseId === 'string' ? payload.caseId : null;
      if (name.includes('alarm') && caseId) {
        const text = t(`alarm.${String(payload.reasonCode)}`);
        alarms.set(caseId, text);
        mount(alarmBox, h('div', { class: 'alarm', role: 'alert' }, `${t('alarm')}: ${text}`));
        announce(`${t('alarm')}: ${text}`);
      } else if (name.includes('breach') && caseId) {
        announce(t('slaBreached'));
      }
      if (name.includes('accepted') && caseId) alarms.delete(caseId);
      reload();
    },
    dispose() {
      disposed = true;
      document.removeEventListener('keydown', onKey);
      window.clearInterval(timer);
    },
  };
};
