import type { RequestHandler } from 'express';
import multer from 'multer';
import { photoUploadErrors } from './photo-upload.errors';

export const MAX_PHOTO_MB = 5;

/** One file (`arquivo`) and a couple of short fields, held in memory: 5 MB is the most a request may cost. */
const receive = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_PHOTO_MB * 1024 * 1024, files: 1, fields: 4, fieldSize: 64, parts: 6, headerPairs: 20 },
}).single('arquivo');

/** Multipart parsing for a photo upload, with multer's refusals in the robot's own terms (413/400 JSON, pt-BR). */
export const receivePhoto: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) {
    next(photoUploadErrors.invalid('envie um formulário multipart/form-data com a foto no campo "arquivo"'));
    return;
  }
  receive(req, res, (error: unknown) => {
    if (!error) return next();
    if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') return next(photoUploadErrors.tooLarge(MAX_PHOTO_MB));
    if (error instanceof multer.MulterError && error.code === 'LIMIT_UNEXPECTED_FILE') {
      return next(photoUploadErrors.invalid('envie um único arquivo, no campo "arquivo"'));
    }
    next(photoUploadErrors.invalid(error instanceof multer.MulterError ? 'campos demais ou grandes demais' : 'formulário malformado'));
  });
};
