import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AdminAccountView, AdminReportView, AdminThreadPage, Page } from '@promoto/shared-dto';
import { AccountSuspensionDto, AdminReportsQueryDto, AdminThreadQueryDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { AccountSuspensions } from './account-suspensions';
import { AdminReports } from './admin-reports';

/** Moderation: admins only (403 for clients and garagistes). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
@Roles('admin')
export class AdminController {
  constructor(
    private readonly reports: AdminReports,
    private readonly suspensions: AccountSuspensions,
  ) {}

  @Get('reports')
  @ApiOperation({ summary: 'The reports, a page at a time: the open ones first, newest first, then the handled ones' })
  @ApiView('AdminReportPage')
  list(@Query() query: AdminReportsQueryDto): Promise<Page<AdminReportView>> {
    return this.reports.page(query.cursor, query.limit);
  }

  @Get('reports/:id')
  @ApiOperation({ summary: 'One report' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no report has this id' })
  @ApiView('AdminReportView')
  get(@Param('id', MongoIdPipe) id: string): Promise<AdminReportView> {
    return this.reports.get(id);
  }

  @Get('reports/:id/messages')
  @ApiOperation({
    summary:
      'The reported conversation, read-only, oldest first, as its client reads it (the garage’s internal notes left out), with the accounts that wrote each page. Every read is audited (who, when, which report)',
  })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no report has this id' })
  @ApiView('AdminThreadPage')
  thread(
    @CurrentUser() admin: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Query() query: AdminThreadQueryDto,
  ): Promise<AdminThreadPage> {
    return this.reports.thread(admin, id, query);
  }

  @Post('reports/:id/handled')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark the report handled (again: it stays as the first admin marked it)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no report has this id' })
  @ApiView('AdminReportView')
  markHandled(@CurrentUser() admin: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<AdminReportView> {
    return this.reports.markHandled(admin, id);
  }

  @Post('accounts/:id/suspension')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Suspend a client’s or garagiste’s account, with a reason: its login and refresh answer 403 ACCOUNT_SUSPENDED, its tokens stop working and its sockets close at once, on every replica',
  })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no account has this id' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not an admin, or the account is an admin’s' })
  @ApiView('AdminAccountView')
  suspend(
    @CurrentUser() admin: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Body() body: AccountSuspensionDto,
  ): Promise<AdminAccountView> {
    return this.suspensions.suspend(admin, id, body.reason);
  }

  @Post('accounts/:id/reinstatement')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Lift an account’s suspension, with a reason: it can log in again' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no account has this id' })
  @ApiView('AdminAccountView')
  reinstate(
    @CurrentUser() admin: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Body() body: AccountSuspensionDto,
  ): Promise<AdminAccountView> {
    return this.suspensions.reinstate(admin, id, body.reason);
  }
}
