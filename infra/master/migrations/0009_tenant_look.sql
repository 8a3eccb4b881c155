-- A store's look, shown by the web app's storefront: set by admins (PATCH /tenants/:key) or by the
-- tenant's owner through its robot (PATCH /internal/tenants/:key/loja). NULL: the app's defaults.
-- logo_url: an https:// URL or the store's own uploaded photo (`/fotos/<name>`).
-- cor_primaria: `#rrggbb`.
ALTER TABLE tenants
  ADD COLUMN logo_url VARCHAR(500) NULL,
  ADD COLUMN cor_primaria CHAR(7) NULL;
