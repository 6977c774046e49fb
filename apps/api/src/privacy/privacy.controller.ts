import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Ip, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { DataExportView } from '@promoto/shared-dto';
import { DeleteAccountDto } from '@promoto/shared-dto/validation';
import type { Response } from 'express';
import { ApiView } from '../app/api-views';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { OpenToSuspended, Public } from '../auth/auth.decorators';
import { notFound } from '../common/app-exception';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { AccountDeletionService } from './account-deletion.service';
import { DataExportsService, RECENT_EXPORTS } from './data-exports.service';

@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(
    private readonly exports: DataExportsService,
    private readonly deletion: AccountDeletionService,
  ) {}

  @Delete('me')
  @OpenToSuspended()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Delete my account, confirmed by its password: every session and socket of it ends at once, then its profile, push subscriptions, preferences, uploads and copies of its data are erased in the background; its messages stay in the other people’s threads under « Compte supprimé », the bookings stay with the garages',
  })
  @ApiNoContentResponse({ description: 'The account is deleted: it can no longer be used, and is being erased' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: the password is not the account’s (French message)' })
  @ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED: too many password attempts on this account (counted with the login attempts)',
  })
  @ApiConflictResponse({
    description: 'LAST_OWNER: the last owner of a garage names another owner first (a French message)',
  })
  deleteAccount(@CurrentUser() user: AuthUser, @Body() body: DeleteAccountDto, @Ip() address: string): Promise<void> {
    return this.deletion.request(user, body.password, address);
  }

  @Post('me/data-exports')
  @OpenToSuspended()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Ask for a copy of everything the service holds about me (« Mes données »): a zip prepared in the background, e-mailed when ready; while one is being prepared, answers that one',
  })
  @ApiAcceptedResponse({ description: 'The copy asked for (status pending), or the one already being prepared' })
  @ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED: too many copies asked for today (THROTTLE_DATA_EXPORTS_PER_DAY)',
  })
  @ApiView('DataExportView')
  requestExport(@CurrentUser() user: AuthUser): Promise<DataExportView> {
    return this.exports.request(user);
  }

  @Get('me/data-exports')
  @OpenToSuspended()
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
