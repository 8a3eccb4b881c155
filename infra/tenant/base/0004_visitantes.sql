-- Store visitors: people who open a store's page, chat with the AI seller and book a visit without
-- an account. A visitor becomes a customer on its first message, before any phone is known: the
-- phone may now be NULL (the UNIQUE key stays; it allows many NULLs).
-- Every statement here may run again: a migration that fails half way is rerun whole.
ALTER TABLE customers MODIFY COLUMN phone VARCHAR(20) NULL;

CREATE TABLE IF NOT EXISTS visitantes (
  id CHAR(36) PRIMARY KEY COMMENT 'the subject of the visitor session token',
  customer_id INT NULL COMMENT 'set on the first message or booking',
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_visitante_customer FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE SET NULL,
  INDEX idx_visitante_last_seen (last_seen_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
