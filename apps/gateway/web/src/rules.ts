/**
 * The roster's hard-rule refusals in words. A refused change (a planner's edit, a taken swap)
 * comes back as `errors[]` whose reason is `<rule>: <message>`, the message naming GPs and
 * duties by id (apps/roster/src/solver/kring/check-kring.ts). Here the rule is translated and the
 * ids become names and dated duties; a message in a shape we do not know keeps its text, with
 * the ids we can name replaced.
 */
import type { FieldError } from './api.js';
import type { Describe } from './errors.js';
import { fmtNumber, fmtSpan, hasText, t } from './i18n.js';

export interface Names {
  /** A GP's name, or null when unknown. */
  gp(id: string): string | null;
  /** A duty as the screen shows it (date, time, kind, zone), or null when unknown. */
  shift(id: string): string | null;
}

const ID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
const UUID = new RegExp(ID, 'gi');
const SIDE = new RegExp(`^(?:shift )?${ID}(?: \\(([^)]+?) - ([^)]+?)\\))?(?: of roster ${ID})?$`);

/** A duty in a message: this roster's by name, another roster's by its times ("shift X (a - b) of roster R"). */
function side(text: string, n: Names): string {
  const m = SIDE.exec(text.trim());
  if (!m) return text;
  return n.shift(m[1]) ?? (m[2] && m[3] ? fmtSpan(m[2], m[3]) : m[1]);
}

type Pattern = { re: RegExp; vars: (m: RegExpMatchArray, n: Names) => Record<string, string> };

/** rule -> the message shapes we know and how their parts fill the translated detail. */
const PATTERNS: Record<string, Pattern[]> = {
  min_rest: [
    {
      re: new RegExp(
        `^${ID} gets ([\\d.]+) h rest between (.+?) and (?:her )?(.+?), at least ([\\d.]+) h required`,
      ),
      vars: (m, n) => ({
        gp: n.gp(m[1]) ?? m[1],
        hours: fmtNumber(Number(m[2]), 1),
        first: side(m[3], n),
        second: side(m[4], n),
        min: fmtNumber(Number(m[5])),
      }),
    },
  ],
  max_shifts_per_week: [
    {
      re: new RegExp(`^${ID} works (\\d+) shifts in week \\d+-W(\\d+)(?: \\([^)]*\\))?, at most (\\d+)`),
      vars: (m, n) => ({ gp: n.gp(m[1]) ?? m[1], n: m[2], week: m[3], max: m[4] }),
    },
  ],
  overlap: [
    {
      re: new RegExp(`^${ID} works overlapping shifts ${ID} and ${ID}`),
      vars: (m, n) => ({ gp: n.gp(m[1]) ?? m[1], first: side(m[2], n), second: side(m[3], n) }),
    },
    {
      re: new RegExp(`^${ID} works shift ${ID}, which overlaps her (.+)$`),
      vars: (m, n) => ({ gp: n.gp(m[1]) ?? m[1], first: side(m[2], n), second: side(m[3], n) }),
    },
  ],
  double_booking: [
    {
      re: new RegExp(`^${ID} holds two seats on shift ${ID}`),
      vars: (m, n) => ({ gp: n.gp(m[1]) ?? m[1], shift: side(m[2], n) }),
    },
  ],
  unavailable: [
    {
      re: new RegExp(`^${ID} is unavailable during shift ${ID}`),
      vars: (m, n) => ({ gp: n.gp(m[1]) ?? m[1], shift: side(m[2], n) }),
    },
  ],
  capability: [
    {
      re: new RegExp(`^${ID} lacks capability (.+) required by shift ${ID}`),
      vars: (m, n) => ({
        gp: n.gp(m[1]) ?? m[1],
        what: m[2]
          .split(', ')
          .map((c) => (hasText(`capability.${c}`) ? t(`capability.${c}`) : c))
          .join(', '),
        shift: side(m[3], n),
      }),
    },
  ],
  coverage: [
    {
      re: new RegExp(`^shift ${ID} \\([^)]*\\) needs (\\d+) (\\w+), has (\\d+)`),
      vars: (m, n) => ({
        shift: side(m[1], n),
        need: m[2],
        role: hasText(`role.${m[3]}`) ? t(`role.${m[3]}`) : m[3],
        have: m[4],
      }),
    },
  ],
};

/** One refusal in words, e.g. "Minimale rust: Dr. An Peeters heeft maar 0,0 u rust tussen …". */
export function describeViolation(reason: string, names: Names): string | null {
  const m = /^([a-z_]+): (.*)$/s.exec(reason);
  if (!m || !hasText(`rule.${m[1]}`)) return null;
  const [, rule, message] = m;
  const title = t(`rule.${rule}`);
  for (const pattern of PATTERNS[rule] ?? []) {
    const parts = pattern.re.exec(message);
    if (parts) return `${title}: ${t(`rule.${rule}.detail`, pattern.vars(parts, names))}`;
  }
  const named = message.replace(UUID, (id) => names.gp(id) ?? names.shift(id) ?? id);
  return `${title}: ${named}`;
}

/** For errorView: hard-rule refusals in words, other reasons left to the default. */
export function describeRules(names: Names): Describe {
  return (e: FieldError) => describeViolation(e.reason, names);
}
