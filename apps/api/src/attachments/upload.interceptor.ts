import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { LIMITS } from '@promoto/shared-dto';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { badRequest } from '../common/app-exception';
import { tooLarge } from './attachment-processor';

/**
 * Reads the multipart body of an upload into memory: one part, the field `file`, at most
 * LIMITS.attachmentMaxBytes (the JSON body limit does not apply to multipart). Refusals are in
 * French, for the person who chose the file.
 */
const readFile = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: LIMITS.attachmentMaxBytes, files: 1, fields: 0, parts: 1 },
}).single('file');

@Injectable()
export class UploadInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) =>
      readFile(http.getRequest<Request>(), http.getResponse<Response>(), (error: unknown) =>
        error ? reject(toRefusal(error)) : resolve(),
      ),
    );
    return next.handle();
  }
}

function toRefusal(error: unknown): Error {
  if (!(error instanceof multer.MulterError)) return badRequest('Le fichier n’a pas pu être lu : réessayez.');
  if (error.code === 'LIMIT_FILE_SIZE') return tooLarge();
  return badRequest('Envoyez un seul fichier, dans le champ « file ».');
}
