/**
 * A person's browser, as far as the API sees it: a cookie jar and JSON requests that send `Origin`
 * as a browser does. Each test user is one `ApiClient`.
 */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  cookie: string | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly origin: string | null = baseUrl,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.origin ? { origin: this.origin } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? null : JSON.stringify(body),
      redirect: 'manual',
    });
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('marginalia_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'marginalia_session=' ? null : value;
    }
    const text = await response.text();
    // JSON (ours, or JSON-LD) is parsed; any other answer (a CSV export, say) is its text.
    const isJson = /json/.test(response.headers.get('content-type') ?? 'json');
    return { status: response.status, body: (text ? (isJson ? JSON.parse(text) : text) : null) as T, headers: response.headers };
  }

  get = <T = unknown>(path: string) => this.request<T>('GET', path);
  post = <T = unknown>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  patch = <T = unknown>(path: string, body?: unknown) => this.request<T>('PATCH', path, body ?? {});
  delete = <T = unknown>(path: string) => this.request<T>('DELETE', path);
}

let counter = 0;

export interface TestUser {
  client: ApiClient;
  id: string;
  email: string;
  password: string;
  name: string;
}

/** Signs a new person up; names and emails are unique within the run. */
export async function signUpUser(baseUrl: string, name = 'Reader'): Promise<TestUser> {
  counter += 1;
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${process.pid}.${counter}@example.edu`;
  const password = `correct horse ${counter} battery`;
  const client = new ApiClient(baseUrl);
  const response = await client.post<{ id: string }>('/api/auth/signup', { name, email, password });
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { client, id: response.body.id, email, password, name };
}
