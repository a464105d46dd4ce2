import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';

export const MAX_PAGE_SIZE = 100;
/** Far beyond any list; keeps the offset a number PostgreSQL takes (page 1e20 overflowed its bigint: a 500). */
export const MAX_PAGE = 1_000_000;

export class PageQueryDto {
  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(MAX_PAGE, { message: msg('validation.max') })
  page: number = 1;

  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(MAX_PAGE_SIZE, { message: msg('validation.max') })
  pageSize: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export function offsetOf(query: PageQueryDto): number {
  return (query.page - 1) * query.pageSize;
}
