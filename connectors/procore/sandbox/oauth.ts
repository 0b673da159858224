/**
 * The sandbox's login host: POST /oauth/token with the three grants (client_credentials,
 * authorization_code, refresh_token), tokens living `expires_in` 5400 s by default, refresh tokens single
 * use (a reused one answers 401 invalid_grant, as a spent token does in Procore).
 */
import { randomBytes } from 'node:crypto';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export class SandboxOAuth {
  private readonly access = new Map<string, number>();
  private readonly refresh = new Set<string>();
  private readonly codes = new Set<string>();
  tokenRequests = 0;

  constructor(
    readonly client: OAuthClient,
    public lifetimeSeconds = 5400,
  ) {}

  /** A one-time authorization code, as /oauth/authorize would hand to the redirect URI. */
  issueCode(): string {
    const code = randomBytes(16).toString('hex');
    this.codes.add(code);
    return code;
  }

  /** A refresh token for a user-authorised app (test setup, as if the code flow had run). */
  issueRefreshToken(): string {
    const t = randomBytes(24).toString('hex');
    this.refresh.add(t);
    return t;
  }

  grant(form: Record<string, string>): { status: number; body: Record<string, unknown> } {
    this.tokenRequests++;
    if (form.client_id !== this.client.clientId || form.client_secret !== this.client.clientSecret) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
      };
    }
    const withRefresh = () => {
      const refresh_token = this.issueRefreshToken();
      return { ...this.newAccess(), refresh_token };
    };
    switch (form.grant_type) {
      case 'client_credentials':
        return { status: 200, body: this.newAccess() };
      case 'authorization_code':
        if (!form.code || !this.codes.delete(form.code))
          return invalidGrant('authorization code is invalid or used');
        return { status: 200, body: withRefresh() };
      case 'refresh_token':
        if (!form.refresh_token || !this.refresh.delete(form.refresh_token)) {
          return invalidGrant('refresh token is invalid, expired, revoked or already used');
        }
        return { status: 200, body: withRefresh() };
      default:
        return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
  }

  valid(authorization: string | undefined): boolean {
    const token = authorization?.replace(/^Bearer\s+/i, '');
    const expires = token ? this.access.get(token) : undefined;
    return expires !== undefined && expires > Date.now();
  }

  /** Test hook: every issued access token expires now. */
  expireAll() {
    for (const k of this.access.keys()) this.access.set(k, 0);
  }

  private newAccess() {
    const access_token = randomBytes(24).toString('hex');
    this.access.set(access_token, Date.now() + this.lifetimeSeconds * 1000);
    return {
      access_token,
      token_type: 'bearer',
      expires_in: this.lifetimeSeconds,
      created_at: Math.floor(Date.now() / 1000),
    };
  }
}

function invalidGrant(description: string) {
  return { status: 401, body: { error: 'invalid_grant', error_description: description } };
}
