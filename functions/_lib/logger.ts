import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';

/**
 * A Powertools Logger (structured JSON) for one kind of function. In Lambda every invocation is
 * worth a line; on one machine only what goes wrong. Keys are passed per call, never appended
 * to the shared instance: the local stack runs many invocations in one process at once.
 */
export function loggerFor(serviceName: string): Logger {
  return new Logger({
    serviceName,
    logLevel: (process.env.POWERTOOLS_LOG_LEVEL ?? (process.env.AWS_LAMBDA_FUNCTION_NAME ? 'INFO' : 'WARN')) as LogLevel,
  });
}
