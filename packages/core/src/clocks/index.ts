// Business calendar, time zones, working hours, SLA and regulatory clocks (DESIGN.md §5).
export * from './civil-date';
export * from './time-zone';
export * from './calendar';
export * from './calendar-import';
export * from './calendar-seed';
export * from './working-hours';
export * from './rule-sets';
export * from './deadlines';
export * from './sla-policy';
export * from './sla-clock';
export * from './institution-calendar';
export * from './escalation';
export * from './regulatory-actions';
