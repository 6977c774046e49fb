import { HttpStatus, Injectable } from '@nestjs/common';
import { ERROR_CODES, LIMITS, type AttachmentKind, type AttachmentMimeType } from '@promoto/shared-dto';
import sharp from 'sharp';
import { AppException } from '../common/app-exception';

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

/**
 * Reads the type from the bytes (never from the name or the declared type), refuses what is not a
 * JPEG, PNG, WebP or PDF, and re-encodes images: rotated as the camera held them, scaled down to
 * MAX_IMAGE_SIDE, without EXIF, GPS or any other metadata (sharp writes none unless asked), plus a
 * WebP thumbnail.
 */
@Injectable()
export class AttachmentProcessor {
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
      case 'image/webp':
        return this.reencode(data, detected.mime);
      case 'image/heic':
      case 'image/heif':
        throw unsupportedType(REFUSED_HEIC);
      default:
        throw unsupportedType(REFUSED_TYPE);
    }
  }

  private async reencode(data: Buffer, mimeType: 'image/jpeg' | 'image/png' | 'image/webp'): Promise<ProcessedUpload> {
    try {
      const resized = sharp(data, { failOn: 'error' })
        .rotate()
        .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
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
