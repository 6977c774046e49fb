import { Controller, Get, Headers, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ATTACHMENT_MIME_TYPES, type UploadedAttachmentView } from '@promoto/shared-dto';
import type { Request, Response } from 'express';
import { ApiView } from '../app/api-views';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { Public } from '../auth/auth.decorators';
import { badRequest } from '../common/app-exception';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { AttachmentFileResponder } from './attachment-file-responder';
import { AttachmentsService } from './attachments.service';
import { UploadInterceptor } from './upload.interceptor';

/** A file's bytes, in one of the types given. */
const binary = (types: readonly string[]) =>
  Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));

@ApiTags('attachments')
@Controller('attachments')
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly files: AttachmentFileResponder,
  ) {}

  @Post()
  @ApiBearerAuth()
  @UseInterceptors(UploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary:
      'Upload a photo (JPEG, PNG, WebP) or a PDF of at most 10 MB, typed from its bytes; images are re-encoded without EXIF. Send it with attachmentIds within 24 h, or it is deleted',
  })
  @ApiPayloadTooLargeResponse({
    description: 'PAYLOAD_TOO_LARGE: the file is over 10 MB, or an image declares more than IMAGE_MAX_MEGAPIXELS',
  })
  @ApiServiceUnavailableResponse({
    description: 'SERVICE_UNAVAILABLE: too many images wait to be processed on this replica; retry shortly',
  })
  @ApiUnsupportedMediaTypeResponse({
    description: 'UNSUPPORTED_FILE_TYPE: not a JPEG, PNG, WebP or PDF (French message)',
  })
  @ApiForbiddenResponse({ description: 'QUOTA_EXCEEDED: the account’s files would exceed its quota' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many uploads this hour' })
  @ApiView('UploadedAttachmentView')
  upload(@CurrentUser() user: AuthUser, @Req() request: Request): Promise<UploadedAttachmentView> {
    const file = request.file;
    if (!file) throw badRequest('Aucun fichier reçu : envoyez-le dans le champ « file » (multipart/form-data).');
    return this.attachments.upload(user, file.buffer, file.originalname);
  }

  @Get(':id/file')
  @Public()
  @ApiOperation({
    summary:
      'An attachment’s file, through the signed link a message carries (no token needed); 404 when the link is expired or altered, or the token is not one of the conversation’s two people',
  })
  @ApiOkResponse({ description: 'The file, in the type it was stored with', content: binary(ATTACHMENT_MIME_TYPES) })
  file(
    @Param('id', MongoIdPipe) id: string,
    @Query('expires') expires: string,
    @Query('signature') signature: string,
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    return this.files.send(response, { id, variant: 'file', expires, signature, authorization });
  }

  @Get(':id/thumbnail')
  @Public()
  @ApiOperation({ summary: 'An image attachment’s thumbnail (WebP), through its signed link; 404 as for the file' })
  @ApiOkResponse({ description: 'The thumbnail', content: binary(['image/webp']) })
  thumbnail(
    @Param('id', MongoIdPipe) id: string,
    @Query('expires') expires: string,
    @Query('signature') signature: string,
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    return this.files.send(response, { id, variant: 'thumbnail', expires, signature, authorization });
  }
}
