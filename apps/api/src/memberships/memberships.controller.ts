import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { PageQueryDto } from '@portal/core';
import {
  Membership,
  MEMBERSHIP_STATUSES,
  MembershipRow,
  MembershipsService,
  MembershipStatus,
  SessionUser,
} from '@portal/identity';
import { Auth, CurrentUser } from '../auth/auth.decorator';
import { UuidPipe } from '../http/params';
import { mapPage, PageResponse } from '../http/page-response';

export class MembershipQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES, { message: msg('validation.isIn') })
  status?: MembershipStatus;

  @ApiPropertyOptional({ example: '25584' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: msg('validation.kshCode') })
  municipalityKsh?: string;
}

export class RequestMembershipDto {
  @ApiProperty({ example: '25584' })
  @IsString()
  @Matches(/^\d{5}$/, { message: msg('validation.kshCode') })
  municipalityKsh: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: msg('validation.maxLength') })
  position?: string;
}

export class ApproveMembershipDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: msg('validation.maxLength') })
  note?: string;
}

export class RejectMembershipDto {
  @ApiProperty({ maxLength: 1000, description: 'Told to the applicant' })
  @IsString()
  @MinLength(3, { message: msg('validation.minLength') })
  @MaxLength(1000, { message: msg('validation.maxLength') })
  reason: string;
}

class MembershipUser {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

class MembershipMunicipality {
  @ApiProperty() kshCode: string;
  @ApiProperty() name: string;
  @ApiProperty() county: string;
}

export class MembershipResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status: MembershipStatus;
  @ApiProperty({ nullable: true, type: String }) position: string | null;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty({ type: MembershipUser, required: false }) user?: MembershipUser;
  @ApiProperty({ type: MembershipMunicipality, required: false }) municipality?: MembershipMunicipality;
  @ApiProperty() municipalityKsh: string;
}

export class MembershipPageResponse extends PageResponse(MembershipResponse) {}

function fromRow(row: MembershipRow): MembershipResponse {
  return {
    id: row.id,
    status: row.status,
    position: row.position,
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    decisionNote: row.decisionNote,
    user: row.user,
    municipality: row.municipality,
    municipalityKsh: row.municipality.kshCode,
  };
}

export function toMembershipResponse(m: Membership): MembershipResponse {
  return {
    id: m.id,
    status: m.status,
    position: m.position,
    requestedAt: m.requestedAt.toISOString(),
    decidedAt: m.decidedAt ? m.decidedAt.toISOString() : null,
    decisionNote: m.decisionNote,
    municipalityKsh: m.municipalityKsh,
  };
}

@ApiTags('memberships')
@Controller('memberships')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  /** The coordinators' list, e.g. ?status=pending for approvals. */
  @Get()
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: MembershipPageResponse })
  async list(@Query() query: MembershipQueryDto): Promise<MembershipPageResponse> {
    const page = await this.memberships.list(query, query);
    return mapPage(page, fromRow);
  }

  /** A signed-in user asks to act for (another) municipality. */
  @Post()
  @Auth()
  @ApiCreatedResponse({ type: MembershipResponse })
  async request(@CurrentUser() user: SessionUser, @Body() dto: RequestMembershipDto): Promise<MembershipResponse> {
    return toMembershipResponse(await this.memberships.request(user, dto.municipalityKsh, dto.position));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: MembershipResponse })
  async approve(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ApproveMembershipDto,
  ): Promise<MembershipResponse> {
    return toMembershipResponse(await this.memberships.approve(user, id, dto.note));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: MembershipResponse })
  async reject(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RejectMembershipDto,
  ): Promise<MembershipResponse> {
    return toMembershipResponse(await this.memberships.reject(user, id, dto.reason));
  }

  /** Ends an approved membership: the user can no longer act for the municipality. */
  @Post(':id/revoke')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: MembershipResponse })
  async revoke(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RejectMembershipDto,
  ): Promise<MembershipResponse> {
    return toMembershipResponse(await this.memberships.revoke(user, id, dto.reason));
  }
}
