import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ErrorDetail } from '@urbangrid/contracts';
import { ApiError } from '../errors/api-error';

/** The global pipe: whitelist, reject unknown fields, transform; every bad field listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ApiError('REQUEST.VALIDATION_FAILED', 'request validation failed', flatten(errors)),
  });
}

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
