import { templateInputErrors } from './template.rules';

const night = {
  zoneId: 'z',
  startTime: '19:00',
  endTime: '08:00',
  endDayOffset: 1,
  days: [1, 2, 3, 4],
  onHoliday: 'skip' as const,
  need: { first: 1 },
};

describe('template rules', () => {
  it('accepts a night that ends the next morning', () => {
    expect(templateInputErrors(night, true)).toEqual([]);
  });

  it('rejects a template ending before it starts on the same day', () => {
    expect(templateInputErrors({ ...night, endDayOffset: 0 }, true).map((e) => e.field)).toEqual(['endTime']);
    expect(
      templateInputErrors({ ...night, startTime: '08:00', endTime: '08:00', endDayOffset: 0 }, true)[0].field,
    ).toBe('endTime');
  });

  it('rejects an unknown zone, no days and nobody needed', () => {
    expect(
      templateInputErrors({ ...night, days: [], need: { backup: 1 } }, false).map((e) => e.field),
    ).toEqual(['zoneId', 'days', 'need.first']);
  });
});
