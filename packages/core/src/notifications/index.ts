export * from './notification-templates';
