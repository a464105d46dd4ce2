import { ApiProperty } from '@nestjs/swagger';
import { toBudapestIso } from '@portal/core';
import type { ApplicationOutcome } from '@portal/results';

/** The published outcome of an application: award (or not), level, theme and the jury's feedback texts. */
export class ApplicationOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ type: 'integer', description: 'The publication version the outcome comes from' }) version: number;
  @ApiProperty() publishedAt: string;
  @ApiProperty() awarded: boolean;
  @ApiProperty({ type: String, nullable: true }) levelCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The award level's name in the caller's language" })
  level: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) position: number | null;
  @ApiProperty({ format: 'uuid' }) themeId: string;
  @ApiProperty() theme: string;
  @ApiProperty({ type: [String], description: "The jury's feedback texts, as the outcome mail lists them" })
  feedback: string[];
}

export function toApplicationOutcomeResponse(outcome: ApplicationOutcome): ApplicationOutcomeResponse {
  return { ...outcome, publishedAt: toBudapestIso(outcome.publishedAt) };
}
