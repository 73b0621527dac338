import { inszFrom, isValidInsz, isValidRiziv, rizivFrom } from './identifiers';

describe('RIZIV', () => {
  it('accepts mod 97 and mod 89 check digits', () => {
    expect(isValidRiziv(rizivFrom(23456))).toBe(true);
    const base = 123456;
    const mod89 = `${base}${String(89 - (base % 89)).padStart(2, '0')}003`;
    expect(isValidRiziv(mod89)).toBe(true);
    expect(isValidRiziv('1-23456-' + mod89.slice(6, 8) + '-003')).toBe(true);
  });

  it('rejects wrong check digits, lengths and professions', () => {
    const good = rizivFrom(23456);
    const bad =
      good.slice(0, 6) + String((Number(good.slice(6, 8)) + 1) % 100).padStart(2, '0') + good.slice(8);
    expect(isValidRiziv(bad)).toBe(false);
    expect(isValidRiziv(good.slice(0, 10))).toBe(false);
    expect(isValidRiziv('2' + good.slice(1))).toBe(false);
  });
});

describe('INSZ', () => {
  it('validates births before and after 2000', () => {
    // 85.07.30-033.28: 850730033 mod 97 = 69, 97 - 69 = 28.
    expect(isValidInsz('85073003328')).toBe(true);
    expect(isValidInsz('85.07.30-033.28')).toBe(true);
    const y2k = inszFrom({ year: 2012, month: 2, day: 29 }, 17);
    expect(isValidInsz(y2k)).toBe(true);
  });

  it('rejects a wrong check digit, sequence 000/999 and impossible months', () => {
    expect(isValidInsz('85073003329')).toBe(false);
    expect(isValidInsz(inszFrom({ year: 1990, month: 1, day: 1 }, 0))).toBe(false);
    expect(isValidInsz(inszFrom({ year: 1990, month: 1, day: 1 }, 999))).toBe(false);
    expect(isValidInsz(inszFrom({ year: 1990, month: 13, day: 1 }, 5))).toBe(false);
  });

  it('accepts BIS numbers (month + 20 or + 40)', () => {
    expect(isValidInsz(inszFrom({ year: 1990, month: 25, day: 1 }, 5))).toBe(true);
    expect(isValidInsz(inszFrom({ year: 1990, month: 41, day: 1 }, 5))).toBe(true);
  });
});
