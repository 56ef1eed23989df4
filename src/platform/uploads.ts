import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';

/** A file received on disk rather than in memory (data files can be hundreds of megabytes). */
export interface UploadedFile {
  kind: 'uploaded-file';
  filename: string;
  path: string;
  sha256: string;
  size: number;
  /** The name exactly as the browser sent it (it may carry a folder path), for checks that refuse such names. */
  sentName: string;
  /** Past the route's size limit: nothing was kept, and the service says so beside the form. */
  tooLarge?: true;
}

export const uploadsDirectory = path.resolve('data/uploads');

/** Streams an upload to data/uploads, hashing it on the way; nothing of it is held in memory. */
export async function saveUpload(stream: Readable, filename: string): Promise<UploadedFile> {
  fs.mkdirSync(uploadsDirectory, { recursive: true });
  const target = path.join(uploadsDirectory, `${crypto.randomUUID()}.part`);
  const hash = crypto.createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, measure, fs.createWriteStream(target));
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
  const tooLarge = (stream as Readable & { truncated?: boolean }).truncated === true;
  if (tooLarge) fs.rmSync(target, { force: true });
  // Only the last part of a name a browser sends is kept: never a path.
  const safeName =
    path
      .basename(filename.replace(/\\/g, '/'))
      .replace(/[^\w .()-]/g, '_')
      .slice(0, 120) || 'upload.csv';
  return {
    kind: 'uploaded-file',
    filename: safeName,
    path: target,
    sha256: hash.digest('hex'),
    size,
    sentName: filename,
    ...(tooLarge ? { tooLarge } : {}),
  };
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && (value as UploadedFile).kind === 'uploaded-file';
}
