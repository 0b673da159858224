// Every table of the operational store. Each capability adds its own file and one line here.

export * from './alerts.ts';
export * from './approvals.ts';
export * from './audit.ts';
export * from './core.ts';
export * from './findings.ts';
export * from './users.ts';
export * from './wip.ts';
