import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataExportView } from '@promoto/shared-dto';
import type { Response } from 'express';
import { ApiView } from '../app/api-views';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { Public } from '../auth/auth.decorators';
import { notFound } from '../common/app-exception';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { DataExportsService, RECENT_EXPORTS } from './data-exports.service';

@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(private readonly exports: DataExportsService) {}

  @Post('me/data-exports')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Ask for a copy of everything the service holds about me (« Mes données »): a zip prepared in the background, e-mailed when ready; while one is being prepared, answers that one',
  })
  @ApiAcceptedResponse({ description: 'The copy asked for (status pending), or the one already being prepared' })
  @ApiView('DataExportView')
  requestExport(@CurrentUser() user: AuthUser): Promise<DataExportView> {
    return this.exports.request(user);
  }

  @Get('me/data-exports')
  @ApiBearerAuth()
  @ApiOperation({
    summary: `My latest copies of my data, newest first (at most ${RECENT_EXPORTS}): pending, ready (with its signed link), failed or expired; [] when I never asked`,
  })
  @ApiView('DataExportList')
  recentExports(@CurrentUser() user: AuthUser): Promise<DataExportView[]> {
    return this.exports.recent(user);
  }

  @Get('data-exports/:id/file')
  @Public()
  @ApiOperation({
    summary:
      'The zip of a copy of one’s data, through its signed link (no token needed); 404 once the link has expired or when it is altered',
  })
  @ApiOkResponse({
    description: 'The zip (see DataExportManifest)',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  async file(
    @Param('id', MongoIdPipe) id: string,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const zip = expires && signature ? await this.exports.open(id, expires, signature) : null;
    if (!zip) throw notFound('Ce lien ne mène à aucune copie de données : il a expiré ou n’est pas valide.');
    response.status(200).set({
      'Content-Type': 'application/zip',
      'Content-Disposition': 'attachment; filename="promoto-mes-donnees.zip"',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    zip.once('error', () => response.destroy());
    zip.pipe(response);
  }
}
