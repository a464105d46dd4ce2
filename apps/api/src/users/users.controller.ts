import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { PageQueryDto } from '@portal/core';
import { ROLES, Role, SessionUser, UsersService } from '@portal/identity';
import { Auth, CurrentUser } from '../auth/auth.decorator';
import { UuidPipe } from '../http/params';
import { toUserResponse, UserResponse } from './user-response.dto';
import { mapPage, PageResponse } from '../http/page-response';

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: msg('validation.maxLength') })
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: msg('validation.isIn') })
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export class DeactivateUserDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: msg('validation.maxLength') })
  reason?: string;
}

export class UserPageResponse extends PageResponse(UserResponse) {}

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: UserPageResponse })
  async list(@Query() query: UserQueryDto): Promise<UserPageResponse> {
    const page = await this.users.list(query, query);
    return mapPage(page, toUserResponse);
  }

  /** Deactivates the account: every session of it ends at once. */
  @Post(':id/deactivate')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: UserResponse })
  async deactivate(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: DeactivateUserDto,
  ): Promise<UserResponse> {
    return toUserResponse(await this.users.deactivate(actor, id, dto.reason));
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: UserResponse })
  async reactivate(@CurrentUser() actor: SessionUser, @Param('id', UuidPipe) id: string): Promise<UserResponse> {
    return toUserResponse(await this.users.reactivate(actor, id));
  }
}
