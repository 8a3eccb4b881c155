-- The same car cannot be booked twice for the same slot; a cancelled booking frees its slot.
ALTER TABLE agendamentos
  ADD COLUMN slot_car_id INT AS (IF(status = 'cancelado', NULL, car_id)) STORED,
  ADD UNIQUE KEY uq_agendamento_slot (slot_car_id, data_agendada);
