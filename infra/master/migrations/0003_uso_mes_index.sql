-- Analytics read a whole month across tenants. `mes` never changes once a row exists, so the
-- usage counters' hot upserts do not maintain this index (only a tenant's first event of a month).
ALTER TABLE uso_tokens ADD KEY idx_uso_tokens_mes (mes);
