import { Body, Controller, Get, HttpCode, HttpException, Inject, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { ApiSessionAuth } from '../../api-docs/api-docs-security';
import type { ApiRequest } from '../../http/api-request';
import type { SignInKind } from '../accounts/account.repository';
import { CurrentPrincipal } from '../current-principal.decorator';
import type { Principal } from '../principal';
import { SessionAuthGuard } from '../session-auth.guard';
import { SignInService } from '../sessions/sign-in.service';
import { SignInDto } from './auth-requests.dto';

export interface SessionBody {
  readonly token: string;
  readonly tokenType: 'Bearer';
  readonly expiresAt: string;
}

/** Sign-in for staff (`/api/auth/login`) and customers (`/api/customer/auth`), sign-out, and who am I. */
@Controller()
@ApiTags('auth')
export class AuthController {
  constructor(@Inject(SignInService) private readonly signIns: SignInService) {}

  @Post('auth/login')
  @HttpCode(200)
  staffLogin(
    @Body() body: SignInDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<SessionBody> {
    return this.signIn('staff', body, request, response);
  }

  @Post('customer/auth')
  @HttpCode(200)
  customerLogin(
    @Body() body: SignInDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<SessionBody> {
    return this.signIn('customer', body, request, response);
  }

  /** Ends the presented session (staff or customer) at once. */
  @Post('auth/logout')
  @HttpCode(204)
  @UseGuards(SessionAuthGuard)
  @ApiSessionAuth()
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.signIns.signOut(principal.tokenHash);
  }

  @Get('auth/me')
  @UseGuards(SessionAuthGuard)
  @ApiSessionAuth()
  me(@CurrentPrincipal() principal: Principal): Record<string, string> {
    if (principal.kind === 'staff') return { kind: 'staff', id: principal.accountId, email: principal.email, role: principal.role };
    return { kind: 'customer', id: principal.loginId, email: principal.email, customerId: principal.customerId };
  }

  private async signIn(kind: SignInKind, body: SignInDto, request: ApiRequest, response: ServerResponse): Promise<SessionBody> {
    const result = await this.signIns.signIn(kind, body.email, body.password, request.socket.remoteAddress ?? 'unknown');
    if (result.kind === 'locked') {
      const seconds = result.retryAfterSeconds;
      response.setHeader('Retry-After', String(seconds));
      const message = `Too many failed sign-ins for this account or address: try again in ${seconds} seconds`;
      throw new HttpException({ error: 'too_many_sign_in_attempts', message, retryAfterSeconds: seconds }, 429);
    }
    // One answer for an unknown email, a wrong password and a disabled account.
    if (result.kind === 'refused') throw new UnauthorizedException({ error: 'invalid_credentials', message: 'Wrong email or password' });
    return { token: result.session.token, tokenType: 'Bearer', expiresAt: result.session.expiresAt.toISOString() };
  }
}
