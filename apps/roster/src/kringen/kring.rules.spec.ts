import { Zone } from './zone.entity';
import { decideZone } from './kring.rules';

const wp = { id: 'wp', kringId: 'k', name: 'Post' };
const other = Object.assign(new Zone(), {
  id: 'z2',
  kringId: 'k',
  wachtpostId: 'wp',
  name: 'Zuid',
  postcodes: ['1600'],
  overflowZoneIds: [],
  active: true,
});
const input = { wachtpostId: 'wp', name: 'Noord', postcodes: ['1700', '1750'], overflowZoneIds: ['z2'] };

describe('decideZone', () => {
  it('accepts a valid zone and sorts its postcodes', () => {
    const { zone, errors } = decideZone({
      kringId: 'k',
      zoneId: 'z1',
      input,
      wachtpost: wp,
      otherZones: [other],
    });
    expect(errors).toEqual([]);
    expect(zone.postcodes).toEqual(['1700', '1750']);
    expect(zone.active).toBe(true);
  });

  it('names the field for a wachtpost of another kring, an unknown postcode and a bad overflow', () => {
    const { errors } = decideZone({
      kringId: 'k',
      zoneId: 'z1',
      input: { ...input, postcodes: ['0000', '1600'], overflowZoneIds: ['z1', 'nope'] },
      wachtpost: { ...wp, kringId: 'other' },
      otherZones: [other],
    });
    expect(errors.map((e) => e.field)).toEqual([
      'wachtpostId',
      'postcodes',
      'postcodes',
      'overflowZoneIds',
      'overflowZoneIds',
    ]);
    expect(errors[1].reason).toContain('0000');
    expect(errors[2].reason).toContain('z2');
  });
});
