import { POSTCODES_CSV } from './postcodes.data';

export interface Place {
  name: string;
  lon: number;
  lat: number;
}

export interface PostcodeInfo {
  postcode: string;
  /** Every place (deelgemeente) that shares the postcode. */
  places: Place[];
  /** Mean position of its places: good enough to estimate travel. */
  lon: number;
  lat: number;
}

let index: Map<string, PostcodeInfo> | undefined;

function load(): Map<string, PostcodeInfo> {
  if (index) return index;
  index = new Map();
  for (const line of POSTCODES_CSV.split('\n')) {
    const [postcode, name, lon, lat] = line.split(';');
    if (!postcode || !name) continue;
    const info = index.get(postcode) ?? { postcode, places: [], lon: 0, lat: 0 };
    info.places.push({ name, lon: Number(lon), lat: Number(lat) });
    info.lon = info.places.reduce((s, p) => s + p.lon, 0) / info.places.length;
    info.lat = info.places.reduce((s, p) => s + p.lat, 0) / info.places.length;
    index.set(postcode, info);
  }
  return index;
}

export function postcodeInfo(postcode: string): PostcodeInfo | undefined {
  return load().get(postcode.trim());
}

export function isKnownPostcode(postcode: string): boolean {
  return postcodeInfo(postcode) !== undefined;
}

/** Great-circle distance in km between two postcodes; undefined when one is unknown. */
export function distanceKm(a: string, b: string): number | undefined {
  const p = postcodeInfo(a);
  const q = postcodeInfo(b);
  if (!p || !q) return undefined;
  const rad = Math.PI / 180;
  const dLat = (q.lat - p.lat) * rad;
  const dLon = (q.lon - p.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p.lat * rad) * Math.cos(q.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
