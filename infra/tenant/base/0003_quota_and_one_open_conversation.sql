-- Plan limits, held alike by every robot instance: each month's settled usage, and the reservations
-- of replies in flight (reserved before the AI call, settled in the reply's own transaction).
-- Every statement here may run again: a migration that fails half way is rerun whole.
CREATE TABLE IF NOT EXISTS _quota_mes (
  mes CHAR(7) PRIMARY KEY COMMENT 'YYYY-MM in the billing time zone',
  mensagens INT UNSIGNED NOT NULL,
  tokens BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS _quota_reservas (
  id CHAR(36) PRIMARY KEY COMMENT 'also the id of the usage event it settles into',
  mes CHAR(7) NOT NULL,
  mensagens INT UNSIGNED NOT NULL,
  tokens INT UNSIGNED NOT NULL,
  expira_em DATETIME(3) NOT NULL,
  INDEX idx_reserva_mes (mes),
  INDEX idx_reserva_expira (expira_em)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One open conversation per customer. Concurrent first messages used to open several: a customer's
-- open ones are merged into the newest (earliest start, latest exchange, most advanced status, every
-- message) before the unique key can be added. NULL status counts as open, as the key below sees it.
UPDATE conversations keep
  JOIN (SELECT customer_id,
               MAX(id) AS keep_id,
               MIN(created_at) AS started,
               MAX(CASE status WHEN 'negociando' THEN 3 WHEN 'em_andamento' THEN 2 ELSE 1 END) AS stage
          FROM conversations
         WHERE status IS NULL OR status NOT IN ('fechado', 'perdido')
         GROUP BY customer_id
        HAVING COUNT(*) > 1) dup ON dup.keep_id = keep.id
  JOIN conversations latest ON latest.id = (
         SELECT c.id FROM conversations c
          WHERE c.customer_id = dup.customer_id AND (c.status IS NULL OR c.status NOT IN ('fechado', 'perdido'))
          ORDER BY c.last_interaction IS NULL, c.last_interaction DESC, c.id DESC
          LIMIT 1)
   SET keep.created_at = dup.started,
       keep.status = ELT(dup.stage, 'novo', 'em_andamento', 'negociando'),
       keep.last_message = latest.last_message,
       keep.last_interaction = latest.last_interaction;

UPDATE mensagens m
  JOIN conversations merged ON merged.id = m.conversation_id
  JOIN (SELECT customer_id, MAX(id) AS keep_id
          FROM conversations
         WHERE status IS NULL OR status NOT IN ('fechado', 'perdido')
         GROUP BY customer_id
        HAVING COUNT(*) > 1) dup ON dup.customer_id = merged.customer_id
   SET m.conversation_id = dup.keep_id
 WHERE (merged.status IS NULL OR merged.status NOT IN ('fechado', 'perdido')) AND merged.id <> dup.keep_id;

DELETE merged FROM conversations merged
  JOIN (SELECT customer_id, MAX(id) AS keep_id
          FROM conversations
         WHERE status IS NULL OR status NOT IN ('fechado', 'perdido')
         GROUP BY customer_id
        HAVING COUNT(*) > 1) dup ON dup.customer_id = merged.customer_id
 WHERE (merged.status IS NULL OR merged.status NOT IN ('fechado', 'perdido')) AND merged.id <> dup.keep_id;

-- A closed conversation leaves the key (NULL), so the customer's next message opens a new one.
-- A duplicate written by an older robot between the merge and this statement fails it: run again.
ALTER TABLE conversations
  ADD COLUMN IF NOT EXISTS open_customer_id INT AS (IF(status IN ('fechado', 'perdido'), NULL, customer_id)) STORED,
  ADD UNIQUE KEY IF NOT EXISTS uq_conversa_aberta (open_customer_id);
