import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import type { Lang } from '@portal/core';
import type { MembershipView, Role, SessionUser } from '@portal/identity';
import { Present } from '../calls/call-fields';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** A password someone chooses: 10 to 200 characters (argon2 takes all of them; no truncation). */
export function NewPassword(options: { required?: boolean } = {}) {
  return applyDecorators(
    ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, required: options.required ?? true }),
    IsString(),
    MinLength(PASSWORD_MIN, { message: msg('validation.minLength') }),
    MaxLength(PASSWORD_MAX, { message: msg('validation.maxLength') }),
  );
}

export class RegisterDto {
  @ApiProperty({ example: 'jegyzo@gyor.hu', maxLength: 254 })
  @IsEmail({}, { message: msg('validation.isEmail') })
  @MaxLength(254, { message: msg('validation.maxLength') })
  email: string;

  @NewPassword()
  password: string;

  @ApiProperty({ example: 'Kovács Éva', maxLength: 200 })
  @IsString()
  @MinLength(2, { message: msg('validation.minLength') })
  @MaxLength(200, { message: msg('validation.maxLength') })
  name: string;

  @ApiPropertyOptional({ enum: ['hu', 'en'], default: 'hu' })
  @IsOptional()
  @IsIn(['hu', 'en'], { message: msg('validation.isIn') })
  language?: Lang;

  @ApiProperty({ example: '25584', description: 'KSH code of the municipality (5 digits)' })
  @IsString()
  @Matches(/^\d{5}$/, { message: msg('validation.kshCode') })
  municipalityKsh: string;

  @ApiPropertyOptional({ example: 'jegyző', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: msg('validation.maxLength') })
  position?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'koordinator@demo.logy.hu' })
  @IsString()
  @MinLength(1, { message: msg('validation.isNotEmpty') })
  @MaxLength(254, { message: msg('validation.maxLength') })
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: msg('validation.isNotEmpty') })
  @MaxLength(PASSWORD_MAX, { message: msg('validation.maxLength') })
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX, { message: msg('validation.maxLength') })
  currentPassword: string;

  @NewPassword()
  newPassword: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @IsEmail({}, { message: msg('validation.isEmail') })
  @MaxLength(254, { message: msg('validation.maxLength') })
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty()
  @IsString()
  @MinLength(20, { message: msg('validation.tokenFormat') })
  @MaxLength(200, { message: msg('validation.tokenFormat') })
  token: string;

  @NewPassword()
  newPassword: string;
}

export class UpdateProfileDto {
  // left out: unchanged; null is refused (IsOptional would let it through to a NOT NULL column)
  @ApiPropertyOptional({ maxLength: 200 })
  @Present()
  @IsString()
  @MinLength(2, { message: msg('validation.minLength') })
  @MaxLength(200, { message: msg('validation.maxLength') })
  name?: string;

  @ApiPropertyOptional({ enum: ['hu', 'en'] })
  @Present()
  @IsIn(['hu', 'en'], { message: msg('validation.isIn') })
  language?: Lang;
}

export class MembershipSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty() municipalityKsh: string;
  @ApiProperty() municipalityName: string;
  @ApiProperty({ nullable: true, type: String }) position: string | null;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'revoked'] }) status: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
}

export class MeResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['hu', 'en'] }) language: Lang;
  @ApiProperty({ enum: ['applicant', 'juror', 'coordinator', 'admin'], isArray: true }) roles: Role[];
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ type: [MembershipSummaryResponse] }) memberships: MembershipSummaryResponse[];
}

export class LoginResponse {
  @ApiProperty({ type: MeResponse }) user: MeResponse;
  @ApiProperty({ description: 'Send it as X-CSRF-Token with every state-changing request' }) csrfToken: string;
}

export class CsrfResponse {
  @ApiProperty() csrfToken: string;
}

export function toMeResponse(user: SessionUser, memberships: MembershipView[]): MeResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    language: user.language,
    roles: user.roles,
    organisationId: user.organisationId,
    memberships: memberships.map((m) => ({
      id: m.id,
      municipalityKsh: m.municipalityKsh,
      municipalityName: m.municipalityName,
      position: m.position,
      status: m.status,
      requestedAt: m.requestedAt.toISOString(),
      decidedAt: m.decidedAt ? m.decidedAt.toISOString() : null,
    })),
  };
}
