-- Events the master refused (unknown tenant, absurd numbers…) stay for an operator instead of being retried forever.
ALTER TABLE _usage_outbox
  ADD COLUMN refused_code VARCHAR(64) NULL,
  ADD COLUMN refused_reason VARCHAR(255) NULL;

-- The same car cannot be booked twice for the same slot; a cancelled booking frees its slot.
ALTER TABLE agendamentos
  ADD COLUMN slot_car_id INT AS (IF(status = 'cancelado', NULL, car_id)) STORED,
  ADD UNIQUE KEY uq_agendamento_slot (slot_car_id, data_agendada);
