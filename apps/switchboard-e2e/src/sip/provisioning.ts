// Agents for the phone tests, created through the API as an administrator would: an extension, a user, an agent.

/** An agent the tests sign in as. */
export interface TestAgent {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  /** SIP extension: what colleagues dial. */
  readonly extension: string;
}

/** One call to the API as a signed-in user (or anonymously); throws with the status and body on an error. */
export async function request<T>(
  base: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: object,
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Signs in as the administrator and creates each agent with its own extension; returns the agents' ids. */
export async function provisionAgents(
  base: string,
  admin: { email: string; password: string },
  agents: readonly (TestAgent & { role?: 'AGENT' | 'SUPERVISOR' })[],
): Promise<string[]> {
  const { accessToken } = await request<{ accessToken: string }>(base, undefined, 'POST', '/api/auth/login', admin);
  const ids: string[] = [];
  for (const agent of agents) {
    const extension = await request<{ id: string }>(base, accessToken, 'POST', '/api/extensions', {
      number: agent.extension,
      displayName: agent.displayName,
      outboundClass: 'NATIONAL',
    });
    const user = await request<{ id: string }>(base, accessToken, 'POST', '/api/users', {
      email: agent.email,
      displayName: agent.displayName,
      role: agent.role ?? 'AGENT',
      password: agent.password,
    });
    ids.push(
      (
        await request<{ id: string }>(base, accessToken, 'POST', '/api/agents', {
          userId: user.id,
          extensionId: extension.id,
        })
      ).id,
    );
  }
  return ids;
}
