import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GROUP_KEY_PATTERN } from '@envrefresh/kernel';
import {
  ANNOUNCED_EVENT_TYPES,
  ENVIRONMENT_TIERS,
  EnvironmentTier,
  NOTIFICATION_CHANNELS,
  NotificationChannel,
  SUBSCRIBABLE_EVENT_TYPES,
  SUBSCRIPTION_FILTER_MAX_ENTRIES,
  SUBSCRIPTION_TARGET_MAX_LENGTH,
} from '@envrefresh/contracts';
import { Optional } from '../http/validation/optional.decorator';
import { Trim } from '../http/validation/trim.decorator';

/** Which events a subscription hears: every list given narrows; none given, no narrowing. */
export class SubscriptionFilterDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['payments'],
    description:
      'The groups it speaks for: it hears an event when one of them is reached (owner, notification group, overlapping booking, owner of a dependent environment). Members may name only their own groups; only admins may leave it out.',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(SUBSCRIPTION_FILTER_MAX_ENTRIES)
  @ArrayUnique()
  @Matches(GROUP_KEY_PATTERN, { each: true, message: 'each of $property must be a group key' })
  groups?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(SUBSCRIPTION_FILTER_MAX_ENTRIES)
  @ArrayUnique()
  @IsUUID(undefined, { each: true, message: 'each of $property must be a UUID' })
  environmentIds?: string[];

  @ApiPropertyOptional({ enum: ENVIRONMENT_TIERS, isArray: true })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ENVIRONMENT_TIERS, {
    each: true,
    message: `each of $property must be one of ${ENVIRONMENT_TIERS.join(', ')}`,
  })
  tiers?: EnvironmentTier[];

  @ApiPropertyOptional({
    enum: SUBSCRIBABLE_EVENT_TYPES,
    isArray: true,
    description: `Absent: the default set, ${ANNOUNCED_EVENT_TYPES.join(', ')}`,
  })
  @Optional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SUBSCRIBABLE_EVENT_TYPES, {
    each: true,
    message: 'each of $property must be an event type of the catalog',
  })
  eventTypes?: string[];
}

/** `POST /subscriptions`. */
export class CreateSubscriptionRequestDto {
  @ApiProperty({ enum: NOTIFICATION_CHANNELS })
  @IsIn(NOTIFICATION_CHANNELS)
  channel: NotificationChannel;

  @ApiProperty({
    example: 'https://hooks.example.com/envrefresh',
    maxLength: SUBSCRIPTION_TARGET_MAX_LENGTH,
    description:
      'An https URL for WEBHOOK, SLACK (incoming webhook) and TEAMS (workflow webhook); an e-mail address for EMAIL. URLs must be https (unless OUTBOUND_ALLOW_HTTP) and may not name a private, loopback, link-local or metadata address (unless OUTBOUND_ALLOWED_HOSTS lists it).',
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(SUBSCRIPTION_TARGET_MAX_LENGTH)
  target: string;

  @ApiPropertyOptional({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'WEBHOOK only: `whsec_` + base64 of 24–64 bytes. Left out: one is generated and returned once.',
  })
  @Optional()
  @IsString()
  @MaxLength(200)
  secret?: string;

  @ApiPropertyOptional({ type: SubscriptionFilterDto })
  @Optional()
  @ValidateNested()
  @Type(() => SubscriptionFilterDto)
  filter?: SubscriptionFilterDto;
}
