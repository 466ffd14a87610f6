import { RemoteProblem } from '@envrefresh/contracts';
import { InvalidIntentError } from '../domain/intent.errors';

/** Domain errors of this context, as the problems the gateway answers with. */
export function intentProblem(error: unknown): RemoteProblem | null {
  if (error instanceof InvalidIntentError) {
    return {
      status: 400,
      type: 'https://envrefresh.dev/problems/validation',
      title: 'Invalid refresh intent',
      detail: error.message,
      code: error.code,
      errors: error.problems,
    };
  }
  return null;
}
