-- Master registry: who the tenants are, what they pay for, what they use, who administers.

CREATE TABLE planos (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  nome VARCHAR(100) NOT NULL,
  preco_mensal INT UNSIGNED NOT NULL COMMENT 'centavos de BRL',
  limite_mensagens INT UNSIGNED NOT NULL,
  limite_tokens BIGINT UNSIGNED NOT NULL,
  ativo TINYINT(1) NOT NULL DEFAULT 1,
  criado_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_planos_nome (nome)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tenants (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  tenant_key VARCHAR(40) NOT NULL,
  nome VARCHAR(255) NOT NULL,
  dominio VARCHAR(253) NULL,
  robo_tipo ENUM('carros', 'imoveis') NOT NULL,
  database_name VARCHAR(64) NOT NULL,
  db_host VARCHAR(255) NOT NULL,
  db_port SMALLINT UNSIGNED NOT NULL,
  db_user VARCHAR(80) NOT NULL,
  db_password_enc VARCHAR(512) NULL COMMENT 'AES-256-GCM (SecretBox v1)',
  api_key_hash CHAR(64) NULL COMMENT 'SHA-256 of the API key',
  api_key_prefix VARCHAR(16) NULL,
  -- provisioning: onboarding in progress (reserves key, domain and database name)
  status ENUM('provisioning', 'active', 'suspended', 'deleted') NOT NULL DEFAULT 'provisioning',
  criado_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  atualizado_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_tenants_key (tenant_key),
  UNIQUE KEY uq_tenants_dominio (dominio),
  UNIQUE KEY uq_tenants_database (db_host, db_port, database_name),
  KEY idx_tenants_robo_status (robo_tipo, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE assinaturas (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  tenant_id INT UNSIGNED NOT NULL,
  plano_id INT UNSIGNED NOT NULL,
  status ENUM('pending', 'active', 'past_due', 'cancelled', 'expired') NOT NULL DEFAULT 'pending',
  data_inicio DATETIME NULL,
  data_fim DATETIME NULL,
  criado_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  atualizado_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  -- at most one active subscription per tenant: NULL for every other status
  ativa_tenant_id INT UNSIGNED AS (IF(status = 'active', tenant_id, NULL)) STORED,
  UNIQUE KEY uq_assinaturas_uma_ativa (ativa_tenant_id),
  KEY idx_assinaturas_tenant (tenant_id, status),
  CONSTRAINT fk_assinaturas_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
  CONSTRAINT fk_assinaturas_plano FOREIGN KEY (plano_id) REFERENCES planos (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE uso_tokens (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  tenant_id INT UNSIGNED NOT NULL,
  mes CHAR(7) NOT NULL COMMENT 'YYYY-MM',
  mensagens_usadas INT UNSIGNED NOT NULL DEFAULT 0,
  tokens_usados BIGINT UNSIGNED NOT NULL DEFAULT 0,
  atualizado_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_uso_tenant_mes (tenant_id, mes),
  CONSTRAINT fk_uso_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE usuarios_admin (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  nome VARCHAR(255) NOT NULL,
  senha_hash VARCHAR(255) NOT NULL,
  role ENUM('admin', 'viewer') NOT NULL DEFAULT 'viewer',
  ativo TINYINT(1) NOT NULL DEFAULT 1,
  criado_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_usuarios_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
