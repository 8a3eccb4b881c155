import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isTenantKey } from '@helix/contracts';
import type { ImageType } from './image-type';

/** What the server names an uploaded photo: 32 random hex digits and the extension of its real type. */
export const PHOTO_FILE_NAME = /^[0-9a-f]{32}\.(jpg|png|webp)$/;
/** The url a photo row keeps for an uploaded file: served by the robot itself (`GET /fotos/:nome`), for the store of the request. */
export const PHOTO_URL_PREFIX = '/fotos/';

/**
 * Uploaded photos on disk, one directory per store (`<UPLOAD_DIR>/<tenant_key>/`): a name is only
 * ever looked up in the directory of the request's own store, so another store's file is not found.
 * Every robot instance must see the same UPLOAD_DIR (a shared volume).
 */
export class PhotoFiles {
  private readonly root: string;

  constructor(uploadDir: string) {
    this.root = path.resolve(uploadDir);
  }

  async save(tenantKey: string, bytes: Buffer, type: ImageType): Promise<string> {
    const name = `${randomBytes(16).toString('hex')}.${type.ext}`;
    await mkdir(this.directoryOf(tenantKey), { recursive: true });
    // `wx`: never overwrite, whatever the odds of a repeated random name.
    await writeFile(this.pathOf(tenantKey, name), bytes, { flag: 'wx' });
    return name;
  }

  /** The file's bytes, or undefined when this store has no such file (or the name is not one the server gives). */
  async read(tenantKey: string, name: string): Promise<Buffer | undefined> {
    if (!PHOTO_FILE_NAME.test(name)) return undefined;
    try {
      return await readFile(this.pathOf(tenantKey, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Removes the file a photo url names, if it is one of this store's uploads; other urls (https://) are left alone. */
  async removeByUrl(tenantKey: string, url: string): Promise<void> {
    const name = url.startsWith(PHOTO_URL_PREFIX) ? url.slice(PHOTO_URL_PREFIX.length) : '';
    if (PHOTO_FILE_NAME.test(name)) await rm(this.pathOf(tenantKey, name), { force: true });
  }

  private directoryOf(tenantKey: string): string {
    // Keys come from the master's resolution; checked again because they become a path.
    if (!isTenantKey(tenantKey)) throw new Error(`not a tenant key: ${tenantKey}`);
    return path.join(this.root, tenantKey);
  }

  private pathOf(tenantKey: string, name: string): string {
    return path.join(this.directoryOf(tenantKey), name);
  }
}
