import { FieldError } from '@permanentie/platform';
import { DutyRole } from '@permanentie/contracts';
import { OnHoliday } from './generate-shifts';

export interface TemplateInput {
  zoneId: string;
  startTime: string;
  endTime: string;
  endDayOffset: number;
  days: number[];
  onHoliday: OnHoliday;
  need: Partial<Record<DutyRole, number>>;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Checks a DTO cannot do: the shift ends after it starts, someone is needed, the zone is the kring's. */
export function templateInputErrors(input: TemplateInput, zoneKnown: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (!zoneKnown) errors.push({ field: 'zoneId', reason: 'onbekende zone in deze kring' });
  if (
    input.onHoliday !== 'only' &&
    input.endDayOffset === 0 &&
    minutes(input.endTime) <= minutes(input.startTime)
  )
    errors.push({
      field: 'endTime',
      reason: 'eindigt voor het begint (gebruik endDayOffset voor een nacht)',
    });
  if (input.onHoliday !== 'only' && input.days.length === 0)
    errors.push({ field: 'days', reason: 'minstens een dag' });
  const total = Object.values(input.need).reduce((s, n) => s + (n ?? 0), 0);
  if (total < 1 || !input.need.first)
    errors.push({ field: 'need.first', reason: 'minstens een eerste huisarts' });
  return errors;
}
