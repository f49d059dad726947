export * from './vocabulary';
export * from './lifecycle';
export * from './categories';
export * from './templates';
export * from './classification';
export * from './case-number';
