export * from './major';
export * from './panel';
