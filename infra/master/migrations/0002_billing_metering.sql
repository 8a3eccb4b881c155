-- Billing and metering: Mercado Pago subscriptions, their change log, processed notifications,
-- the usage event ledger (exactly-once) and the 80 % / 100 % limit crossings.

ALTER TABLE assinaturas
  ADD COLUMN mp_preapproval_id VARCHAR(64) NULL AFTER data_fim,
  ADD COLUMN checkout_url VARCHAR(1024) NULL AFTER mp_preapproval_id,
  ADD UNIQUE KEY uq_assinaturas_mp_preapproval (mp_preapproval_id);

-- Who changed what on a subscription, and why; one row per transition (creation included).
CREATE TABLE assinaturas_eventos (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  assinatura_id INT UNSIGNED NOT NULL,
  de_status ENUM('pending', 'active', 'past_due', 'cancelled', 'expired') NULL,
  para_status ENUM('pending', 'active', 'past_due', 'cancelled', 'expired') NOT NULL,
  origem ENUM('admin', 'mercadopago', 'sistema') NOT NULL,
  autor VARCHAR(254) NOT NULL COMMENT 'admin e-mail, Mercado Pago request id or the system step',
  motivo VARCHAR(255) NULL,
  criado_em TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY idx_assinaturas_eventos_assinatura (assinatura_id, id),
  CONSTRAINT fk_assinaturas_eventos_assinatura FOREIGN KEY (assinatura_id) REFERENCES assinaturas (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each signed Mercado Pago delivery is applied once: a replay carries the same signature.
CREATE TABLE mercadopago_notificacoes (
  assinatura_hmac CHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  request_id VARCHAR(128) NULL,
  tipo VARCHAR(64) NULL,
  recurso_id VARCHAR(64) NULL,
  resultado VARCHAR(32) NOT NULL,
  recebida_em TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Ledger of counted usage events: its primary key is the exactly-once guarantee. No foreign key
-- (an append-only hot path; tenant_id was resolved in the same request and tenants are never
-- hard-deleted once active). `lote` tells a batch which rows it inserted itself.
CREATE TABLE uso_eventos (
  id BINARY(16) NOT NULL PRIMARY KEY COMMENT 'the robot''s event UUID',
  tenant_id INT UNSIGNED NOT NULL,
  mes CHAR(7) CHARACTER SET ascii NOT NULL,
  mensagens INT UNSIGNED NOT NULL,
  tokens INT UNSIGNED NOT NULL,
  ocorrido_em DATETIME(3) NOT NULL COMMENT 'UTC instant of the AI reply',
  lote BINARY(16) NOT NULL,
  recebido_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;

-- A tenant crossing 80 % or 100 % of a plan limit, once per month and resource.
CREATE TABLE uso_alertas (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  tenant_id INT UNSIGNED NOT NULL,
  mes CHAR(7) NOT NULL,
  recurso ENUM('mensagens', 'tokens') NOT NULL,
  limiar TINYINT UNSIGNED NOT NULL COMMENT 'percent: 80 or 100',
  usado BIGINT UNSIGNED NOT NULL,
  limite BIGINT UNSIGNED NOT NULL,
  criado_em TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uq_uso_alertas (tenant_id, mes, recurso, limiar),
  KEY idx_uso_alertas_mes (mes, id),
  CONSTRAINT fk_uso_alertas_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
