import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@portal/core';

/**
 * The response class of one page of a list, for the OpenAPI document:
 * `export class UserPageResponse extends PageResponse(UserResponse) {}`.
 */
export function PageResponse<T>(item: Type<T>): Type<Page<T>> {
  class PageOf implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ type: 'integer', description: 'Matches in all pages' }) total: number;
    @ApiProperty({ type: 'integer' }) page: number;
    @ApiProperty({ type: 'integer' }) pageSize: number;
  }
  return PageOf;
}

/** The same page with each item mapped to its response. */
export function mapPage<T, R>(page: Page<T>, toResponse: (item: T) => R): Page<R> {
  return { ...page, items: page.items.map(toResponse) };
}
