export * from './tenant-resolution';
