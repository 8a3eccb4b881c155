-- The same property cannot be visited twice in the same slot; a cancelled visit frees its slot.
ALTER TABLE visitas
  ADD COLUMN slot_imovel_id INT AS (IF(status = 'cancelado', NULL, imovel_id)) STORED,
  ADD UNIQUE KEY uq_visita_slot (slot_imovel_id, data_agendada);
