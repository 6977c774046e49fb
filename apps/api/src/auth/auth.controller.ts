import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthResponse, UserView } from '@promoto/shared-dto';
import { LoginDto, RegisterDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { AppThrottlerGuard } from '../rate-limit/app-throttler.guard';
import { Public } from './auth.decorators';
import { CurrentUser, type AuthUser } from './auth-user';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(AppThrottlerGuard)
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many attempts from this address' })
  @Post('register')
  @ApiOperation({
    summary: 'Create a client or garagiste account (a garagiste also creates the garage)',
  })
  @ApiConflictResponse({
    description: 'EMAIL_TAKEN: an account already uses this email',
  })
  @ApiView('AuthResponse')
  register(@Body() body: RegisterDto): Promise<AuthResponse> {
    return this.auth.register(body);
  }

  @Public()
  @UseGuards(AppThrottlerGuard)
  @ApiTooManyRequestsResponse({
    description:
      'RATE_LIMITED: too many attempts from this address, or on this account (from this address, or from all)',
  })
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange email and password for an access token' })
  @ApiUnauthorizedResponse({
    description: 'UNAUTHENTICATED: email or password is incorrect (same answer for both)',
  })
  @ApiView('AuthResponse')
  login(@Body() body: LoginDto, @Ip() address: string): Promise<AuthResponse> {
    return this.auth.login(body, address);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The account behind the token' })
  @ApiView('UserView')
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.auth.me(user);
  }
}
