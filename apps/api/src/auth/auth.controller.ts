import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService, SESSION_COOKIE, SessionUser, UsersService } from '@portal/identity';
import { CSRF } from '../http/csrf.provider';
import type { Csrf } from '../http/csrf';
import {
  ChangePasswordDto,
  CsrfResponse,
  LoginDto,
  LoginResponse,
  MeResponse,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RegisterDto,
  toMeResponse,
  UpdateProfileDto,
} from './auth.dto';
import { Auth, CurrentUser } from './auth.decorator';
import { LoginGuard } from './login.guard';
import { RegistrationResponse, toRegistrationResponse } from './registration-response.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(CSRF) private readonly csrf: Csrf,
  ) {}

  /** Municipal staff register; the membership waits for a coordinator's approval. */
  @Post('register')
  @ApiCreatedResponse({ type: RegistrationResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields, or unknown municipality' })
  @ApiConflictResponse({ description: 'E-mail address already registered' })
  async register(@Body() dto: RegisterDto): Promise<RegistrationResponse> {
    return toRegistrationResponse(await this.auth.register(dto));
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (answered alike)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failures for the account or address; see Retry-After' })
  async login(
    @Body() _dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const user = req.user as SessionUser;
    await this.auth.recordLogin(user);
    return {
      user: toMeResponse(user, await this.users.memberships(user.id)),
      csrfToken: this.csrf.generateCsrfToken(req, res),
    };
  }

  @Post('logout')
  @HttpCode(204)
  @Auth()
  @ApiNoContentResponse()
  async logout(
    @CurrentUser() user: SessionUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.recordLogout(user);
    // the session row goes from the store at once; the browser's cookie then points at nothing
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((error: unknown) =>
        error ? reject(new Error('session store refused to end the session')) : resolve(),
      ),
    );
    res.clearCookie(SESSION_COOKIE);
  }

  @Get('me')
  @Auth()
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentUser() user: SessionUser): Promise<MeResponse> {
    return toMeResponse(user, await this.users.memberships(user.id));
  }

  @Patch('me')
  @Auth()
  @ApiOkResponse({ type: MeResponse })
  async updateMe(@CurrentUser() user: SessionUser, @Body() dto: UpdateProfileDto): Promise<MeResponse> {
    const updated = await this.users.updateProfile(user, dto);
    return toMeResponse(
      { ...user, name: updated.name, language: updated.language },
      await this.users.memberships(user.id),
    );
  }

  /** The CSRF token of the current session, for X-CSRF-Token. */
  @Get('csrf')
  @ApiOkResponse({ type: CsrfResponse })
  csrfToken(@Req() req: Request, @Res({ passthrough: true }) res: Response): CsrfResponse {
    return { csrfToken: this.csrf.generateCsrfToken(req, res) };
  }

  /** Changes the password; every other session of the account ends at once. */
  @Post('password')
  @HttpCode(204)
  @Auth()
  @ApiNoContentResponse()
  changePassword(@CurrentUser() user: SessionUser, @Req() req: Request, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user, req.session.id, dto.currentPassword, dto.newPassword);
  }

  /** E-mails a one-time link; the answer is the same whether the address is known or not. */
  @Post('password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse()
  async requestPasswordReset(@Body() dto: PasswordResetRequestDto): Promise<void> {
    await this.auth.requestPasswordReset(dto.email);
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'Unknown, used or expired token' })
  confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.auth.resetPassword(dto.token, dto.newPassword);
  }
}
