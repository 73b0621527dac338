/**
 * What a refused call says, shown where it happened: the service's message and each of its
 * `errors[]` (field + reason), fields named as the form names them. A screen may pass `describe`
 * to turn a reason into words of its own (the planner does for the roster's hard rules).
 */
import { ApiError, FieldError } from './api.js';
import { h } from './dom.js';
import { hasText, t } from './i18n.js';

export type Describe = (error: FieldError) => string | null;

export interface ErrorOptions {
  describe?: Describe;
  /** Says what was refused, instead of the service's own message. */
  title?: string;
}

/** The label of a field the services name (`patient.birthDate`), or the name itself. */
export function fieldLabel(field: string): string {
  if (!field) return '';
  if (hasText(`field.${field}`)) return t(`field.${field}`);
  const last = field.split('.').pop() ?? field;
  return hasText(`field.${last}`) ? t(`field.${last}`) : field;
}

function parts(e: unknown, opts: ErrorOptions): { title: string; items: string[] } {
  if (e instanceof ApiError) {
    const items = e.errors.map((fe) => {
      const said = opts.describe?.(fe);
      if (said) return said;
      const label = fieldLabel(fe.field);
      return label ? `${label}: ${fe.reason}` : fe.reason;
    });
    // "Ongeldige invoer" comes in Dutch from every service: said in the screen's language.
    let title = e.status === 400 && items.length ? t('invalidInput') : e.title;
    if (e.status === 403) title = t('forbidden', { msg: e.title });
    return { title: opts.title ?? title, items };
  }
  // fetch() rejects with a TypeError when the server cannot be reached.
  if (e instanceof TypeError && /fetch|network|load failed/i.test(e.message))
    return { title: t('networkError'), items: [] };
  return { title: opts.title ?? (e instanceof Error ? e.message : String(e)), items: [] };
}

/** One line, for screen readers and small spaces. */
export function errorText(e: unknown, opts: ErrorOptions = {}): string {
  const { title, items } = parts(e, opts);
  return t('error', { msg: items.length ? `${title}: ${items.join('; ')}` : title });
}

/** A block with the message and the list of reasons, announced (role=alert). */
export function errorView(e: unknown, opts: ErrorOptions = {}): HTMLElement {
  const { title, items } = parts(e, opts);
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    h('p', { class: 'error' }, opts.title ? title : t('error', { msg: title })),
    items.length
      ? h(
          'ul',
          {},
          items.map((i) => h('li', {}, i)),
        )
      : null,
  );
}
