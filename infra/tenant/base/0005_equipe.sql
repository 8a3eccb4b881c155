-- The store's staff: who signs in to the store's back office (/painel). The owner is created at
-- onboarding with a one-time invite (only the SHA-256 of its token is kept); each person sets a
-- password by accepting an invite. Bumping sessao_versao ends every session of the person
-- (deactivation, role change); one session ended by logout is kept by token id until it expires.
-- Every statement here may run again: a migration that fails half way is rerun whole.
CREATE TABLE IF NOT EXISTS equipe_usuarios (
  id INT UNSIGNED PRIMARY KEY AUTO_INCREMENT,
  email VARCHAR(254) NOT NULL,
  nome VARCHAR(255) NOT NULL,
  papel ENUM('dono', 'vendedor') NOT NULL,
  senha_hash VARCHAR(255) NULL COMMENT 'NULL until an invite is accepted',
  ativo BOOLEAN NOT NULL DEFAULT TRUE,
  sessao_versao INT UNSIGNED NOT NULL DEFAULT 1,
  convite_hash CHAR(64) NULL COMMENT 'SHA-256 (hex) of the pending invite token',
  convite_expira_em DATETIME(3) NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_equipe_email (email),
  UNIQUE KEY uq_equipe_convite (convite_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS equipe_sessoes_encerradas (
  jti CHAR(36) PRIMARY KEY,
  expira_em DATETIME(3) NOT NULL COMMENT 'when the token would have expired anyway: purged after',
  INDEX idx_equipe_sessao_expira (expira_em)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
