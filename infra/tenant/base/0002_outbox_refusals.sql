-- Events the master refused (unknown tenant, absurd numbers…) stay for an operator instead of being retried forever.
ALTER TABLE _usage_outbox
  ADD COLUMN refused_code VARCHAR(64) NULL,
  ADD COLUMN refused_reason VARCHAR(255) NULL;
