-- Operations that run one at a time per master registry (`helix move` of a tenant, `helix gateway
-- rotate`): a lease row per operation under way (libs/db/src/lease.ts), taken by inserting it or by
-- taking over a row whose lease expired, renewed while the operation runs and deleted when it ends;
-- a holder that dies leaves a row that expires by itself. Not GET_LOCK: under Galera a named lock is
-- one node's, and two masters on two nodes could both hold it; a row is the cluster's.
-- name: the operation (e.g. `helix_move_<tenant id>`). holder: host/pid/random id of whoever runs it.
-- Times are the server's UTC clock.
CREATE TABLE operacoes_lease (
  name VARCHAR(100) NOT NULL,
  holder VARCHAR(120) NOT NULL,
  taken_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
