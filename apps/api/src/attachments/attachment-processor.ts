import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ERROR_CODES, LIMITS, type AttachmentKind, type AttachmentMimeType } from '@promoto/shared-dto';
import sharp from 'sharp';
import { AppException } from '../common/app-exception';
import { QueueFullError, WorkQueue } from '../common/work-queue';
import type { Environment } from '../config/environment';

/** Images are stored at most this wide and high (a phone's 12 MP photo becomes about 2.5 MP). */
const MAX_IMAGE_SIDE = 2560;
const THUMBNAIL_SIDE = 480;

/** An upload ready to store: the bytes to keep (an image re-encoded without metadata) and its thumbnail. */
export interface ProcessedUpload {
  kind: AttachmentKind;
  mimeType: AttachmentMimeType;
  data: Buffer;
  width?: number;
  height?: number;
  thumbnail?: Buffer;
}

export const unsupportedType = (message: string) =>
  new AppException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ERROR_CODES.UNSUPPORTED_FILE_TYPE, message);

export const tooLarge = () =>
  new AppException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ERROR_CODES.PAYLOAD_TOO_LARGE,
    `Ce fichier dépasse ${LIMITS.attachmentMaxBytes / (1024 * 1024)} Mo : envoyez une photo ou un document plus léger.`,
  );

const REFUSED_TYPE = 'Ce type de fichier n’est pas accepté : envoyez une photo (JPEG, PNG ou WebP) ou un document PDF.';
const REFUSED_HEIC =
  'Les photos HEIC ne sont pas encore acceptées : réglez l’appareil photo sur « Le plus compatible » (JPEG) ou envoyez une capture d’écran.';
const UNREADABLE_IMAGE = 'Cette image est illisible ou endommagée : essayez une autre photo.';

const tooManyPixels = (maxPixels: number) =>
  new AppException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ERROR_CODES.PAYLOAD_TOO_LARGE,
    `Cette image compte trop de pixels (${maxPixels / 1_000_000} mégapixels au plus) : envoyez une photo plus petite.`,
  );

const busy = () =>
  new AppException(
    HttpStatus.SERVICE_UNAVAILABLE,
    ERROR_CODES.SERVICE_UNAVAILABLE,
    'Trop de photos sont en cours de traitement : réessayez dans un instant.',
  );

// libvips keeps recent operations and their pixels in a cache; uploads never repeat, so it would
// only hold memory after the work is done.
sharp.cache(false);

/**
 * Reads the type from the bytes (never from the name or the declared type), refuses what is not a
 * JPEG, PNG, WebP or PDF, and re-encodes images: rotated as the camera held them, scaled down to
 * MAX_IMAGE_SIDE, without EXIF, GPS or any other metadata (sharp writes none unless asked), plus a
 * WebP thumbnail.
 *
 * An image declaring more than IMAGE_MAX_MEGAPIXELS is refused from its header, before any pixel
 * is decoded (a 2 MB PNG can declare 16383 × 16383 pixels: 2 GiB once decoded). The rest are
 * decoded IMAGE_PROCESSING_CONCURRENCY at a time: each holds one of libuv's four pool threads,
 * which password hashing (argon2) and file reads also need, so unbounded decoding would starve
 * logins; past IMAGE_QUEUE_MAX_WAITING waiting uploads, the next one gets 503.
 */
@Injectable()
export class AttachmentProcessor {
  private readonly maxPixels: number;
  private readonly queue: WorkQueue;

  constructor(config: ConfigService<Environment, true>) {
    this.maxPixels = config.get('IMAGE_MAX_MEGAPIXELS', { infer: true }) * 1_000_000;
    this.queue = new WorkQueue(
      config.get('IMAGE_PROCESSING_CONCURRENCY', { infer: true }),
      config.get('IMAGE_QUEUE_MAX_WAITING', { infer: true }),
    );
  }

  async process(data: Buffer): Promise<ProcessedUpload> {
    if (data.length > LIMITS.attachmentMaxBytes) throw tooLarge();
    // file-type is ESM-only: loaded on first use, as Node's require of an ES module.
    const { fileTypeFromBuffer } = await import('file-type');
    const detected = await fileTypeFromBuffer(data);
    switch (detected?.mime) {
      case 'application/pdf':
        return { kind: 'document', mimeType: 'application/pdf', data };
      case 'image/jpeg':
      case 'image/png':
      case 'image/webp': {
        const mimeType = detected.mime;
        await this.assertPixelsWithinLimit(data);
        return this.inQueue(() => this.reencode(data, mimeType));
      }
      case 'image/heic':
      case 'image/heif':
        throw unsupportedType(REFUSED_HEIC);
      default:
        throw unsupportedType(REFUSED_TYPE);
    }
  }

  /** Reads the dimensions from the header alone (no pixel is decoded). */
  private async assertPixelsWithinLimit(data: Buffer): Promise<void> {
    let width: number | undefined;
    let height: number | undefined;
    try {
      ({ width, height } = await sharp(data).metadata());
    } catch {
      throw unsupportedType(UNREADABLE_IMAGE);
    }
    if (!width || !height) throw unsupportedType(UNREADABLE_IMAGE);
    if (width * height > this.maxPixels) throw tooManyPixels(this.maxPixels);
  }

  private async inQueue<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.queue.run(work);
    } catch (error) {
      throw error instanceof QueueFullError ? busy() : error;
    }
  }

  private async reencode(data: Buffer, mimeType: 'image/jpeg' | 'image/png' | 'image/webp'): Promise<ProcessedUpload> {
    try {
      // The header was checked; the decoder enforces the same limit on what it actually reads.
      const resized = sharp(data, { failOn: 'error', limitInputPixels: this.maxPixels })
        .rotate()
        .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true })
        .toColourspace('srgb');
      const encoded =
        mimeType === 'image/jpeg'
          ? resized.jpeg({ quality: 85 })
          : mimeType === 'image/png'
            ? resized.png({ compressionLevel: 8 })
            : resized.webp({ quality: 85 });
      const { data: image, info } = await encoded.toBuffer({ resolveWithObject: true });
      const thumbnail = await sharp(image)
        .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer();
      return { kind: 'image', mimeType, data: image, width: info.width, height: info.height, thumbnail };
    } catch {
      throw unsupportedType(UNREADABLE_IMAGE);
    }
  }
}
