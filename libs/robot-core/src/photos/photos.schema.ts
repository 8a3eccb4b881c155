import { z } from 'zod';

const photoUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((url) => !/[\s<>"']/.test(url), 'URL inválida');

export const addPhotoSchema = z.strictObject({
  url: photoUrl,
  ordem: z.number().int().min(0).max(10_000).default(0),
  principal: z.boolean().default(false),
});
export type AddPhotoInput = z.infer<typeof addPhotoSchema>;

export const itemParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const photoParam = itemParam.extend({ fotoId: z.coerce.number().int().positive().max(2_147_483_647) });
