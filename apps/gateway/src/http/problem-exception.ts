import { HttpException } from '@nestjs/common';
import { ProblemDocument, problem } from './problem';

/** An error the gateway answers with a problem of its own making, extensions included. */
export class ProblemException extends HttpException {
  readonly problem: ProblemDocument;

  constructor(status: number, detail: string, extra: Partial<ProblemDocument> = {}) {
    super(detail, status);
    this.problem = problem(status, detail, extra);
  }
}
