export * from './tenant-resolution';
export * from './tenant-key';
