-- Sessions that can be taken back. Every admin token carries its account's session version; each
-- request reads the account by primary key and refuses a token whose version is not the current one.
-- Bumped on a password change, a role change, (de)activation and "log out everywhere".
ALTER TABLE usuarios_admin
  ADD COLUMN sessao_versao INT UNSIGNED NOT NULL DEFAULT 1 AFTER ativo;

-- Tokens ended one by one (POST /auth/logout), by their `jti`. A row is only needed until its token
-- would have expired anyway (at most JWT_TTL_SECONDS), so each logout purges the expired ones and the
-- table holds no more than the logouts of one token lifetime. `expira_em` is UTC.
CREATE TABLE admin_sessoes_encerradas (
  jti CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  expira_em DATETIME(3) NOT NULL,
  KEY idx_admin_sessoes_encerradas_expira (expira_em)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who changed what on an admin account, and when; one row per changed field (creation included).
-- No foreign key: the history outlives an account removed by hand. Passwords are never written here.
CREATE TABLE usuarios_admin_eventos (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  usuario_id INT UNSIGNED NOT NULL,
  campo ENUM('conta', 'nome', 'role', 'ativo', 'senha', 'sessoes') NOT NULL,
  de VARCHAR(255) NULL,
  para VARCHAR(255) NULL,
  autor VARCHAR(254) NOT NULL COMMENT 'e-mail of the admin who made the change, or sistema',
  criado_em TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY idx_usuarios_admin_eventos_usuario (usuario_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
