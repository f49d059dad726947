export * as schema from './schema';
export * from './schema';
export * from './client';
export * from './demo-institution';
export * from './sql';
export * from './insert-rows';
