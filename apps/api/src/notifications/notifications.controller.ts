import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { NotificationsService } from './notifications.service';
import { confirmUnsubscribePage, unsubscribedPage } from './unsubscribe-page';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Public()
  @Get('unsubscribe')
  @ApiOperation({ summary: 'The e-mail footer link: a page that asks to confirm (no session needed)' })
  @ApiQuery({ name: 'token', description: 'The signed token of the e-mail' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: the token is not one of ours' })
  confirm(
    @Query('token') token: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): string {
    this.notifications.unsubscribeUserId(token);
    // Set once the token is accepted: a refusal keeps the JSON error body of every route.
    response.type('html');
    return confirmUnsubscribePage(request.originalUrl);
  }

  @Public()
  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058, List-Unsubscribe-Post) and the confirm button: e-mails off',
  })
  @ApiQuery({ name: 'token', description: 'The signed token of the e-mail' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: the token is not one of ours' })
  async unsubscribe(@Query('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    await this.notifications.unsubscribe(token);
    response.type('html');
    return unsubscribedPage();
  }
}
