import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { NotificationPreferencesView, PushPublicKeyView } from '@promoto/shared-dto';
import {
  PushSubscriptionDto,
  PushUnsubscribeDto,
  UpdateNotificationPreferencesDto,
} from '@promoto/shared-dto/validation';
import type { Request, Response } from 'express';
import { ApiView } from '../app/api-views';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { Public } from '../auth/auth.decorators';
import { NotificationsService } from './notifications.service';
import { PushSender } from './push-sender';
import { confirmUnsubscribePage, unsubscribedPage } from './unsubscribe-page';

const HTML_PAGE = { 'text/html': { schema: { type: 'string' } } };

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly push: PushSender,
  ) {}

  @Get('push/public-key')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The VAPID public key to subscribe to Web Push with; null when push is off' })
  @ApiView('PushPublicKeyView')
  pushPublicKey(): PushPublicKeyView {
    return { publicKey: this.push.publicKey };
  }

  @Post('push/subscriptions')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'This browser receives my pushes (its PushSubscription as JSON); again replaces it' })
  async subscribePush(@CurrentUser() user: AuthUser, @Body() body: PushSubscriptionDto): Promise<void> {
    await this.push.subscribe(user.id, body);
  }

  @Delete('push/subscriptions')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'This browser no longer receives my pushes' })
  async unsubscribePush(@CurrentUser() user: AuthUser, @Body() body: PushUnsubscribeDto): Promise<void> {
    await this.push.unsubscribe(user.id, body.endpoint);
  }

  @Get('preferences')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'My notification preferences: e-mail on or off, and its delay' })
  @ApiView('NotificationPreferencesView')
  preferences(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesView> {
    return this.notifications.preferencesOf(user.id);
  }

  @Put('preferences')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change my notification preferences (the fields given); emailDelaySeconds null restores the default',
  })
  @ApiView('NotificationPreferencesView')
  updatePreferences(
    @CurrentUser() user: AuthUser,
    @Body() body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    return this.notifications.updatePreferences(user, body);
  }

  @Public()
  @Get('unsubscribe')
  @ApiOperation({ summary: 'The e-mail footer link: a page that asks to confirm (no session needed)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A French HTML page with the confirm button', content: HTML_PAGE })
  @ApiQuery({ name: 'token', description: 'The signed token of the e-mail' })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED: the token is not one of ours, or e-mails were turned back on since it was written',
  })
  async confirm(
    @Query('token') token: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    await this.notifications.unsubscribeUserId(token);
    // Set once the token is accepted: a refusal keeps the JSON error body of every route.
    response.type('html');
    return confirmUnsubscribePage(request.originalUrl);
  }

  @Public()
  @Post('unsubscribe')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'E-mails are off: a French HTML page says so', content: HTML_PAGE })
  @HttpCode(200)
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058, List-Unsubscribe-Post) and the confirm button: e-mails off',
  })
  @ApiQuery({ name: 'token', description: 'The signed token of the e-mail' })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED: the token is not one of ours, or e-mails were turned back on since it was written',
  })
  async unsubscribeEmail(
    @Query('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    await this.notifications.unsubscribe(token);
    response.type('html');
    return unsubscribedPage();
  }
}
