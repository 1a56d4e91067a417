/**
 * One error type for the HTTP surface (STYLE.md §4). Thrown anywhere in src/, turned into an
 * RFC 9457 `application/problem+json` response by the app's single onError handler.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Short machine-readable code, also the last part of the problem `type` URI. */
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [key: string]: unknown;
}

export function problemOf(error: ApiError, instance?: string): Problem {
  return {
    type: `https://barometer.dev/problems/${error.code}`,
    title: titles[error.status] ?? 'Error',
    status: error.status,
    detail: error.detail,
    ...(instance ? { instance } : {}),
    ...error.extra,
  };
}

export function problemResponse(error: ApiError, instance?: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problemOf(error, instance)), {
    status: error.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}
