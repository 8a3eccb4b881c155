-- Request rates each plan allows a tenant (over all robot instances), per kind of request, enforced before any
-- database work (429 RATE_LIMITED with Retry-After): storefront reads (public catalogue), back-office
-- calls (API key) and chats; each an average per minute and a burst allowed at once.
ALTER TABLE planos
  ADD COLUMN vitrine_por_minuto INT UNSIGNED NOT NULL DEFAULT 3000,
  ADD COLUMN vitrine_rajada INT UNSIGNED NOT NULL DEFAULT 200,
  ADD COLUMN gestao_por_minuto INT UNSIGNED NOT NULL DEFAULT 600,
  ADD COLUMN gestao_rajada INT UNSIGNED NOT NULL DEFAULT 60,
  ADD COLUMN chat_por_minuto INT UNSIGNED NOT NULL DEFAULT 120,
  ADD COLUMN chat_rajada INT UNSIGNED NOT NULL DEFAULT 60;
