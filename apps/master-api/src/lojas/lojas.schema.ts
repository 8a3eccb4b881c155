import { z } from 'zod';
import { lojaLookFields } from '../tenants/tenants.schema';

export const lojaLookPatch = z
  .strictObject(lojaLookFields)
  .refine((patch) => Object.keys(patch).length > 0, 'informe ao menos um campo: nome, logo_url ou cor_primaria');
export type LojaLookPatch = z.infer<typeof lojaLookPatch>;
