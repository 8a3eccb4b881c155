import { defineRoute, parseInput, type RouteSpec } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import { z } from 'zod';
import type { RobotAccess } from '../robot-access';
import { RobotError } from '../robot.error';
import { imageTypeOf, imageTypeOfExt } from './image-type';
import type { PhotoKind } from './photo-kind';
import { PHOTO_URL_PREFIX, type PhotoFiles } from './photo-files';
import { photoUploadErrors } from './photo-upload.errors';
import { MAX_PHOTO_MB, receivePhoto } from './photo-upload.middleware';
import type { Foto, PhotosRepository } from './photos.repository';
import { itemParam } from './photos.schema';

/** The form's text fields besides the file. */
const uploadFields = z.strictObject({
  ordem: z.coerce.number().int().min(0).max(10_000).default(0),
  principal: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
const fileParam = z.object({ nome: z.string().max(64) });

/** Stored names never change content: a day in any cache is safe. */
const CACHE_CONTROL = 'public, max-age=86400, immutable';

/** Photos uploaded by the store (rather than linked by URL), and serving them back to its storefront. */
export function photoFileRoutes(access: RobotAccess, kind: PhotoKind, photos: PhotosRepository, files: PhotoFiles) {
  return [
    access.apiKey(
      defineRoute({
        method: 'post',
        path: `${kind.parentPath}/:id/fotos/arquivo`,
        tag: kind.tag,
        summary: `Envia uma foto (multipart, campo "arquivo": JPEG, PNG ou WebP até ${MAX_PHOTO_MB} MB; campos ordem e principal opcionais)`,
        params: itemParam,
        guards: [receivePhoto],
        status: 201,
        errors: {
          400: 'Formulário inválido',
          404: 'Item não encontrado',
          413: `Foto acima de ${MAX_PHOTO_MB} MB`,
          415: 'Não é JPEG, PNG nem WebP',
        },
        handle: async ({ req, params }) => {
          const fields = parseInput(uploadFields, req.body ?? {}, 'body');
          if (!req.file) throw photoUploadErrors.invalid('envie a foto no campo "arquivo"');
          const type = imageTypeOf(req.file.buffer);
          if (!type) throw photoUploadErrors.typeUnsupported();
          const tenant = tenantOf(req);
          if (!(await photos.itemExists(tenant.db, params.id))) {
            throw new RobotError('ITEM_NOT_FOUND', `${kind.parentLabel} ${params.id} não encontrado(a).`);
          }
          const url = PHOTO_URL_PREFIX + (await files.save(tenant.tenant_key, req.file.buffer, type));
          try {
            const id = await tenant.db.transaction((db) => photos.add(db, params.id, { url, ...fields }));
            return { id, url, ordem: fields.ordem, principal: fields.principal } satisfies Foto;
          } catch (error) {
            // The row is the photo: without it the file is only clutter.
            await files.removeByUrl(tenant.tenant_key, url);
            throw error;
          }
        },
      }),
    ),
    access.storefront(
      defineRoute({
        method: 'get',
        path: '/fotos/:nome',
        tag: kind.tag,
        summary: 'Uma foto enviada pela loja (só a loja da requisição: a foto de outra loja não existe aqui)',
        params: fileParam,
        errors: { 404: 'Foto não encontrada' },
        handle: async ({ req, res, params }) => {
          const tenant = tenantOf(req);
          const bytes = await files.read(tenant.tenant_key, params.nome);
          const type = bytes && imageTypeOfExt(params.nome.slice(params.nome.lastIndexOf('.') + 1));
          if (!bytes || !type) throw photoUploadErrors.fileNotFound();
          res.setHeader('Content-Type', type.contentType);
          res.setHeader('X-Content-Type-Options', 'nosniff');
          res.setHeader('Cache-Control', CACHE_CONTROL);
          res.setHeader('Content-Security-Policy', "default-src 'none'");
          res.status(200).send(bytes);
        },
      }),
    ),
  ];
}

/**
 * Deleting a catalogue item deletes its photo rows (ON DELETE CASCADE): its uploaded files go with
 * them, once the item is gone (a refused deletion keeps them).
 */
export function removingItemPhotoFiles(routes: RouteSpec[], kind: PhotoKind, photos: PhotosRepository, files: PhotoFiles): RouteSpec[] {
  const itemPath = `${kind.parentPath}/:id`;
  return routes.map((route) =>
    route.method !== 'delete' || route.path !== itemPath
      ? route
      : {
          ...route,
          handle: async (input) => {
            const tenant = tenantOf(input.req);
            const { id } = input.params as { id: number };
            const fotos = (await photos.forItems(tenant.db, [id])).get(id) ?? [];
            const result = await route.handle(input);
            await Promise.all(fotos.map((foto) => files.removeByUrl(tenant.tenant_key, foto.url)));
            return result;
          },
        },
  );
}
