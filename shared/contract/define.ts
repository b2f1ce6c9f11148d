import { z } from 'zod';

/** One contract method: its argument and result schemas. Both transports and the dispatcher are built from these. */
export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly args: A;
  readonly result: R;
}

export function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R): MethodSpec<A, R> {
  return { args, result };
}

export type ServiceSpec = Readonly<Record<string, MethodSpec>>;
export type ContractSpec = Readonly<Record<string, ServiceSpec>>;
export type EventSpec = Readonly<Record<string, z.ZodType>>;

export const ErrorCodeSchema = z.enum([
  'invalid_argument',
  'unknown_method',
  'not_found',
  'already_exists',
  'damaged',
  'conflict',
  'io_error',
  'refused',
  /** Something the host needs is not installed on this machine (Chromium for PDF): the message says what to install. */
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const RpcErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type RpcError = z.infer<typeof RpcErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** What crosses a transport: the value is checked against the method's own result schema by the client. */
export const ResultEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: RpcErrorSchema }),
]);
export type ResultEnvelope = z.infer<typeof ResultEnvelopeSchema>;

/** The error services throw; the dispatcher is the one place that turns it into a typed result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
