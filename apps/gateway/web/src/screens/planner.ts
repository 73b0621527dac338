/**
 * Planner of a kring: GPs and exemptions, duty templates, generate a roster with live solver
 * progress, a calendar to review and adjust it (manual changes, locks, solve again), fairness,
 * publish, and the swaps waiting for approval.
 */
import { ApiError, get, patch, post, put } from '../api.js';
import { DutyRole } from '../codes.js';
import { announce, field, h, mount } from '../dom.js';
import { errorView } from '../errors.js';
import { brusselsDate, fmtDate, fmtDay, fmtNumber, fmtSpan, fmtTime, t, ZONE } from '../i18n.js';
import { describeRules, describeViolation, Names } from '../rules.js';
import {
  AssignmentView,
  FairnessReport,
  GpView,
  RosterDetail,
  RosterView,
  ROUTES,
  ShiftView,
  SolveRunView,
  SwapView,
  TemplateView,
  toSwap,
  ZoneView,
} from '../routes.js';
import type { ScreenFactory } from '../screen.js';

type Tab = 'roster' | 'gps' | 'templates' | 'swaps';
const EXEMPTION_REASONS = ['health', 'age', 'family', 'childbirth', 'practice', 'other'];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a local date. */
function isoDay(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

export const plannerScreen: ScreenFactory = (root, user) => {
  const kringId = user.kringId ?? '';
  let disposed = false;
  let tab: Tab = 'roster';
  let gps: GpView[] = [];
  let rosters: RosterView[] = [];
  let detail: RosterDetail | null = null;
  let run: SolveRunView | null = null;
  let editing: string | null = null;
  let zones = new Map<string, ZoneView>();
  const gpName = (id: string | null | undefined) =>
    gps.find((g) => g.id === id)?.name ?? (id ? id.slice(0, 8) : t('unassigned'));
  /** Zones by name where the kring has them (the id otherwise). */
  const zoneName = (id: string) => zones.get(id)?.name ?? id;
  const shiftLabel = (s: { startsAt: string; endsAt: string; kind: string; zoneId: string }) =>
    `${fmtSpan(s.startsAt, s.endsAt)} · ${t(`duty.${s.kind}`)} · ${zoneName(s.zoneId)}`;
  /** For the hard rules' refusals: GPs and duties by name. */
  const names: Names = {
    gp: (id) => gps.find((g) => g.id === id)?.name ?? null,
    shift: (id) => {
      const s = detail?.shifts.find((x) => x.id === id);
      return s ? shiftLabel(s) : null;
    },
  };
  const describe = describeRules(names);

  async function loadZones(): Promise<void> {
    if (zones.size) return;
    const list = await get<ZoneView[]>(ROUTES.zones(kringId)).catch(() => [] as ZoneView[]);
    zones = new Map(list.map((z) => [z.id, z]));
  }

  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const body = h('div', { id: 'planner-body' });
  const status = h('p', { class: 'muted', 'aria-live': 'polite', id: 'planner-status' });

  function renderTabs(): void {
    const labels: Record<Tab, string> = {
      roster: t('rosters'),
      gps: t('gps'),
      templates: t('templates'),
      swaps: t('swapRequests'),
    };
    mount(
      tabs,
      (Object.keys(labels) as Tab[]).map((k) =>
        h(
          'button',
          {
            role: 'tab',
            'aria-selected': String(k === tab),
            id: `tab-${k}`,
            onclick: () => {
              tab = k;
              void render();
            },
          },
          labels[k],
        ),
      ),
    );
  }

  async function render(): Promise<void> {
    renderTabs();
    if (tab === 'roster') await renderRoster();
    else if (tab === 'gps') await renderGps();
    else if (tab === 'templates') await renderTemplates();
    else await renderSwaps();
  }

  // ---- GPs and exemptions -------------------------------------------------------------------
  async function loadGps(): Promise<void> {
    gps = await get<GpView[]>(ROUTES.gps(kringId));
  }

  async function renderGps(): Promise<void> {
    await loadGps();
    if (disposed) return;
    mount(
      body,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'gps-title' },
        h('h2', { id: 'gps-title' }, `${t('gps')} (${gps.length})`),
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('gp'), 'RIZIV', t('postcode'), t('languages'), t('exemptions'), ''].map((c) =>
                h('th', { scope: 'col' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            gps.map((g) => {
              const reason = h(
                'select',
                { 'aria-label': t('reason') },
                EXEMPTION_REASONS.map((r) => h('option', { value: r }, t(`exemption.${r}`))),
              );
              const from = h('input', { type: 'date', 'aria-label': t('from'), value: brusselsDate() });
              const to = h('input', {
                type: 'date',
                'aria-label': t('to'),
                value: addDays(brusselsDate(), 30),
              });
              return h(
                'tr',
                { 'data-gp-id': g.id },
                h(
                  'td',
                  {},
                  g.name,
                  g.participationFactor < 1
                    ? h('span', { class: 'muted' }, ` (${Math.round(g.participationFactor * 100)}%)`)
                    : null,
                ),
                h('td', {}, g.riziv),
                h('td', {}, g.practicePostcode),
                h('td', {}, g.languages.map((l) => l.toUpperCase()).join(' ')),
                h(
                  'td',
                  {},
                  g.exemptions.map((x) =>
                    h('div', {}, `${t(`exemption.${x.reason}`)}: ${fmtDate(x.from)} → ${fmtDate(x.to)}`),
                  ),
                ),
                h(
                  'td',
                  {},
                  h(
                    'details',
                    {},
                    h('summary', {}, t('addExemption')),
                    reason,
                    from,
                    to,
                    h(
                      'button',
                      {
                        onclick: () =>
                          void saveGp(g, {
                            exemptions: [
                              ...g.exemptions,
                              { reason: reason.value, from: from.value, to: to.value },
                            ],
                          }),
                      },
                      t('save'),
                    ),
                  ),
                ),
              );
            }),
          ),
        ),
      ),
    );
  }

  async function saveGp(g: GpView, change: Partial<GpView>): Promise<void> {
    const next = { ...g, ...change };
    try {
      await put(ROUTES.gp(g.id), {
        riziv: next.riziv,
        name: next.name,
        languages: next.languages,
        practicePostcode: next.practicePostcode,
        participationFactor: next.participationFactor,
        birthYear: next.birthYear,
        capabilities: next.capabilities,
        exemptions: next.exemptions,
      });
      await renderGps();
    } catch (e) {
      showError(e);
    }
  }

  // ---- templates ----------------------------------------------------------------------------
  async function renderTemplates(): Promise<void> {
    const [templates] = await Promise.all([get<TemplateView[]>(ROUTES.templates(kringId)), loadZones()]);
    if (disposed) return;
    const dayNames = [1, 2, 3, 4, 5, 6, 7].map((d) =>
      new Intl.DateTimeFormat(document.documentElement.lang, { weekday: 'short', timeZone: 'UTC' }).format(
        new Date(Date.UTC(2024, 0, d)),
      ),
    );
    mount(
      body,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'tpl-title' },
        h('h2', { id: 'tpl-title' }, t('templates')),
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('kind'), t('zone'), t('time'), t('days'), t('need'), t('weight')].map((c) =>
                h('th', { scope: 'col' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            templates.map((tp) =>
              h(
                'tr',
                {},
                h('td', {}, t(`duty.${tp.kind}`)),
                h('td', {}, zoneName(tp.zoneId)),
                h(
                  'td',
                  {},
                  `${tp.startTime}–${tp.endTime}${tp.endDayOffset ? ` (+${tp.endDayOffset})` : ''}`,
                ),
                h('td', {}, tp.days.map((d) => dayNames[d - 1]).join(' ')),
                h(
                  'td',
                  {},
                  Object.entries(tp.need)
                    .map(([role, n]) => `${n}× ${t(`role.${role}`)}`)
                    .join(', '),
                ),
                h('td', {}, String(tp.weight)),
              ),
            ),
          ),
        ),
      ),
    );
  }

  // ---- swaps --------------------------------------------------------------------------------
  async function renderSwaps(): Promise<void> {
    const swaps = (await get<unknown[]>(ROUTES.swaps)).map(toSwap).filter((s) => s.status === 'pending');
    if (gps.length === 0) await loadGps();
    await loadZones();
    if (disposed) return;
    const who = (s: SwapView) =>
      `${s.offeredBy.name || gpName(s.offeredBy.gpId)} → ${s.takenBy ? s.takenBy.name || gpName(s.takenBy.gpId) : t('unassigned')}`;
    mount(
      body,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'swaps-title' },
        h('h2', { id: 'swaps-title' }, t('swapRequests')),
        swaps.length === 0
          ? h('p', { class: 'muted' }, t('noSwaps'))
          : h(
              'ul',
              { class: 'duties' },
              swaps.map((s) =>
                h(
                  'li',
                  { 'data-swap-id': s.id },
                  s.shift
                    ? h(
                        'span',
                        {},
                        `${shiftLabel({ startsAt: s.shift.start, endsAt: s.shift.end, ...s.shift })} · ${t(`role.${s.shift.role}`)}`,
                      )
                    : null,
                  h('span', {}, who(s)),
                  s.counterAssignmentId
                    ? h(
                        'span',
                        { class: 'muted' },
                        s.counterShift
                          ? t('inReturnFor', {
                              shift: shiftLabel({
                                startsAt: s.counterShift.start,
                                endsAt: s.counterShift.end,
                                ...s.counterShift,
                              }),
                            })
                          : t('inReturnUnknown'),
                      )
                    : null,
                  h(
                    'div',
                    { class: 'actions' },
                    h(
                      'button',
                      { class: 'primary', onclick: () => void decideSwap(s.id, true) },
                      t('approve'),
                    ),
                    h('button', { onclick: () => void decideSwap(s.id, false) }, t('reject')),
                  ),
                ),
              ),
            ),
      ),
    );
  }

  async function decideSwap(id: string, ok: boolean): Promise<void> {
    try {
      await post(ok ? ROUTES.approveSwap(id) : ROUTES.rejectSwap(id), {});
    } catch (e) {
      showError(e);
    }
    await renderSwaps();
  }

  // ---- roster: generate, progress, calendar, fairness, publish ------------------------------
  const today = brusselsDate();
  const periodStart = h('input', { type: 'date', name: 'periodStart', value: today, required: true });
  const periodEnd = h('input', {
    type: 'date',
    name: 'periodEnd',
    value: addDays(today, 27),
    required: true,
  });
  const timeLimit = h('input', { type: 'number', name: 'timeLimit', min: 1, max: 600, value: 30 });
  const progress = h('div', { id: 'solve-progress', 'aria-live': 'polite' });
  const rosterSelect = h('select', { id: 'roster-select', 'aria-label': t('rosters') });
  const calendarBox = h('div', { class: 'cal', id: 'calendar' });
  const fairnessBox = h('div', { class: 'bars', id: 'fairness' });
  const actionsBox = h('div', { class: 'actions' });
  const editorBox = h('div', { id: 'shift-editor' });
  /** Why the last change of the open duty was refused (kept while the editor is redrawn). */
  const editorError = h('div', { id: 'editor-error' });

  async function generate(): Promise<void> {
    mount(status);
    try {
      const roster = await post<RosterView>(ROUTES.rosters(kringId), {
        from: periodStart.value,
        to: periodEnd.value,
      });
      await startSolve(roster.id);
    } catch (e) {
      showError(e);
    }
  }

  async function startSolve(rosterId: string): Promise<void> {
    const started = await post<SolveRunView>(ROUTES.solve(rosterId), {
      timeLimitSeconds: Number(timeLimit.value) || 30,
    });
    run = { ...started, rosterId };
    // Catch up with progress pushed before this answer arrived; pushes carry it from here.
    run = { ...run, ...(await get<SolveRunView>(ROUTES.solveRun(run.id))) };
    renderProgress();
    if (['done', 'failed', 'cancelled'].includes(run.status)) announce(t(`phase.${run.status}`));
    await loadRosters(rosterId);
  }

  function renderProgress(): void {
    if (!run) {
      mount(progress);
      return;
    }
    mount(
      progress,
      h('label', { for: 'solve-bar' }, `${t(`phase.${run.status}`)} — ${run.percent}%`),
      h('progress', {
        id: 'solve-bar',
        class: 'progress',
        max: 100,
        value: run.percent,
        'data-phase': run.status,
      }),
      run.objective !== null && run.objective !== undefined
        ? h('div', { class: 'muted', id: 'solve-objective' }, t('objective', { n: fmtNumber(run.objective) }))
        : null,
    );
  }

  async function loadRosters(selectId?: string): Promise<void> {
    rosters = await get<RosterView[]>(ROUTES.rosters(kringId));
    if (disposed) return;
    const chosen = selectId ?? rosterSelect.value ?? rosters[0]?.id;
    mount(
      rosterSelect,
      rosters.map((r) =>
        h(
          'option',
          { value: r.id, selected: r.id === chosen },
          `${fmtDate(r.periodStart)} → ${fmtDate(r.periodEnd)} · ${t(r.status === 'published' ? 'published' : 'draft')}`,
        ),
      ),
    );
    if (!rosterSelect.value && rosters[0]) rosterSelect.value = rosters[0].id;
    await loadDetail();
  }

  async function loadDetail(): Promise<void> {
    const id = rosterSelect.value;
    if (!id) {
      detail = null;
      mount(calendarBox);
      mount(fairnessBox);
      mount(actionsBox);
      return;
    }
    const [loaded] = await Promise.all([get<RosterDetail>(ROUTES.roster(id)), loadZones()]);
    detail = loaded;
    if (disposed) return;
    renderCalendar();
    renderActions();
    await loadFairness();
  }

  function renderActions(): void {
    if (!detail) return;
    const d = detail;
    const published = d.roster.status === 'published';
    mount(
      actionsBox,
      h('span', { class: 'status', id: 'roster-status' }, t(published ? 'published' : 'draft')),
      h(
        'button',
        { id: 'resolve', disabled: published, onclick: () => void startSolve(d.roster.id).catch(showError) },
        t('resolve'),
      ),
      h(
        'button',
        {
          class: 'primary',
          id: 'publish',
          disabled: published,
          onclick: () =>
            void post(ROUTES.publish(d.roster.id), {})
              .then(() => {
                announce(t('published'));
                return loadRosters(d.roster.id);
              })
              .catch(showError),
        },
        t('publish'),
      ),
    );
  }

  function showError(e: unknown): void {
    mount(status, errorView(e, { describe }));
  }

  function renderCalendar(): void {
    if (!detail) return;
    const { roster, shifts, assignments } = detail;
    const byShift = new Map<string, AssignmentView[]>();
    for (const a of assignments) byShift.set(a.shiftId, [...(byShift.get(a.shiftId) ?? []), a]);
    const byDay = new Map<string, ShiftView[]>();
    for (const s of shifts) {
      const day = brusselsDate(new Date(s.startsAt));
      byDay.set(day, [...(byDay.get(day) ?? []), s]);
    }
    // Whole weeks, Monday first.
    let cursor = addDays(roster.periodStart, 1 - isoDay(roster.periodStart));
    const weeks: string[][] = [];
    while (cursor <= roster.periodEnd) {
      weeks.push([0, 1, 2, 3, 4, 5, 6].map((i) => addDays(cursor, i)));
      cursor = addDays(cursor, 7);
    }
    mount(
      calendarBox,
      h(
        'table',
        { 'aria-label': t('calendar') },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            weeks[0]?.map((d) =>
              h(
                'th',
                { scope: 'col' },
                new Intl.DateTimeFormat(document.documentElement.lang, {
                  weekday: 'long',
                  timeZone: ZONE,
                }).format(new Date(`${d}T12:00:00Z`)),
              ),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          weeks.map((week) =>
            h(
              'tr',
              {},
              week.map((day) => {
                const list = (byDay.get(day) ?? []).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
                const inPeriod = day >= roster.periodStart && day <= roster.periodEnd;
                return h(
                  'td',
                  { class: `shift ${list.some((s) => s.holiday) ? 'holiday' : ''}`, 'data-day': day },
                  h('div', { class: 'muted' }, inPeriod ? fmtDay(`${day}T12:00:00Z`) : ''),
                  list.map((s) =>
                    h(
                      'div',
                      { class: 'duty' },
                      h(
                        'button',
                        {
                          class: 'linkish',
                          'data-shift-id': s.id,
                          title: [shiftLabel(s), s.holiday].filter(Boolean).join(' · '),
                          onclick: () => {
                            if (editing !== s.id) mount(editorError);
                            editing = s.id;
                            renderEditor();
                          },
                        },
                        `${fmtTime(s.startsAt)} ${t(`duty.${s.kind}`)}`,
                      ),
                      h('div', { class: 'zone muted' }, zoneName(s.zoneId)),
                      Object.values(s.need).reduce((n, x) => n + (x ?? 0), 0) >
                        (byShift.get(s.id) ?? []).length
                        ? h('div', { class: 'error' }, t('unassigned'))
                        : null,
                      (byShift.get(s.id) ?? []).map((a) =>
                        h(
                          'div',
                          { class: a.locked ? 'locked' : '' },
                          `${a.locked ? '🔒 ' : ''}${gpName(a.gpId)}${a.role !== 'first' ? ` (${t(`role.${a.role}`)})` : ''}`,
                        ),
                      ),
                    ),
                  ),
                );
              }),
            ),
          ),
        ),
      ),
    );
    renderEditor();
  }

  function renderEditor(): void {
    const shift = detail?.shifts.find((s) => s.id === editing);
    if (!detail || !shift) {
      mount(editorBox);
      return;
    }
    const rosterId = detail.roster.id;
    const rows = detail.assignments.filter((a) => a.shiftId === shift.id);
    mount(
      editorBox,
      h(
        'div',
        {
          class: 'card',
          role: 'group',
          'aria-label': `${fmtDay(shift.startsAt)} ${fmtTime(shift.startsAt)}`,
        },
        h('h3', {}, shiftLabel(shift)),
        editorError,
        rows.map((a) => {
          const select = h(
            'select',
            { 'aria-label': `${t('gp')} (${t(`role.${a.role}`)})` },
            gps.map((g) => h('option', { value: g.id, selected: g.id === a.gpId }, g.name)),
          );
          return h(
            'div',
            { class: 'row', 'data-assignment-id': a.id },
            field(t(`role.${a.role as DutyRole}`), select),
            h(
              'button',
              {
                'data-action': 'save',
                onclick: () =>
                  void change(() =>
                    post(ROUTES.assignments(rosterId), {
                      shiftId: shift.id,
                      role: a.role,
                      gpId: select.value,
                      locked: true,
                      replacesAssignmentId: a.id,
                    }),
                  ),
              },
              t('save'),
            ),
            h(
              'button',
              {
                onclick: () =>
                  void change(() => patch(ROUTES.assignment(rosterId, a.id), { locked: !a.locked })),
              },
              a.locked ? t('unlock') : t('lock'),
            ),
          );
        }),
      ),
    );
  }

  /** A change of the open duty; a refusal is shown in the editor, with the rules' reasons. */
  async function change(action: () => Promise<unknown>): Promise<void> {
    mount(editorError);
    try {
      await action();
      await loadDetail();
    } catch (e) {
      const byRules = e instanceof ApiError && e.errors.some((x) => describeViolation(x.reason, names));
      mount(editorError, errorView(e, { describe, title: byRules ? t('changeRefused') : undefined }));
      announce(editorError.textContent ?? '');
    }
  }

  async function loadFairness(): Promise<void> {
    if (!detail) return;
    const report = await get<FairnessReport>(ROUTES.fairness(detail.roster.id)).catch(() => null);
    if (disposed || !report) return;
    const rows = report.rows.filter((r) => r.share > 0 || r.weightedHours > 0);
    const max = Math.max(1, ...rows.map((r) => Math.max(r.weightedHours, r.targetHours)));
    mount(
      fairnessBox,
      h('p', { class: 'muted', id: 'fairness-spread' }, t('spread', { n: fmtNumber(report.spread, 2) })),
      rows
        .sort((a, b) => b.deviation - a.deviation)
        .map((r) =>
          h(
            'div',
            {
              class: 'bar-row',
              role: 'img',
              'aria-label': `${gpName(r.gpId)}: ${r.weightedHours.toFixed(0)} / ${r.targetHours.toFixed(0)}`,
            },
            h('span', {}, gpName(r.gpId)),
            h(
              'div',
              { class: 'track' },
              h('div', {
                class: `load ${r.weightedHours > r.targetHours * 1.15 ? 'over' : ''}`,
                style: `width:${(100 * r.weightedHours) / max}%`,
              }),
              h('div', { class: 'share', style: `left:${(100 * r.targetHours) / max}%` }),
            ),
            h(
              'span',
              { class: 'muted hours' },
              t('hours', { n: `${fmtNumber(r.weightedHours)} / ${fmtNumber(r.targetHours)}` }),
            ),
          ),
        ),
    );
  }

  async function renderRoster(): Promise<void> {
    if (gps.length === 0) await loadGps();
    if (disposed) return;
    rosterSelect.onchange = () => void loadDetail();
    mount(
      body,
      h(
        'div',
        { class: 'grid2' },
        h(
          'div',
          {},
          h(
            'form',
            {
              class: 'card',
              id: 'generate',
              'aria-labelledby': 'gen-title',
              onsubmit: (e: Event) => {
                e.preventDefault();
                void generate();
              },
            },
            h('h2', { id: 'gen-title' }, t('generate')),
            h('div', { class: 'row' }, field(t('from'), periodStart), field(t('to'), periodEnd)),
            field(t('timeLimit'), timeLimit),
            h(
              'p',
              {},
              h('button', { class: 'primary', type: 'submit', id: 'generate-submit' }, t('generateRoster')),
            ),
            progress,
          ),
          h(
            'section',
            { class: 'card', 'aria-labelledby': 'fair-title' },
            h('h2', { id: 'fair-title' }, t('fairness')),
            h('p', { class: 'muted' }, t('fairnessHint')),
            fairnessBox,
          ),
        ),
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'cal-title' },
          h('h2', { id: 'cal-title' }, t('calendar')),
          h(
            'div',
            { class: 'row' },
            h('div', { class: 'wide' }, field(t('rosters'), rosterSelect)),
            actionsBox,
          ),
          editorBox,
          calendarBox,
        ),
      ),
    );
    await loadRosters();
  }

  mount(root, h('div', {}, tabs, status, body));
  void render().catch(showError);

  return {
    push(p, ack) {
      ack?.();
      if (p.name === 'roster.progress' && run && p.payload.runId === run.id) {
        run = { ...run, status: p.payload.phase, percent: p.payload.percent, objective: p.payload.objective };
        renderProgress();
        if (['done', 'failed', 'cancelled'].includes(run.status)) {
          announce(t(`phase.${run.status}`));
          void loadRosters(run.rosterId);
        }
      } else if (p.name === 'roster.changed' && p.payload.change === 'published' && tab === 'roster') {
        void loadRosters();
      }
    },
    reconnected() {
      if (tab === 'roster') void loadRosters(run?.rosterId).catch(showError);
    },
    dispose() {
      disposed = true;
    },
  };
};
