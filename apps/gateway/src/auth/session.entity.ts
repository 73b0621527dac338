import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One login. Revoking it kills its refresh tokens; its access tokens die within their short TTL. */
@Entity({ name: 'session' })
export class Session {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'last_refreshed_at', nullable: true })
  lastRefreshedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoked_reason', nullable: true })
  revokedReason: string | null;
}

/** A refresh token, stored as its SHA-256. Used once: refreshing marks it and issues the next. */
@Entity({ name: 'refresh_token' })
export class RefreshToken {
  @PrimaryColumn('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
