/** Status and headers of an {@link HttpResponse}. */
export interface HttpResponseInit {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A handler result that sets the status and headers along with the body.
 *
 * @example
 * ```ts
 * return new HttpResponse(note, { status: 201, headers: { Location: `/api/notes/${note.id}` } });
 * ```
 */
export class HttpResponse<TBody = unknown> {
  readonly body: TBody;
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(body: TBody, init: HttpResponseInit = {}) {
    this.body = body;
    this.status = init.status;
    this.headers = init.headers ?? {};
  }
}
