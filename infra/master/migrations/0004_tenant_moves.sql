-- Moving a tenant to another MySQL server (`helix move`).
-- escrita_congelada_ate: until then robots refuse the tenant's writes (503 + Retry-After); a lease,
--   so a move that dies mid-way frees the tenant by itself on its old server.
-- movendo_para: `host:port` of a copy in progress (a rerun removes a copy a dead run left there).
-- copia_antiga: `host:port` of the copy left behind after the switch, until it is dropped.
ALTER TABLE tenants
  ADD COLUMN escrita_congelada_ate DATETIME(3) NULL,
  ADD COLUMN movendo_para VARCHAR(300) NULL,
  ADD COLUMN copia_antiga VARCHAR(300) NULL;
