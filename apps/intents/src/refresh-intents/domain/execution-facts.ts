import { Problems } from '@envrefresh/kernel';

/** What an operator records with `complete`. */
export interface ExecutionFacts {
  durationSeconds?: number;
  rowsAffected?: number;
  dataVolumeGb?: number;
  logUrl?: string;
}

/** Non-negative numbers (whole rows), and an http(s) log URL; problems name `facts.<member>`. */
export function readExecutionFacts(value: unknown, problems: Problems): ExecutionFacts | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.add('facts', 'must be an object {durationSeconds?, rowsAffected?, dataVolumeGb?, logUrl?}');
    return undefined;
  }
  const { durationSeconds, rowsAffected, dataVolumeGb, logUrl, ...rest } = value as Record<string, unknown>;
  for (const field of Object.keys(rest)) problems.add(`facts.${field}`, 'is not an execution fact');
  const nonNegative = (member: unknown) =>
    typeof member === 'number' && Number.isFinite(member) && member >= 0;
  if (durationSeconds !== undefined && !nonNegative(durationSeconds)) {
    problems.add('facts.durationSeconds', 'must be a number of seconds, zero or more');
  }
  if (rowsAffected !== undefined && !(nonNegative(rowsAffected) && Number.isSafeInteger(rowsAffected))) {
    problems.add('facts.rowsAffected', 'must be a whole number, zero or more');
  }
  if (dataVolumeGb !== undefined && !nonNegative(dataVolumeGb)) {
    problems.add('facts.dataVolumeGb', 'must be a number of gigabytes, zero or more');
  }
  if (logUrl !== undefined && !isHttpUrl(logUrl)) problems.add('facts.logUrl', 'must be an http(s) URL');
  return {
    ...(durationSeconds === undefined ? {} : { durationSeconds: durationSeconds as number }),
    ...(rowsAffected === undefined ? {} : { rowsAffected: rowsAffected as number }),
    ...(dataVolumeGb === undefined ? {} : { dataVolumeGb: dataVolumeGb as number }),
    ...(logUrl === undefined ? {} : { logUrl: logUrl as string }),
  };
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
