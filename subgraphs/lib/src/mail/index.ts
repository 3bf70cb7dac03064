export * from './config.js';
export * from './mailer.js';
export * from './outbox.js';
export * from './template.js';
