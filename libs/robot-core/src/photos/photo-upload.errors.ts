import { domainErrorClass } from '@helix/contracts';

/** Stable codes of what a photo upload (and serving it back) is refused. */
export type PhotoUploadErrorCode = 'FOTO_TOO_LARGE' | 'FOTO_TYPE_UNSUPPORTED' | 'FOTO_UPLOAD_INVALID' | 'FOTO_FILE_NOT_FOUND';

export const PhotoUploadError = domainErrorClass<'foto-upload', PhotoUploadErrorCode>('foto-upload', 'PhotoUploadError');
export type PhotoUploadError = InstanceType<typeof PhotoUploadError>;

export const photoUploadErrors = {
  tooLarge: (maxMb: number) => new PhotoUploadError('FOTO_TOO_LARGE', `A foto passa de ${maxMb} MB. Envie uma imagem menor.`),
  typeUnsupported: () => new PhotoUploadError('FOTO_TYPE_UNSUPPORTED', 'Envie uma foto JPEG, PNG ou WebP.'),
  invalid: (detail: string) => new PhotoUploadError('FOTO_UPLOAD_INVALID', `Envio inválido: ${detail}.`),
  fileNotFound: () => new PhotoUploadError('FOTO_FILE_NOT_FOUND', 'Foto não encontrada.'),
};
