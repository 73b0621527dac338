import './zone-offsets';
export * from './clock';
export * from './identifiers';
export * from './postcodes';
export * from './holidays';
