// The Bots API layer's public face.
export * from './baseUrl';
export * from './body';
export * from './bounds';
export * from './client';
export * from './errors';
export * from './limiter';
export * from './proxy';
export * from './redact';
export * from './retry';
export * from './types';
export * from './usage';
