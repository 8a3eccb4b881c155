export * from './ai';
