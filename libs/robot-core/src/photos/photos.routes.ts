import { defineRoute } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import type { RobotAccess } from '../robot-access';
import { RobotError } from '../robot.error';
import type { PhotoFiles } from './photo-files';
import type { PhotoKind } from './photo-kind';
import type { Foto, PhotosRepository } from './photos.repository';
import { addPhotoSchema, itemParam, photoParam } from './photos.schema';

export function photoRoutes(access: RobotAccess, kind: PhotoKind, photos: PhotosRepository, files: PhotoFiles) {
  const itemNotFound = (id: number) => new RobotError('ITEM_NOT_FOUND', `${kind.parentLabel} ${id} não encontrado(a).`);
  return [
    access.apiKey(
      defineRoute({
        method: 'post',
        path: `${kind.parentPath}/:id/fotos`,
        tag: kind.tag,
        summary: 'Adiciona uma foto (URL http/https); principal: true a torna a foto de capa',
        params: itemParam,
        body: addPhotoSchema,
        status: 201,
        handle: ({ req, params, body }) =>
          tenantOf(req).db.transaction(async (db) => {
            if (!(await photos.itemExists(db, params.id))) throw itemNotFound(params.id);
            const id = await photos.add(db, params.id, body);
            return { id, url: body.url, ordem: body.ordem, principal: body.principal } satisfies Foto;
          }),
      }),
    ),
    access.apiKey(
      defineRoute({
        method: 'delete',
        path: `${kind.parentPath}/:id/fotos/:fotoId`,
        tag: kind.tag,
        summary: 'Remove uma foto (e o arquivo, se foi enviada à loja)',
        params: photoParam,
        status: 204,
        handle: async ({ req, params }) => {
          const tenant = tenantOf(req);
          const url = await photos.remove(tenant.db, params.id, params.fotoId);
          if (url === undefined) throw new RobotError('FOTO_NOT_FOUND', `Foto ${params.fotoId} não encontrada.`);
          await files.removeByUrl(tenant.tenant_key, url);
        },
      }),
    ),
  ];
}
