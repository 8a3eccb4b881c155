-- leitor_vitrine: the vertical's storefront reader role holds SELECT on this tenant's catalogue tables on
--   its server (set by onboarding, restore, import and `helix migrate` once the grants are in place).
--   The master hands robots the reader only for these tenants; the others' public reads keep taking the
--   tenant's own role, so robots can be upgraded before `helix migrate` has granted every tenant.
ALTER TABLE tenants
  ADD COLUMN leitor_vitrine TINYINT(1) NOT NULL DEFAULT 0;
