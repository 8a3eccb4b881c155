export * from './tenant-resolution';
export * from './tenant-key';
export * from './usage-batch';
export * from './reserved-tenant-keys.constant';
