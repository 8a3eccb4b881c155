-- The fleet of MySQL servers that hold tenant databases (`helix servers`). Every server is reached
-- with TENANT_DB_URL's admin account. A tenant is on the server its row names (tenants.db_host,
-- db_port, which robots resolve and `helix move` switches); it is related to this registry by that
-- address, so a move never has a second column to keep in step.
-- capacidade: how many tenants (provisioning, active or suspended) placement puts here, at most.
-- estado: active (receives new tenants) · draining (being emptied, receives none) · retired (empty,
--   kept for the record).
-- The TENANT_DB_URL server is registered by master-api's start and by the CLI when absent.
CREATE TABLE servidores (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  host VARCHAR(255) NOT NULL,
  port SMALLINT UNSIGNED NOT NULL,
  capacidade INT UNSIGNED NOT NULL COMMENT 'tenants',
  estado ENUM('active', 'draining', 'retired') NOT NULL DEFAULT 'active',
  notas VARCHAR(500) NULL,
  criado_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  atualizado_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_servidores_endereco (host, port)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
