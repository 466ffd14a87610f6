import { PartialType } from '@nestjs/swagger';
import { EnvironmentSettingsDto } from './create-environment.request.dto';

/** PATCH: any subset of the settings; the key never changes (sending it is 400). */
export class UpdateEnvironmentRequestDto extends PartialType(EnvironmentSettingsDto, {
  skipNullProperties: false,
}) {}
