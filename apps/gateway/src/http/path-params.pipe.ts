import { Injectable, NotFoundException, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/**
 * A path id that cannot name anything is a resource that does not exist: 404, as for one that
 * exists but is hidden from the caller, so a malformed id tells nothing away.
 */
abstract class UuidPathPipe implements PipeTransform<string, string> {
  protected abstract readonly notFound: string;

  transform(value: string): string {
    if (!isUUID(value)) throw new NotFoundException(this.notFound);
    return value.toLowerCase();
  }
}

@Injectable()
export class IntentIdPipe extends UuidPathPipe {
  protected readonly notFound = 'No such intent';
}

@Injectable()
export class ConflictIdPipe extends UuidPathPipe {
  protected readonly notFound = 'No such conflict';
}

@Injectable()
export class BookingIdPipe extends UuidPathPipe {
  protected readonly notFound = 'No such booking';
}

@Injectable()
export class WindowIdPipe extends UuidPathPipe {
  protected readonly notFound = 'No such window';
}

@Injectable()
export class ApiTokenIdPipe extends UuidPathPipe {
  protected readonly notFound = 'No such API token of yours';
}

@Injectable()
export class CalendarFeedIdPipe extends UuidPathPipe {
  protected readonly notFound = 'No such calendar feed of yours';
}

const ENVIRONMENT_REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `{id or key}` of an environment; the intents service decides which of the two it is. */
@Injectable()
export class EnvironmentRefPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ENVIRONMENT_REF.test(value)) throw new NotFoundException('No such environment');
    return value;
  }
}

@Injectable()
export class SubscriptionIdPipe extends UuidPathPipe {
  protected readonly notFound = 'No such subscription';
}

@Injectable()
export class DeliveryIdPipe extends UuidPathPipe {
  protected readonly notFound = 'No such delivery';
}
