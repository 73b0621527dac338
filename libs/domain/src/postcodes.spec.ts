import { distanceKm, isKnownPostcode, postcodeInfo } from './postcodes';

describe('postcodes', () => {
  it('knows Belgian postcodes and their places', () => {
    expect(isKnownPostcode('1500')).toBe(true);
    expect(postcodeInfo('1500')?.places.map((p) => p.name)).toContain('Halle');
    expect(isKnownPostcode('0000')).toBe(false);
    expect(isKnownPostcode('99999')).toBe(false);
  });

  it('estimates distances between postcodes', () => {
    // Halle to Brussels is about 15 km as the crow flies; Halle to Oostende over 100 km.
    expect(distanceKm('1500', '1000')).toBeGreaterThan(8);
    expect(distanceKm('1500', '1000')).toBeLessThan(25);
    expect(distanceKm('1500', '8400')).toBeGreaterThan(100);
    expect(distanceKm('1500', '0000')).toBeUndefined();
  });
});
