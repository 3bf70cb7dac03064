export * from './auth.js';
export * from './builder.js';
export * from './config.js';
export * from './connection.js';
export * from './context.js';
export * from './errors.js';
export * from './logger.js';
export * from './server.js';
