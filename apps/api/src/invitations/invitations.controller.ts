import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { Lang, PageQueryDto } from '@portal/core';
import { Invitation, InvitationPreview, InvitationsService, InvitedRole, SessionUser } from '@portal/identity';
import { Auth, CurrentUser } from '../auth/auth.decorator';
import { NewPassword } from '../auth/auth.dto';
import { toUserResponse, UserResponse } from '../users/user-response.dto';
import { mapPage, PageResponse } from '../http/page-response';
import { UuidPipe } from '../http/params';

export class CreateInvitationDto {
  @ApiProperty({ example: 'biralo@bm.gov.hu' })
  @IsEmail({}, { message: msg('validation.isEmail') })
  @MaxLength(254, { message: msg('validation.maxLength') })
  email: string;

  @ApiProperty({ example: 'Dr. Szabó Tamás' })
  @IsString()
  @MinLength(2, { message: msg('validation.minLength') })
  @MaxLength(200, { message: msg('validation.maxLength') })
  name: string;

  @ApiProperty({ enum: ['juror', 'coordinator'] })
  @IsIn(['juror', 'coordinator'], { message: msg('validation.isIn') })
  role: InvitedRole;

  @ApiPropertyOptional({ description: 'Required for jurors: the steering-committee organisation they represent' })
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  organisationId?: string;

  @ApiPropertyOptional({ enum: ['hu', 'en'], default: 'hu' })
  @IsOptional()
  @IsIn(['hu', 'en'], { message: msg('validation.isIn') })
  language?: Lang;
}

export class AcceptInvitationDto {
  @ApiProperty()
  @IsString()
  @MinLength(20, { message: msg('validation.tokenFormat') })
  @MaxLength(200, { message: msg('validation.tokenFormat') })
  token: string;

  /** Needed when no account exists for the invited address. */
  @IsOptional()
  @NewPassword({ required: false })
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2, { message: msg('validation.minLength') })
  @MaxLength(200, { message: msg('validation.maxLength') })
  name?: string;

  @ApiPropertyOptional({ enum: ['hu', 'en'] })
  @IsOptional()
  @IsIn(['hu', 'en'], { message: msg('validation.isIn') })
  language?: Lang;
}

export class InvitationResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['juror', 'coordinator'] }) role: InvitedRole;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) acceptedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

export class InvitationPageResponse extends PageResponse(InvitationResponse) {}

export class InvitationPreviewResponse {
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['juror', 'coordinator'] }) role: InvitedRole;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty() expiresAt: string;
  @ApiProperty() accountExists: boolean;
}

function toInvitationResponse(i: Invitation): InvitationResponse {
  return {
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role,
    organisationId: i.organisationId,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt ? i.acceptedAt.toISOString() : null,
    revokedAt: i.revokedAt ? i.revokedAt.toISOString() : null,
  };
}

function toPreviewResponse(p: InvitationPreview): InvitationPreviewResponse {
  return { ...p, expiresAt: p.expiresAt.toISOString() };
}

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: InvitationPageResponse })
  async list(@Query() query: PageQueryDto): Promise<InvitationPageResponse> {
    const page = await this.invitations.list(query);
    return mapPage(page, toInvitationResponse);
  }

  /** Invites a juror or a coordinator; the link is e-mailed in the invitee's language. */
  @Post()
  @Auth('coordinator', 'admin')
  @ApiCreatedResponse({ type: InvitationResponse })
  async create(@CurrentUser() actor: SessionUser, @Body() dto: CreateInvitationDto): Promise<InvitationResponse> {
    return toInvitationResponse(await this.invitations.create(actor, dto));
  }

  /** Revokes a pending invitation (idempotent): its link can no longer be accepted. */
  @Post(':id/revoke')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: InvitationResponse })
  @ApiNotFoundResponse({ description: 'Unknown invitation' })
  @ApiConflictResponse({ description: 'INVITATION_ALREADY_ACCEPTED' })
  async revoke(@CurrentUser() actor: SessionUser, @Param('id', UuidPipe) id: string): Promise<InvitationResponse> {
    return toInvitationResponse(await this.invitations.revoke(actor, id));
  }

  /** What the invitation link offers (public: the token is the credential). */
  @Get('preview/:token')
  @ApiOkResponse({ type: InvitationPreviewResponse })
  @ApiBadRequestResponse({ description: 'Unknown, used, revoked or expired invitation' })
  async preview(@Param('token') token: string): Promise<InvitationPreviewResponse> {
    return toPreviewResponse(await this.invitations.preview(token));
  }

  @Post('accept')
  @ApiCreatedResponse({ type: UserResponse })
  async accept(@Body() dto: AcceptInvitationDto): Promise<UserResponse> {
    return toUserResponse(await this.invitations.accept(dto));
  }
}
