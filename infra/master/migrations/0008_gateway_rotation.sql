-- Rotation generations of the robots' gateway accounts (`helix gateway rotate`). A vertical's gateway
-- password on a server is derived from TENANT_SECRET_KEY, the account, the server and its generation,
-- so the master, the CLI and onboarding agree on it without storing it. No row: generation 0.
-- geracao: the generation whose password the master hands robots.
-- geracao_nova: set while a rotation is under way (the server then accepts this generation's password
--   and the one before it); NULL once the old password is discarded. A rerun finishes this rotation.
CREATE TABLE gateway_geracoes (
  db_host VARCHAR(255) NOT NULL,
  db_port SMALLINT UNSIGNED NOT NULL,
  robo_tipo ENUM('carros', 'imoveis') NOT NULL,
  geracao INT UNSIGNED NOT NULL DEFAULT 0,
  geracao_nova INT UNSIGNED NULL,
  atualizado_em TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (db_host, db_port, robo_tipo)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
