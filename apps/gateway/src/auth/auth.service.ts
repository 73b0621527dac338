import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, Clock } from '@permanentie/domain';
import { issueAccessToken } from '@permanentie/platform';
import { Account } from '../accounts/account.entity';
import { AccountsService, isUuid } from '../accounts/accounts.service';
import { GatewayConfig } from '../gateway.config';
import { SocketHub } from '../socket/socket-hub';
import { SessionUser, TokenResponse } from './auth.dto';
import { LoginLimiter } from './login-limiter';
import { verifyAgainstDummy, verifyPassword } from './passwords';

const BAD_LOGIN = 'Ongeldige gebruikersnaam of wachtwoord / identifiants invalides';
const BAD_REFRESH = 'Sessie verlopen; meld opnieuw aan / session expirée, reconnectez-vous';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export function sessionUser(a: Account): SessionUser {
  return {
    id: a.id,
    username: a.username,
    role: a.role,
    displayName: a.displayName,
    ...(a.wachtpostId ? { wachtpostId: a.wachtpostId } : {}),
    ...(a.kringId ? { kringId: a.kringId } : {}),
    ...(a.gpId ? { gpId: a.gpId } : {}),
  };
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly limiter: LoginLimiter,
    private readonly config: GatewayConfig,
    private readonly sockets: SocketHub,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async login(username: string, password: string, ip: string): Promise<TokenResponse> {
    await this.limiter.admit(ip, username);
    const account = await this.accounts.findForLogin(username);
    const ok = account?.active
      ? await verifyPassword(password, account.passwordHash)
      : await verifyAgainstDummy(password);
    if (!account || !ok) {
      await this.limiter.failed(username);
      throw new UnauthorizedException(BAD_LOGIN);
    }
    await this.limiter.succeeded(username);
    const now = this.clock.now();
    const sessionId = randomUUID();
    const refreshToken = await this.dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO session (id, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [
        sessionId,
        account.id,
        now.toJSDate(),
        now.plus({ seconds: this.config.REFRESH_TOKEN_TTL_S }).toJSDate(),
      ]);
      return this.newRefreshToken(tx, sessionId);
    });
    this.logger.log(`login account=${account.id} session=${sessionId}`);
    return this.tokens(account, sessionId, refreshToken);
  }

  /**
   * Rotation: the presented token is spent and a new one issued. A spent token presented again
   * means it leaked (or a tab raced): the whole session is revoked.
   */
  async refresh(presented: string): Promise<TokenResponse> {
    const hash = sha256(presented);
    const now = this.clock.now();
    type Outcome =
      { ok: false; reused: string | null } | { ok: true; sessionId: string; accountId: string; next: string };
    const result = await this.dataSource.transaction(async (tx): Promise<Outcome> => {
      // TypeORM answers an UPDATE with [rows, count].
      const [[token]] = (await tx.query(
        `UPDATE refresh_token SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL RETURNING session_id`,
        [hash, now.toJSDate()],
      )) as [{ session_id: string }[], number];
      if (!token) {
        const [spent] = (await tx.query(`SELECT session_id FROM refresh_token WHERE token_hash = $1`, [
          hash,
        ])) as { session_id: string }[];
        return { ok: false, reused: spent?.session_id ?? null };
      }
      const [session] = (await tx.query(
        `SELECT s.id, s.account_id FROM session s JOIN account a ON a.id = s.account_id
          WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.active
          FOR UPDATE OF s`,
        [token.session_id, now.toJSDate()],
      )) as { id: string; account_id: string }[];
      if (!session) return { ok: false, reused: null };
      await tx.query(`UPDATE session SET last_refreshed_at = $2 WHERE id = $1`, [session.id, now.toJSDate()]);
      const next = await this.newRefreshToken(tx, session.id);
      return { ok: true, sessionId: session.id, accountId: session.account_id, next };
    });
    if (!result.ok) {
      if (result.reused) {
        this.logger.warn(`refresh token reused: revoking session=${result.reused}`);
        await this.revoke(result.reused, 'refresh_reuse');
      }
      throw new UnauthorizedException(BAD_REFRESH);
    }
    const account = await this.accounts.get(result.accountId);
    return this.tokens(account, result.sessionId, result.next);
  }

  /** Ends the session: its refresh token stops working and its sockets are closed. */
  async logout(sessionId: string): Promise<void> {
    await this.revoke(sessionId, 'logout');
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    if (isUuid(sessionId))
      await this.dataSource.query(
        `UPDATE session SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`,
        [sessionId, this.clock.now().toJSDate(), reason],
      );
    this.sockets.endSession(sessionId, reason === 'logout' ? 'logout' : 'revoked');
  }

  async revokeAllOf(accountId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE session SET revoked_at = $2, revoked_reason = $3 WHERE account_id = $1 AND revoked_at IS NULL`,
      [accountId, this.clock.now().toJSDate(), reason],
    );
    this.sockets.endAccount(accountId);
  }

  private async newRefreshToken(tx: EntityManager, sessionId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await tx.query(`INSERT INTO refresh_token (token_hash, session_id, created_at) VALUES ($1, $2, $3)`, [
      sha256(token),
      sessionId,
      this.clock.now().toJSDate(),
    ]);
    return token;
  }

  private tokens(account: Account, sessionId: string, refreshToken: string): TokenResponse {
    const user = sessionUser(account);
    const { token } = issueAccessToken(
      {
        sub: account.id,
        role: account.role,
        sid: sessionId,
        ...(user.wachtpostId ? { wachtpostId: user.wachtpostId } : {}),
        ...(user.kringId ? { kringId: user.kringId } : {}),
        ...(user.gpId ? { gpId: user.gpId } : {}),
      },
      this.config.AUTH_TOKEN_SECRET,
      this.config.ACCESS_TOKEN_TTL_S,
    );
    return { accessToken: token, refreshToken, expiresIn: this.config.ACCESS_TOKEN_TTL_S, user };
  }
}
