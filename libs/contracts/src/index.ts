export * from './tenant-resolution';
export * from './tenant-key';
export * from './usage-batch';
export * from './reserved-tenant-keys.constant';
export * from './billing-month';
export * from './request-rates';
